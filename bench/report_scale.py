"""Benchmark: one town-year's annual report on the demo, county and city data sets.

Each data set is a database made by bench/generate.py (`--towns 0` gives the
demo alone). For each, in a child process of its own, the annual report of
Jiangkou 2023 (the demo town, one year of records whatever else the database
holds) is built `--repeat` times (`annual.build` + Markdown, and the figures
alone); on a generated data set also the report of the first generated town,
which has every year of the set. Prints the medians, the queries of a build,
and the ratios county/demo and city/demo (goal <= 1.5), with the absolute time
against its goal (< 1 s on PostgreSQL).

    python bench/report_scale.py --demo postgres://postgres@127.0.0.1:5432/fazhi_demo \\
        --county postgres://postgres@127.0.0.1:5432/fazhi_county [--city postgres://.../fazhi_city]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_RATIO = 1.5
GOAL_MS = 1000


def measure(repeat: int, year: int) -> dict:
    """In the child: time the report of the demo town and of a generated town."""
    from bench._setup import django_setup, timed

    django_setup(os.environ.get("FAZHI_DATABASE_URL"))
    from fazhi.core.models import AuditEvent, OrgUnit
    from fazhi.reports import annual, figures, markdown

    out = {"towns": OrgUnit.objects.filter(kind="town").count(), "events": AuditEvent.objects.count()}
    from fazhi.enforcement.models import Case

    out["cases"] = Case.objects.count()
    towns = [("demo town", OrgUnit.objects.get(name="江口镇"))]
    generated = OrgUnit.objects.filter(kind="town").exclude(name="江口镇").order_by("code").first()
    if generated:
        towns.append(("generated town", generated))
    for label, town in towns:
        rep_s, rep_q = timed(lambda town=town: markdown.write(annual.build(town, year)), repeat)
        fig_s, _ = timed(lambda town=town: figures.compute_all(town, year), repeat)
        out[label] = {"name": town.name, "ms": rep_s * 1000, "queries": rep_q, "figures_ms": fig_s * 1000}
    return out


def run_child(url: str, repeat: int, year: int) -> dict:
    env = {**os.environ, "FAZHI_DATABASE_URL": url, "FAZHI_DATA_DIR": tempfile.mkdtemp(prefix="fazhi-bench-")}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat), "--year", str(year)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(f"measuring on {url} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--demo", help="database URL of the demo alone")
    parser.add_argument("--county", help="database URL of the county data set")
    parser.add_argument("--city", help="database URL of the city data set")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat, args.year)))
        return
    sets = [
        (name, url)
        for name, url in (("demo", args.demo), ("county", args.county), ("city", args.city))
        if url
    ]
    if not sets or sets[0][0] != "demo":
        raise SystemExit("give --demo and at least one of --county, --city")
    results = {name: run_child(url, args.repeat, args.year) for name, url in sets}
    base = results["demo"]["demo town"]["ms"]
    print(f"annual report {args.year}, Markdown, median of {args.repeat} builds")
    for name, r in results.items():
        print(f"{name:7} {r['towns']:6,} towns {r['cases']:11,} cases {r['events']:12,} audit events")
        for label in ("demo town", "generated town"):
            if label not in r:
                continue
            m = r[label]
            ratio = f"   {m['ms'] / base:4.2f} x demo (goal <= {GOAL_RATIO})" if name != "demo" else ""
            print(
                f"    {label:15} {m['name']:6} {m['ms']:8.1f} ms ({m['queries']} queries; figures {m['figures_ms']:.1f} ms)"
                f"   {m['ms'] / GOAL_MS:4.2f} of the 1 s goal{ratio}"
            )


if __name__ == "__main__":
    main()
