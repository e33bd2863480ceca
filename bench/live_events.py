"""Benchmark: live news through server-sent events on gunicorn gthread.

Serves Fazhi (`fazhi serve --no-worker`, 1 worker of T threads) on a database of
its own, opens as many streams as the worker admits (T/2), then publishes news
from this process, as another web process or a job would, and measures:
- delivery: from publish to each open stream receiving it, p50/p99, for the
  table (streams poll every FAZHI_LIVE_DB_POLL_SECONDS) and, with --redis-url,
  for Redis publish/subscribe;
- pages beside the streams: GET /core/live/events/ with all streams open,
  against the same with none open (the baseline of the same run);
- the stream beyond the cap: answered 204 at once (the page then polls).

    python bench/live_events.py
    python bench/live_events.py --redis-url redis://127.0.0.1:6379/0
    python bench/live_events.py --database-url postgres://postgres@127.0.0.1:5432/fazhi_bench_live
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_setup

KIND = "enforcement.decision_made"


def prepare() -> tuple[int, str]:
    """A county, a town, an officer of the town signed in: (town id, session cookie)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from fazhi.core.middleware import AccountPolicyMiddleware
    from fazhi.core.models import OrgUnit, User

    county, _ = OrgUnit.objects.get_or_create(code="500235", defaults={"kind": "county", "name": "云阳县"})
    town, _ = OrgUnit.objects.get_or_create(
        code="500235131", defaults={"kind": "town", "name": "江口镇", "parent": county}
    )
    user = User.objects.filter(username="bench_live").first()
    if user is None:
        user = User.objects.create_user("bench_live", password=None, org_unit=town)  # signed in by session
        user.groups.add(Group.objects.get(name="officer"))
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AccountPolicyMiddleware.LOGIN_AT] = time.time()
    session.set_expiry(3600)
    session.save()
    return town.pk, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


class Stream(threading.Thread):
    """One open stream: records how long after its `t` each event arrived."""

    def __init__(self, port: int, cookie: str, after: int) -> None:
        super().__init__(daemon=True)
        self.port, self.cookie, self.after = port, cookie, after
        self.status: int | None = None
        self.delays: list[float] = []
        self.ready = threading.Event()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(
            "GET", f"/core/live/stream/?kinds={KIND}&after={self.after}", headers={"Cookie": self.cookie}
        )
        response = conn.getresponse()
        self.status = response.status
        self.ready.set()
        if response.status != 200:
            return
        while True:
            line = response.fp.readline()
            if not line:
                return
            if line.startswith(b"data: "):
                event = json.loads(line[6:])
                self.delays.append(time.time() - event["data"]["t"])


def page_latency(port: int, cookie: str, n: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("GET", f"/core/live/events/?kinds={KIND}", headers={"Cookie": cookie})
        conn.getresponse().read()
        times.append(time.perf_counter() - t0)
    conn.close()
    return sorted(times)


def pct(values: list[float], p: float) -> float:
    return values[max(int(len(values) * p) - 1, 0)] * 1000 if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    if args.redis_url:
        os.environ["FAZHI_REDIS_URL"] = args.redis_url
    data_dir = django_setup(args.database_url)
    town_id, cookie = prepare()
    from django.conf import settings

    from fazhi.core import live

    env = {
        **os.environ,
        "FAZHI_DATA_DIR": data_dir,
        "FAZHI_LOG_LEVEL": "WARNING",
        "FAZHI_LIVE_STREAM_SECONDS": "60",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--no-worker", "--port", str(args.port), "--workers", "1",
         "--threads", str(args.threads)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/login/")
                break
            except OSError:
                time.sleep(0.2)
        page_latency(args.port, cookie, 20)  # warm-up
        baseline = page_latency(args.port, cookie, 200)
        cap = max(1, args.threads // 2)
        after = live.latest_id()
        streams = [Stream(args.port, cookie, after) for _ in range(cap)]
        for s in streams:
            s.start()
            s.ready.wait(10)
        extra = Stream(args.port, cookie, after)
        t0 = time.perf_counter()
        extra.start()
        extra.ready.wait(10)
        refused_ms = (time.perf_counter() - t0) * 1000
        time.sleep(0.5)
        beside = page_latency(args.port, cookie, 200)
        for n in range(args.events):
            live.publish_now(KIND, town_id, {"t": time.time(), "n": n})
            time.sleep(0.25)
        time.sleep(settings.FAZHI_LIVE_DB_POLL_SECONDS + settings.FAZHI_LIVE_SETTLE_SECONDS + 1)
    finally:
        server.terminate()  # gunicorn lets the open streams end (at most 25 s) before it stops
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    from django.db import connection

    delays = sorted(d for s in streams for d in s.delays)
    path = (
        "Redis publish/subscribe"
        if args.redis_url
        else f"table, polled every {settings.FAZHI_LIVE_DB_POLL_SECONDS:g} s"
    )
    print(
        f"database: {connection.vendor}; news through the {path}; gunicorn 1 worker x {args.threads} threads"
    )
    print(f"streams open: {sum(s.status == 200 for s in streams)} of cap {cap}; "
          f"one more: HTTP {extra.status} in {refused_ms:.1f} ms")  # fmt: skip
    print(f"delivery  {len(delays)}/{args.events * cap} events   p50 {pct(delays, 0.5):7.1f} ms   "
          f"p99 {pct(delays, 0.99):7.1f} ms")  # fmt: skip
    print(f"page, no stream open      p50 {pct(baseline, 0.5):6.1f} ms   p99 {pct(baseline, 0.99):6.1f} ms")
    print(f"page, {cap} streams open     p50 {pct(beside, 0.5):6.1f} ms   p99 {pct(beside, 0.99):6.1f} ms   "
          f"{statistics.median(beside) / statistics.median(baseline):.2f} of baseline")  # fmt: skip


if __name__ == "__main__":
    main()
