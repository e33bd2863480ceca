"""Crash and restart (docs: shared/docs/security.md, "data"): a loop writing
on-the-spot cases through the API to the real gunicorn is killed with SIGKILL
(master and workers, the whole process group) at random moments drawn from a
seeded RNG, restarted, killed again; afterwards every acknowledged write is
there, no case is half-written, the database's own checks pass (PRAGMA
integrity_check on SQLite, amcheck on PostgreSQL) and the audit chain verifies.

And a PostgreSQL server restarted under load: a private cluster (initdb in a
temporary directory, on a free port; the shared server is never stopped) goes
away and comes back while clients write and read; meanwhile every request is
answered at once with 503, a Chinese message and Retry-After (never a 500, a
traceback or a hang), and the same gunicorn serves again by itself afterwards.

Each test prints its figures (run with -s to see them). FAZHI_CRASH_SEED
changes the kill moments; FAZHI_CRASH_KILLS the number of kills per database.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _integrity import check
from _live_site import (
    Writer,
    post_case,
    private_cluster,
    request,
    site,
)

SEED = int(os.environ.get("FAZHI_CRASH_SEED", "20261126"))
KILLS = int(os.environ.get("FAZHI_CRASH_KILLS", "5"))
UNAVAILABLE = "数据库暂时不可用，请稍后重试"


def _crash_loop(s, rng: random.Random) -> dict:
    """Start, let writes flow, SIGKILL the group at a random moment; KILLS times."""
    t1 = time.monotonic()
    writer = Writer(s, clients=3).start()
    killed, acked_at_kill, starts = [], [], []
    try:
        for _ in range(KILLS):
            started = time.monotonic()
            s.start()
            starts.append(round(time.monotonic() - started, 1))
            writer.wait_for_acks(1)  # writes are flowing on this server
            time.sleep(rng.uniform(0.0, 1.0))
            killed.append(s.kill())
            acked_at_kill.append(writer.acked_count())
        s.start()
        writer.join()
    finally:
        writer.draining.set()
        s.stop()
    assert not writer.unexpected, writer.unexpected[:5]
    assert all(n >= 2 for n in killed), f"the group held only {killed} processes: master and workers expected"
    t2 = time.monotonic()
    report = check(s, writer.acked, writer.keys)
    assert report["cases"] == len(writer.keys) == len(writer.acked)
    t3 = time.monotonic()
    statuses = {}
    for _, status, *_ in writer.answers:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "kills": len(killed),
        "processes killed": killed,
        "acked at each kill": acked_at_kill,
        "seconds to restart": starts,
        "seconds: crash loop, checks": [round(t2 - t1, 1), round(t3 - t2, 1)],
        "writes acknowledged and checked": len(writer.acked),
        "answers by status (0 = no answer)": statuses,
        "replayed after a kill": writer.replayed,
        **{k: report[k] for k in ("audit_events", "storage", "audit_verify")},
    }


def test_sqlite_loses_no_acknowledged_write_when_killed():
    with site("sqlite") as s:
        figures = _crash_loop(s, random.Random(SEED))
    print(f"\nSQLite crash loop: {figures}")


def test_postgresql_loses_no_acknowledged_write_when_killed():
    with site("postgresql", prefix="fazhi_crash") as s:
        figures = _crash_loop(s, random.Random(SEED + 1))
    print(f"\nPostgreSQL crash loop: {figures}")


# -- PostgreSQL restarted under load ---------------------------------------------------


def _session_cookie(port: int, username: str, password: str) -> str:
    """Sign in through the login page, as a browser does; the session cookie."""
    first = request(port, "GET", "/login/")
    csrf = first.cookies["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', first.body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    answer = request(
        port, "POST", "/login/", body=form.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
                 "Referer": f"http://127.0.0.1:{port}/login/"},
    )  # fmt: skip
    assert answer.status == 302, answer.body[:500]
    return f"sessionid={answer.cookies['sessionid']}"


def _assert_clean_503(answer, *, api: bool) -> None:
    assert answer.status == 503, (answer.status, answer.body[:500])
    assert answer.headers.get("retry-after", "").isdigit()
    text = answer.body.decode()
    assert UNAVAILABLE in text and "Traceback" not in text
    if api:
        assert answer.json() == {"code": "database_unavailable", "detail": UNAVAILABLE}
    assert answer.seconds < 10, f"an answer during the outage took {answer.seconds:.1f} s"


def _probe_outage(s, cookie: str) -> list[int]:
    """While the database is down: the API write, an API read and a page each answer a clean 503."""
    token = s.info["tokens"][1]
    write = post_case(s.port, token, {"matter": s.info["matter"]}, key=None, timeout=15)
    read = request(s.port, "GET", "/api/v1/enforcement/cases/", headers={"Authorization": f"Token {token}"},
                   timeout=15)  # fmt: skip
    page = request(s.port, "GET", "/enforcement/cases/", headers={"Cookie": cookie}, timeout=15)
    _assert_clean_503(write, api=True)
    _assert_clean_503(read, api=True)
    _assert_clean_503(page, api=False)
    return [write.status, read.status, page.status]


def _wait_for_recovery(s, cookie: str, timeout: float = 20) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        page = request(s.port, "GET", "/enforcement/cases/", headers={"Cookie": cookie}, timeout=15)
        if page.status == 200:
            return time.monotonic() - started
        assert page.status == 503, (page.status, page.body[:300])
        time.sleep(0.2)
    raise AssertionError(f"the site did not recover within {timeout} s of the database's return")


def test_a_postgresql_restart_under_load_is_a_clean_503_and_recovers_by_itself():
    with (
        private_cluster() as cluster,
        site("postgresql", server_url=cluster.url, prefix="fazhi_restart") as s,
    ):
        s.start()
        master, group = s.server.pid, sorted(s.group_pids())
        cookie = _session_cookie(s.port, "officer1", s.info["password"])
        writer = Writer(s, clients=2, timeout=15).start()
        probes, recoveries = [], []
        try:
            writer.wait_for_acks(3)
            for how in ("fast", "immediate"):
                # Stopped: the outage lasts until we start it again.
                cluster.ctl("stop", "-m", how)
                time.sleep(0.5)
                probes += _probe_outage(s, cookie)
                time.sleep(0.5)
                cluster.ctl("start")
                recoveries.append(_wait_for_recovery(s, cookie))
                writer.wait_for_acks(3, timeout=30)
            for how in ("fast", "immediate"):
                # Restarted in one go, with the writers running throughout.
                cluster.ctl("restart", "-m", how)
                recoveries.append(_wait_for_recovery(s, cookie))
                writer.wait_for_acks(3, timeout=30)
            writer.join()
            assert s.server.poll() is None and s.server.pid == master, "gunicorn was restarted"
            assert sorted(s.group_pids()) == group, "a gunicorn worker died or was replaced"
        finally:
            writer.draining.set()
            s.stop()
        answers = writer.answers
        statuses: dict[int, int] = {}
        for _, status, detail, seconds, headers in answers:
            statuses[status] = statuses.get(status, 0) + 1
            assert status in (201, 503), (status, detail)
            assert seconds < 10, f"a request took {seconds:.1f} s during the restarts"
            if status == 503:
                assert UNAVAILABLE in detail and headers.get("retry-after", "").isdigit()
        assert not writer.unexpected, writer.unexpected[:5]
        assert statuses.get(503, 0) + len(probes) > 0
        report = check(s, writer.acked, writer.keys)
    print(
        f"\nPostgreSQL restarted 4 times under load: probes during the outages {probes}; writer answers "
        f"{statuses}; recovered in {[round(r, 2) for r in recoveries]} s; {len(writer.acked)} writes "
        f"acknowledged and checked, {writer.replayed} replayed; {report['storage']}"
    )


# -- the same answer without a live server, for the suite's quick runs -------------------


def test_a_lost_database_is_a_503_on_pages_and_the_api_and_other_errors_stay_500(monkeypatch):
    import sqlite3

    from django.db import OperationalError
    from django.test import Client

    from fazhi.core.middleware import LoginRequiredMiddleware

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(LoginRequiredMiddleware, "process_view", lost)
    client = Client(raise_request_exception=False)
    page, api = client.get("/enforcement/cases/"), client.get("/api/v1/enforcement/cases/")
    assert page.status_code == api.status_code == 503
    assert UNAVAILABLE in page.content.decode() and page["Retry-After"].isdigit()
    assert (
        api.json() == {"code": "database_unavailable", "detail": UNAVAILABLE} and api["Retry-After"].isdigit()
    )

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    def bad_query(*args, **kwargs):  # an SQLite error that no retry cures: a bug, not an outage
        try:
            sqlite3.connect(":memory:").execute("SELECT * FROM no_such_table")
        except sqlite3.OperationalError as exc:
            raise OperationalError(str(exc)) from exc

    for bug in (broken, bad_query):
        monkeypatch.setattr(LoginRequiredMiddleware, "process_view", bug)
        other = Client(raise_request_exception=False).get("/enforcement/cases/")  # its own middleware chain
        assert other.status_code == 500 and "系统暂时出错" in other.content.decode()
