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

A receiver's address is checked against server-side request forgery when the
subscription is saved and again at each attempt (DNS may have changed since): a
host that resolves to a loopback, link-local, private, multicast or unspecified
address is refused (FAZHI_WEBHOOK_ALLOW_PRIVATE=1 lets loopback and private
addresses through), and the attempt connects to the very addresses it checked.

A failed delivery may be sent again by the system administrator (重新推送,
`resend_delivery`): a new round of attempts, marked in its attempt log and audited.

The secret is never logged, shown after it is made, or written to an audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
import uuid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.choices import DeliveryStatus
from fazhi.core.models import LiveEvent, OrgUnit, WebhookDelivery, WebhookSubscription
from fazhi.law import RuleError

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


# -- the receiver's address (server-side request forgery) ------------------------------


class AddressRefused(ValueError):
    """A receiver's address Fazhi does not post to; the message is Chinese."""


def _resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the resolver's order (an IP is itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refused_kind(address: str) -> str:
    """Why no delivery goes to `address` (an IP), in Chinese; "" when it may.
    Link-local (169.254/16 holds the cloud metadata service), multicast and
    unspecified addresses are always refused; loopback and private ones unless
    FAZHI_WEBHOOK_ALLOW_PRIVATE."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) aside
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_unspecified:
        return "未指定地址"
    if ip.is_multicast:
        return "组播地址"
    if ip.is_link_local:
        return "链路本地地址"
    if getattr(settings, "FAZHI_WEBHOOK_ALLOW_PRIVATE", False):
        return ""
    if ip.is_loopback:
        return "本机回环地址"
    if not ip.is_global:  # private networks, shared (100.64/10) and reserved ranges
        return "内网地址"
    return ""


def check_url(url: str) -> list[str]:
    """The addresses a delivery to `url` may connect to, all of them checked; raises
    AddressRefused when the URL is not http(s), its host does not resolve, or any
    address it resolves to is refused (one bad address is enough: a resolver may
    answer either one)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused("接收地址须以 http:// 或 https:// 开头并包含主机名")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = _resolve(host, port)
    except ValueError:
        raise AddressRefused("接收地址的端口不正确") from None
    except (OSError, UnicodeError):
        raise AddressRefused(f"无法解析接收地址的主机名 {host}") from None
    if not addresses:
        raise AddressRefused(f"无法解析接收地址的主机名 {host}")
    for address in addresses:
        kind = refused_kind(address)
        if kind:
            advice = (
                "；如接收方确在本机或政务内网，须由运维人员设置 FAZHI_WEBHOOK_ALLOW_PRIVATE=1"
                if kind in ("本机回环地址", "内网地址")
                else ""
            )
            where = f"接收地址 {host} " if host == address else f"接收地址的主机名 {host} 解析为 {address}，"
            raise AddressRefused(f"{where}属于{kind}，为防止服务端请求伪造，不向该地址推送{advice}")
    return addresses


def validate_url(url: str) -> None:
    """The check when a subscription is saved, as a form error on its address."""
    try:
        check_url(url)
    except AddressRefused as exc:
        raise ValidationError({"url": str(exc)}) from None


def _connect_to(addresses: list[str]):
    """socket.create_connection for a connection that must reach one of `addresses`
    (checked), whatever the name resolves to by the time it connects."""

    def create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
        error: OSError | None = None
        for ip in addresses:
            try:
                return socket.create_connection((ip, address[1]), timeout, source_address, **kwargs)
            except OSError as exc:
                error = exc
        raise error or OSError("没有可连接的地址")

    return create_connection


class _Pinned:
    """A handler whose connections go to the checked addresses. Through a proxy
    (http_proxy/https_proxy in the environment) the proxy connects, to the host
    checked just before."""

    def __init__(self, addresses: list[str], **kwargs):
        super().__init__(**kwargs)
        self.addresses = addresses

    def do_open(self, http_class, req, **kwargs):
        if req.has_proxy() or getattr(req, "_tunnel_host", None):
            return super().do_open(http_class, req, **kwargs)
        addresses = self.addresses

        def pinned(host, **conn_kwargs):
            connection = http_class(host, **conn_kwargs)
            connection._create_connection = _connect_to(addresses)
            return connection

        return super().do_open(pinned, req, **kwargs)


class _PinnedHTTP(_Pinned, urllib.request.HTTPHandler):
    pass


class _PinnedHTTPS(_Pinned, urllib.request.HTTPSHandler):
    pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer other than 2xx, not an address to post the news to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None, error text); the receiver's answer is not kept. The
    address is checked first, and the connection made to what was checked."""
    try:
        addresses = check_url(url)
    except AddressRefused as exc:
        return None, str(exc)[:500]
    opener = urllib.request.build_opener(_NoRedirect, _PinnedHTTP(addresses), _PinnedHTTPS(addresses))
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310  (scheme checked above)
    try:
        with opener.open(request, timeout=timeout) as response:
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
        elif round_attempts(delivery) >= settings.FAZHI_WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delay = retry_delay(round_attempts(delivery))
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


def round_attempts(delivery: WebhookDelivery) -> int:
    """The attempts since the delivery was last sent again by hand (all of them when
    it never was): each round has FAZHI_WEBHOOK_MAX_ATTEMPTS and its own backoff."""
    for entry in reversed(delivery.attempt_log):
        if entry.get("resent"):
            return delivery.attempts - int(entry.get("after", 0))
    return delivery.attempts


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


def resend_delivery(delivery: WebhookDelivery, *, actor: Any) -> WebhookDelivery:
    """重新推送: a failed delivery (the receiver was down past the last retry, or
    refused it) goes out again, the same body and delivery id, with a new round of
    FAZHI_WEBHOOK_MAX_ATTEMPTS attempts. The system administrator's action: the
    attempt log marks it and an audit event records who did it. The first attempt
    is queued when the change is committed."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("core.change_webhooksubscription"):
        raise PermissionDenied("只有系统管理员可以重新推送")
    with audit.batch():
        item = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("subscription")
            .get(pk=delivery.pk)
        )
        if not item.is_visible_to(actor):
            raise PermissionDenied("无权操作该推送记录")
        if item.status != DeliveryStatus.FAILED:
            raise RuleError("只有投递失败的推送记录可以重新推送", code="delivery_not_failed")
        if not item.subscription.active:
            raise RuleError("推送订阅已停用，请先启用该订阅再重新推送", code="subscription_inactive")
        now = timezone.now()
        before = {"status": item.status, "attempts": item.attempts, "last_error": item.last_error}
        item.attempt_log = [
            *item.attempt_log,
            {
                "resent": True,
                "at": timezone.localtime(now).isoformat(timespec="seconds"),
                "by": actor.get_username(),
                "after": item.attempts,
            },
        ]
        item.status = DeliveryStatus.PENDING
        item.next_attempt_at = now
        item.leased_until = None
        item.save(update_fields=["attempt_log", "status", "next_attempt_at", "leased_until"])
        audit.record(
            actor=actor,
            action="core.webhookdelivery.resent",
            target=item,
            org_unit_id=item.subscription.org_unit_id,
            old=before,
            new={"status": item.status},
        )
    transaction.on_commit(lambda: enqueue([item]), robust=True)
    return item


# -- the subscription's actions --------------------------------------------------------


def _check_address(data: dict[str, Any], subscription: WebhookSubscription | None = None) -> None:
    """Refuse a receiver address that leads inside (ValidationError on "url"): a new
    address, or the one kept by a subscription saved as active (it will be sent to).
    Called before any transaction: resolving a name may take a while."""
    url = data.get("url", subscription.url if subscription else "")
    active = data.get("active", subscription.active if subscription else True)
    if subscription is None or url != subscription.url or active:
        validate_url(url)


def create_subscription(*, actor: Any, data: dict[str, Any]) -> tuple[WebhookSubscription, str]:
    """A new subscription with a fresh secret, returned once to be shown once."""
    from fazhi.core.registers.actions import create_record

    _check_address(data)
    secret = new_secret()
    subscription = create_record(WebhookSubscription, actor=actor, data={**data, "secret": secret})
    return subscription, secret


def update_subscription(subscription: WebhookSubscription, *, actor: Any, data: dict[str, Any]):
    from fazhi.core.registers.actions import update_record

    _check_address(data, subscription)
    return update_record(subscription, actor=actor, data={k: v for k, v in data.items() if k != "secret"})


def regenerate_secret(subscription: WebhookSubscription, *, actor: Any) -> str:
    """A new secret (the old one leaked, or the receiver was rebuilt): pending
    deliveries are signed with it from their next attempt on."""
    from fazhi.core.registers.actions import update_record

    secret = new_secret()
    update_record(subscription, actor=actor, data={"secret": secret}, verb="secret_changed")
    return secret
