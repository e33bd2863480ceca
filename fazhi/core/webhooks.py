"""Webhooks (推送): news sent to the systems that subscribe, signed, retried by
the job queue until the receiver answers 2xx (docs/adr/0003-live-updates.md).

For each piece of news (`fazhi.core.live.publish_now`), every active
subscription of the news's unit or a unit above it that asked for its kind
gets one `WebhookDelivery`: the body is fixed then (so that every attempt sends
the same bytes), and a job makes the first attempt. Each attempt POSTs the body
with

    X-Fazhi-Event: <kind>
    X-Fazhi-Delivery: <uuid>          the same on every attempt: receivers drop repeats
    X-Fazhi-Signature: sha256=<hex>   HMAC-SHA256 of the body with the subscription's secret

and is recorded on the delivery. A failed attempt schedules the next one,
FAZHI_WEBHOOK_RETRY_SECONDS later and twice as long each time (at most
FAZHI_WEBHOOK_RETRY_MAX_SECONDS), until FAZHI_WEBHOOK_MAX_ATTEMPTS; then the
delivery is failed. The database, not the queue, says what is due: a periodic
job sends again what a lost job left pending, and an attempt takes a lease on
its delivery so that two workers never send it at once.

The secret is never logged, shown after it is made, or written to an audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
import uuid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.choices import DeliveryStatus
from fazhi.core.models import LiveEvent, OrgUnit, WebhookDelivery, WebhookSubscription

logger = logging.getLogger("fazhi.webhooks")

USER_AGENT = "Fazhi-Webhook/1"
EARLY = dt.timedelta(seconds=1)  # a job may run this much before its delivery is due
LEASE_MARGIN = dt.timedelta(seconds=60)
STALLED_AFTER = dt.timedelta(seconds=60)  # overdue this long: its job was lost


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (and the tests do): compare in constant time."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def _prefixes(path: str) -> list[str]:
    """ "/a/b/c/" -> ["/a/", "/a/b/", "/a/b/c/"]: the paths of the unit and the units above it."""
    codes = path.strip("/").split("/")
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def fan_out(event: LiveEvent, unit: OrgUnit) -> list[WebhookDelivery]:
    """One delivery per subscriber of the event, in the caller's transaction."""
    subscriptions = [
        s
        for s in WebhookSubscription.objects.filter(active=True, org_unit__path__in=_prefixes(event.org_path))
        if event.kind in s.kinds
    ]
    if not subscriptions:
        return []
    now = timezone.now()
    deliveries = []
    for subscription in subscriptions:
        delivery_id = uuid.uuid4()
        body = {
            "delivery": str(delivery_id),
            "event": event.kind,
            "event_id": event.pk,
            "occurred_at": event.created_at.isoformat(),
            "org_unit": {"code": unit.code, "name": unit.name},
            "data": event.payload,
        }
        deliveries.append(
            WebhookDelivery(
                subscription=subscription,
                uuid=delivery_id,
                kind=event.kind,
                event_id=event.pk,
                payload=json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                next_attempt_at=now,
            )
        )
    return WebhookDelivery.objects.bulk_create(deliveries)


def enqueue(deliveries: list[WebhookDelivery]) -> None:
    from fazhi.core.tasks import deliver_webhook

    for delivery in deliveries:
        try:
            deliver_webhook(delivery.pk)
        except Exception:  # the queue is down: the periodic job sends it later
            logger.warning("webhook delivery %s not queued", delivery.pk, exc_info=True)


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: doubling, with a ceiling."""
    seconds = settings.FAZHI_WEBHOOK_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.FAZHI_WEBHOOK_RETRY_MAX_SECONDS))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer other than 2xx, not an address to post the news to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None, error text); the receiver's answer is not kept."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None, "接收地址须为 http 或 https"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310  (scheme checked above)
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(4096)
            return response.status, ""
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, f"对方返回 HTTP {exc.code}"
    except urllib.error.URLError as exc:
        return None, f"无法连接：{exc.reason}"[:500]
    except TimeoutError:
        return None, f"等待应答超时（{timeout:g}秒）"
    except Exception as exc:  # a reset connection, a broken answer: an attempt that failed
        return None, f"{type(exc).__name__}: {exc}"[:500]


def _host(url: str) -> str:
    # Logs name the host only: a receiver may put a token in its path or query.
    return urlsplit(url).netloc


def _take(delivery_id: int) -> WebhookDelivery | None:
    """Lease the delivery for one attempt, or None when it is not due or not ours."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return None
        if delivery.leased_until and delivery.leased_until > now:
            return None  # another worker is sending it
        if delivery.next_attempt_at and delivery.next_attempt_at > now + EARLY:
            return None  # a second job for it, early: the scheduled one will come
        if not delivery.subscription.active:
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = "推送订阅已停用"
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
            return None
        delivery.attempts += 1
        timeout = dt.timedelta(seconds=settings.FAZHI_WEBHOOK_TIMEOUT_SECONDS)
        delivery.leased_until = now + timeout + LEASE_MARGIN
        delivery.save(update_fields=["attempts", "leased_until"])
    return delivery


def attempt(delivery_id: int) -> str | None:
    """One attempt at a delivery (the job `fazhi.core.tasks.deliver_webhook`); returns
    the delivery's status after it, or None when there was nothing to do."""
    delivery = _take(delivery_id)
    if delivery is None:
        return None
    subscription = delivery.subscription
    body = delivery.payload.encode()
    signature = sign(subscription.secret, body)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Fazhi-Event": delivery.kind,
        "X-Fazhi-Delivery": str(delivery.uuid),
        "X-Fazhi-Attempt": str(delivery.attempts),
        "X-Fazhi-Signature": signature,
    }
    started = time.monotonic()
    code, error = post(subscription.url, body, headers, settings.FAZHI_WEBHOOK_TIMEOUT_SECONDS)
    elapsed_ms = round((time.monotonic() - started) * 1000)
    if code is not None and not 200 <= code < 300 and not error:
        error = f"对方返回 HTTP {code}"
    done = timezone.now()
    delay = None
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        delivery.signature = signature
        delivery.last_status_code = code
        delivery.last_error = error[:500]
        delivery.leased_until = None
        entry = {
            "n": delivery.attempts,
            "at": timezone.localtime(done).isoformat(timespec="seconds"),
            "code": code,
            "error": error[:200],
            "ms": elapsed_ms,
        }
        delivery.attempt_log = [*delivery.attempt_log, entry]
        if code is not None and 200 <= code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = done
            delivery.next_attempt_at = None
        elif delivery.attempts >= settings.FAZHI_WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delay = retry_delay(delivery.attempts)
            delivery.next_attempt_at = done + delay
        delivery.save()
    logger.info(
        "webhook delivery %s attempt %d/%d to %s: %s",
        delivery.uuid,
        delivery.attempts,
        settings.FAZHI_WEBHOOK_MAX_ATTEMPTS,
        _host(subscription.url),
        code if code is not None else error,
    )
    if delay is not None:
        _schedule(delivery.pk, delay)
    return delivery.status


def _schedule(delivery_id: int, delay: dt.timedelta) -> None:
    from fazhi.core.tasks import deliver_webhook

    try:
        deliver_webhook.schedule((delivery_id,), delay=delay.total_seconds())
    except Exception:  # the queue is down: the periodic job sends it when due
        logger.warning("webhook delivery %s: next attempt not queued", delivery_id, exc_info=True)


def resend_stalled(now: dt.datetime | None = None) -> int:
    """Queue again the pending deliveries whose job was lost (a queue wiped, a worker
    killed mid-attempt): overdue for a minute and not leased. A job that was only
    late finds its delivery taken or not yet due, and does nothing."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lt=now - STALLED_AFTER)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
    enqueue([WebhookDelivery(pk=pk) for pk in due])
    return len(due)


# -- the subscription's actions --------------------------------------------------------


def create_subscription(*, actor: Any, data: dict[str, Any]) -> tuple[WebhookSubscription, str]:
    """A new subscription with a fresh secret, returned once to be shown once."""
    from fazhi.core.registers.actions import create_record

    secret = new_secret()
    subscription = create_record(WebhookSubscription, actor=actor, data={**data, "secret": secret})
    return subscription, secret


def update_subscription(subscription: WebhookSubscription, *, actor: Any, data: dict[str, Any]):
    from fazhi.core.registers.actions import update_record

    return update_record(subscription, actor=actor, data={k: v for k, v in data.items() if k != "secret"})


def regenerate_secret(subscription: WebhookSubscription, *, actor: Any) -> str:
    """A new secret (the old one leaked, or the receiver was rebuilt): pending
    deliveries are signed with it from their next attempt on."""
    from fazhi.core.registers.actions import update_record

    secret = new_secret()
    update_record(subscription, actor=actor, data={"secret": secret}, verb="secret_changed")
    return secret
