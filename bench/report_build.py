"""Benchmark: building one town-year's annual report from its records.

Loads the Jiangkou demo into a fresh database (or uses `--data-dir` of an earlier
run), then times, in the same run,
- the figures alone (`figures.compute_all`: the 22 figures of report-figures.md),
- the whole Markdown report (`annual.build` + `markdown.write`),
- the same report as .docx in GB/T 9704 (`docx.write`),
- the disclosure report (`builder.build(kind("disclosure"))` + Markdown),
- the county page's overview (`county.county_overview`, every town of the county),
each the median of `--repeat` builds, with the number of queries of one build.
The scale issue adds the county and city data sets and their ratios.

    python bench/report_build.py [--repeat 20] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_setup


def timed(fn, repeat: int) -> tuple[float, int]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir", help="reuse a data dir whose database already holds the demo")
    args = parser.parse_args()
    django_setup(args.database_url, args.data_dir)
    from django.core.management import call_command

    from fazhi.core.models import OrgUnit
    from fazhi.reports import annual, county, docx, figures, markdown
    from fazhi.reports.builder import build
    from fazhi.reports.kinds import kind

    town = OrgUnit.objects.filter(name="江口镇").first()
    if town is None:
        started = time.perf_counter()
        call_command("demo", "--no-serve", verbosity=0)
        print(f"demo loaded in {time.perf_counter() - started:.1f} s")
        town = OrgUnit.objects.get(name="江口镇")
    fig_s, fig_q = timed(lambda: figures.compute_all(town, 2023), args.repeat)
    rep_s, rep_q = timed(lambda: markdown.write(annual.build(town, 2023)), args.repeat)
    print(f"figures of one town-year: {fig_s * 1000:.1f} ms median ({fig_q} queries)")
    print(
        f"annual report (Markdown): {rep_s * 1000:.1f} ms median ({rep_q} queries); goal < 1000 ms on PostgreSQL"
    )
    print(f"figures are {fig_s / rep_s:.0%} of the build")
    doc_s, doc_q = timed(lambda: docx.write(annual.build(town, 2023)), args.repeat)
    print(f"annual report (.docx, GB/T 9704): {doc_s * 1000:.1f} ms median ({doc_q} queries)")
    dis_s, dis_q = timed(lambda: markdown.write(build(kind("disclosure"), town, 2023)), args.repeat)
    print(f"disclosure report (Markdown): {dis_s * 1000:.1f} ms median ({dis_q} queries)")
    cty_s, cty_q = timed(lambda: county.county_overview(town.parent, 2023), args.repeat)
    print(
        f"county page overview: {cty_s * 1000:.1f} ms median ({cty_q} queries, whatever the number of towns)"
    )


if __name__ == "__main__":
    main()
