"""Shared set-up of the benchmarks: a Django environment on a data dir (and,
with --database-url, a database) of the benchmark's own, never the caller's."""

from __future__ import annotations

import os
import tempfile


def django_setup(database_url: str | None = None, data_dir: str | None = None) -> str:
    data_dir = data_dir or tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if database_url:
        os.environ["FAZHI_DATABASE_URL"] = database_url
    else:
        os.environ.pop("FAZHI_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return data_dir


def timed(fn, repeat: int) -> tuple[float, int]:
    """The median seconds of `repeat` calls of `fn`, and the queries of one call."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), queries


def demo_parser(description: str):
    """The options of a benchmark on the demo town."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir", help="reuse a data dir whose database already holds the demo")
    return parser


def demo_town():
    """Jiangkou, loading the demo first when the database does not hold it."""
    import time

    from django.core.management import call_command

    from fazhi.core.models import OrgUnit

    town = OrgUnit.objects.filter(name="江口镇").first()
    if town is None:
        started = time.perf_counter()
        call_command("demo", "--no-serve", verbosity=0)
        print(f"demo loaded in {time.perf_counter() - started:.1f} s")
        town = OrgUnit.objects.get(name="江口镇")
    return town
