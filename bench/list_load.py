"""Benchmark: the busiest pages under concurrent clients.

Serves Fazhi with gunicorn (`fazhi serve --no-worker`) on a database (the
county data set of bench/generate.py, the case that matters; the demo on SQLite
when none is given), logs in as a town's officer of the rule-of-law office, and
with C concurrent keep-alive clients on loopback (default 20) requests, each
page in turn:
- baseline: GET /api/v1/bench/ping/ (authenticate the session, answer; nothing else);
- the case register's list, the dispute register's list, the warnings board,
  the leaders' dashboard of the year.
Prints requests per second and p50/p95/p99 of each, each page's p95 against the
goal (150 ms) and its rate as a share of the baseline's.

    python bench/list_load.py --database-url postgres://postgres@127.0.0.1:5432/fazhi_county
    python bench/list_load.py --database-url ... --user fazhiban_500235101   # a generated town
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import _load
from bench._setup import django_setup

GOAL_P95_MS = 150

PAGES = [
    ("baseline (bare request)", "/api/v1/bench/ping/"),
    ("cases list", "/enforcement/cases/"),
    ("disputes list", "/disputes/disputes/"),
    ("warnings board", "/reports/warnings/"),
    ("dashboard", "/reports/dashboard/?year={year}"),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="default: SQLite with the demo loaded")
    parser.add_argument("--data-dir")
    parser.add_argument("--user", default="fazhiban", help="an officer of the town (password Jiangkou@2023)")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=15, help="per client and page")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    data_dir = django_setup(args.database_url, args.data_dir)
    from django.db import connection

    from bench._setup import demo_town
    from fazhi.core.demo import DEMO_PASSWORD

    demo_town()  # loads the demo into an empty database
    vendor = connection.vendor
    connection.close()
    with _load.served(data_dir, args.database_url, args.port, args.workers, args.threads, FAZHI_BENCH="1"):
        cookie = _load.login(args.port, args.user, DEMO_PASSWORD)
        headers = {"Cookie": cookie, "Accept": "text/html"}
        results = {}
        for name, path in PAGES:
            path = path.format(year=args.year)
            request = lambda n, path=path: ("GET", path, None, headers)  # noqa: E731
            _load.run(args.port, request, min(4, args.clients), 2)  # warm the workers up
            results[name] = _load.run(args.port, request, args.clients, args.requests)
    print(
        f"database: {vendor}; user {args.user}; {args.clients} clients x {args.requests} requests a page; "
        f"gunicorn {args.workers} workers x {args.threads} threads; clients on the same machine"
    )
    base = results[PAGES[0][0]]
    for name, r in results.items():
        extra = ""
        if r is not base:
            extra = f"   p95/goal {r.pct(95) / GOAL_P95_MS:4.2f}   {r.rps / base.rps:4.2f} of baseline rate"
        print(r.line(name) + extra)
        for e in r.errors[:3]:
            print("    ", e)


if __name__ == "__main__":
    main()
