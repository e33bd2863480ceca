"""Registers declare deadlines; the workbench lists the user's items due within
3 working days and those overdue, across registers."""

import datetime as dt

import pytest

from fazhi.core import deadlines
from fazhi.core.models import Deadline
from fazhi.core.registers.actions import create_record, update_record
from fazhi.core.tests.testapp.models import Chore

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 9, 27)  # Wednesday; 29 Sep - 6 Oct are holidays


def _chore(actor, town, title, due, owner=None):
    return create_record(
        Chore, actor=actor, data={"org_unit": town, "title": title, "due_on": due, "owner": owner or actor}
    )


def test_due_within_three_working_days_is_due_soon(officer_town_a, town_a):
    # The 3 working days after Wed 27 Sep 2023 are 28 Sep and the adjusted working
    # weekend of 7 and 8 Oct; 9 Oct is the fourth.
    _chore(officer_town_a, town_a, "国庆后到期", dt.date(2023, 10, 8))
    _chore(officer_town_a, town_a, "稍晚到期", dt.date(2023, 10, 9))
    overdue, soon = deadlines.due_soon_for(officer_town_a, today=TODAY)
    assert [d.record_label for d in soon] == ["国庆后到期"]
    assert list(overdue) == []


def test_overdue_items_are_listed(officer_town_a, town_a):
    _chore(officer_town_a, town_a, "已逾期", dt.date(2023, 9, 26))
    overdue, _ = deadlines.due_soon_for(officer_town_a, today=TODAY)
    assert [d.record_label for d in overdue] == ["已逾期"]


def test_done_items_leave_the_workbench(officer_town_a, town_a):
    chore = _chore(officer_town_a, town_a, "办结", dt.date(2023, 9, 28))
    update_record(chore, actor=officer_town_a, data={"done": True})
    overdue, soon = deadlines.due_soon_for(officer_town_a, today=TODAY)
    assert list(soon) == [] and list(overdue) == []
    assert Deadline.objects.get().closed_at is not None


def test_moving_the_due_date_moves_the_deadline(officer_town_a, town_a):
    chore = _chore(officer_town_a, town_a, "改期", dt.date(2023, 9, 28))
    update_record(chore, actor=officer_town_a, data={"due_on": dt.date(2023, 12, 1)})
    assert Deadline.objects.get().due_date == dt.date(2023, 12, 1)
    update_record(chore, actor=officer_town_a, data={"due_on": None})
    assert not Deadline.objects.exists()


def test_others_items_are_not_on_my_workbench(officer_town_a, reviewer, officer_town_b, town_a, town_b):
    _chore(officer_town_a, town_a, "审核员的", dt.date(2023, 9, 28), owner=reviewer)
    _chore(officer_town_b, town_b, "乙镇的", dt.date(2023, 9, 28))
    assert [list(q) for q in deadlines.due_soon_for(officer_town_a, today=TODAY)] == [[], []]


def test_workbench_page_shows_the_item(client, officer_town_a, town_a):
    from django.utils import timezone

    from fazhi.core import workdays

    today = timezone.localdate()
    _chore(officer_town_a, town_a, "工作台上的事项", workdays.add_working_days(today, 2))
    _chore(officer_town_a, town_a, "逾期事项", today - dt.timedelta(days=1))
    client.force_login(officer_town_a)
    page = client.get("/").content.decode()
    assert "工作台上的事项" in page and "逾期事项" in page
    assert "测试规则" in page  # the rule that sets the deadline is named


def test_an_unowned_deadline_reaches_whoever_holds_its_post(officer_town_a, reviewer, town_a):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import Post
    from fazhi.core.tests.factories import PersonFactory

    post = Post.objects.create(org_unit=town_a, code="PA-02", name="法制审核岗")
    person = PersonFactory(org_unit=town_a, name="李审核")
    post.holders.add(person)
    reviewer.person = person
    reviewer.save(update_fields=["person"])
    chore = _chore(officer_town_a, town_a, "岗位事项", dt.date(2023, 9, 26))
    Deadline.objects.create(org_unit=town_a, content_type=ContentType.objects.get_for_model(Chore),
                            object_id=str(chore.pk), key="post_only", label="报送备案", record_label="规范性文件",
                            due_date=dt.date(2023, 9, 25), post=post)  # fmt: skip
    overdue, _ = deadlines.due_soon_for(reviewer, today=TODAY)
    assert [d.label for d in overdue] == ["报送备案"]
    overdue, _ = deadlines.due_soon_for(officer_town_a, today=TODAY)
    assert "报送备案" not in [d.label for d in overdue]  # the officer does not hold the post


def test_a_change_through_the_site_is_live_news_and_a_command_is_not(
    officer_town_a, town_a, django_capture_on_commit_callbacks
):
    from fazhi.core import context
    from fazhi.core.models import LiveEvent

    with django_capture_on_commit_callbacks(execute=True):
        _chore(officer_town_a, town_a, "命令中建立", dt.date(2023, 10, 9))  # cli: no news
    assert not LiveEvent.objects.filter(kind=deadlines.LIVE_KIND).exists()
    token = context.activate(context.RequestContext(channel="web"))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            chore = _chore(officer_town_a, town_a, "网页中建立", dt.date(2023, 10, 9))
            update_record(chore, actor=officer_town_a, data={"title": "只改标题"})  # the record's label moves
            update_record(chore, actor=officer_town_a, data={"done": True})
    finally:
        context.deactivate(token)
    events = LiveEvent.objects.filter(kind=deadlines.LIVE_KIND)
    assert events.count() == 3 and {e.org_unit_id for e in events} == {town_a.pk}
    assert all(e.payload == {} for e in events)
