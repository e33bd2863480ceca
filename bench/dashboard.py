"""Benchmark: the dashboard's (驾驶舱) server time for one town-year.

Loads the Jiangkou demo into a fresh database (or uses `--data-dir` of an earlier
run), then requests /reports/dashboard/?year=2023 with Django's test client,
logged in as the rule-of-law office (fazhiban), and prints the median of
`--repeat` requests (the whole view: the figures, the template, the middleware),
the figures alone (`dashboard_data`), and the number of queries of one request.
Goal: at most 300 ms for one town on the demo data.

    python bench/dashboard.py [--repeat 20] [--data-dir DIR] [--database-url postgres://...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import demo_parser, demo_town, django_setup, timed

GOAL_MS = 300
YEAR = 2023


def main() -> None:
    args = demo_parser(__doc__.splitlines()[0]).parse_args()
    django_setup(args.database_url, args.data_dir)
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from fazhi.core.models import User
    from fazhi.reports.dashboard.data import dashboard_data

    town = demo_town()

    # The page is served as in production (the manifest storage of collected files).
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_test_environment()  # the test client's hosts and template signals, as in a test
    client = Client()
    client.force_login(User.objects.get(username="fazhiban"))
    url = f"/reports/dashboard/?year={YEAR}"

    def request() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")

    page_s, page_q = timed(request, args.repeat)
    data_s, data_q = timed(lambda: dashboard_data(town, YEAR), args.repeat)
    county = town.parent
    cty_s, cty_q = timed(lambda: dashboard_data(county, YEAR), args.repeat)
    verdict = "met" if page_s * 1000 <= GOAL_MS else "MISSED"
    print(
        f"dashboard of {town.name} {YEAR} (the view, server time): {page_s * 1000:.1f} ms median "
        f"of {args.repeat} ({page_q} queries); goal <= {GOAL_MS} ms: {verdict}"
    )
    print(f"  of which the figures (dashboard_data): {data_s * 1000:.1f} ms ({data_q} queries)")
    print(f"dashboard data of {county.name} (towns side by side): {cty_s * 1000:.1f} ms ({cty_q} queries)")


if __name__ == "__main__":
    main()
