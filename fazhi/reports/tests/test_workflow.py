"""A report's life: created from the town's template, edited as a draft, reviewed,
approved by a leader, submitted, published with a frozen snapshot; its deadlines
in the deadline table; every step audited; wrong orders and roles refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import town, user_with_role
from fazhi.disputes.tests.factories_remedies import make_reconsideration
from fazhi.law import RuleError
from fazhi.reports import actions
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.document import BuiltReport
from fazhi.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(town_a):
    return user_with_role("fzb_a", "rule_of_law_office", town_a, display_name="赵法治")


def _deadlines(report):
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_id=str(report.pk)
    )


def _publish(report, office, leader):
    report = actions.take_step(report, "review", actor=office, on=dt.date(2024, 2, 5))
    report = actions.take_step(report, "approve", actor=leader, on=dt.date(2024, 2, 19))
    report = actions.take_step(report, "submit", actor=office, on=dt.date(2024, 2, 26))
    return actions.take_step(report, "publish", actor=office, on=dt.date(2024, 3, 20))


def test_a_report_starts_from_the_towns_template_and_its_deadlines_are_the_towns(town_a, office):
    actions.save_template(town_a, "annual", actor=office, data={
        "texts": {"preamble": "{单位}{年度}年度报告。", "measures": "全年适用简易程序作出行政处罚{简易程序处罚}。"},
        "order": ["measures", "leaders_duty", "shortcomings", "next_year", "other"],
        "rounding": {"drills": 0}, "submit_by": "02-20", "publish_by": "",
    })  # fmt: skip
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    assert report.texts["measures"] == "全年适用简易程序作出行政处罚{简易程序处罚}。"
    assert report.order[-1] == "other" and report.rounding == {"drills": 0}
    assert report.submit_due_on == dt.date(2024, 2, 20)
    assert report.publish_due_on == dt.date(2024, 4, 1)  # the rulebook's day
    due = dict(_deadlines(report).values_list("key", "due_date"))
    assert due == {"submit": dt.date(2024, 2, 20), "publish": dt.date(2024, 4, 1)}
    assert AuditEvent.objects.filter(action="reports.report.created").count() == 1


def test_the_disclosure_report_is_due_by_31_january_and_needs_no_submission(town_a, office, leader):
    report = actions.create_report(town_a, "disclosure", 2023, actor=office)
    assert report.submit_due_on is None and report.publish_due_on == dt.date(2024, 1, 31)
    keys = set(_deadlines(report).values_list("key", flat=True))
    assert keys == {"publish_disclosure"}
    report = actions.take_step(report, "review", actor=office)
    report = actions.take_step(report, "approve", actor=leader)
    with pytest.raises(RuleError, match="草稿 → 已审核 → 已审定 → 已公开"):
        actions.take_step(report, "submit", actor=office)
    report = actions.take_step(report, "publish", actor=office)
    assert report.status == ReportStatus.PUBLISHED
    assert _deadlines(report).get(key="publish_disclosure").closed_at is not None


def test_a_second_report_of_the_same_year_and_a_future_year_are_refused(town_a, office):
    actions.create_report(town_a, "annual", 2023, actor=office)
    with pytest.raises(RuleError, match="已经建立"):
        actions.create_report(town_a, "annual", 2023, actor=office)
    with pytest.raises(RuleError, match="年度应在2000年"):
        actions.create_report(town_a, "annual", 2999, actor=office)
    assert Report.objects.count() == 1


def test_only_a_draft_is_edited_and_unknown_names_are_refused_with_nothing_saved(town_a, office, leader):
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    with pytest.raises(ValidationError, match="不存在的数据"):
        actions.update_report(
            report, actor=office, data={"texts": {**report.texts, "measures": "共{不存在的数据}。"}}
        )
    report.refresh_from_db()
    assert "{不存在的数据}" not in report.texts["measures"] and report.revision == 0
    report = actions.update_report(
        report, actor=office, data={"texts": {**report.texts, "other": "另：无。"}}
    )
    assert report.revision == 1
    with pytest.raises(ValidationError, match="必备部分不能删去"):
        actions.update_report(report, actor=office, data={"order": ["measures", "next_year"]})
    actions.take_step(report, "review", actor=office)
    with pytest.raises(RuleError, match="只有草稿可以修改"):
        actions.update_report(report, actor=office, data={"comparison": True})


def test_steps_follow_the_table_need_their_roles_and_a_return_needs_a_reason(town_a, office, leader):
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    with pytest.raises(RuleError, match="不能「领导审定」"):
        actions.take_step(report, "approve", actor=leader)
    report = actions.take_step(report, "review", actor=office)
    with pytest.raises(PermissionDenied):
        actions.take_step(report, "approve", actor=office)  # the office does not approve
    with pytest.raises(RuleError, match="须写明理由"):
        actions.take_step(report, "return", actor=leader, note=" ")
    report = actions.take_step(report, "return", actor=leader, note="第四部分请补充具体措施")
    assert report.status == ReportStatus.DRAFT and report.reviewed_on is None
    verbs = list(
        AuditEvent.objects.filter(action__startswith="reports.report.").values_list("action", flat=True)
    )
    assert verbs == ["reports.report.created", "reports.report.reviewed", "reports.report.returned"]
    assert [s.label for s in report.steps.all()] == ["审核通过", "退回修改"]


def test_a_step_may_not_be_dated_before_the_previous_one(town_a, office, leader):
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    report = actions.take_step(report, "review", actor=office, on=dt.date(2024, 2, 5))
    with pytest.raises(RuleError, match="不能早于审核日期"):
        actions.take_step(report, "approve", actor=leader, on=dt.date(2024, 2, 1))


def test_the_published_text_does_not_move_when_a_record_is_added_later(town_a, office, leader):
    from fazhi.reports.builder import build_for

    report = _publish(actions.create_report(town_a, "annual", 2023, actor=office), office, leader)
    assert report.submitted_to == "中共云阳县委、云阳县人民政府"
    snapshot = BuiltReport.from_dict(report.published_snapshot)
    assert snapshot.dated == "2024年2月19日"
    assert all(not p.suggestions for p in snapshot.parts)
    assert "行政复议无" in snapshot.text()
    make_reconsideration(town_a, copy_served_on=dt.date(2023, 6, 1))
    report.refresh_from_db()
    assert "行政复议无" in BuiltReport.from_dict(report.published_snapshot).text()
    assert "行政复议1件" in build_for(report).text()
    keys = dict(_deadlines(report).values_list("key", "closed_at"))
    assert set(keys) == {"submit", "publish"} and all(closed is not None for closed in keys.values())


def test_another_towns_office_cannot_touch_the_report(town_a, office, county_unit):
    other = town("500235199", "外镇", county_unit)
    stranger = user_with_role("fzb_x", "rule_of_law_office", other)
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    with pytest.raises(PermissionDenied):
        actions.take_step(report, "review", actor=stranger)
    with pytest.raises(PermissionDenied):
        actions.update_report(report, actor=stranger, data={"comparison": True})
    with pytest.raises(PermissionDenied):
        actions.create_report(town_a, "disclosure", 2023, actor=stranger)


def test_the_nightly_job_makes_every_towns_drafts_once(town_a, town_b):
    assert actions.ensure_reports(2023) == 4
    assert actions.ensure_reports(2023) == 0
    assert set(Report.objects.values_list("kind", flat=True)) == set(ReportKind.values)
    assert Deadline.objects.filter(key="submit").count() == 2


def test_the_reports_rounding_setting_words_the_figure(town_a, office):
    from fazhi.emergency.tests.factories import make_drill
    from fazhi.reports.builder import build_for

    for day in range(12):
        make_drill(town_a, held_on=dt.date(2023, 3, 1) + dt.timedelta(days=day))
    report = actions.create_report(town_a, "annual", 2023, actor=office)
    assert "组织开展各类应急演练10余次" in build_for(report).text()  # the default: down to tens
    report = actions.update_report(report, actor=office, data={"rounding": {"drills": 0}})
    assert "组织开展各类应急演练12次" in build_for(report).text()


def test_a_build_reads_the_figures_once(town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.reports import annual
    from fazhi.reports.figures import compute_all

    with CaptureQueriesContext(connection) as figures_only:
        compute_all(town_a, 2023)
    with CaptureQueriesContext(connection) as whole:
        annual.build(town_a, 2023)
    # Beyond the figures: the leaders' duty summary and the suggestions'
    # own two (open rectifications, late disclosures); the suggestions read the
    # build's figures instead of asking the registers again (that was 4 more).
    assert len(whole) - len(figures_only) == 8
