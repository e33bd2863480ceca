"""Webhooks (fazhi.core.webhooks): signed deliveries, retried with backoff until a
2xx, every attempt recorded; the secret shown once and never again."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import signal
import uuid

import pytest
from django.db import connection
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from openpyxl import load_workbook

from fazhi.core import live, tasks, webhooks
from fazhi.core.choices import DeliveryStatus
from fazhi.core.models import AuditEvent, WebhookDelivery, WebhookSubscription
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.live_helpers import NEWS, redis_url

pytestmark = pytest.mark.django_db

FAR = dt.datetime(2100, 1, 1)


@pytest.fixture(autouse=True)
def _clean_queue(settings):
    """The immediate-mode queue (in memory) is the process's: start and end empty.
    The receiver listens on 127.0.0.1, which only FAZHI_WEBHOOK_ALLOW_PRIVATE admits
    (test_webhook_addresses.py tests the refusal)."""
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = True
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    settings.FAZHI_WEBHOOK_RETRY_SECONDS = 30
    HUEY.storage.flush_all()
    yield
    HUEY.storage.flush_all()


def subscribe(unit, url: str, kinds=(NEWS,), **extra) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        org_unit=unit, name=extra.pop("name", "县级平台"), url=url, kinds=list(kinds),
        secret=webhooks.new_secret(), **extra,
    )  # fmt: skip


def run_retries(huey=HUEY) -> list[float]:
    """What the consumer's scheduler does, with the clock moved on to each retry:
    run every scheduled job; return how long after now each was due, in seconds."""
    waits = []
    while tasks_due := huey.read_schedule(FAR):
        for task in tasks_due:
            waits.append((task.eta - timezone.now().replace(tzinfo=None)).total_seconds())
            (delivery_id,) = task.args
            WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())
            huey.execute(task, FAR)
    return waits


def test_a_receiver_that_fails_twice_gets_one_accepted_delivery(town_a, news_kind, receiver):
    receiver.statuses = [500, 503]
    subscription = subscribe(town_a, receiver.url)
    event = live.publish_now(NEWS, town_a.pk, {"decision_no": "云江执罚〔2026〕1号", "party": "张*"})

    assert len(receiver.requests) == 1  # the first attempt, queued at once
    waits = run_retries()
    assert len(receiver.requests) == 3

    accepted = [r for r in receiver.requests if r.status // 100 == 2]
    assert len(accepted) == 1
    (ok,) = accepted
    assert webhooks.verify(subscription.secret, ok.body, ok.headers["X-Fazhi-Signature"])
    assert ok.headers["X-Fazhi-Signature"].startswith("sha256=")
    assert ok.headers["X-Fazhi-Event"] == NEWS
    # One delivery id on every attempt: the receiver can drop repeats.
    assert {r.headers["X-Fazhi-Delivery"] for r in receiver.requests} == {ok.headers["X-Fazhi-Delivery"]}
    assert [r.headers["X-Fazhi-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
    assert len({r.body for r in receiver.requests}) == 1
    body = json.loads(ok.body)
    assert (
        body["event"] == NEWS
        and body["event_id"] == event.pk
        and body["delivery"] == ok.headers["X-Fazhi-Delivery"]
    )
    assert body["org_unit"] == {"code": "500235131", "name": "江口镇"}
    assert body["data"] == {"decision_no": "云江执罚〔2026〕1号", "party": "张*"}

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        3,
        200,
    )
    assert [a["code"] for a in delivery.attempt_log] == [500, 503, 200]
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert str(delivery.uuid) == ok.headers["X-Fazhi-Delivery"]
    assert delivery.signature == ok.headers["X-Fazhi-Signature"]
    # Backoff: 30 s after the first failure, 60 s after the second.
    assert 25 < waits[0] <= 30 and 55 < waits[1] <= 60


@pytest.mark.django_db(transaction=True)
def test_the_same_against_redis_with_a_consumer(town_a, news_kind, receiver, monkeypatch, settings):
    """A RedisHuey queue and a real consumer (threads), as `fazhi worker` runs it with FAZHI_REDIS_URL."""
    from huey import RedisHuey

    url = redis_url()
    settings.FAZHI_WEBHOOK_RETRY_SECONDS = 1  # 1 s, then 2 s: the scheduler looks every second
    queue = RedisHuey(f"fazhi-test-{uuid.uuid4().hex[:12]}", url=url, results=False)

    def deliver(delivery_id):
        try:
            webhooks.attempt(delivery_id)
        finally:
            connection.close()  # a consumer thread's connection must not outlive the test

    monkeypatch.setattr(tasks, "deliver_webhook", queue.task(name="fazhi.webhooks.deliver")(deliver))
    receiver.statuses = [500, 500]
    subscription = subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})  # committed: the test runs outside a transaction
    assert queue.pending_count() == 1 and receiver.requests == []

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer = queue.create_consumer(workers=1, periodic=False, check_worker_health=False, initial_delay=0.05)
    consumer.start()
    try:
        assert receiver.accepted.wait(30), "the consumer did not deliver"
    finally:
        consumer.stop(graceful=True)
        for s, handler in handlers.items():
            signal.signal(s, handler)
        queue.flush()
    accepted = [r for r in receiver.requests if r.status // 100 == 2]
    assert len(receiver.requests) == 3 and len(accepted) == 1
    assert webhooks.verify(subscription.secret, accepted[0].body, accepted[0].headers["X-Fazhi-Signature"])
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert [a["code"] for a in delivery.attempt_log] == [500, 500, 200]


def test_a_delivery_gives_up_after_the_last_attempt(town_a, news_kind, receiver, settings):
    settings.FAZHI_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.statuses = [500] * 10
    subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    run_retries()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == (DeliveryStatus.FAILED, 3, 3)
    assert delivery.last_error == "对方返回 HTTP 500" and delivery.next_attempt_at is None


def test_a_redirect_is_a_failed_attempt_not_followed(town_a, news_kind, receiver):
    receiver.statuses = [302]
    subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code == 302 and delivery.status == DeliveryStatus.PENDING
    assert [r.status for r in receiver.requests] == [302]  # elsewhere/ was never asked


def test_an_unreachable_receiver_is_retried(town_a, news_kind, receiver, settings):
    settings.FAZHI_WEBHOOK_TIMEOUT_SECONDS = 1
    subscribe(town_a, "http://127.0.0.1:9/hook/")  # the discard port: nobody listens
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code is None
    assert delivery.last_error.startswith("无法连接") and delivery.attempts == 1
    assert HUEY.scheduled_count() == 1


def test_news_goes_to_subscribers_of_its_unit_and_the_units_above(
    town_a, town_b, county_unit, news_kind, receiver
):
    county = subscribe(county_unit, receiver.url, name="县平台")
    own = subscribe(town_a, receiver.url, name="江口镇系统")
    other = subscribe(town_b, receiver.url, name="双江镇系统")
    subscribe(town_a, receiver.url, name="停用的", active=False)
    subscribe(town_a, receiver.url, name="别的消息", kinds=["enforcement.decision_published"])
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    assert set(WebhookDelivery.objects.values_list("subscription", flat=True)) == {county.pk, own.pk}
    assert not WebhookDelivery.objects.filter(subscription=other).exists()
    assert len(receiver.requests) == 2


def test_a_subscription_stopped_before_its_retry_is_not_sent_again(town_a, news_kind, receiver):
    receiver.statuses = [500]
    subscription = subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    WebhookSubscription.objects.filter(pk=subscription.pk).update(active=False)
    run_retries()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.last_error == "推送订阅已停用"
    assert len(receiver.requests) == 1


def test_a_job_for_a_delivery_that_is_not_due_does_nothing(town_a, news_kind, receiver):
    receiver.statuses = [500]
    subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    delivery = WebhookDelivery.objects.get()
    assert webhooks.attempt(delivery.pk) is None  # a duplicate job, 30 s early
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now(), leased_until=timezone.now() + dt.timedelta(minutes=1)
    )
    assert webhooks.attempt(delivery.pk) is None  # another worker holds it
    assert len(receiver.requests) == 1


def test_a_lost_job_is_queued_again_by_the_periodic_job(town_a, news_kind, receiver):
    receiver.statuses = [500]
    subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    HUEY.storage.flush_all()  # the queue lost the retry
    delivery = WebhookDelivery.objects.get()
    assert webhooks.resend_stalled() == 0  # not overdue yet
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(minutes=5)
    )
    tasks.resend_stalled_webhooks.call_local()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and len(receiver.requests) == 2


def test_a_new_secret_signs_the_next_attempt(town_a, news_kind, receiver, county_unit):
    receiver.statuses = [500]
    subscription = subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    sysadmin = user_with_role("sys_x", "sysadmin", None)
    secret = webhooks.regenerate_secret(subscription, actor=sysadmin)
    run_retries()
    last = receiver.requests[-1]
    assert webhooks.verify(secret, last.body, last.headers["X-Fazhi-Signature"])
    assert not webhooks.verify(
        secret, receiver.requests[0].body, receiver.requests[0].headers["X-Fazhi-Signature"]
    )


# -- the pages ----------------------------------------------------------------------------


@pytest.fixture
def sysadmin(client):
    user = user_with_role("sys_admin", "sysadmin", None)  # the installation's: no org unit
    login(client, user)
    return user


def test_the_secret_is_shown_once_and_never_again(client, sysadmin, town_a, news_kind, receiver, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(
        "/core/webhooks/new/",
        {"org_unit": town_a.pk, "name": "县级平台", "url": receiver.url, "kinds": [NEWS], "active": "on"},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    subscription = WebhookSubscription.objects.get()
    secret = subscription.secret
    assert len(secret) >= 40 and secret in response.content.decode()

    detail = client.get(subscription.get_absolute_url()).content.decode()
    assert secret not in detail and f"******{secret[-4:]}" in detail
    assert secret not in client.get("/core/webhooks/").content.decode()
    export = load_workbook(io.BytesIO(client.get("/core/webhooks/export/").content))
    assert secret not in str([c.value for row in export.active.iter_rows() for c in row])
    client.post(f"/core/webhooks/{subscription.pk}/edit/", {"org_unit": town_a.pk, "name": "县级平台（改）",
                                                              "url": receiver.url, "kinds": [NEWS]})  # fmt: skip
    subscription.refresh_from_db()
    assert subscription.secret == secret and not subscription.active  # an edit keeps the secret

    live.publish_now(NEWS, town_a.pk, {"n": 1})
    renewed = client.post(f"/core/webhooks/{subscription.pk}/secret/")
    subscription.refresh_from_db()
    assert subscription.secret != secret and subscription.secret in renewed.content.decode()

    events = AuditEvent.objects.filter(action__startswith="core.webhooksubscription.")
    assert list(events.values_list("action", flat=True)) == [
        "core.webhooksubscription.created", "core.webhooksubscription.exported",
        "core.webhooksubscription.changed", "core.webhooksubscription.secret_changed",
    ]  # fmt: skip
    audit_text = json.dumps(list(events.values("old_values", "new_values")), ensure_ascii=False)
    assert secret not in audit_text and subscription.secret not in audit_text
    assert secret not in caplog.text and subscription.secret not in caplog.text


def test_only_the_system_administrator_keeps_subscriptions(client, town_a, leader):
    subscription = subscribe(town_a, "https://county.example/hook/")
    login(client, leader)
    for url in (
        "/core/webhooks/",
        "/core/webhooks/new/",
        subscription.get_absolute_url(),
        "/core/webhook-deliveries/",
    ):
        assert client.get(url).status_code == 403, url


def test_a_towns_system_administrator_sees_only_its_towns_subscriptions(
    client, town_a, town_b, news_kind, receiver
):
    own = subscribe(town_a, receiver.url, name="江口镇系统")
    other = subscribe(town_b, receiver.url, name="双江镇系统")
    live.publish_now(NEWS, town_b.pk, {"n": 1})
    login(client, user_with_role("sys_b", "sysadmin", town_a))
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200
    page = client.get("/core/webhooks/").content.decode()
    assert "江口镇系统" in page and "双江镇系统" not in page
    delivery = WebhookDelivery.objects.get()
    assert client.get(delivery.get_absolute_url()).status_code == 404
    assert client.get("/core/webhook-deliveries/").context["page"].paginator.count == 0


def test_the_delivery_log_lists_every_attempt_without_the_content(
    client, sysadmin, town_a, news_kind, receiver
):
    receiver.statuses = [500]
    subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"party": "张*", "decision_no": "云江执罚〔2026〕9号"})
    run_retries()
    delivery = WebhookDelivery.objects.get()
    page = client.get(delivery.get_absolute_url()).content.decode()
    assert "已送达" in page and "对方返回 HTTP 500" in page and page.count("<tr><td>") == 2
    assert "云江执罚" not in page  # the system administrator sees how it went, not the case
    listing = client.get("/core/webhook-deliveries/?status=delivered")
    assert listing.context["page"].paginator.count == 1
    export = load_workbook(io.BytesIO(client.get("/core/webhook-deliveries/export/").content))
    rows = list(export.active.iter_rows(min_row=2, values_only=True))
    assert (
        len(rows) == 1
        and rows[0][1] == str(delivery.uuid)
        and rows[0][5] == "已送达"
        and str(rows[0][6]) == "2"
    )


def test_a_receiver_address_must_be_http(client, sysadmin, town_a, news_kind):
    response = client.post(
        "/core/webhooks/new/",
        {"org_unit": town_a.pk, "name": "x", "url": "ftp://county.example/", "kinds": [NEWS]},
    )
    assert response.status_code == 200 and not WebhookSubscription.objects.exists()
    assert "http:// 或 https://" in response.content.decode()


def test_lost_deliveries_are_looked_for_every_minute():
    assert tasks.resend_stalled_webhooks.s().validate_datetime(dt.datetime(2026, 1, 1, 3, 1))


from fazhi.core.tests.register_contract import RegisterContract  # noqa: E402
from fazhi.core.webhook_registers import webhook_subscriptions  # noqa: E402


class TestWebhookSubscriptionsRegister(RegisterContract):
    """Subscriptions keep the register contract: scoped, fixed query count, 404 across towns."""

    register = webhook_subscriptions
    reader_role = "sysadmin"
    refused_role = "officer"

    def make(self, town, n):
        return [subscribe(town, f"https://county.example/hook/{i}", name=f"订阅{i}") for i in range(n)]


# -- 重新推送: a failed delivery sent again by hand ----------------------------------------


def _failed_delivery(town, receiver, settings, statuses=(500, 500)) -> WebhookDelivery:
    settings.FAZHI_WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = list(statuses)
    subscribe(town, receiver.url)
    live.publish_now(NEWS, town.pk, {"n": 1})
    run_retries()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    return delivery


def test_the_system_administrator_resends_a_failed_delivery(
    client, sysadmin, town_a, news_kind, receiver, settings, django_capture_on_commit_callbacks
):
    delivery = _failed_delivery(town_a, receiver, settings)
    page = client.get(delivery.get_absolute_url()).content.decode()
    assert 'data-testid="delivery-resend"' in page and "重新推送" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/core/webhook-deliveries/{delivery.pk}/resend/", follow=True)
    assert "已重新推送" in response.content.decode()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        3,
        200,
    )
    # The same delivery, body and id: the receiver drops it if it had it after all.
    assert len(receiver.requests) == 3 and len({r.body for r in receiver.requests}) == 1
    assert {r.headers["X-Fazhi-Delivery"] for r in receiver.requests} == {str(delivery.uuid)}
    assert receiver.requests[-1].headers["X-Fazhi-Attempt"] == "3"
    marker = delivery.attempt_log[2]
    assert marker["resent"] and marker["by"] == sysadmin.username and marker["after"] == 2
    assert [a.get("code") for a in delivery.attempt_log if not a.get("resent")] == [500, 500, 200]

    event = AuditEvent.objects.get(action="core.webhookdelivery.resent")
    assert event.actor_name == sysadmin.username and event.org_unit_id == town_a.pk
    assert event.target_id == str(delivery.pk) and '"status":"failed"' in event.old_values
    page = client.get(delivery.get_absolute_url()).content.decode()
    assert 'data-testid="delivery-resent"' in page and 'data-testid="delivery-resend"' not in page


def test_a_resent_delivery_gets_a_new_round_of_attempts(
    client, sysadmin, town_a, news_kind, receiver, settings, django_capture_on_commit_callbacks
):
    delivery = _failed_delivery(town_a, receiver, settings, statuses=[500] * 10)
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.resend_delivery(delivery, actor=sysadmin)
    waits = run_retries()
    delivery.refresh_from_db()
    # Two attempts again (FAZHI_WEBHOOK_MAX_ATTEMPTS), the backoff starting over at 30 s.
    assert (delivery.status, delivery.attempts, len(receiver.requests)) == (DeliveryStatus.FAILED, 4, 4)
    assert len(waits) == 1 and 25 < waits[0] <= 30


def test_only_a_failed_delivery_of_an_active_subscription_is_resent(
    client, sysadmin, town_a, news_kind, receiver, settings
):
    from fazhi.law import RuleError

    receiver.statuses = [500]
    subscription = subscribe(town_a, receiver.url)
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    pending = WebhookDelivery.objects.get()
    assert 'data-testid="delivery-resend"' not in client.get(pending.get_absolute_url()).content.decode()
    response = client.post(f"/core/webhook-deliveries/{pending.pk}/resend/", follow=True)
    assert "只有投递失败的推送记录可以重新推送" in response.content.decode()

    WebhookDelivery.objects.filter(pk=pending.pk).update(status=DeliveryStatus.FAILED)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(active=False)
    with pytest.raises(RuleError) as exc:
        webhooks.resend_delivery(pending, actor=sysadmin)
    assert exc.value.code == "subscription_inactive"
    assert not AuditEvent.objects.filter(action="core.webhookdelivery.resent").exists()
    assert WebhookDelivery.objects.get().status == DeliveryStatus.FAILED


def test_only_the_system_administrator_of_the_unit_resends(
    client, town_a, town_b, leader, news_kind, receiver, settings
):
    delivery = _failed_delivery(town_a, receiver, settings)
    url = f"/core/webhook-deliveries/{delivery.pk}/resend/"
    login(client, leader)
    assert client.post(url).status_code == 403
    login(client, user_with_role("sys_b", "sysadmin", town_b))
    assert client.post(url).status_code == 404
    assert WebhookDelivery.objects.get().status == DeliveryStatus.FAILED
    assert not AuditEvent.objects.filter(action="core.webhookdelivery.resent").exists()
