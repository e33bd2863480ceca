"""The leaders' duty records for tests, made through the actions (never saved by
hand), so that each has its deadlines and audit events like a real one."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import Post
from fazhi.enforcement.models import Officer, OfficerYear
from fazhi.enforcement.tests.factories import make_officer
from fazhi.oversight.choices import AssessmentResult, GroupRole, MeetingKind
from fazhi.oversight.duty import actions
from fazhi.oversight.models import Task, WorkPlan
from fazhi.oversight.tests.factories import leader_of, office_of, worker_of

_seq = itertools.count(1)
YEAR = 2023


def post_of(town, code: str = "PA-01", *, holders=()) -> Post:
    """A post of the town (in the town itself, as the tests need no office), with holders."""
    post = Post.objects.filter(org_unit=town, code=code).first()
    if post is None:
        post = Post.objects.create(org_unit=town, code=code, name=f"岗位{code}")
    if holders:
        post.holders.add(*holders)
    return post


def plan_of(town, year: int = YEAR) -> WorkPlan:
    return WorkPlan.objects.filter(org_unit=town, year=year).first() or actions.create_plan(
        actor=office_of(town),
        data={
            "org_unit": town,
            "year": year,
            "title": f"{year}年法治建设工作要点",
            "approved_on": dt.date(year, 2, 20),
        },
    )


def make_task(town, *, due_on: dt.date = dt.date(YEAR, 6, 30), year: int = YEAR, leader=None, post=None,
              **extra) -> Task:  # fmt: skip
    n = next(_seq)
    data = {"org_unit": town, "plan": plan_of(town, year), "position": n, "title": f"法治建设任务{n}",
            "measures": "制定方案，按期推进", "lead_leader": leader or leader_of(town), "responsible_post": post,
            "due_on": due_on, **extra}  # fmt: skip
    return actions.create_task(actor=office_of(town), data=data)


def worker_on_post(town, code: str = "PA-01"):
    """An officer account whose person holds the post `code`."""
    from fazhi.core.tests.factories import PersonFactory

    worker = worker_of(town)
    if worker.person_id is None:
        worker.person = PersonFactory(org_unit=town, name="陈岗位")
        worker.save(update_fields=["person"])
    return worker, post_of(town, code, holders=[worker.person])


def make_member(town, *, role: str = GroupRole.MEMBER, starts_on=dt.date(YEAR, 1, 1), **extra):
    data = {"org_unit": town, "name": f"成员{next(_seq)}", "position": "镇党委委员", "role": role,
            "starts_on": starts_on, **extra}  # fmt: skip
    return actions.add_group_member(actor=office_of(town), data=data)


def make_admonition(town, *, on=dt.date(YEAR, 5, 10), **extra):
    data = {"org_unit": town, "on": on, "person_name": f"被约谈人{next(_seq)}", "person_post": "村党支部书记",
            "talked_by": leader_of(town), "reason": "法治建设任务推进迟缓", "follow_up": "一个月内整改到位",
            "follow_up_due_on": on + dt.timedelta(days=30), **extra}  # fmt: skip
    return actions.record_admonition(actor=office_of(town), data=data)


def make_duty_report(town, *, year: int = YEAR, **extra):
    data = {"org_unit": town, "leader": leader_of(town), "year": year, "on": dt.date(year, 12, 20),
            "occasion": "年度述职述廉述法会议", "summary": "述职要点", **extra}  # fmt: skip
    return actions.record_duty_report(actor=office_of(town), data=data)


def make_meeting(town, on: dt.date, kind: str = MeetingKind.SPECIAL, *, chaired_by=None, **extra):
    data = {"org_unit": town, "on": on, "kind": kind, "title": f"会议{next(_seq)}",
            "chaired_by": chaired_by or leader_of(town), **extra}  # fmt: skip
    return actions.record_meeting(actor=office_of(town), data=data)


def officer_with_year(
    town, *, year: int = YEAR, trained: bool = True, passed: bool | None = True, **kw
) -> Officer:
    """A certified officer with the year's training and exam row (written as the
    enforcement tests write theirs)."""
    officer = make_officer(town, **kw)
    OfficerYear.objects.create(officer=officer, year=year, training_hours=40, training_completed=trained,
                               exam_passed=passed)  # fmt: skip
    return officer


def make_officer_post(town, *, officer=None, post=None, **extra):
    data = {"org_unit": town, "officer": officer or make_officer(town), "post": post or post_of(town),
            "duties": "综合行政执法", "starts_on": dt.date(YEAR, 1, 1), **extra}  # fmt: skip
    return actions.assign_officer_post(actor=office_of(town), data=data)


def make_training(town, on=dt.date(YEAR, 3, 15), **extra):
    data = {"org_unit": town, "on": on, "topic": f"办案纪律培训{next(_seq)}", "attendees": 50, **extra}
    return actions.record_conduct_training(actor=office_of(town), data=data)


def make_assessment(town, *, officer=None, year: int = YEAR, **extra):
    data = {"org_unit": town, "officer": officer or make_officer(town), "year": year,
            "result": AssessmentResult.COMPETENT, **extra}  # fmt: skip
    return actions.record_assessment(actor=office_of(town), data=data)
