"""Live news for open pages: `publish(kind, org_unit_id, payload)`, a server-sent
events stream and a JSON polling fallback (docs/adr/0003-live-updates.md).

Every piece of news is a `LiveEvent` row, whatever else carries it: the table
gives each its id (the cursor of `Last-Event-ID` and `?after=`), lets a page
that reconnects or polls catch up, and feeds the webhooks (`fazhi.core.webhooks`).
With FAZHI_REDIS_URL the news is also published on a Redis channel, and open
streams wait on that channel instead of asking the table every few seconds.

A user receives the news of the org units they see (the event's unit path
under their own) and of the kinds whose permission they hold, nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.db.models.functions import Now
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.models import LiveEvent, OrgUnit

logger = logging.getLogger("fazhi.live")

PING_SECONDS = 10.0  # a comment line now and then: proxies keep the stream, a gone client is noticed
RETRY_MS = 2000  # the browser reconnects this long after a stream ends
BATCH = 200  # events per query and per polling answer


# -- kinds of news --------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    code: str  # "enforcement.decision_made"
    label: str  # shown in the webhook pages
    perm: str  # who may receive it: a user with this permission, in the unit's scope


KINDS: dict[str, Kind] = {}


def register_kind(code: str, label: str, perm: str) -> Kind:
    """Called by each app at import (from its AppConfig.ready()) for the news it publishes."""
    kind = Kind(code, label, perm)
    KINDS[code] = kind
    return kind


def kinds_for(user, wanted: list[str] | None = None) -> frozenset[str]:
    """The kinds `user` may receive, narrowed to `wanted` when given."""
    if not (user and user.is_authenticated and user.is_active and user.org_unit_id):
        return frozenset()
    codes = [k for k in (wanted if wanted is not None else KINDS) if k in KINDS]
    return frozenset(k for k in codes if user.has_perm(KINDS[k].perm))


# -- publishing -----------------------------------------------------------------------


def publish(kind: str, org_unit_id: int, payload: dict[str, Any]) -> None:
    """Record a piece of news of `org_unit_id` once the current transaction commits
    (at once outside one), so that nobody hears of a change that was rolled back.

    `payload` is what every user who sees the unit, and every subscriber of it,
    receives: JSON values only, personal data already masked. News is best
    effort: a failure here is logged and never undoes or fails the change."""
    if kind not in KINDS:
        raise ValueError(f"unknown live event kind {kind!r}: register_kind() it first")
    json.dumps(payload)  # refuse what cannot be sent, here rather than after the commit
    transaction.on_commit(lambda: publish_now(kind, org_unit_id, payload), robust=True)


def publish_now(kind: str, org_unit_id: int, payload: dict[str, Any]) -> LiveEvent | None:
    from fazhi.core import webhooks

    unit = OrgUnit.objects.only("path", "code", "name").filter(pk=org_unit_id).first()
    if unit is None:
        logger.warning("live event %s for a missing org unit %s dropped", kind, org_unit_id)
        return None
    with transaction.atomic():
        event = LiveEvent.objects.create(kind=kind, org_unit=unit, org_path=unit.path, payload=payload)
        deliveries = webhooks.fan_out(event, unit)
    _announce(event)
    webhooks.enqueue(deliveries)
    return event


def public(event: LiveEvent | dict) -> dict[str, Any]:
    """An event as clients receive it (the unit's path stays inside)."""
    if isinstance(event, dict):
        return {k: event[k] for k in ("id", "kind", "at", "org_unit", "data")}
    return {
        "id": event.pk,
        "kind": event.kind,
        "at": event.created_at.isoformat(),
        "org_unit": event.org_unit_id,
        "data": event.payload,
    }


# -- reading the table ----------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What one user may receive: news under `path`, of `kinds`."""

    path: str
    kinds: frozenset[str]

    def admits(self, kind: str, path: str) -> bool:
        return kind in self.kinds and path.startswith(self.path)


def latest_id() -> int:
    """The id up to which the table is complete: every event with a smaller id has
    been committed. On PostgreSQL two writers can commit their ids out of order,
    so the newest FAZHI_LIVE_SETTLE_SECONDS of news is left for the next read."""
    qs = LiveEvent.objects.all()
    settle = settings.FAZHI_LIVE_SETTLE_SECONDS
    if settle > 0:
        cutoff = models.ExpressionWrapper(
            Now() - models.Value(dt.timedelta(seconds=settle)), output_field=models.DateTimeField()
        )
        qs = qs.filter(created_at__lte=cutoff)
    return qs.aggregate(top=models.Max("id"))["top"] or 0


def events_after(scope: Scope, after: int, upto: int | None = None) -> list[LiveEvent]:
    """At most BATCH events of `scope` with ids in (after, upto], oldest first."""
    qs = LiveEvent.objects.filter(id__gt=after, org_path__startswith=scope.path, kind__in=scope.kinds)
    if upto is not None:
        qs = qs.filter(id__lte=upto)
    return list(qs.order_by("id")[:BATCH])


def prune(now: dt.datetime | None = None) -> int:
    """Remove news older than FAZHI_LIVE_RETENTION_HOURS (a periodic job): longer than
    any session lives, so a page that is still signed in can always catch up."""
    cutoff = (now or timezone.now()) - dt.timedelta(hours=settings.FAZHI_LIVE_RETENTION_HOURS)
    deleted, _ = LiveEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# -- Redis ----------------------------------------------------------------------------

_redis_clients: dict[str, Any] = {}
_redis_lock = threading.Lock()


def _redis():
    url = settings.REDIS_URL
    if not url:
        return None
    with _redis_lock:
        client = _redis_clients.get(url)
        if client is None:
            import redis

            client = _redis_clients[url] = redis.Redis.from_url(
                url, socket_connect_timeout=2, health_check_interval=30
            )
    return client


def channel() -> str:
    """One channel per database, so that installations (or test runs) sharing a
    Redis never hear each other's news."""
    name = str(connection.settings_dict.get("NAME", ""))
    return "fazhi:live:" + hashlib.sha256(name.encode()).hexdigest()[:16]


def _announce(event: LiveEvent) -> None:
    client = _redis()
    if client is None:
        return
    message = {**public(event), "path": event.org_path}
    try:
        client.publish(channel(), json.dumps(message, ensure_ascii=False, separators=(",", ":")))
    except Exception:  # Redis down: streams find the event in the table when they reconnect
        logger.warning("live event %s not announced on Redis", event.pk, exc_info=True)


# -- the views ------------------------------------------------------------------------


def _scope(request) -> Scope:
    wanted = [k for k in request.GET.get("kinds", "").split(",") if k] or None
    kinds = kinds_for(request.user, wanted)
    if not kinds:
        raise PermissionDenied("您的角色不接收这些实时消息")
    return Scope(request.user.org_unit_path, kinds)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


def _leave_session_idle(request) -> None:
    """A page left open is not activity: the 30-minute idle limit must still end its
    session. AccountPolicyMiddleware renews a session on activity (once a minute at
    most) and SessionMiddleware saves it, so the live views hand theirs back once
    the user is known and checked; the session then stays as it was."""
    request.user.is_authenticated  # noqa: B018  (resolves the lazy user while the session is there)
    if hasattr(request, "session"):
        del request.session


def _frame(event: LiveEvent | dict) -> bytes:
    data = json.dumps(public(event), ensure_ascii=False, separators=(",", ":"))
    return f"id: {event['id'] if isinstance(event, dict) else event.pk}\ndata: {data}\n\n".encode()


class _Slots:
    """The streams this process holds open, at most `max_streams()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.open = 0

    def take(self) -> bool:
        with self._lock:
            if self.open >= max_streams():
                return False
            self.open += 1
            return True

    def give(self) -> None:
        with self._lock:
            self.open -= 1


_slots = _Slots()


def max_streams() -> int:
    """FAZHI_LIVE_MAX_STREAMS, or half the process's web threads (FAZHI_WEB_THREADS,
    set by `fazhi serve`): the other half always serves pages."""
    configured = settings.FAZHI_LIVE_MAX_STREAMS
    if configured > 0:
        return configured
    return max(1, int(os.environ.get("FAZHI_WEB_THREADS", "4")) // 2)


def open_streams() -> int:
    return _slots.open


_sleep = time.sleep  # tests replace it to make news arrive while a stream waits


class _Stream:
    """The body of one stream: the news missed since `after`, then new news as it
    comes, for FAZHI_LIVE_STREAM_SECONDS; then the browser reconnects."""

    def __init__(self, scope: Scope, after: int | None) -> None:
        self.scope = scope
        self.after = after
        self._released = False
        self._iterator = self._frames()

    def __iter__(self) -> Iterator[bytes]:
        return self._iterator

    def close(self) -> None:  # called by the server when the response ends, sent or not
        try:
            self._iterator.close()
        finally:
            if not self._released:
                self._released = True
                _slots.give()

    def _frames(self) -> Iterator[bytes]:
        deadline = time.monotonic() + settings.FAZHI_LIVE_STREAM_SECONDS
        yield f"retry: {RETRY_MS}\n: ok\n\n".encode()
        client = _redis()
        if client is not None:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(channel())
            except Exception:
                logger.warning("live stream falls back to the table: Redis unavailable", exc_info=True)
            else:
                try:
                    yield from self._from_redis(pubsub, deadline)
                finally:
                    pubsub.close()
                return
        yield from self._from_table(deadline)

    def _backlog(self, after: int, upto: int | None) -> Iterator[LiveEvent]:
        while True:
            batch = events_after(self.scope, after, upto)
            yield from batch
            if len(batch) < BATCH:
                return
            after = batch[-1].pk

    def _from_table(self, deadline: float) -> Iterator[bytes]:
        top = latest_id()
        cursor = top if self.after is None else self.after
        sent = cursor
        next_ping = time.monotonic() + PING_SECONDS
        while True:
            if top > cursor:
                for event in self._backlog(cursor, top):
                    sent = event.pk
                    yield _frame(event)
                cursor = top
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if time.monotonic() >= next_ping:
                next_ping += PING_SECONDS
                yield b": ping\n\n"
            _sleep(min(settings.FAZHI_LIVE_DB_POLL_SECONDS, remaining))
            top = latest_id()
        if cursor > sent:
            # An id without data moves the browser's Last-Event-ID past the news of
            # other units, so that the next stream starts from here.
            yield f"id: {cursor}\n\n".encode()

    def _from_redis(self, pubsub, deadline: float) -> Iterator[bytes]:
        # Subscribed first, then the table: news committed in between comes twice
        # and is sent once; news committed later comes through the channel.
        seen: set[int] = set()
        if self.after is not None:
            for event in self._backlog(self.after, None):
                seen.add(event.pk)
                yield _frame(event)
        if not connection.in_atomic_block:
            connection.close()  # nothing more to read: the thread holds no database connection while it waits
        floor = self.after if self.after is not None else 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            message = pubsub.get_message(timeout=min(PING_SECONDS, remaining))
            if message is None:
                if deadline - time.monotonic() > 0:
                    yield b": ping\n\n"
                continue
            try:
                event = json.loads(message["data"])
            except (TypeError, ValueError):
                continue
            if (
                event["id"] > floor
                and event["id"] not in seen
                and self.scope.admits(event["kind"], event["path"])
            ):
                seen.add(event["id"])
                yield _frame(event)


@require_GET
def stream(request):
    """Server-sent events: `?kinds=a,b` (default: every kind the user may receive),
    `?after=<id>` for the first connection, the `Last-Event-ID` header after that.
    When the process already holds its share of streams: 204, and the page polls."""
    scope = _scope(request)
    after = _int(request.headers.get("Last-Event-ID"))
    if after is None:
        after = _int(request.GET.get("after"))
    _leave_session_idle(request)
    if not _slots.take():
        return HttpResponse(status=204)
    try:
        body = _Stream(scope, after)
    except BaseException:
        _slots.give()
        raise
    response = StreamingHttpResponse(body, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # nginx passes each event on at once
    return response


@require_GET
def events(request):
    """The polling fallback: `?after=<id>` gives the news since that id (at most
    BATCH) and the `last_id` to ask from next; without `after`, only `last_id`."""
    scope = _scope(request)
    _leave_session_idle(request)
    top = latest_id()
    after = _int(request.GET.get("after"))
    found: list[LiveEvent] = []
    last = top
    if after is not None:
        found = events_after(scope, after, top)
        last = found[-1].pk if len(found) == BATCH else max(after, top)
    response = JsonResponse(
        {
            "events": [public(e) for e in found],
            "last_id": last,
            "poll_seconds": settings.FAZHI_LIVE_POLL_SECONDS,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response
