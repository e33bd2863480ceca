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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import demo_parser, demo_town, django_setup, timed


def main() -> None:
    args = demo_parser(__doc__.splitlines()[0]).parse_args()
    django_setup(args.database_url, args.data_dir)

    from fazhi.reports import annual, county, docx, figures, markdown
    from fazhi.reports.builder import build
    from fazhi.reports.kinds import kind

    town = demo_town()
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
