"""The supervision models (监督预警模型): each model with a record that triggers it
and one that does not; the scan's idempotence and audit; confirming and
dismissing (note, permission, scope, audit); the register list's fixed query
count, the models page's hit counts and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role, valid_resident_id
from fazhi.disputes.tests.factories_disputes import advance, make_dispute, party
from fazhi.enforcement import actions as enforcement
from fazhi.enforcement import disclosure
from fazhi.enforcement.choices import DecisionKind, PenaltyKind
from fazhi.enforcement.models import Case, Disclosure
from fazhi.enforcement.tests.factories import (
    individual_party,
    make_ordinary_case,
    make_summary_case,
    officer_pair,
    organisation_party,
    summary_matter,
)
from fazhi.law import RuleError
from fazhi.reports.choices import FlagStatus
from fazhi.reports.models import SupervisionFlag
from fazhi.reports.supervision import actions, jobs, rules

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 12, 31)
VIEW = ("legal_reviewer", "rule_of_law_office", "leader")
HANDLE = ("legal_reviewer", "rule_of_law_office")


@pytest.fixture(autouse=True)
def _grants(db):
    """The grants the reports app gives these roles (fazhi/reports/apps.py); added here
    too so that the tests stand whether or not the app's grant is in yet."""
    view = Permission.objects.get(codename="view_supervisionflag", content_type__app_label="reports")
    handle = Permission.objects.get(codename="handle_supervisionflag", content_type__app_label="reports")
    for role in VIEW:
        Group.objects.get(name=role).permissions.add(view)
    for role in HANDLE:
        Group.objects.get(name=role).permissions.add(handle)


def _hits(code: str, unit, today: dt.date = TODAY) -> list[rules.Hit]:
    return rules.run(rules.BY_CODE[code], unit, today)


def _records(code: str, unit, today: dt.date = TODAY) -> set:
    return {h.record.pk for h in _hits(code, unit, today)}


# -- 1. summary fines at the cap ------------------------------------------------------------


def _summary_cases(town, handler, fines, *, officers=None, start=dt.date(2023, 3, 1), party=None):
    officers = officers or officer_pair(town)
    matter = summary_matter(town)
    return [
        make_summary_case(town, handler, on=start + dt.timedelta(days=7 * i), fine=Decimal(f),
                          officers=officers, matter=matter, party=party or individual_party(town))
        for i, f in enumerate(fines)
    ]  # fmt: skip


def test_an_officer_fining_at_the_cap_five_times_is_flagged_on_the_latest_case(town_a, officer_town_a):
    cases = _summary_cases(town_a, officer_town_a, [200] * 5)
    hits = _hits("summary_fine_cap", town_a)
    assert [h.record.pk for h in hits] == [cases[-1].pk]  # both officers' patterns end on it: one hit
    reason = hits[0].reason
    assert "有5起为上限" in reason and "自然人200元" in reason and "阈值：同一人员一年内5起以上" in reason
    assert "执法员" in reason and "；" in reason  # each officer of the pair named


def test_four_fines_at_the_cap_and_one_below_are_not_flagged(town_a, officer_town_a):
    _summary_cases(town_a, officer_town_a, [200, 200, 150, 200, 200])
    assert _hits("summary_fine_cap", town_a) == []


def test_the_cap_threshold_is_tuned_by_setting(town_a, officer_town_a, settings):
    _summary_cases(town_a, officer_town_a, [200] * 5)
    settings.FAZHI_SUPERVISION_THRESHOLDS = {"SUMMARY_CAP_REPEATS": 6}
    assert _hits("summary_fine_cap", town_a) == []
    assert rules.SUMMARY_CAP_REPEATS.text == "6起以上"


def test_fines_at_the_cap_before_the_period_do_not_count(town_a, officer_town_a):
    _summary_cases(town_a, officer_town_a, [200] * 5)
    assert (
        _hits("summary_fine_cap", town_a, today=dt.date(2024, 6, 1)) == []
    )  # the first ones are > 365 days old


# -- 2. summary fines of one amount ---------------------------------------------------------


def test_an_officer_fining_the_same_amount_six_times_is_flagged(town_a, officer_town_a):
    cases = _summary_cases(town_a, officer_town_a, [100] * 6)
    hits = _hits("summary_fine_same_amount", town_a)
    assert [h.record.pk for h in hits] == [cases[-1].pk]
    assert "6起金额同为100元（占100%）" in hits[0].reason and "同一金额6起以上且占80%以上" in hits[0].reason


def test_the_same_amount_as_less_than_the_share_is_not_flagged(town_a, officer_town_a):
    _summary_cases(town_a, officer_town_a, [100] * 6 + [50, 80])  # 6 of 8: 75%
    assert _hits("summary_fine_same_amount", town_a) == []


def test_the_same_amount_at_the_cap_is_left_to_the_cap_model(town_a, officer_town_a):
    _summary_cases(town_a, officer_town_a, [200] * 6)
    assert _hits("summary_fine_same_amount", town_a) == []


# -- 3. decisions on the last allowed day ---------------------------------------------------


def test_a_decision_on_the_last_day_of_the_period_is_flagged(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, until="notified")
    case = enforcement.decide_case(case, actor=officer_town_a, decision_kind=DecisionKind.PENALTY,
                                   penalty_kind=PenaltyKind.FINE, fine=Decimal("1000"), on=case.decision_due)  # fmt: skip
    hits = _hits("decided_on_last_day", town_a)
    assert [h.record.pk for h in hits] == [case.pk]
    assert "在期限的最后一日作出" in hits[0].reason and "行政处罚法第六十条" in hits[0].reason


def test_a_decision_well_within_the_period_is_not_flagged(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, until="decided")
    assert case.decided_on < case.decision_due
    assert _hits("decided_on_last_day", town_a) == []


def test_a_wider_margin_flags_decisions_in_the_last_days(town_a, officer_town_a, settings):
    case = make_ordinary_case(town_a, officer_town_a, until="notified")
    on = case.decision_due - dt.timedelta(days=2)
    enforcement.decide_case(case, actor=officer_town_a, decision_kind=DecisionKind.PENALTY,
                            penalty_kind=PenaltyKind.FINE, fine=Decimal("1000"), on=on)  # fmt: skip
    assert _hits("decided_on_last_day", town_a) == []
    settings.FAZHI_SUPERVISION_THRESHOLDS = {"LAST_DAY_MARGIN": 3}
    hits = _hits("decided_on_last_day", town_a)
    assert [h.record.pk for h in hits] == [case.pk] and "在期限届满前2日作出" in hits[0].reason


# -- 4. cases pending far longer than the median -------------------------------------------


def test_a_case_pending_beyond_twice_the_median_is_flagged_and_a_recent_one_is_not(town_a, officer_town_a):
    decided = [make_ordinary_case(town_a, officer_town_a, until="decided", filed_on=dt.date(2023, 3, 6) +
                                  dt.timedelta(days=14 * i)) for i in range(5)]  # fmt: skip
    median = sorted((c.decided_on - c.filed_on).days for c in decided)[2]
    old = make_ordinary_case(town_a, officer_town_a, until="investigating", filed_on=dt.date(2023, 9, 1))
    recent = make_ordinary_case(town_a, officer_town_a, until="investigating", filed_on=dt.date(2023, 12, 11))
    found = _hits("pending_over_median", town_a)
    assert [h.record.pk for h in found] == [old.pk]
    assert recent.pk not in {h.record.pk for h in found}
    assert f"中位数（{median}日，5起）" in found[0].reason and "已121日未作出决定" in found[0].reason


def test_pending_cases_are_not_compared_with_too_few_decided_ones(town_a, officer_town_a):
    for i in range(4):
        make_ordinary_case(
            town_a, officer_town_a, until="decided", filed_on=dt.date(2023, 3, 6) + dt.timedelta(days=14 * i)
        )
    make_ordinary_case(town_a, officer_town_a, until="investigating", filed_on=dt.date(2023, 6, 1))
    assert _hits("pending_over_median", town_a) == []


# -- 5. repeated enforcement at one business --------------------------------------------------


def test_three_cases_at_one_business_within_thirty_days_are_flagged(town_a, officer_town_a):
    firm = organisation_party(town_a)
    cases = [make_summary_case(town_a, officer_town_a, on=d, party=firm, fine=Decimal("500"))
             for d in (dt.date(2023, 5, 2), dt.date(2023, 5, 11), dt.date(2023, 5, 25))]  # fmt: skip
    hits = _hits("repeat_business_inspection", town_a)
    assert [h.record.pk for h in hits] == [cases[-1].pk]
    assert f"{firm.name}在2023-05-02至2023-05-25的24日内" in hits[0].reason and "立案3起" in hits[0].reason


def test_three_cases_at_one_business_spread_over_months_are_not_flagged(town_a, officer_town_a):
    firm = organisation_party(town_a)
    for d in (dt.date(2023, 5, 2), dt.date(2023, 6, 15), dt.date(2023, 8, 1)):
        make_summary_case(town_a, officer_town_a, on=d, party=firm, fine=Decimal("500"))
    assert _hits("repeat_business_inspection", town_a) == []


def test_cases_at_a_person_are_not_inspections_of_a_business(town_a, officer_town_a):
    person = individual_party(town_a)
    for d in (dt.date(2023, 5, 2), dt.date(2023, 5, 11), dt.date(2023, 5, 25)):
        make_summary_case(town_a, officer_town_a, on=d, party=person, fine=Decimal("50"))
    assert _hits("repeat_business_inspection", town_a) == []


# -- 6. decisions that should have been published --------------------------------------------


def test_a_decision_still_queued_after_its_due_date_is_flagged(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, until="decided")
    due = Disclosure.objects.get(case=case).due_on
    assert _hits("unpublished_decision", town_a, today=due) == []  # due today: not yet late
    hits = _hits("unpublished_decision", town_a)
    assert [h.record.pk for h in hits] == [case.pk]
    assert f"应于{due:%Y-%m-%d}前公示" in hits[0].reason and "仍在待公示队列中" in hits[0].reason


def test_a_published_decision_is_not_flagged(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, until="decided")
    item = Disclosure.objects.get(case=case)
    disclosure.publish(item, actor=officer_town_a, on=item.due_on)
    assert _hits("unpublished_decision", town_a) == []


def test_a_decision_that_never_reached_the_queue_is_flagged(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, until="decided")
    Disclosure.objects.filter(case=case).delete()  # as a decision imported without the decision action
    hits = _hits("unpublished_decision", town_a)
    assert [h.record.pk for h in hits] == [case.pk] and "未进入公示队列" in hits[0].reason


def test_a_summary_decision_the_body_does_not_publish_is_not_flagged(town_a, officer_town_a):
    make_summary_case(town_a, officer_town_a, on=dt.date(2023, 5, 2))
    assert _hits("unpublished_decision", town_a) == []


# -- 7. disputes registered again after their close -------------------------------------------


def test_a_dispute_between_the_same_parties_soon_after_a_close_is_flagged(town_a):
    a, b = party(), party()
    first = advance(make_dispute(town_a, parties=[a, b], registered_on=dt.date(2023, 3, 1)), to="closed")
    again = make_dispute(town_a, parties=[dict(a), dict(b)], registered_on=dt.date(2023, 5, 1))
    other = make_dispute(town_a, parties=[dict(a), party()], registered_on=dt.date(2023, 5, 2))
    hits = _hits("dispute_reregistered", town_a)
    assert [h.record.pk for h in hits] == [again.pk]
    assert other.pk != again.pk
    reason = hits[0].reason
    assert f"于{first.closed_on:%Y-%m-%d}结案" in reason and a["name"] not in reason  # names masked
    assert "结案后180日内相同当事人2人以上" in reason


def test_a_dispute_long_after_the_close_is_not_flagged(town_a):
    a, b = party(), party()
    advance(make_dispute(town_a, parties=[a, b], registered_on=dt.date(2023, 1, 3)), to="closed")
    make_dispute(town_a, parties=[dict(a), dict(b)], registered_on=dt.date(2023, 11, 1))
    assert _hits("dispute_reregistered", town_a) == []


def test_parties_are_matched_by_their_id_number(town_a):
    rid = valid_resident_id()
    a, b = party(resident_id=rid), party()
    advance(make_dispute(town_a, parties=[a, b], registered_on=dt.date(2023, 3, 1)), to="closed")
    renamed = {**a, "name": "改名人"}
    again = make_dispute(town_a, parties=[renamed, dict(b)], registered_on=dt.date(2023, 5, 1))
    assert _records("dispute_reregistered", town_a) == {again.pk}


# -- the scan -------------------------------------------------------------------------------


def test_the_scan_flags_once_per_model_and_record_whatever_the_flags_status(town_a, officer_town_a, reviewer):
    cases = _summary_cases(town_a, officer_town_a, [200] * 5)
    first = actions.scan(town_a, today=TODAY)
    assert first.created["summary_fine_cap"] == 1 and first.hits["summary_fine_cap"] == 1
    flag = SupervisionFlag.objects.get(model_code="summary_fine_cap")
    assert flag.target == cases[-1] and flag.org_unit == town_a and flag.status == FlagStatus.OPEN
    assert flag.url == cases[-1].get_absolute_url() and flag.detected_on == TODAY
    created_events = AuditEvent.objects.filter(action="reports.supervisionflag.created")
    assert created_events.count() == SupervisionFlag.objects.count()
    assert created_events.filter(target_id=str(flag.pk), actor_id=None).exists()

    again = actions.scan(town_a, today=TODAY)
    assert again.total_created == 0 and again.hits["summary_fine_cap"] == 1
    actions.dismiss(flag, actor=reviewer, note="该路段为重点整治区域，经核实均按裁量基准最高档处罚")
    assert actions.scan(town_a, today=TODAY + dt.timedelta(days=1)).total_created == 0
    assert SupervisionFlag.objects.filter(model_code="summary_fine_cap").count() == 1
    assert (
        created_events.count() == SupervisionFlag.objects.count()
    )  # no event for the scans that found nothing new


def test_a_new_case_continuing_the_pattern_raises_a_new_flag(town_a, officer_town_a):
    officers = officer_pair(town_a)
    _summary_cases(town_a, officer_town_a, [200] * 5, officers=officers)
    actions.scan(town_a, today=TODAY)
    _summary_cases(town_a, officer_town_a, [200], officers=officers, start=dt.date(2023, 12, 1))
    assert actions.scan(town_a, today=TODAY).created["summary_fine_cap"] == 1
    assert SupervisionFlag.objects.filter(model_code="summary_fine_cap").count() == 2


def test_the_scan_of_a_town_sees_only_that_town(town_a, town_b, officer_town_a):
    _summary_cases(town_a, officer_town_a, [200] * 5)
    assert actions.scan(town_b, today=TODAY).total_created == 0
    assert not SupervisionFlag.objects.exists()


def test_the_nightly_job_scans_every_town(town_a, town_b, officer_town_a):
    _summary_cases(town_a, officer_town_a, [200] * 5)
    assert jobs.scan_all(today=TODAY) == 1
    assert jobs.scan_all(today=TODAY) == 0


def test_a_person_scanning_needs_the_handling_permission_and_scope(town_a, town_b, officer_town_a, reviewer):
    with pytest.raises(PermissionDenied):
        actions.scan(town_a, today=TODAY, actor=officer_town_a)
    with pytest.raises(PermissionDenied):
        actions.scan(town_b, today=TODAY, actor=reviewer)
    assert actions.scan(town_a, today=TODAY, actor=reviewer).total_created == 0


def test_every_model_is_documented_with_its_thresholds():
    assert len(rules.MODELS) >= 6 and len(rules.BY_CODE) == len(rules.MODELS)
    for model in rules.MODELS:
        assert model.name and model.description and model.record_label and model.params
        for param in model.thresholds():
            assert param.why and param.label and isinstance(param.value, int)


# -- handling a flag ----------------------------------------------------------------------


def _flag(
    unit, *, code="summary_fine_cap", status=FlagStatus.OPEN, detected_on=TODAY, n=1
) -> SupervisionFlag:
    """A flag as the scan leaves it (on a record that need not exist: the list and the
    handling never read the record)."""
    return SupervisionFlag.objects.create(
        org_unit=unit, model_code=code, content_type=ContentType.objects.get_for_model(Case),
        object_id=str(900000 + n + SupervisionFlag.objects.count()), target_label=f"云江执罚〔2023〕{n}号",
        url="", reason="执法人员张三……（阈值：同一人员一年内5起以上）", detected_on=detected_on, status=status,
    )  # fmt: skip


def test_confirming_records_the_note_handler_and_an_audit_event(town_a, reviewer):
    flag = actions.confirm(_flag(town_a), actor=reviewer, note="已约谈执法人员，纳入案卷评查")
    assert flag.status == FlagStatus.CONFIRMED and flag.handled_by == reviewer and flag.note
    event = AuditEvent.objects.get(action="reports.supervisionflag.confirmed", target_id=str(flag.pk))
    assert (
        event.actor_id == reviewer.pk and "纳入案卷评查" in event.message and event.org_unit_id == town_a.pk
    )


def test_dismissing_needs_a_note(town_a, reviewer):
    flag = _flag(town_a)
    with pytest.raises(RuleError) as refused:
        actions.dismiss(flag, actor=reviewer, note="  ")
    assert refused.value.code == "note_required" and "须说明理由" in str(refused.value)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    actions.dismiss(flag, actor=reviewer, note="系专项整治期间统一标准")
    assert AuditEvent.objects.filter(action="reports.supervisionflag.dismissed").count() == 1


def test_only_an_open_flag_is_handled(town_a, reviewer):
    flag = actions.confirm(_flag(town_a), actor=reviewer)
    with pytest.raises(RuleError) as refused:
        actions.dismiss(flag, actor=reviewer, note="重复处理")
    assert refused.value.code == "flag_handled" and "已确认" in str(refused.value)


def test_handling_needs_the_permission_and_the_flags_town(town_a, town_b, officer_town_a, leader):
    flag = _flag(town_a)
    stranger = user_with_role("reviewer_b", "legal_reviewer", town_b)
    for actor in (officer_town_a, leader, stranger):
        with pytest.raises(PermissionDenied):
            actions.confirm(flag, actor=actor, note="")
    assert not AuditEvent.objects.filter(action__startswith="reports.supervisionflag.").exists()


# -- pages -------------------------------------------------------------------------------


def test_the_flag_page_offers_the_forms_and_handles_them(client, town_a, reviewer):
    flag = _flag(town_a)
    login(client, reviewer)
    page = client.get(reverse("reports:flags-detail", args=[flag.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="flag-confirm"' in text and "简易程序罚款反复顶格" in text
    url = reverse("reports:flags-handle", args=[flag.pk, "dismiss"])
    refused = client.post(url, {"note": ""}, follow=True)
    assert "排除预警须说明理由" in refused.content.decode()
    client.post(url, {"note": "经核实属实际情况"})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED and flag.note == "经核实属实际情况"
    assert (
        'data-testid="flag-confirm"'
        not in client.get(reverse("reports:flags-detail", args=[flag.pk])).content.decode()
    )


def test_a_leader_reads_flags_without_the_forms(client, town_a, leader):
    flag = _flag(town_a)
    login(client, leader)
    text = client.get(reverse("reports:flags-detail", args=[flag.pk])).content.decode()
    assert 'data-testid="flag-confirm"' not in text
    assert (
        client.post(reverse("reports:flags-handle", args=[flag.pk, "confirm"]), follow=True).status_code
        == 200
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_another_towns_flag_is_404_on_the_pages_and_in_the_api(client, town_a, town_b):
    flag = _flag(town_a)
    stranger = user_with_role("reviewer_b", "legal_reviewer", town_b)
    login(client, stranger)
    assert client.get(reverse("reports:flags-detail", args=[flag.pk])).status_code == 404
    assert client.post(reverse("reports:flags-handle", args=[flag.pk, "confirm"])).status_code == 404
    assert client.get(f"/api/v1/reports/flags/{flag.pk}/").status_code == 404
    assert client.post(f"/api/v1/reports/flags/{flag.pk}/confirm/", {}).status_code == 404
    assert client.get("/api/v1/reports/flags/").json()["count"] == 0


def test_an_officer_has_no_flag_pages(client, town_a, officer_town_a):
    login(client, officer_town_a)
    assert client.get(reverse("reports:flags-list")).status_code == 403
    assert client.get(reverse("reports:flags-models")).status_code == 403


def test_the_list_costs_a_fixed_number_of_queries(client, town_a, reviewer):
    login(client, reviewer)
    url = reverse("reports:flags-list")
    _flag(town_a)
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(10):
        handled = actions.confirm(_flag(town_a, n=n + 2), actor=reviewer) if n % 2 else _flag(town_a, n=n + 2)
        assert handled.pk
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert page.content.decode().count("云江执罚〔2023〕") >= 11
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_filters_by_model_status_and_year(client, town_a, reviewer):
    _flag(town_a)
    _flag(town_a, code="dispute_reregistered", status=FlagStatus.DISMISSED)
    _flag(town_a, detected_on=dt.date(2022, 5, 1))
    login(client, reviewer)
    url = reverse("reports:flags-list")

    def count(**params):
        return client.get(url, params).context["page"].paginator.count

    assert count() == 3
    assert count(model="summary_fine_cap") == 2
    assert count(status="dismissed") == 1
    assert count(year=2023) == 2 and count(year=2022) == 1
    assert count(org_unit=town_a.pk, model="summary_fine_cap", year=2023) == 1


def test_the_models_page_reports_each_models_hit_counts_for_the_year(client, town_a, town_b, reviewer):
    _flag(town_a)
    _flag(town_a, status=FlagStatus.CONFIRMED)
    _flag(town_a, status=FlagStatus.DISMISSED)
    _flag(town_a, code="dispute_reregistered")
    _flag(town_a, detected_on=dt.date(2022, 5, 1))  # another year
    _flag(town_b)  # another town
    login(client, reviewer)
    page = client.get(reverse("reports:flags-models"), {"year": 2023})
    assert page.status_code == 200
    rows = {r["model"].code: r for r in page.context["rows"]}
    assert set(rows) == set(rules.BY_CODE)
    cap = rows["summary_fine_cap"]
    assert (cap["total"], cap["open"], cap["confirmed"], cap["dismissed"]) == (3, 1, 1, 1)
    assert rows["dispute_reregistered"]["total"] == 1 and rows["decided_on_last_day"]["total"] == 0
    assert page.context["totals"]["total"] == 4
    text = page.content.decode()
    assert (
        'data-threshold="SUMMARY_CAP_REPEATS"' in text
        and "5起以上" in text
        and "行政处罚法第五十一条" in text
    )
    assert "model=summary_fine_cap" in text and "status=open" in text


def test_scanning_from_the_models_page(client, town_a, officer_town_a, reviewer):
    login(client, reviewer)
    page = client.post(reverse("reports:flags-scan"), follow=True)
    assert page.status_code == 200 and "扫描完成" in page.content.decode()


# -- API ---------------------------------------------------------------------------------


def test_the_api_lists_confirms_and_dismisses(client, town_a, reviewer):
    one, two = _flag(town_a), _flag(town_a, n=2)
    login(client, reviewer)
    listed = client.get("/api/v1/reports/flags/", {"model": "summary_fine_cap", "status": "open"}).json()
    assert listed["count"] == 2 and listed["results"][0]["model_name"] == "简易程序罚款反复顶格"
    refused = client.post(f"/api/v1/reports/flags/{one.pk}/dismiss/", {}, content_type="application/json")
    assert refused.status_code == 400
    done = client.post(f"/api/v1/reports/flags/{one.pk}/dismiss/", {"note": "经核实无异常"},
                       content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "dismissed"
    confirmed = client.post(f"/api/v1/reports/flags/{two.pk}/confirm/", {}, content_type="application/json")
    assert confirmed.status_code == 200 and confirmed.json()["status_label"] == "已确认"
    again = client.post(f"/api/v1/reports/flags/{two.pk}/confirm/", {}, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "flag_handled"
    assert client.post("/api/v1/reports/flags/", {}, content_type="application/json").status_code in (
        403,
        405,
    )


def test_a_leader_may_read_but_not_handle_through_the_api(client, town_a, leader):
    flag = _flag(town_a)
    login(client, leader)
    assert client.get(f"/api/v1/reports/flags/{flag.pk}/").status_code == 200
    assert (
        client.post(
            f"/api/v1/reports/flags/{flag.pk}/confirm/", {}, content_type="application/json"
        ).status_code
        == 403
    )
