"""The task board (挂图作战): a task's deadline belongs to its lead leader with its
post and closes when the task is done; its status follows the progress reported;
an officer reports only on the tasks of their post; completion per person counts
on time, late and open by the rule; the board groups the year's tasks."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import login, user_with_role
from fazhi.law import RuleError
from fazhi.oversight import statistics_duty
from fazhi.oversight.choices import TaskStatus
from fazhi.oversight.duty import actions, definitions
from fazhi.oversight.models import Task, TaskProgress
from fazhi.oversight.tests import factories_duty as f
from fazhi.oversight.tests.factories import leader_of, office_of

pytestmark = pytest.mark.django_db


def _deadline(task: Task) -> Deadline:
    return Deadline.objects.get(object_id=str(task.pk), key="task")


def test_a_task_is_a_deadline_of_its_lead_leader_with_its_post(town_a):
    post = f.post_of(town_a)
    task = f.make_task(town_a, post=post, due_on=dt.date(2023, 6, 30))
    deadline = _deadline(task)
    assert (deadline.due_date, deadline.owner, deadline.post, deadline.closed_at) == (
        dt.date(2023, 6, 30), leader_of(town_a), post, None,
    )  # fmt: skip


def test_progress_moves_the_status_and_100_percent_closes_the_deadline(town_a):
    task = f.make_task(town_a)
    assert task.status == TaskStatus.NOT_STARTED
    office = office_of(town_a)
    task = actions.report_progress(task, actor=office, on=dt.date(2023, 4, 1), percent=40, text="已制定方案")
    assert (task.status, task.progress_percent, task.done_on) == (TaskStatus.IN_PROGRESS, 40, None)
    assert _deadline(task).closed_at is None
    task = actions.report_progress(task, actor=office, on=dt.date(2023, 6, 20), percent=100, text="已完成")
    assert (task.status, task.done_on, task.deadline_state()) == (
        TaskStatus.DONE,
        dt.date(2023, 6, 20),
        "按期完成",
    )
    assert _deadline(task).closed_at is not None
    assert list(TaskProgress.objects.filter(task=task).values_list("percent", flat=True)) == [40, 100]


def test_a_progress_report_is_one_audit_event_with_what_changed(town_a):
    task = f.make_task(town_a)
    before = AuditEvent.objects.count()
    actions.report_progress(task, actor=office_of(town_a), on=dt.date(2023, 4, 1), percent=40, text="已启动")
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "oversight.task.progress_reported"
    assert (event.old["status"], event.new["status"], event.new["progress_percent"]) == (
        "not_started",
        "in_progress",
        40,
    )


def test_a_task_past_its_deadline_unfinished_is_overdue(town_a):
    today = timezone.localdate()
    task = f.make_task(town_a, due_on=today - dt.timedelta(days=1))
    assert task.is_overdue() and task.board_status() == "overdue" and task.deadline_state() == "已逾期"
    assert f.make_task(town_a, due_on=today).board_status() == "not_started"


def test_a_task_finished_after_its_deadline_is_late(town_a):
    task = f.make_task(town_a, due_on=dt.date(2023, 6, 30))
    task = actions.report_progress(
        task, actor=office_of(town_a), on=dt.date(2023, 7, 3), percent=100, text="完成"
    )
    assert task.deadline_state() == "逾期完成" and not task.is_overdue()


def test_an_officer_reports_only_on_the_tasks_of_their_post(town_a):
    worker, post = f.worker_on_post(town_a, "PA-01")
    other_post = f.post_of(town_a, "PA-02")
    mine, theirs = f.make_task(town_a, post=post), f.make_task(town_a, post=other_post)
    actions.report_progress(mine, actor=worker, on=dt.date(2023, 4, 1), percent=10, text="已启动")
    with pytest.raises(PermissionDenied, match="只能填报本岗位任务的进度"):
        actions.report_progress(theirs, actor=worker, on=dt.date(2023, 4, 1), percent=10, text="已启动")
    assert not TaskProgress.objects.filter(task=theirs).exists()


def test_a_done_task_takes_no_more_reports(town_a):
    task = f.make_task(town_a, done_on=dt.date(2023, 5, 1))
    assert task.status == TaskStatus.DONE and task.progress_percent == 100
    with pytest.raises(RuleError, match="已完成"):
        actions.report_progress(task, actor=office_of(town_a), percent=50, text="再次填报")


@pytest.mark.parametrize(
    ("on", "percent", "text", "error"),
    [
        (dt.date(2099, 1, 1), 10, "进展", RuleError),
        (None, 101, "进展", ValidationError),
        (None, 10, " ", ValidationError),
    ],
)
def test_a_bad_report_saves_nothing(town_a, on, percent, text, error):
    task = f.make_task(town_a)
    with pytest.raises(error):
        actions.report_progress(task, actor=office_of(town_a), on=on, percent=percent, text=text)
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED and not TaskProgress.objects.exists()


def test_a_failed_audit_event_saves_no_progress(town_a, monkeypatch):
    task = f.make_task(town_a)

    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        actions.report_progress(
            task, actor=office_of(town_a), on=dt.date(2023, 4, 1), percent=100, text="完成"
        )
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED and not TaskProgress.objects.exists()
    assert _deadline(task).closed_at is None


def test_editing_the_completion_date_moves_the_status(town_a):
    task = actions.report_progress(f.make_task(town_a), actor=office_of(town_a), on=dt.date(2023, 3, 1), percent=60,
                                   text="推进中")  # fmt: skip
    data = definitions.tasks.form_class.initial_for(task)
    form = definitions.tasks.form_class(
        data={**data, "done_on": "2023-06-01"}, instance=task, user=office_of(town_a)
    )
    assert form.is_valid(), form.errors
    task = actions.update_task(task, actor=office_of(town_a), data=form.cleaned_data)
    assert (task.status, task.progress_percent) == (TaskStatus.DONE, 100)
    task = actions.update_task(task, actor=office_of(town_a), data={"done_on": None})
    assert (task.status, task.progress_percent) == (TaskStatus.IN_PROGRESS, 99)


# -- completion per person ----------------------------------------------------------------------


def _finish(task, on):
    return actions.report_progress(task, actor=office_of(task.org_unit), on=on, percent=100, text="完成")


def test_completion_counts_each_leader_and_post_by_the_rule(town_a):
    today = timezone.localdate()
    zhou, wu = leader_of(town_a), user_with_role("leader_wu", "leader", town_a, display_name="吴领导")
    law, post2 = f.post_of(town_a, "PA-01"), f.post_of(town_a, "PA-02")
    _finish(f.make_task(town_a, leader=zhou, post=law, due_on=dt.date(2023, 6, 30)), dt.date(2023, 6, 30))
    _finish(f.make_task(town_a, leader=zhou, post=law, due_on=dt.date(2023, 6, 30)), dt.date(2023, 7, 1))
    f.make_task(town_a, leader=wu, post=post2, due_on=dt.date(2023, 9, 30))  # open and overdue
    f.make_task(town_a, leader=wu, post=None, due_on=today + dt.timedelta(days=30))  # open, not due yet
    f.make_task(town_a, year=2024, leader=wu)  # another year
    report = statistics_duty.task_completion(town_a, 2023)
    by_leader = {c.label: (c.on_time, c.late, c.open, c.overdue) for c in report.leaders}
    assert by_leader == {"周领导": (1, 1, 0, 0), "吴领导": (0, 0, 2, 1)}
    by_post = {c.label: (c.on_time, c.late, c.open) for c in report.posts}
    assert by_post == {
        f"{town_a.name}·岗位PA-01": (1, 1, 0),
        f"{town_a.name}·岗位PA-02": (0, 0, 1),
        "未指定岗位": (0, 0, 1),
    }
    assert (report.total.total, report.total.on_time) == (4, 1)


def test_finishing_a_task_moves_the_figure_by_one(town_a):
    task = f.make_task(town_a, due_on=dt.date(2023, 6, 30))
    before = statistics_duty.task_completion(town_a, 2023).total
    _finish(task, dt.date(2023, 6, 29))
    after = statistics_duty.task_completion(town_a, 2023).total
    assert (after.on_time - before.on_time, after.open - before.open) == (1, -1)


def test_another_towns_tasks_are_not_counted(town_a, town_b):
    f.make_task(town_b)
    assert statistics_duty.task_completion(town_a, 2023).total.total == 0


# -- pages -------------------------------------------------------------------------------------------


def test_the_board_groups_the_years_tasks_by_status(client, town_a):
    today = timezone.localdate()
    f.make_task(town_a, year=today.year, due_on=today - dt.timedelta(days=2), title="逾期任务")
    f.make_task(town_a, year=today.year, due_on=today + dt.timedelta(days=20), title="未开始任务")
    f.make_task(town_a, year=today.year - 1, title="去年的任务")
    login(client, leader_of(town_a))
    r = client.get("/oversight/tasks/board/")
    assert r.status_code == 200
    cards = {
        title: state
        for (_label, items) in r.context["columns"]
        for (t, state) in items
        for title in [t.title]
    }
    assert cards == {"逾期任务": "overdue", "未开始任务": "not_started"}
    assert "逾期任务" in r.content.decode() and 'data-testid="due-soon"' not in r.content.decode()
    f.make_task(town_a, year=today.year, due_on=today + dt.timedelta(days=3), title="即将到期的任务")
    assert 'data-testid="due-soon"' in client.get("/oversight/tasks/board/").content.decode()


def test_the_board_filters_by_leader_and_groups_by_month(client, town_a):
    wu = user_with_role("leader_wu", "leader", town_a, display_name="吴领导")
    f.make_task(town_a, due_on=dt.date(2023, 3, 31))
    f.make_task(town_a, leader=wu, due_on=dt.date(2023, 5, 31), title="吴的任务")
    login(client, leader_of(town_a))
    r = client.get("/oversight/tasks/board/", {"year": 2023, "leader": wu.pk, "group": "month"})
    columns = dict(r.context["columns"])
    assert [t.title for t, _ in columns["5月"]] == ["吴的任务"] and columns["3月"] == []


def test_an_officer_reports_progress_from_the_task_page(client, town_a):
    worker, post = f.worker_on_post(town_a)
    task = f.make_task(town_a, post=post)
    client.force_login(worker)
    assert client.get(task.get_absolute_url()).context["progress_form"] is not None
    r = client.post(
        f"/oversight/tasks/{task.pk}/progress/", {"on": "2023-04-01", "percent": "35", "text": "已排查"}
    )
    assert r.status_code == 302
    task.refresh_from_db()
    assert (task.progress_percent, task.progress_by) == (35, worker)


def test_the_completion_page_shows_the_year(client, town_a):
    _finish(f.make_task(town_a, due_on=dt.date(2023, 6, 30)), dt.date(2023, 6, 1))
    login(client, leader_of(town_a))
    r = client.get("/oversight/tasks/completion/", {"year": 2023})
    assert r.status_code == 200 and r.context["report"].total.on_time == 1
