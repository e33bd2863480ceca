"""Benchmark: the annual report's figures beside the same figures in hand-written SQL.

Finds the town by name (Jiangkou by default, loading the demo into a fresh
database when it is not there; any town of a `bench/generate.py` data set by its
own name), then in the same run
- checks that plain SQL (three statements, over the same tables, bounded by the
  town's org unit subtree and the year) gives exactly the values of the report's
  builder, `fazhi.reports.figures.compute_all`, for all 22 figures of
  report-figures.md; any difference stops the run;
- times both, the median of `--repeat` runs each, with the queries of one run.
Prints builder ms, raw SQL ms and their ratio (goal: builder <= 3.0 x raw SQL).

    python bench/report_sql.py [--town 江口镇] [--year 2023] [--repeat 20] \
        [--database-url postgres://...] [--data-dir DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import demo_parser, demo_town, django_setup, timed

GOAL = 3.0

# Every figure's conditions, spelled out: UNITS bounds each table by the town's
# subtree, and each count is bounded by the year's first and last day. The choice values are
# those of the registers' choices.py (report-figures.md says what each counts).
UNITS = "org_unit_id IN (SELECT id FROM core_orgunit WHERE path LIKE %s ESCAPE '\\')"
# On PostgreSQL the hand-written form a DBA would use: the ids computed first, then
# looked up in each table's (org_unit, ...) index (the planner misjudges the plain
# subquery once many towns share a table; fazhi.core.models.scoped.UnitIds).
UNITS_PG = "org_unit_id = ANY(ARRAY(SELECT id FROM core_orgunit WHERE path LIKE %s ESCAPE '\\'))"


def _for(connection, sql: str) -> str:
    return sql.replace(UNITS, UNITS_PG) if connection.vendor == "postgresql" else sql


# (UNITS is a constant and every value a parameter: nothing from outside is spliced in.)
# One row: every count of the year, one aggregate subquery per table (each
# returns exactly one row, so the cross join is one row too).
COUNTS_SQL = f"""
SELECT * FROM
 (SELECT COUNT(*) AS study
    FROM education_studysession
   WHERE {UNITS} AND held_on >= %s AND held_on <= %s
     AND on_rule_of_law = %s AND kind IN ('central_group', 'enlarged_committee')) study,
 (SELECT COUNT(CASE WHEN entity_type IN ('enterprise', 'individual', 'cooperative', 'other') THEN 1 END)
           AS market_total,
         COUNT(CASE WHEN entity_type = 'enterprise' THEN 1 END) AS market_enterprises,
         COUNT(CASE WHEN entity_type = 'individual' THEN 1 END) AS market_individual
    FROM services_marketentity
   WHERE {UNITS} AND registered_on >= %s AND registered_on <= %s) market,
 (SELECT COUNT(*) AS contracts
    FROM decisions_contractreview
   WHERE {UNITS} AND reviewed_on >= %s AND reviewed_on <= %s) contracts,
 (SELECT COUNT(CASE WHEN kind IN ('training', 'lecture') THEN 1 END) AS advisor_trainings,
         COUNT(CASE WHEN kind = 'decision_meeting' THEN 1 END) AS advisor_meetings
    FROM decisions_advisoractivity
   WHERE {UNITS} AND "on" >= %s AND "on" <= %s) activities,
 (SELECT COUNT(*) AS certified
    FROM enforcement_officer
   WHERE {UNITS} AND status = 'active' AND valid_from <= %s AND valid_to >= %s) officers,
 (SELECT COUNT(*) AS trained
    FROM enforcement_officeryear
   WHERE year = %s AND training_completed = %s AND exam_passed = %s
     AND officer_id IN (SELECT id FROM enforcement_officer
                         WHERE {UNITS} AND status = 'active' AND valid_from <= %s AND valid_to >= %s)) trained,
 (SELECT COUNT(CASE WHEN procedure = 'summary' AND authority IN ('statutory', 'assigned') THEN 1 END)
           AS summary_n,
         SUM(CASE WHEN procedure = 'summary' AND authority IN ('statutory', 'assigned') THEN fine END)
           AS summary_fines,
         COUNT(CASE WHEN procedure = 'ordinary' AND authority IN ('statutory', 'assigned') THEN 1 END)
           AS ordinary_n,
         SUM(CASE WHEN procedure = 'ordinary' AND authority IN ('statutory', 'assigned') THEN fine END)
           AS ordinary_fines,
         COUNT(CASE WHEN authority = 'entrusted' THEN 1 END) AS entrusted_n,
         SUM(CASE WHEN authority = 'entrusted' THEN fine END) AS entrusted_fines
    FROM enforcement_case
   WHERE {UNITS} AND decided_on >= %s AND decided_on <= %s AND decision_kind = 'penalty') cases,
 (SELECT COUNT(*) AS drills
    FROM emergency_drill
   WHERE {UNITS} AND held_on >= %s AND held_on <= %s) drills,
 (SELECT COUNT(*) AS committees
    FROM disputes_mediationcommittee
   WHERE {UNITS} AND established_on <= %s AND (dissolved_on IS NULL OR dissolved_on >= %s)
     AND level IN ('town', 'village', 'community', 'industry')) committees,
 (SELECT COUNT(CASE WHEN kind = 'court' THEN 1 END) AS court_rooms,
         COUNT(CASE WHEN kind = 'police' THEN 1 END) AS police_rooms
    FROM disputes_mediationroom
   WHERE {UNITS} AND opened_on <= %s AND (closed_on IS NULL OR closed_on >= %s)) rooms,
 (SELECT COUNT(*) AS disputes_closed
    FROM disputes_dispute
   WHERE {UNITS} AND closed_on >= %s AND closed_on <= %s) disputes,
 (SELECT COUNT(*) AS reconsiderations
    FROM disputes_reconsideration
   WHERE {UNITS} AND copy_served_on >= %s AND copy_served_on <= %s) reconsiderations,
 (SELECT COUNT(*) AS litigations
    FROM disputes_litigation
   WHERE {UNITS} AND complaint_received_on >= %s AND complaint_received_on <= %s) litigations,
 (SELECT COUNT(*) AS outreach_events, COALESCE(SUM(audience), 0) AS outreach_audience
    FROM education_outreachevent
   WHERE {UNITS} AND held_on >= %s AND held_on <= %s) outreach,
 (SELECT COUNT(*) AS legal_services
    FROM education_legalservicerecord
   WHERE {UNITS} AND served_on >= %s AND served_on <= %s) services,
 (SELECT COUNT(*) AS published
    FROM oversight_infoitem
   WHERE {UNITS} AND published_on >= %s AND published_on <= %s) disclosure,
 (SELECT COUNT(*) AS replied,
         COUNT(CASE WHEN satisfaction <> '' THEN 1 END) AS rated,
         COUNT(CASE WHEN satisfaction IN ('satisfied', 'basic') THEN 1 END) AS satisfied
    FROM oversight_proposal
   WHERE {UNITS} AND replied_on >= %s AND replied_on <= %s) proposals,
 (SELECT COUNT(CASE WHEN "on" <= %s THEN 1 END) AS q1,
         COUNT(CASE WHEN "on" > %s AND "on" <= %s THEN 1 END) AS q2,
         COUNT(CASE WHEN "on" > %s AND "on" <= %s THEN 1 END) AS q3,
         COUNT(CASE WHEN "on" > %s THEN 1 END) AS q4
    FROM oversight_meeting
   WHERE {UNITS} AND kind = 'special' AND "on" >= %s AND "on" <= %s) meetings,
 (SELECT COUNT(CASE WHEN status = 'closed' THEN 1 END) AS rect_closed,
         COUNT(CASE WHEN status = 'closed' AND closed_on <= due_on THEN 1 END) AS rect_on_time
    FROM oversight_rectification
   WHERE {UNITS} AND closed_on >= %s AND closed_on <= %s
     AND source IN ('inspection', 'appraisal', 'judicial_suggestion')) rectifications
"""  # noqa: S608

# The firms engaged for some part of the year, earliest engagement first.
FIRMS_SQL = f"""
SELECT firm FROM decisions_legaladvisor
 WHERE {UNITS} AND starts_on <= %s AND ends_on >= %s
 ORDER BY starts_on, id
"""  # noqa: S608

# The campaigns running in the year, with the number of their problem categories.
CAMPAIGNS_SQL = """
SELECT c.name, COUNT(cc.id)
  FROM oversight_campaign c LEFT JOIN oversight_campaigncategory cc ON cc.campaign_id = c.id
 WHERE c.org_unit_id IN (SELECT id FROM core_orgunit WHERE path LIKE %s ESCAPE '\\')
   AND c.starts_on <= %s AND c.ends_on >= %s
 GROUP BY c.id, c.name, c.starts_on
 ORDER BY c.starts_on, c.id
"""


def like_prefix(path: str) -> str:
    """A LIKE pattern matching the paths that start with `path` (the subtree)."""
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def counts_params(prefix: str, year: int) -> list:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    q1, q2, q3 = dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30)
    span = [prefix, start, end]
    active = [prefix, end, start]  # set up by the year's end, not ended before its start
    return [
        *span, True,  # study sessions
        *span,  # market entities
        *span,  # contract reviews
        *span,  # advisor activities
        *active,  # officers certified
        year, True, True, *active,  # of them, trained and passed
        *span,  # enforcement cases
        *span,  # drills
        *active,  # committees
        *active,  # rooms
        *span,  # disputes closed
        *span,  # reconsiderations
        *span,  # litigations
        *span,  # outreach
        *span,  # legal services
        *span,  # disclosure
        *span,  # proposals
        q1, q1, q2, q2, q3, q3, *span,  # meetings by quarter
        *span,  # rectifications
    ]  # fmt: skip


def money(value) -> Decimal:
    """A SUM of amounts as the builder gives it (SQLite returns int or float)."""
    return Decimal(0) if value is None else Decimal(str(value))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}".removesuffix(".0") + "%"


def raw_figures(path: str, year: int, today: dt.date | None = None) -> dict[str, dict]:
    """The values of the 22 figures by key, as `compute_all` gives them, from three SQL statements."""
    from django.db import connection

    today = today or dt.date.today()
    prefix = like_prefix(path)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with connection.cursor() as cur:
        cur.execute(_for(connection, COUNTS_SQL), counts_params(prefix, year))
        names = [c[0] for c in cur.description]
        r = dict(zip(names, cur.fetchone(), strict=True))
        cur.execute(_for(connection, FIRMS_SQL), [prefix, end, start])
        firms: list[str] = []
        for (firm,) in cur.fetchall():
            if firm not in firms:
                firms.append(firm)
        cur.execute(_for(connection, CAMPAIGNS_SQL), [prefix, end, start])
        campaigns = cur.fetchall()

    advisor = {"firms": firms, "contracts": r["contracts"], "trainings": r["advisor_trainings"],
               "decision_meetings": r["advisor_meetings"]}  # fmt: skip
    committees = {"committees": r["committees"], "court_rooms": r["court_rooms"],
                  "police_rooms": r["police_rooms"]}  # fmt: skip
    rate = r["satisfied"] / r["rated"] if r["rated"] else None
    quarter_ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30), end]
    quarters = [(n + 1, r[f"q{n + 1}"], quarter_ends[n] < today) for n in range(4)]
    closed, on_time = r["rect_closed"], r["rect_on_time"]

    def penalties(kind: str) -> dict:
        return {"cases": r[f"{kind}_n"], "fines": money(r[f"{kind}_fines"])}

    return {
        "study_sessions": {"sessions": r["study"]},
        "market_entities": {"total": r["market_total"], "enterprises": r["market_enterprises"],
                            "individual_businesses": r["market_individual"]},
        "legal_advisor": advisor,
        "contracts_reviewed": advisor,
        "advisor_trainings": advisor,
        "advisor_meetings": advisor,
        "officers_trained": {"certified": r["certified"], "trained_and_passed": r["trained"],
                             "all_done": r["certified"] > 0 and r["trained"] == r["certified"]},
        "summary_penalties": penalties("summary"),
        "ordinary_penalties": penalties("ordinary"),
        "entrusted_penalties": penalties("entrusted"),
        "campaign_aspects": {"campaigns": [name for name, _ in campaigns], "aspects": sum(n for _, n in campaigns)},
        "drills": {"drills": r["drills"]},
        "mediation_committees": committees,
        "mediation_rooms": committees,
        "disputes_resolved": {"closed": r["disputes_closed"]},
        "remedies": {"reconsiderations": r["reconsiderations"], "litigations": r["litigations"]},
        "outreach": {"events": r["outreach_events"], "audience": r["outreach_audience"]},
        "legal_services": {"records": r["legal_services"]},
        "proactive_disclosure": {"published": r["published"]},
        "proposals": {"replied": r["replied"], "satisfaction": rate, "satisfaction_text": percent(rate)},
        "rule_of_law_meetings": {"every_quarter": all(ended and n > 0 for _, n, ended in quarters),
                                 "total": sum(n for _, n, _ in quarters),
                                 "missing": [q for q, n, ended in quarters if ended and n == 0]},
        "rectifications": {"closed": closed, "on_time": on_time, "all_on_time": closed > 0 and on_time == closed},
    }  # fmt: skip


def find_town(name: str):
    from fazhi.core.choices import OrgKind
    from fazhi.core.models import OrgUnit

    if name == "江口镇":
        return demo_town()
    towns = list(OrgUnit.objects.filter(name=name, kind=OrgKind.TOWN)[:2])
    if len(towns) != 1:
        raise SystemExit(f"{'no' if not towns else 'more than one'} town named {name!r} in this database")
    return towns[0]


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--town", default="江口镇", help="the town's name (default: 江口镇, the demo)")
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args()
    django_setup(args.database_url, args.data_dir)
    from django.db import connection

    from fazhi.reports import figures

    town = find_town(args.town)
    year = args.year
    built = figures.compute_all(town, year)
    raw = raw_figures(town.path, year)
    if set(raw) != set(built):
        raise SystemExit(f"SQL covers {sorted(raw)}, the builder {sorted(built)}")
    wrong = [(key, built[key].values, raw[key]) for key in built if built[key].values != raw[key]]
    for key, b, s in wrong:
        print(f"MISMATCH {key}: builder {b} / SQL {s}")
    if wrong:
        raise SystemExit(f"{len(wrong)} figures differ: the SQL does not count what the builder counts")
    print(f"database: {connection.vendor}; town: {town.name} ({town.path}); year: {year}")
    print(f"checked:  all {len(raw)} figures equal (builder == SQL), e.g. "
          f"summary {raw['summary_penalties']['cases']} cases / {raw['summary_penalties']['fines']} yuan, "
          f"disputes closed {raw['disputes_resolved']['closed']}, "
          f"reconsiderations {raw['remedies']['reconsiderations']}")  # fmt: skip

    b_s, b_q = timed(lambda: figures.compute_all(town, year), args.repeat)
    r_s, r_q = timed(lambda: raw_figures(town.path, year), args.repeat)
    print(f"builder:  {b_s * 1000:8.1f} ms median of {args.repeat} ({b_q} queries): figures.compute_all")
    print(f"raw SQL:  {r_s * 1000:8.1f} ms median of {args.repeat} ({r_q} queries): hand-written SQL")
    print(f"ratio:    {b_s / r_s:8.2f}    builder / raw SQL (goal <= {GOAL:.1f})")


if __name__ == "__main__":
    main()
