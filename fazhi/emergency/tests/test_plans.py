"""Contingency plans: the first version recorded with the plan, the next revision
due (three years by default, configurable per plan) kept as a deadline, the
revision step and its history, corrections of the version in force, the
revision-state filter, the level checks, and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from fazhi.core.models import Attachment, AuditEvent, Deadline, Post
from fazhi.core.registers import excel
from fazhi.emergency import actions, definitions
from fazhi.emergency.choices import PlanLevel, PlanStatus
from fazhi.emergency.models import EmergencyPlan, PlanVersion
from fazhi.emergency.tests.factories import keeper_of, make_plan, village_of
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


def _deadline(plan: EmergencyPlan) -> Deadline:
    return Deadline.objects.get(object_id=str(plan.pk), key="revise")


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def _revise(plan, number="2026版", on=dt.date(2026, 4, 20), **extra):
    return actions.revise_plan(plan, actor=keeper_of(plan.org_unit.town), number=number, approved_on=on,
                               approved_by="测试镇人民政府", changes=extra.pop("changes", "调整指挥部成员"),
                               **extra)  # fmt: skip


# -- the first version and the due date ------------------------------------------------------


def test_a_new_plan_records_its_first_version_in_one_event(town_a):
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20), version="2023版")
    assert list(plan.versions.values_list("number", "approved_on")) == [("2023版", dt.date(2023, 4, 20))]
    event = _events("emergency.emergencyplan.created").get()
    assert event.new["versions"][0]["number"] == "2023版"


def test_the_next_revision_is_due_three_years_after_the_last_by_default(town_a):
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20))
    assert (plan.revision_years, plan.next_revision_due) == (3, dt.date(2026, 4, 20))


def test_the_interval_is_set_per_plan(town_a):
    assert make_plan(town_a, revised_on=dt.date(2023, 4, 20), revision_years=5).next_revision_due == dt.date(
        2028, 4, 20
    )


def test_a_revision_on_29_february_falls_due_on_28_february(town_a):
    assert make_plan(town_a, revised_on=dt.date(2024, 2, 29)).next_revision_due == dt.date(2027, 2, 28)


def test_an_interval_out_of_bounds_is_refused_in_chinese(town_a):
    with pytest.raises(ValidationError) as exc:
        make_plan(town_a, revision_years=0)
    assert exc.value.message_dict["revision_years"] == ["修订周期至少1年"]
    assert not EmergencyPlan.objects.exists() and not PlanVersion.objects.exists()


def test_the_revision_deadline_goes_to_the_responsible_post(town_a):
    post = Post.objects.create(org_unit=town_a, code="PA-05", name="应急管理岗")
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20), post=post)
    deadline = _deadline(plan)
    assert (deadline.due_date, deadline.post_id, deadline.closed_at) == (dt.date(2026, 4, 20), post.pk, None)
    assert deadline.label == "修订应急预案"


def test_a_plan_no_longer_in_force_closes_its_deadline(town_a):
    plan = make_plan(town_a)
    actions.update_plan(plan, actor=keeper_of(town_a), data={"status": PlanStatus.REPEALED})
    assert _deadline(plan).closed_at is not None


# -- revisions -----------------------------------------------------------------------------------


def test_a_revision_keeps_the_old_version_and_moves_the_due_date(town_a):
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20), version="2023版")
    plan = _revise(plan, number="2026版", on=dt.date(2026, 4, 20))
    assert (plan.version, plan.revised_on, plan.next_revision_due) == ("2026版", dt.date(2026, 4, 20),
                                                                       dt.date(2029, 4, 20))  # fmt: skip
    assert list(plan.versions.order_by("approved_on").values_list("number", flat=True)) == [
        "2023版",
        "2026版",
    ]
    assert _deadline(plan).due_date == dt.date(2029, 4, 20)
    event = _events("emergency.emergencyplan.revised").get()
    assert (event.old["version"], event.new["version"]) == ("2023版", "2026版")
    assert event.new["versions"][0]["changes"] == "调整指挥部成员"


def test_a_revision_needs_a_new_number(town_a):
    plan = make_plan(town_a, version="2023版")
    with pytest.raises(ValidationError, match="新版本号应与现行版本号不同"):
        _revise(plan, number="2023版")


def test_a_number_used_before_is_refused(town_a):
    plan = _revise(make_plan(town_a, version="2023版"), number="2026版")
    with pytest.raises(ValidationError, match="已登记过"):
        actions.update_plan(plan, actor=keeper_of(town_a), data={"version": "2023版"})
    assert plan.versions.count() == 2


def test_a_revision_may_not_predate_the_version_in_force(town_a):
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20))
    with pytest.raises(ValidationError, match="不能早于上一版本"):
        _revise(plan, on=dt.date(2022, 1, 1))
    assert PlanVersion.objects.count() == 1 and not _events("emergency.emergencyplan.revised").exists()


def test_a_revision_may_not_be_dated_in_the_future(town_a):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        _revise(make_plan(town_a), on=timezone.localdate() + dt.timedelta(days=1))


def test_a_repealed_plan_is_not_revised(town_a):
    plan = actions.update_plan(
        make_plan(town_a), actor=keeper_of(town_a), data={"status": PlanStatus.REPEALED}
    )
    with pytest.raises(RuleError) as exc:
        _revise(plan)
    assert exc.value.code == "plan_not_in_force"


def test_correcting_the_date_of_the_version_in_force_corrects_its_row(town_a):
    plan = make_plan(town_a, revised_on=dt.date(2023, 4, 20), version="2023版")
    plan = actions.update_plan(plan, actor=keeper_of(town_a), data={"revised_on": dt.date(2023, 5, 6)})
    assert list(plan.versions.values_list("number", "approved_on")) == [("2023版", dt.date(2023, 5, 6))]
    assert plan.next_revision_due == dt.date(2026, 5, 6)
    assert _events("emergency.emergencyplan.changed").count() == 1


def test_an_edit_without_changes_writes_nothing(town_a):
    plan = make_plan(town_a)
    before = AuditEvent.objects.count()
    actions.update_plan(plan, actor=keeper_of(town_a), data={"name": plan.name, "version": plan.version})
    assert AuditEvent.objects.count() == before


def test_a_new_version_number_on_the_edit_page_is_a_revision(client, town_a):
    plan = make_plan(town_a, version="2023版")
    client.force_login(keeper_of(town_a))
    data = definitions.plans.form_class.initial_for(plan)
    data.update(version="2026版", revised_on="2026-03-02", changes="更新通讯录", post="")
    r = client.post(definitions.plans.url("edit", plan.pk), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert plan.versions.count() == 2 and _events("emergency.emergencyplan.revised").count() == 1


def test_the_revision_step_on_the_plans_page_keeps_the_text(client, town_a):
    plan = make_plan(town_a, version="2023版")
    client.force_login(keeper_of(town_a))
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "登记修订" in page and "修订记录" in page
    r = client.post(f"/emergency/plans/{plan.pk}/revise/", {
        "number": "2026版", "approved_on": "2026-03-02", "approved_by": "测试镇人民政府", "changes": "更新通讯录",
        "file": SimpleUploadedFile("预案.pdf", PDF),
    }, follow=True)  # fmt: skip
    assert "已登记修订：2026版" in r.content.decode()
    version = PlanVersion.objects.get(number="2026版")
    assert version.file is not None and version.file.object_id == str(plan.pk)
    assert "预案.pdf" in r.content.decode()


def test_a_refused_file_keeps_no_revision(client, town_a):
    plan = make_plan(town_a)
    client.force_login(keeper_of(town_a))
    r = client.post(f"/emergency/plans/{plan.pk}/revise/", {
        "number": "2026版", "approved_on": "2026-03-02", "approved_by": "某", "changes": "某",
        "file": SimpleUploadedFile("x.exe", b"MZ\x90\x00not allowed"),
    }, follow=True)  # fmt: skip
    assert "文件类型不允许" in r.content.decode()
    assert PlanVersion.objects.count() == 1 and not Attachment.objects.exists()


def test_a_version_text_must_be_the_plans_own_attachment(town_a):
    plan, other = make_plan(town_a), make_plan(town_a)
    from fazhi.core import files

    attachment = files.store(
        SimpleUploadedFile("p.pdf", PDF), actor=keeper_of(town_a), org_unit=town_a, owner=other
    )
    with pytest.raises(ValidationError, match="应为本预案的附件"):
        _revise(plan, file=attachment)


def test_a_leader_reads_the_plan_but_cannot_revise_it(client, town_a, leader):
    from fazhi.core.tests.factories import login

    plan = make_plan(town_a)
    login(client, leader)
    assert "登记修订" not in client.get(plan.get_absolute_url()).content.decode()
    r = client.post(f"/emergency/plans/{plan.pk}/revise/", {"number": "2026版", "approved_on": "2026-03-02",
                                                            "approved_by": "某", "changes": "某"})  # fmt: skip
    assert r.status_code == 403


# -- the list --------------------------------------------------------------------------------------


def test_the_list_filters_by_revision_state(client, town_a, officer_town_a):
    today = timezone.localdate()
    overdue = make_plan(town_a, revised_on=dt.date(today.year - 4, 1, 10))
    soon = make_plan(town_a, revised_on=today.replace(year=today.year - 3) + dt.timedelta(days=10))
    later = make_plan(town_a, revised_on=today - dt.timedelta(days=30))
    repealed = make_plan(town_a, revised_on=dt.date(today.year - 5, 1, 10))
    actions.update_plan(repealed, actor=keeper_of(town_a), data={"status": PlanStatus.REPEALED})
    client.force_login(officer_town_a)
    for state, plan, label in (
        ("overdue", overdue, "已逾期"),
        ("soon", soon, "即将到期"),
        ("later", later, "未到期"),
    ):
        page = client.get(definitions.plans.list_url + f"?revision={state}")
        assert [o.pk for o in page.context["page"].object_list] == [plan.pk], state
        assert label in page.context["rows"][0][1]


# -- levels and names ------------------------------------------------------------------------------


def test_a_village_level_plan_belongs_to_a_village(town_a):
    with pytest.raises(ValidationError) as exc:
        make_plan(town_a, level=PlanLevel.VILLAGE)
    assert exc.value.message_dict["level"] == ["村（社区）级预案应登记在所属村（社区）下"]
    assert make_plan(village_of(town_a)).level == PlanLevel.VILLAGE


def test_two_plans_in_force_may_not_share_a_name(town_a):
    plan = make_plan(town_a)
    with pytest.raises(ValidationError, match="已有同名的现行有效预案"):
        make_plan(town_a, name=plan.name)
    actions.update_plan(plan, actor=keeper_of(town_a), data={"status": PlanStatus.SUPERSEDED})
    assert make_plan(town_a, name=plan.name).status == PlanStatus.IN_FORCE


def test_a_failed_audit_write_saves_neither_plan_nor_version(town_a, monkeypatch):
    keeper = keeper_of(town_a)

    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        make_plan(town_a)
    assert keeper.pk and not EmergencyPlan.objects.exists() and not PlanVersion.objects.exists()
    assert not Deadline.objects.exists()


# -- Excel -------------------------------------------------------------------------------------------


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    _revise(make_plan(town_a, version="2023版"))
    make_plan(town_a)
    client.force_login(keeper_of(town_a))
    exported = client.get(definitions.plans.url("export")).content
    r = client.post(definitions.plans.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert _events("emergency.emergencyplan.imported").get().new == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }


def test_a_ledger_row_with_a_new_version_records_a_revision(town_a):
    plan = make_plan(town_a, version="2023版")
    upload = _upload([["系统编号", "所属单位代码", "预案类别", "预案名称", "预案层级", "现行版本号", "最近修订日期",
                       "批准单位", "本版修订内容"],
                      [plan.pk, town_a.code, "自然灾害类", plan.name, "镇级", "2026版", "2026-03-02", "测试镇人民政府",
                       "更新通讯录"]])  # fmt: skip
    result = excel.import_workbook(definitions.plans, keeper_of(town_a), upload)
    assert result.ok, result.errors
    assert list(plan.versions.order_by("approved_on").values_list("number", flat=True)) == [
        "2023版",
        "2026版",
    ]


def test_one_bad_row_imports_no_plan_and_says_why_in_chinese(town_a):
    upload = _upload([["所属单位代码", "预案类别", "预案名称", "预案层级", "现行版本号", "最近修订日期", "批准单位"],
                      [town_a.code, "自然灾害类", "防汛应急预案", "镇级", "2023版", "2023-04-20", "测试镇人民政府"],
                      [town_a.code, "洪水类", "地灾应急预案", "镇级", "2023版", "2023年4月", "测试镇人民政府"],
                      [town_a.code, "公共卫生事件类", "公卫应急预案", "村（社区）级", "2023版", "2023-04-20",
                       "测试镇人民政府"]])  # fmt: skip
    result = excel.import_workbook(definitions.plans, keeper_of(town_a), upload)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "预案类别"),
        (3, "最近修订日期"),
        (4, "预案层级"),
    }
    assert any("应为以下之一" in e.message for e in result.errors)
    assert not EmergencyPlan.objects.exists() and not PlanVersion.objects.exists()
    assert not _events("emergency.emergencyplan.created").exists()
