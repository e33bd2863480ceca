"""The leaders' duty: the leading group (one head at a time), admonition talks whose
follow-up is the talking leader's deadline, duty reports, and the year's overview."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Deadline
from fazhi.core.tests.factories import login
from fazhi.oversight import statistics_duty
from fazhi.oversight.choices import GroupRole
from fazhi.oversight.duty import actions
from fazhi.oversight.models import LeadingGroupMember
from fazhi.oversight.tests import factories_duty as f
from fazhi.oversight.tests.factories import leader_of, office_of

pytestmark = pytest.mark.django_db


def test_a_member_named_by_account_takes_its_name(town_a):
    member = f.make_member(town_a, role=GroupRole.HEAD, user=leader_of(town_a), name="")
    assert member.display_name == "周领导" and str(member) == "周领导（组长）"


def test_a_member_needs_an_account_or_a_name(town_a):
    with pytest.raises(ValidationError) as exc:
        f.make_member(town_a, name="")
    assert exc.value.message_dict["name"] == ["请选择领导账号或填写姓名"]


def test_the_group_has_one_head_at_a_time(town_a):
    first = f.make_member(town_a, role=GroupRole.HEAD, starts_on=dt.date(2021, 1, 1))
    with pytest.raises(ValidationError, match="已有领导小组组长"):
        f.make_member(town_a, role=GroupRole.HEAD, starts_on=dt.date(2023, 6, 1))
    actions.update_group_member(first, actor=office_of(town_a), data={"ends_on": dt.date(2023, 5, 31)})
    f.make_member(town_a, role=GroupRole.HEAD, starts_on=dt.date(2023, 6, 1))
    assert LeadingGroupMember.objects.filter(role=GroupRole.HEAD).count() == 2


def test_an_admonitions_follow_up_is_the_talking_leaders_deadline(town_a):
    talk = f.make_admonition(town_a, on=dt.date(2023, 5, 10))
    deadline = Deadline.objects.get(object_id=str(talk.pk), key="follow_up")
    assert (deadline.owner, deadline.due_date, deadline.closed_at) == (
        leader_of(town_a),
        dt.date(2023, 6, 9),
        None,
    )
    actions.update_admonition(talk, actor=office_of(town_a), data={"follow_up_done_on": dt.date(2023, 6, 1)})
    deadline.refresh_from_db()
    assert deadline.closed_at is not None
    talk.refresh_from_db()
    assert talk.follow_up_state() == "按期整改"


def test_a_follow_up_date_needs_its_requirement_and_a_later_day(town_a):
    with pytest.raises(ValidationError) as exc:
        f.make_admonition(town_a, on=dt.date(2023, 5, 10), follow_up="", follow_up_due_on=dt.date(2023, 5, 1))
    assert set(exc.value.message_dict) == {"follow_up", "follow_up_due_on"}


def test_a_duty_report_is_given_in_its_year_or_the_next(town_a):
    f.make_duty_report(town_a, year=2023, on=dt.date(2024, 1, 18))
    with pytest.raises(ValidationError, match="述职日期应在述职年度内或次年"):
        f.make_duty_report(town_a, year=2023, on=dt.date(2025, 1, 18))


def test_the_summary_counts_the_years_duty(town_a):
    f.plan_of(town_a, 2023)
    f.make_member(town_a, role=GroupRole.HEAD, user=leader_of(town_a), name="")
    f.make_member(town_a, starts_on=dt.date(2024, 1, 1))  # joined later
    f.make_admonition(town_a)
    f.make_duty_report(town_a)
    f.make_meeting(town_a, dt.date(2023, 2, 2))
    summary = statistics_duty.duty_summary(town_a, 2023, today=dt.date(2026, 11, 26))
    assert (summary.heads, summary.group_members, summary.admonitions, summary.duty_reports) == (
        ["周领导"],
        1,
        1,
        1,
    )
    assert summary.special_meetings == 1 and summary.quarters.missing == [2, 3, 4]
    assert summary.plan is not None


def test_the_overview_page_shows_the_year_with_row_7(client, town_a):
    f.officer_with_year(town_a)
    f.officer_with_year(town_a, passed=False)
    login(client, leader_of(town_a))
    r = client.get("/oversight/duty/", {"year": 2023})
    assert r.status_code == 200
    assert r.context["training"].trained_and_passed == 1
    assert 'data-testid="training-warning"' in r.content.decode()


def test_the_plan_page_lists_its_tasks(client, town_a):
    task = f.make_task(town_a, title="编制执法事项清单")
    login(client, leader_of(town_a))
    r = client.get(task.plan.get_absolute_url())
    assert r.status_code == 200 and "编制执法事项清单" in r.content.decode()
