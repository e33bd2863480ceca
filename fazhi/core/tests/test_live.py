"""Live news (fazhi.core.live): published after the commit, streamed and polled
only to those who see the unit, resumed from Last-Event-ID, pruned."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from fazhi.core import live
from fazhi.core.models import LiveEvent, OrgUnit
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.live_helpers import NEWS, read_stream, redis_url, sent

pytestmark = pytest.mark.django_db

STREAM = "/core/live/stream/"
POLL = "/core/live/events/"


@pytest.fixture(autouse=True)
def _short_streams(settings):
    settings.FAZHI_LIVE_STREAM_SECONDS = 0  # the backlog, then the end: no test waits 25 s
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    settings.REDIS_URL = ""


def news(unit: OrgUnit, n: int = 1) -> LiveEvent:
    return live.publish_now(NEWS, unit.pk, {"n": n, "unit": unit.name})


def test_news_is_published_only_when_the_transaction_commits(
    town_a, news_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        live.publish(NEWS, town_a.pk, {"n": 1})
        assert not LiveEvent.objects.exists()
    for callback in callbacks:
        callback()
    event = LiveEvent.objects.get()
    assert (event.kind, event.org_path, event.payload) == (NEWS, town_a.path, {"n": 1})


def test_rolled_back_news_is_never_published(town_a, news_kind):
    with pytest.raises(RuntimeError), transaction.atomic():
        live.publish(NEWS, town_a.pk, {"n": 1})
        raise RuntimeError
    assert not LiveEvent.objects.exists()


def test_an_unknown_kind_is_refused_at_once(town_a):
    with pytest.raises(ValueError, match="unknown live event kind"):
        live.publish("nobody.registered", town_a.pk, {})


def test_a_stream_carries_only_the_users_towns_news(client, town_a, town_b, officer_town_b, news_kind):
    news(town_a, 1)
    own = news(town_b, 2)
    client.force_login(officer_town_b)
    response, frames = read_stream(client, f"{STREAM}?after=0")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    assert response["Cache-Control"] == "no-store" and response["X-Accel-Buffering"] == "no"
    assert frames[0]["retry"] == str(live.RETRY_MS)
    assert sent(frames) == [
        {
            "id": own.pk,
            "kind": NEWS,
            "at": own.created_at.isoformat(),
            "org_unit": town_b.pk,
            "data": {"n": 2, "unit": "双江镇"},
        }
    ]


def test_a_village_s_news_reaches_its_town_and_the_county(client, town_a, town_b, county_leader, news_kind):
    village = OrgUnit.objects.create(kind="village", code="500235131200", name="江口村", parent=town_a)
    news(village, 1)
    news(town_b, 2)
    villager = user_with_role("village_officer", "officer", village)
    login(client, county_leader)
    assert [e["data"]["n"] for e in sent(read_stream(client, f"{STREAM}?after=0")[1])] == [1, 2]
    client.force_login(villager)
    assert [e["data"]["n"] for e in sent(read_stream(client, f"{STREAM}?after=0")[1])] == [1]


def test_another_towns_news_never_reaches_a_user_whatever_they_ask(client, town_a, officer_town_b, news_kind):
    news(town_a, 1)
    client.force_login(officer_town_b)
    for url in (f"{STREAM}?after=0", f"{STREAM}?after=0&kinds={NEWS}", f"{POLL}?after=0&kinds={NEWS}"):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "江口镇".encode() not in body and b'"n"' not in body, url


def test_a_role_without_the_kinds_permission_is_refused(client, town_a, news_kind):
    news(town_a, 1)
    sysadmin = user_with_role("sys_a", "sysadmin", town_a)  # keeps the tree, reads no register data
    login(client, sysadmin)
    assert client.get(f"{STREAM}?after=0").status_code == 403
    assert client.get(f"{POLL}?after=0").status_code == 403


def test_anonymous_users_are_sent_to_login(client, news_kind):
    for url in (STREAM, POLL):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_last_event_id_resumes_after_the_last_event_seen(client, town_a, officer_town_a, news_kind):
    first, second, third = news(town_a, 1), news(town_a, 2), news(town_a, 3)
    client.force_login(officer_town_a)
    # The header wins over ?after= (the URL the browser reconnects to keeps its first cursor).
    _, frames = read_stream(client, f"{STREAM}?after=0", HTTP_LAST_EVENT_ID=str(first.pk))
    assert [e["id"] for e in sent(frames)] == [second.pk, third.pk]
    assert frames[-1] == {"id": str(third.pk), "data": sent(frames)[-1]}


def test_a_stream_without_a_cursor_starts_from_now(client, town_a, officer_town_a, news_kind):
    news(town_a, 1)
    client.force_login(officer_town_a)
    assert sent(read_stream(client, STREAM)[1]) == []


def test_the_stream_moves_the_cursor_past_news_the_user_does_not_see(
    client, town_a, town_b, officer_town_a, news_kind
):
    own = news(town_a, 1)
    other = news(town_b, 2)
    client.force_login(officer_town_a)
    _, frames = read_stream(client, f"{STREAM}?after=0")
    assert [e["id"] for e in sent(frames)] == [own.pk]
    assert frames[-1] == {"id": str(other.pk)}  # an id without data: the next stream starts there


def test_news_made_while_a_stream_waits_is_sent(
    client, town_a, officer_town_a, news_kind, settings, monkeypatch
):
    settings.FAZHI_LIVE_STREAM_SECONDS = 0.5
    settings.FAZHI_LIVE_DB_POLL_SECONDS = 0.05
    made = []

    def sleep(seconds):
        if not made:
            made.append(news(town_a, 7))

    monkeypatch.setattr(live, "_sleep", sleep)
    client.force_login(officer_town_a)
    _, frames = read_stream(client, f"{STREAM}?after={live.latest_id()}")
    assert [e["data"]["n"] for e in sent(frames)] == [7]


def test_a_full_process_refuses_the_stream_with_204_and_frees_its_slot(
    client, officer_town_a, news_kind, settings
):
    settings.FAZHI_LIVE_MAX_STREAMS = 1
    client.force_login(officer_town_a)
    response = client.get(STREAM)  # holds the one slot until it ends
    assert live.open_streams() == 1
    assert client.get(STREAM).status_code == 204  # the page polls instead
    b"".join(response.streaming_content)  # the server closes it after the last chunk
    assert live.open_streams() == 0
    other, _ = read_stream(client, STREAM)
    assert other.status_code == 200 and live.open_streams() == 0


def test_the_stream_cap_defaults_to_half_the_web_threads(settings, monkeypatch):
    settings.FAZHI_LIVE_MAX_STREAMS = 0
    monkeypatch.setenv("FAZHI_WEB_THREADS", "16")
    assert live.max_streams() == 8
    monkeypatch.setenv("FAZHI_WEB_THREADS", "1")
    assert live.max_streams() == 1


def test_polling_gives_the_news_after_an_id_and_the_next_cursor(
    client, town_a, town_b, officer_town_a, news_kind
):
    first = news(town_a, 1)
    second = news(town_a, 2)
    other = news(town_b, 3)
    client.force_login(officer_town_a)
    answer = client.get(f"{POLL}?after={first.pk}").json()
    assert [e["id"] for e in answer["events"]] == [second.pk]
    assert answer["last_id"] == other.pk and answer["poll_seconds"] == 15
    assert client.get(f"{POLL}?after={other.pk}").json()["events"] == []


def test_polling_without_a_cursor_gives_only_the_cursor(client, town_a, officer_town_a, news_kind):
    event = news(town_a, 1)
    client.force_login(officer_town_a)
    assert client.get(POLL).json() == {"events": [], "last_id": event.pk, "poll_seconds": 15}


def test_polling_pages_through_a_long_backlog(client, town_a, officer_town_a, news_kind, monkeypatch):
    monkeypatch.setattr(live, "BATCH", 3)
    events = [news(town_a, n) for n in range(5)]
    client.force_login(officer_town_a)
    first = client.get(f"{POLL}?after=0").json()
    assert len(first["events"]) == 3 and first["last_id"] == events[2].pk
    rest = client.get(f"{POLL}?after={first['last_id']}").json()
    assert [e["id"] for e in rest["events"]] == [e.pk for e in events[3:]]


def test_news_younger_than_the_settle_time_waits_for_the_next_read(
    client, town_a, officer_town_a, news_kind, settings
):
    settings.FAZHI_LIVE_SETTLE_SECONDS = 60
    old = news(town_a, 1)
    LiveEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    fresh = news(town_a, 2)
    client.force_login(officer_town_a)
    answer = client.get(f"{POLL}?after=0").json()
    assert [e["id"] for e in answer["events"]] == [old.pk] and answer["last_id"] == old.pk
    assert live.latest_id() == old.pk < fresh.pk


def test_live_requests_do_not_keep_an_idle_session_alive(client, officer_town_a, news_kind):
    client.force_login(officer_town_a)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    before = Session.objects.get(session_key=key).expire_date
    read_stream(client, STREAM)
    client.get(f"{POLL}?after=0")
    assert Session.objects.get(session_key=key).expire_date == before
    client.get("/")  # a page the user opens is activity
    assert Session.objects.get(session_key=key).expire_date > before


def test_old_news_is_pruned(town_a, news_kind):
    old, young = news(town_a, 1), news(town_a, 2)
    LiveEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert live.prune() == 1
    assert list(LiveEvent.objects.values_list("pk", flat=True)) == [young.pk]


def test_the_prune_job_is_periodic(town_a, news_kind):
    from fazhi.core import tasks

    old = news(town_a, 1)
    LiveEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    tasks.prune_live_events.call_local()
    assert not LiveEvent.objects.exists()
    assert tasks.prune_live_events.s().validate_datetime(dt.datetime(2026, 1, 1, 3, 17))  # hourly


def test_news_reaches_a_stream_through_redis(
    client, town_a, town_b, officer_town_a, news_kind, settings, monkeypatch
):
    """With FAZHI_REDIS_URL, a waiting stream hears news from the channel, not the table."""
    settings.REDIS_URL = redis_url()
    name = f"fazhi:live:test-{uuid.uuid4().hex}"  # test databases in memory share a name across workers
    monkeypatch.setattr(live, "channel", lambda: name)
    settings.FAZHI_LIVE_STREAM_SECONDS = 2
    cursor = news(town_a, 0).pk
    now = timezone.now()

    def heard(pk, unit, n):  # as another process announces it: not in this test's table
        return LiveEvent(
            pk=pk, kind=NEWS, org_unit=unit, org_path=unit.path, payload={"n": n}, created_at=now
        )

    timer = threading.Timer(0.5, lambda: [live._announce(heard(cursor + i, u, i)) for i, u in
                                          ((1, town_b), (2, town_a), (2, town_a))])  # fmt: skip
    timer.start()
    client.force_login(officer_town_a)
    try:
        _, frames = read_stream(client, f"{STREAM}?after={cursor}")
    finally:
        timer.cancel()
    assert [(e["id"], e["data"]) for e in sent(frames)] == [
        (cursor + 2, {"n": 2})
    ]  # once, and only its town's
