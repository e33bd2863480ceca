# ruff: noqa: F811  (tests take the fixture `receiver` imported from live_helpers)
"""Notifications: the daily digest and the red notices on every channel, logged once
per user, channel and day (or deadline); the inbox and the channel settings; the
jobs run through huey on SQLite and on Redis."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import uuid

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from fazhi.core import webhooks
from fazhi.core.models import AuditEvent, Deadline, Post
from fazhi.core.tests.factories import PersonFactory, login, user_with_role
from fazhi.core.tests.live_helpers import receiver, redis_url  # noqa: F401  (receiver is a fixture)
from fazhi.reports import tasks
from fazhi.reports.choices import NoticeChannel, NoticeKind, NoticeStatus
from fazhi.reports.models.notify import Notice, NotificationPreference
from fazhi.reports.notify import channels, digest
from fazhi.reports.notify.channels import ChannelError
from fazhi.reports.notify.digest import Tally

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 9, 27)  # a Wednesday; 29 Sep - 6 Oct are holidays, 7 and 8 Oct working days
_ids = itertools.count(1)


def deadline(town, label, due, *, owner=None, post=None, closed=False, url="") -> Deadline:
    from django.contrib.auth.models import Group

    n = next(_ids)
    return Deadline.objects.create(
        org_unit=town, content_type=ContentType.objects.get_for_model(Group), object_id=str(n), key=f"k{n}",
        label=label, record_label=f"{label}的记录", url=url or f"/things/{n}/", due_date=due, owner=owner,
        post=post, citation="《测试条例》第一条", closed_at=dt.datetime(2023, 9, 1, tzinfo=dt.UTC) if closed else None,
    )  # fmt: skip


def prefer(user, **values) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    for name, value in values.items():
        setattr(preference, name, value)
    preference.save()
    return preference


@pytest.fixture
def items(officer_town_a, town_a):
    """The officer's board on TODAY: one red, one yellow; and what is on no board."""
    return {
        "red": deadline(town_a, "报送备案", dt.date(2023, 9, 25), owner=officer_town_a),
        "yellow": deadline(town_a, "作出决定", dt.date(2023, 9, 28), owner=officer_town_a),
        "later": deadline(town_a, "以后的事", dt.date(2023, 12, 1), owner=officer_town_a),
        "closed": deadline(town_a, "已办结", dt.date(2023, 9, 20), owner=officer_town_a, closed=True),
    }


@pytest.fixture
def all_channels(officer_town_a, receiver, settings):
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = True  # the receiver listens on 127.0.0.1
    return prefer(officer_town_a, email=True, email_address="chen@example.gov.cn", sms=True, phone="13800001234",
                  webhook=True, webhook_url=receiver.url)  # fmt: skip


def digests(user=None):
    qs = Notice.objects.filter(kind=NoticeKind.DIGEST)
    return qs.filter(user=user) if user is not None else qs


# -- the digest ---------------------------------------------------------------------


def test_a_digest_per_chosen_channel_once_a_day(
    officer_town_a, reviewer, items, all_channels, receiver, caplog
):
    caplog.set_level(logging.INFO, logger="fazhi.sms")
    assert digest.send_digests(TODAY) == Tally(sent=4, failed=0)

    sent = digests(officer_town_a)
    assert sorted(sent.values_list("channel", flat=True)) == sorted(NoticeChannel.values)
    assert {(n.day, n.status, n.items) for n in sent} == {(TODAY, NoticeStatus.SENT, 2)}
    notice = sent.get(channel=NoticeChannel.IN_APP)
    assert notice.subject == "【预警汇总】9月27日：逾期1项，临期1项"
    # Red first, then yellow; each line: label, record, due date, level, the link.
    body = notice.body
    assert body.index("【逾期】") < body.index(
        "报送备案：报送备案的记录，到期日2023-09-25，逾期（已逾期2天）"
    )
    assert (
        body.index("报送备案")
        < body.index("【临期】")
        < body.index("作出决定：作出决定的记录，到期日2023-09-28，临期（还有1个工作日）")
    )
    assert f"/things/{items['red'].object_id}/" in body
    assert "以后的事" not in body and "已办结" not in body

    # Email: to the address chosen, from DEFAULT_FROM_EMAIL.
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["chen@example.gov.cn"] and email.subject == notice.subject and email.body == body
    assert email.from_email == settings.DEFAULT_FROM_EMAIL == "fazhi@localhost"
    # Webhook: JSON to the user's address, the items structured.
    assert len(receiver.requests) == 1
    posted = json.loads(receiver.requests[0].body)
    assert receiver.requests[0].headers["X-Fazhi-Event"] == "reports.notice.digest"
    assert posted["subject"] == notice.subject and posted["user"] == "officer_a"
    assert [(i["level"], i["label"], i["due_date"]) for i in posted["items"]] == [
        ("red", "报送备案", "2023-09-25"),
        ("yellow", "作出决定", "2023-09-28"),
    ]
    # SMS: through the default gateway, which logs (the number masked).
    sms = [r.getMessage() for r in caplog.records if r.name == "fazhi.sms"]
    assert len(sms) == 1 and "138****1234" in sms[0] and "逾期1项，临期1项" in sms[0]
    assert "13800001234" not in sms[0]
    # Every notice is logged: a row each, and an audit event each.
    events = AuditEvent.objects.filter(action="reports.notice.sent")
    assert events.count() == 4 and {e.target_type for e in events} == {"reports.notice"}

    # The reviewer has nothing due: no digest.
    assert not digests(reviewer).exists()

    # Twice on the same day: nothing is sent twice.
    assert digest.send_digests(TODAY) == Tally(0, 0)
    assert digests().count() == 4 and len(mail.outbox) == 1 and len(receiver.requests) == 1
    assert AuditEvent.objects.filter(action="reports.notice.sent").count() == 4

    # The next working day is another digest.
    assert digest.send_digests(dt.date(2023, 9, 28)) == Tally(4, 0)
    assert digests(officer_town_a).filter(day=dt.date(2023, 9, 28)).count() == 4


def test_a_notice_logged_by_another_run_meanwhile_is_not_logged_twice(officer_town_a, items):
    message = digest.digest_for(officer_town_a, TODAY)
    assert digest.deliver(officer_town_a, NoticeChannel.IN_APP, NoticeKind.DIGEST, TODAY, message) is not None
    assert digest.deliver(officer_town_a, NoticeChannel.IN_APP, NoticeKind.DIGEST, TODAY, message) is None
    assert digests().count() == 1 and AuditEvent.objects.filter(action="reports.notice.sent").count() == 1


def test_in_app_only_by_default_and_none_when_not_wanted(officer_town_a, items):
    assert digest.send_digests(TODAY) == Tally(1, 0)
    assert list(digests(officer_town_a).values_list("channel", flat=True)) == [NoticeChannel.IN_APP]
    assert mail.outbox == []

    prefer(officer_town_a, daily_digest=False, email=True, email_address="a@example.gov.cn")
    assert digest.send_digests(dt.date(2023, 9, 28)) == Tally(0, 0)


def test_a_failing_channel_is_logged_and_the_others_go_on(
    officer_town_a, items, all_channels, receiver, settings
):
    receiver.statuses = [500]
    settings.FAZHI_SMS_GATEWAY = "fazhi.reports.tests.test_notify.BrokenGateway"
    assert digest.send_digests(TODAY) == Tally(sent=2, failed=2)

    by_channel = {n.channel: n for n in digests(officer_town_a)}
    assert by_channel[NoticeChannel.IN_APP].status == NoticeStatus.SENT
    assert by_channel[NoticeChannel.EMAIL].status == NoticeStatus.SENT and len(mail.outbox) == 1
    assert (by_channel[NoticeChannel.WEBHOOK].status, by_channel[NoticeChannel.WEBHOOK].error) == (
        NoticeStatus.FAILED,
        "推送失败：对方返回 HTTP 500",
    )
    assert (by_channel[NoticeChannel.SMS].status, by_channel[NoticeChannel.SMS].error) == (
        NoticeStatus.FAILED,
        "短信发送失败：短信平台无应答",
    )
    failed = AuditEvent.objects.filter(action="reports.notice.failed")
    assert failed.count() == 2 and {e.result for e in failed} == {"failure"}
    assert {e.message for e in failed} == {"推送失败：对方返回 HTTP 500", "短信发送失败：短信平台无应答"}

    # A failure is logged once and not sent again on the same day.
    assert digest.send_digests(TODAY) == Tally(0, 0)
    assert len(receiver.requests) == 1


class BrokenGateway:
    def send(self, phone, text):
        raise RuntimeError("短信平台无应答")


def test_missing_addresses_fail_with_their_reason(officer_town_a, items):
    prefer(officer_town_a, email=True, sms=True, webhook=True)  # saved past the form: no addresses
    assert digest.send_digests(TODAY) == Tally(sent=1, failed=3)
    errors = dict(digests(officer_town_a).filter(status=NoticeStatus.FAILED).values_list("channel", "error"))
    assert errors == {
        NoticeChannel.EMAIL: "未填写接收提醒的邮箱",
        NoticeChannel.SMS: "未填写接收短信的手机号",
        NoticeChannel.WEBHOOK: "未填写推送地址",
    }


def test_a_refused_webhook_address_fails_without_a_request(officer_town_a, items, settings):
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = False
    prefer(officer_town_a, webhook=True, webhook_url="http://127.0.0.1:9/hook/")
    assert digest.send_digests(TODAY) == Tally(sent=1, failed=1)
    error = digests(officer_town_a).get(channel=NoticeChannel.WEBHOOK).error
    assert error.startswith("推送失败：接收地址 127.0.0.1 属于本机回环地址")


def test_the_webhook_is_signed_when_a_secret_is_set(officer_town_a, items, receiver, settings):
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = True
    settings.FAZHI_NOTICE_WEBHOOK_SECRET = "s3cret-for-tests"
    prefer(officer_town_a, webhook=True, webhook_url=receiver.url)
    digest.send_digests(TODAY)
    request = receiver.requests[0]
    assert webhooks.verify("s3cret-for-tests", request.body, request.headers["X-Fazhi-Signature"])
    assert request.headers["X-Fazhi-Delivery"] == f"digest-{officer_town_a.pk}-2023-09-27"


def test_links_are_absolute_under_the_sites_address(officer_town_a, items, settings):
    settings.FAZHI_PUBLIC_URL = "https://fazhi.example.gov.cn"
    digest.send_digests(TODAY)
    body = digests(officer_town_a).get().body
    assert f"https://fazhi.example.gov.cn/things/{items['red'].object_id}/" in body
    settings.FAZHI_SITE_URL = "https://staff.example.gov.cn/"
    assert digest.site_url("/a/1/") == "https://staff.example.gov.cn/a/1/"


def test_a_post_holder_gets_the_digest_of_unowned_items(reviewer, officer_town_a, town_a):
    post = Post.objects.create(org_unit=town_a, code="PA-02", name="法制审核岗")
    reviewer.person = PersonFactory(org_unit=town_a, name="李审核")
    reviewer.save(update_fields=["person"])
    post.holders.add(reviewer.person)
    deadline(town_a, "岗位事项", dt.date(2023, 9, 26), post=post)
    digest.send_digests(TODAY)
    assert digests(reviewer).get().subject == "【预警汇总】9月27日：逾期1项，临期0项"
    assert not digests(officer_town_a).exists()


def test_administrators_and_inactive_users_get_no_digest(town_a, officer_town_a, items):
    admin = user_with_role("sysadmin_a", "sysadmin", town_a)
    deadline(town_a, "管理员的", dt.date(2023, 9, 25), owner=admin)
    officer_town_a.is_active = False
    officer_town_a.save(update_fields=["is_active"])
    assert digest.send_digests(TODAY) == Tally(0, 0)


def test_without_the_years_calendar_the_digest_lists_the_red_items(officer_town_a, town_a):
    day = dt.date(2099, 3, 3)  # no holiday notice for 2099
    deadline(town_a, "逾期事项", dt.date(2099, 3, 1), owner=officer_town_a)
    deadline(town_a, "明天到期", dt.date(2099, 3, 4), owner=officer_town_a)
    assert digest.send_digests(day) == Tally(1, 0)
    body = digests(officer_town_a).get().body
    assert "逾期事项" in body and "明天到期" not in body
    assert "2099年的节假日安排尚未录入" in body
    assert digest.is_digest_day(day) and not digest.is_digest_day(dt.date(2099, 3, 7))  # a Saturday


# -- red notices --------------------------------------------------------------------


def test_a_red_notice_once_per_deadline_and_owner(officer_town_a, reviewer, items, all_channels, receiver):
    assert digest.send_red_notices(TODAY) == Tally(4, 0)
    red = Notice.objects.filter(kind=NoticeKind.RED)
    assert {(n.user_id, n.deadline_id) for n in red} == {(officer_town_a.pk, items["red"].pk)}
    notice = red.get(channel=NoticeChannel.IN_APP)
    assert notice.subject == "【逾期提醒】报送备案的记录：报送备案"
    assert "到期日：2023-09-25" in notice.body and "已逾期2天" in notice.body
    assert json.loads(receiver.requests[0].body)["items"][0]["deadline"] == items["red"].pk
    assert receiver.requests[0].headers["X-Fazhi-Event"] == "reports.notice.red"

    # Hourly and on the next days: never again for the same deadline.
    assert digest.send_red_notices(TODAY) == Tally(0, 0)
    assert digest.send_red_notices(dt.date(2023, 9, 28)) == Tally(0, 0)
    assert red.count() == 4 and len(mail.outbox) == 1 and len(receiver.requests) == 1

    # The yellow one turns red the day after its due date: one more.
    assert digest.send_red_notices(dt.date(2023, 9, 29)) == Tally(4, 0)
    assert set(red.values_list("deadline_id", flat=True)) == {items["red"].pk, items["yellow"].pk}


def test_a_red_notice_goes_to_the_posts_holders_when_no_one_owns_it(
    reviewer, leader, officer_town_a, town_a, town_b
):
    post = Post.objects.create(org_unit=town_a, code="PA-02", name="法制审核岗")
    for user, name in ((reviewer, "李审核"), (leader, "周领导")):
        user.person = PersonFactory(org_unit=town_a, name=name)
        user.save(update_fields=["person"])
        post.holders.add(user.person)
    unowned = deadline(town_a, "岗位事项", dt.date(2023, 9, 26), post=post)
    prefer(leader, immediate_red=False)  # the leader does not want them
    assert digest.send_red_notices(TODAY) == Tally(1, 0)
    assert list(Notice.objects.values_list("user_id", "deadline_id", "channel")) == [
        (reviewer.pk, unowned.pk, NoticeChannel.IN_APP)
    ]
    assert digest.send_red_notices(TODAY) == Tally(0, 0)


def test_long_overdue_items_get_no_red_notice(officer_town_a, town_a, settings):
    deadline(town_a, "很久以前", TODAY - dt.timedelta(days=31), owner=officer_town_a)
    assert digest.send_red_notices(TODAY) == Tally(0, 0)
    settings.FAZHI_RED_NOTICE_MAX_DAYS = 0  # no limit
    assert digest.send_red_notices(TODAY) == Tally(1, 0)


def test_the_sms_gateway_setting(settings):
    settings.FAZHI_SMS_GATEWAY = "fazhi.reports.tests.test_notify.BrokenGateway"
    assert isinstance(channels.sms_gateway(), BrokenGateway)
    settings.FAZHI_SMS_GATEWAY = "no.such.Gateway"
    with pytest.raises(ChannelError, match="短信网关配置有误"):
        channels.sms_gateway()
    settings.FAZHI_SMS_GATEWAY = ""
    assert isinstance(channels.sms_gateway(), channels.LoggingSmsGateway)


# -- the pages ----------------------------------------------------------------------


def notice(user, subject, *, channel=NoticeChannel.IN_APP, day=None, read=False) -> Notice:
    day = day or TODAY + dt.timedelta(days=next(_ids))
    return Notice.objects.create(user=user, kind=NoticeKind.DIGEST, channel=channel, day=day, subject=subject,
                                 body=f"{subject}的内容", read_at=dt.datetime(2023, 9, 27, tzinfo=dt.UTC) if read else None)  # fmt: skip


def test_the_pages_need_a_login(client):
    for name in ("reports:notices", "reports:notice-settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_my_notices_newest_first_unread_marked(client, officer_town_a, officer_town_b, reviewer):
    old = notice(officer_town_a, "旧的提醒", read=True)
    new = notice(officer_town_a, "新的提醒")
    notice(officer_town_a, "邮件的提醒", channel=NoticeChannel.EMAIL)
    notice(reviewer, "别人的提醒")
    notice(officer_town_b, "乙镇的提醒")
    login(client, officer_town_a)
    page = client.get(reverse("reports:notices")).content.decode()
    assert page.index("新的提醒") < page.index("旧的提醒")
    assert f'data-testid="notice-{new.pk}" data-unread="1"' in page
    assert f'data-testid="notice-{old.pk}" data-unread' not in page
    assert "1条未读" in page
    assert "别人的提醒" not in page and "乙镇的提醒" not in page
    assert 'data-testid="other-channels"' in page and "邮件的提醒" in page


def test_marking_read(client, officer_town_a, reviewer):
    mine = notice(officer_town_a, "我的")
    other = notice(officer_town_a, "另一条")
    theirs = notice(reviewer, "别人的")
    login(client, officer_town_a)
    assert client.get(reverse("reports:notice-read", args=[mine.pk])).status_code == 405
    response = client.post(reverse("reports:notice-read", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("reports:notices")
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None
    assert AuditEvent.objects.filter(action="reports.notice.read", target_id=str(mine.pk)).count() == 1

    # Another user's notice is not there for me.
    assert client.post(reverse("reports:notice-read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None

    client.post(reverse("reports:notices-read"))
    other.refresh_from_db()
    assert other.read_at is not None
    assert Notice.objects.get(pk=theirs.pk).read_at is None
    event = AuditEvent.objects.get(action="reports.notice.read_all")
    assert json.loads(event.new_values) == {"count": 1}


def test_my_channels(client, officer_town_a, settings):
    login(client, officer_town_a)
    url = reverse("reports:notice-settings")
    assert client.get(url).status_code == 200
    form = {"daily_digest": "on", "immediate_red": "on", "sms": "on", "phone": "1380000123", "email": "on"}
    response = client.post(url, form)
    page = response.content.decode()
    assert (
        response.status_code == 200 and "手机号码格式不正确" in page and "选择电子邮件提醒须填写邮箱" in page
    )
    assert not NotificationPreference.objects.exists()

    response = client.post(url, {**form, "phone": "138 0000 1234", "email_address": "chen@example.gov.cn",
                                 "webhook": "on", "webhook_url": "http://127.0.0.1:8000/hook?token=x"})  # fmt: skip
    assert "本机回环地址" in response.content.decode()

    response = client.post(url, {**form, "phone": "13800001234", "email_address": "chen@example.gov.cn"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=officer_town_a)
    assert (preference.sms, preference.phone, preference.email, preference.webhook) == (
        True,
        "13800001234",
        True,
        False,
    )
    event = AuditEvent.objects.get(action="reports.notificationpreference.changed")
    assert json.loads(event.new_values)["phone"] == "138****1234" and "13800001234" not in event.new_values

    # Saving the same again changes nothing and records nothing.
    client.post(url, {**form, "phone": "13800001234", "email_address": "chen@example.gov.cn"})
    assert AuditEvent.objects.filter(action="reports.notificationpreference.changed").count() == 1


def test_administrators_receive_no_notices(client, auditor):
    login(client, auditor)
    assert client.get(reverse("reports:notices")).status_code == 403
    assert client.get(reverse("reports:notice-settings")).status_code == 403


# -- the jobs, through huey ---------------------------------------------------------


def _register(queue):
    """The reports' jobs on another queue, on their own schedules, as `fazhi worker`
    registers them on its own."""
    return [
        queue.periodic_task(job.s().validate_datetime, name=job.name)(job.call_local)
        for job in (tasks.send_digests, tasks.send_red_notices)
    ]


def _drain(queue) -> list:
    results = []
    while (task := queue.dequeue()) is not None:
        results.append(queue.execute(task))
    return results


def _run_jobs_on(queue, officer):
    digests_job, red_job = _register(queue)
    # The schedule: the digest at 07:30, the red notices five past each hour.
    assert {t.name for t in queue.read_periodic(dt.datetime(2023, 9, 27, 7, 30))} == {
        "fazhi.reports.send_digests"
    }
    assert {t.name for t in queue.read_periodic(dt.datetime(2023, 9, 27, 0, 5))} == {
        "fazhi.reports.send_red_notices"
    }
    assert not queue.read_periodic(dt.datetime(2023, 9, 27, 7, 31))
    assert {t.name for t in queue.read_periodic(dt.datetime(2023, 9, 27, 13, 5))} == {
        "fazhi.reports.send_red_notices"
    }

    # Queued twice (a run repeated, two workers): one digest is logged.
    for _ in range(2):
        queue.enqueue(digests_job.s(day=TODAY.isoformat()))
        queue.enqueue(red_job.s(day=TODAY.isoformat()))
    assert queue.pending_count() == 4
    results = _drain(queue)
    assert queue.pending_count() == 0
    assert sorted(results) == sorted([Tally(1, 0), Tally(0, 0), Tally(1, 0), Tally(0, 0)])
    assert list(digests().values_list("user_id", "day", "channel")) == [
        (officer.pk, TODAY, NoticeChannel.IN_APP)
    ]
    assert Notice.objects.filter(kind=NoticeKind.RED).count() == 1
    assert AuditEvent.objects.filter(action="reports.notice.sent").count() == 2


def test_the_jobs_on_a_sqlite_queue(officer_town_a, items, tmp_path):
    from huey import SqliteHuey

    queue = SqliteHuey("fazhi-test", filename=str(tmp_path / "jobs.sqlite3"))
    assert not queue.immediate
    _run_jobs_on(queue, officer_town_a)


def test_the_jobs_on_a_redis_queue(officer_town_a, items):
    from huey import RedisHuey

    queue = RedisHuey(f"fazhi-test-{uuid.uuid4().hex[:12]}", url=redis_url())
    try:
        _run_jobs_on(queue, officer_town_a)
    finally:
        queue.flush()


def test_the_digest_job_skips_rest_days_unless_given_a_day(officer_town_a, items, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2023, 10, 1))  # National Day
    assert tasks.send_digests.call_local() == Tally(0, 0)
    assert tasks.send_digests.call_local("2023-09-27") == Tally(1, 0)


def test_the_inbox_has_a_fixed_query_count(client, officer_town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    notice(officer_town_a, "第一条提醒")
    notice(officer_town_a, "一封邮件", channel=NoticeChannel.EMAIL)
    login(client, officer_town_a)
    client.get(reverse("reports:notices"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:notices"))
    for n in range(8):
        notice(officer_town_a, f"又一条提醒{n}")
        notice(officer_town_a, f"又一封邮件{n}", channel=NoticeChannel.EMAIL)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reports:notices")).content.decode()
    assert "又一条提醒7" in page and len(many) == len(few)
