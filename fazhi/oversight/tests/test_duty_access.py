"""The leaders' duty registers through the other doors: roles, scoping, the audit
record of page edits, Excel import (all or nothing) and the API."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import login, user_with_role
from fazhi.oversight.choices import MeetingKind
from fazhi.oversight.duty import definitions
from fazhi.oversight.models import Meeting, Task, TaskProgress
from fazhi.oversight.tests import factories_duty as f
from fazhi.oversight.tests.factories import leader_of, office_of

pytestmark = pytest.mark.django_db


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


# -- roles and scoping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "register", "status"),
    [
        ("leader", "meetings", 200), ("leader", "plans", 200), ("leader", "admonitions", 200),
        ("leader", "officer-posts", 403), ("leader", "officer-assessments", 403),
        ("officer", "tasks", 403), ("officer", "meetings", 403),
        ("rule_of_law_office", "officer-assessments", 200), ("rule_of_law_office", "group-members", 200),
    ],
)  # fmt: skip
def test_who_may_add_what(client, town_a, role, register, status):
    login(client, user_with_role(f"u_{role}", role, town_a))
    assert client.get(f"/oversight/{register}/new/").status_code == status


@pytest.mark.parametrize("role", ["officer", "grid_worker", "window_clerk", "mediator", "legal_reviewer"])
def test_every_staff_role_reads_the_board(client, town_a, role):
    f.make_task(town_a)
    login(client, user_with_role(f"u_{role}", role, town_a))
    assert client.get("/oversight/tasks/board/?year=2023").status_code == 200
    assert client.get("/oversight/meetings/").status_code == 200


def test_another_towns_edit_page_is_not_found(client, town_a, town_b):
    meeting = f.make_meeting(town_a, dt.date(2023, 5, 5))
    login(client, office_of(town_b))
    assert client.get(f"/oversight/meetings/{meeting.pk}/edit/").status_code == 404
    assert client.get(f"/oversight/tasks/{f.make_task(town_a).pk}/").status_code == 404


def test_another_towns_task_takes_no_progress(client, town_a, town_b):
    task = f.make_task(town_a)
    login(client, office_of(town_b))
    r = client.post(
        f"/oversight/tasks/{task.pk}/progress/", {"on": "2023-04-01", "percent": "20", "text": "x"}
    )
    assert r.status_code == 404 and not TaskProgress.objects.exists()


def test_the_board_shows_only_the_users_town(client, town_a, town_b):
    f.make_task(town_b, title="乙镇任务")
    login(client, leader_of(town_a))
    r = client.get("/oversight/tasks/board/?year=2023")
    assert r.context["total"] == 0 and "乙镇任务" not in r.content.decode()


# -- the audit record of page edits -----------------------------------------------------------------


def test_a_page_edit_writes_one_event_with_the_changed_fields_only(client, town_a):
    meeting = f.make_meeting(town_a, dt.date(2023, 5, 5), title="专题会议")
    login(client, leader_of(town_a))
    data = {
        k: ("" if v is None else v) for k, v in definitions.meetings.form_class.initial_for(meeting).items()
    }
    data.update(on="2023-05-05", title="第二季度专题会议")
    assert client.post(f"/oversight/meetings/{meeting.pk}/edit/", data).status_code == 302
    event = _events("oversight.meeting.changed").get()
    assert (event.old, event.new) == ({"title": "专题会议"}, {"title": "第二季度专题会议"})
    # Saved again without a change: no event.
    data["title"] = "第二季度专题会议"
    client.post(f"/oversight/meetings/{meeting.pk}/edit/", data)
    assert _events("oversight.meeting.changed").count() == 1


# -- Excel -----------------------------------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a):
    leader = leader_of(town_a)
    upload = _upload([["所属单位代码", "会议日期", "会议类型", "会议名称", "主持人"],
                      [town_a.code, "2023-02-10", "法治建设专题会议", "一季度专题会议", leader.username],
                      [town_a.code, "2023年5月", "法治建设专题会议", "二季度专题会议", leader.username],
                      [town_a.code, "2023-08-10", "茶话会", "三季度专题会议", "不存在的领导"]])  # fmt: skip
    result = excel.import_workbook(definitions.meetings, office_of(town_a), upload)
    assert {(e.row, e.column) for e in result.errors} == {(3, "会议日期"), (4, "会议类型"), (4, "主持人")}
    assert not Meeting.objects.exists() and not _events("oversight.meeting.created").exists()


def test_an_exported_task_ledger_imports_back_unchanged(client, town_a):
    post = f.post_of(town_a)
    f.make_task(town_a, post=post)
    f.make_task(town_a, done_on=dt.date(2023, 5, 1))
    login(client, office_of(town_a))
    exported = client.get(definitions.tasks.url("export")).content
    r = client.post(definitions.tasks.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert _events("oversight.task.imported").get().new == {"created": 0, "updated": 0, "unchanged": 2}


def test_tasks_import_into_the_plan_of_their_year(town_a):
    plan, _leader = f.plan_of(town_a, 2023), leader_of(town_a)
    upload = _upload([["所属单位代码", "工作计划", "序号", "任务", "牵头领导", "完成时限", "完成日期"],
                      [town_a.code, "2023", 1, "编制执法事项清单", "周领导", "2023-05-31", "2023-05-20"],
                      [town_a.code, str(plan), 2, "公开年度报告", "周领导", "2023-03-31", None]])  # fmt: skip
    result = excel.import_workbook(definitions.tasks, office_of(town_a), upload)
    assert result.ok, result.errors
    assert dict(Task.objects.filter(plan=plan).values_list("title", "status")) == {
        "编制执法事项清单": "done",
        "公开年度报告": "not_started",
    }


def test_the_export_lists_the_filtered_year_only(client, town_a):
    f.make_meeting(town_a, dt.date(2023, 5, 5))
    f.make_meeting(town_a, dt.date(2024, 5, 5))
    login(client, leader_of(town_a))
    sheet = load_workbook(
        io.BytesIO(client.get(definitions.meetings.url("export") + "?year=2023").content)
    ).active
    assert sheet.max_row == 2


# -- the API -----------------------------------------------------------------------------------------


def test_a_meeting_is_recorded_through_the_api(client, town_a):
    leader = leader_of(town_a)
    login(client, leader)
    body = {"org_unit": town_a.pk, "on": "2023-05-05", "kind": MeetingKind.SPECIAL, "title": "专题会议",
            "chaired_by": leader.pk}  # fmt: skip
    r = client.post("/api/v1/oversight/meetings/", body, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["kind_label"] == "法治建设专题会议"
    assert _events("oversight.meeting.created").count() == 1


def test_the_api_refuses_a_chair_who_is_not_a_leader(client, town_a):
    login(client, leader_of(town_a))
    clerk = user_with_role("clerk", "window_clerk", town_a)
    body = {"org_unit": town_a.pk, "on": "2023-05-05", "kind": MeetingKind.SPECIAL, "title": "会议",
            "chaired_by": clerk.pk}  # fmt: skip
    r = client.post("/api/v1/oversight/meetings/", body, content_type="application/json")
    assert r.status_code == 400 and "chaired_by" in r.json()
    assert not Meeting.objects.exists()


def test_progress_is_reported_through_the_api(client, town_a):
    worker, post = f.worker_on_post(town_a)
    task = f.make_task(town_a, post=post)
    client.force_login(worker)
    r = client.post(f"/api/v1/oversight/tasks/{task.pk}/progress/", {"percent": 100, "text": "已完成"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "done" and [p["percent"] for p in r.json()["progress"]] == [100]


def test_an_officer_cannot_report_on_another_posts_task_through_the_api(client, town_a):
    worker, _post = f.worker_on_post(town_a)
    task = f.make_task(town_a, post=f.post_of(town_a, "PA-02"))
    client.force_login(worker)
    r = client.post(f"/api/v1/oversight/tasks/{task.pk}/progress/", {"percent": 10, "text": "x"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403 and not TaskProgress.objects.exists()


def test_another_towns_record_is_not_found_through_the_api(client, town_a, town_b):
    admonition = f.make_admonition(town_a)
    login(client, office_of(town_b))
    assert client.get(f"/api/v1/oversight/admonitions/{admonition.pk}/").status_code == 404
    assert client.get("/api/v1/oversight/admonitions/").json()["count"] == 0


def test_a_task_status_cannot_be_patched(client, town_a):
    task = f.make_task(town_a)
    login(client, office_of(town_a))
    r = client.patch(
        f"/api/v1/oversight/tasks/{task.pk}/", {"status": "done"}, content_type="application/json"
    )
    assert r.status_code == 200
    task.refresh_from_db()
    assert task.status == "not_started"
