"""The dashboard's data (驾驶舱) of a unit and a year, as plain dicts and lists that
the page hands to its charts as JSON.

    data = dashboard_data(town, 2023)
    data["charts"]   # [{"key": "enforcement", "kind": "bar", "categories": [...], "series": [...]}, ...]
    data["numbers"]  # [{"key": "decision_on_time", "label": ..., "value": "93.5%", "url": ...}, ...]

Every point of every series carries `url`, the filtered list of the records it
counts (the same filters the registers' figures pages and the annual report's
links use), so that a click on a bar or a slice opens those records. Each figure
is the statistics function's own (or its query grouped by month or by state), so
that the dashboard agrees with the figures pages:

- enforcement: penalties decided in each month of the year, of the town's own
  powers by procedure and entrusted ones (`penalty_figures`'s conditions, which
  the months add up to), the fines per month; the on-time rate of ordinary
  decisions (`on_time_rates`);
- disputes: `dispute_figures` by village (registered, closed, success rate) and by
  category;
- the single window: `window_figures`'s ratings, visits and on-time rates;
- the task board: the year's plan tasks by the board's states (`task_state_q`),
  with those done on time (`task_completion`'s condition);
- rectification items due by the year's end, by their status now, and the
  on-time close-out rate of those closed out in the year;
- officers certified in the year and those trained and passed (`officer_training`);
- for a county, its towns side by side (`county_overview`).

A fixed number of queries whatever the number of records (`QUERY_BUDGET` says how
many, a test holds it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids

MONTHS = [f"{m}月" for m in range(1, 13)]
# Queries of one `dashboard_data` for a town (a county adds the overview's own).
QUERY_BUDGET = 15
COUNTY_QUERY_BUDGET = QUERY_BUDGET + 7


def percent(value: float | Decimal | None) -> float | None:
    """A share (0..1) as a percentage with one decimal, or None."""
    return None if value is None else round(float(value) * 100, 1)


def _rate(value: Decimal | None) -> float | None:
    """A percentage as the disputes' figures give it (87.5) for JSON."""
    return None if value is None else float(value)


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0") + "%"


def _number(value: int | Decimal | None) -> int | float:
    """JSON-ready: money in yuan as a float (json_script writes a Decimal as a string)."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def point(value: Any, url: str = "", **extra: Any) -> dict[str, Any]:
    return {"value": value, "url": url, **extra}


def _empty(series: list[dict]) -> bool:
    return not any(p["value"] for s in series for p in s["data"] if p["value"] is not None)


def bar_chart(
    key: str, title: str, categories: list[str], series: list[dict], **extra: Any
) -> dict[str, Any]:
    return {"key": key, "kind": "bar", "title": title, "categories": categories, "series": series,
            "empty": _empty([s for s in series if s.get("type", "bar") == "bar"]), **extra}  # fmt: skip


def pie_chart(key: str, title: str, name: str, slices: list[dict], **extra: Any) -> dict[str, Any]:
    series = [{"name": name, "type": "pie", "data": slices}]
    return {"key": key, "kind": "pie", "title": title, "series": series, "empty": _empty(series), **extra}


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return start, end - dt.timedelta(days=1)


# -- enforcement -----------------------------------------------------------------------------------


def enforcement(unit: OrgUnit, year: int) -> tuple[dict, list[dict]]:
    """Penalties decided per month by procedure (own powers) and entrusted, the fines
    per month, and the on-time rate of ordinary decisions: two queries."""
    from fazhi.enforcement.choices import Authority, DecisionKind, Procedure
    from fazhi.enforcement.definitions import cases
    from fazhi.enforcement.statistics import OWN, _decided, on_time_rates

    start, end = _year_span(year)
    kinds = {
        "summary": ("简易程序", Q(procedure=Procedure.SUMMARY, authority__in=OWN),
                    {"procedure": Procedure.SUMMARY.value, "authority_source": "own"}),
        "ordinary": ("一般程序", Q(procedure=Procedure.ORDINARY, authority__in=OWN),
                     {"procedure": Procedure.ORDINARY.value, "authority_source": "own"}),
        "entrusted": ("委托执法", Q(authority=Authority.ENTRUSTED), {"authority_source": "entrusted"}),
    }  # fmt: skip
    rows = {
        r["month"]: r
        for r in _decided(unit, start, end)
        .annotate(month=ExtractMonth("decided_on"))
        .values("month")
        .annotate(fines=Sum("fine"), **{key: Count("id", filter=q) for key, (_, q, _) in kinds.items()})
        .order_by()
    }

    def url(month: int, **scope: str) -> str:
        m_start, m_end = _month_span(year, month)
        return cases.filtered_url(**scope, decision_kind=DecisionKind.PENALTY.value, decided_from=m_start.isoformat(),
                                  decided_to=m_end.isoformat(), org_unit=unit.pk)  # fmt: skip

    series = [
        {"name": label, "type": "bar", "stack": "cases", "key": key,
         "data": [point(rows.get(m, {}).get(key, 0), url(m, **scope)) for m in range(1, 13)]}
        for key, (label, _, scope) in kinds.items()
    ]  # fmt: skip
    series.append({"name": "罚款（元）", "type": "line", "axis": 1, "key": "fines",
                   "data": [point(_number(rows.get(m, {}).get("fines")), url(m)) for m in range(1, 13)]})  # fmt: skip
    totals = {
        key: sum(p["value"] for p in s["data"]) for s, key in zip(series, [*kinds, "fines"], strict=True)
    }
    rates = on_time_rates(unit, start, end)
    year_url = cases.filtered_url(decision_kind=DecisionKind.PENALTY.value, decided_from=start.isoformat(),
                                  decided_to=end.isoformat(), org_unit=unit.pk)  # fmt: skip
    ordinary_url = cases.filtered_url(procedure=Procedure.ORDINARY.value, decided_from=start.isoformat(),
                                      decided_to=end.isoformat(), org_unit=unit.pk)  # fmt: skip
    chart = bar_chart(
        "enforcement", "行政执法：按月作出处罚决定", MONTHS, series,
        axes=["件", "元"], wide=True, note="决定日期在本年度内的行政处罚案件；点击柱形查看当月案件",
    )  # fmt: skip
    decision_rate = percent(rates["decision"])
    numbers = [
        {"key": "penalties", "label": "行政处罚案件", "unit": "件",
         "value": totals["summary"] + totals["ordinary"] + totals["entrusted"], "url": year_url},
        {"key": "fines", "label": "罚款金额", "unit": "元", "value": totals["fines"], "url": year_url},
        {"key": "decision_on_time", "label": "一般程序按期决定率", "unit": "", "rate": decision_rate,
         "value": percent_text(decision_rate), "url": ordinary_url},
    ]  # fmt: skip
    return chart, numbers


# -- disputes --------------------------------------------------------------------------------------


def disputes(unit: OrgUnit, year: int) -> tuple[list[dict], list[dict]]:
    """`dispute_figures` by village and by category (its three queries)."""
    from fazhi.disputes.definitions.disputes import disputes as register
    from fazhi.disputes.statistics.disputes import dispute_figures

    f = dispute_figures(unit, year)

    def url(**params: Any) -> str:
        return register.filtered_url(**params, org_unit=unit.pk)

    def rows_series(rows, key: str) -> list[dict]:
        def scope(r) -> dict:
            return {key: r.key} if r.key is not None else {}

        return [
            {"name": "登记", "type": "bar", "key": "registered",
             "data": [point(r.registered, url(registered_year=year, **scope(r))) for r in rows]},
            {"name": "结案", "type": "bar", "key": "closed",
             "data": [point(r.closed, url(closed_year=year, **scope(r))) for r in rows]},
            {"name": "调解成功率（%）", "type": "line", "axis": 1, "percent": True, "key": "success_rate",
             "data": [point(_rate(r.success_rate),
                            url(closed_year=year, **scope(r))) for r in rows]},
        ]  # fmt: skip

    villages = bar_chart("disputes_village", "矛盾纠纷：按村（社区）", [r.label for r in f.by_village],
                         rows_series(f.by_village, "village"), axes=["件", "%"], wide=True,
                         note="登记、结案日期在本年度内；成功率为结案中达成调解协议的比例")  # fmt: skip
    categories = bar_chart("disputes_category", "矛盾纠纷：按类别", [r.label for r in f.by_category],
                           rows_series(f.by_category, "category"), axes=["件", "%"])  # fmt: skip
    rate = _rate(f.success_rate)
    numbers = [
        {"key": "disputes_registered", "label": "登记矛盾纠纷", "unit": "件", "value": f.registered,
         "url": url(registered_year=year)},
        {"key": "disputes_closed", "label": "排查化解（结案）", "unit": "件", "value": f.closed,
         "url": url(closed_year=year)},
        {"key": "disputes_success", "label": "调解成功率", "unit": "", "rate": rate, "value": percent_text(rate),
         "url": url(closed_year=year)},
    ]  # fmt: skip
    return [villages, categories], numbers


# -- the single window -----------------------------------------------------------------------------


def window(unit: OrgUnit, year: int) -> tuple[list[dict], list[dict]]:
    """`window_figures`: the ratings, the visits of ended applications, the on-time
    rates (its five queries)."""
    from fazhi.services.choices import ServiceRating
    from fazhi.services.definitions.applications import applications
    from fazhi.services.statistics import window_figures
    from fazhi.services.statistics.window import ENDED, VISIT_BUCKETS

    f = window_figures(unit, year)
    got = {"year": year, "org_unit": unit.pk}
    done = {"decided_year": year, "org_unit": unit.pk}
    apps = applications.filtered_url
    ratings = bar_chart(
        "window_ratings", "一窗受理：好差评", [ServiceRating(g).label for g in f.ratings],
        [{"name": "评价", "type": "bar", "key": "ratings",
          "data": [point(n, apps(rating=g, **got)) for g, n in f.ratings.items()]}],
        axes=["件"], note=f"本年度收件的办件中已评价的；好评率{percent_text(percent(f.good_rate))}",
    )  # fmt: skip
    visits = bar_chart(
        "window_visits", "一窗受理：群众到现场次数", ["0次", "1次", "2次及以上"],
        [{"name": state.label, "type": "bar", "stack": "visits", "key": state.value,
          "data": [point(n, apps(status=state.value, visits=bucket, **got))
                   for n, bucket in zip(counts, VISIT_BUCKETS, strict=True)]}
         for state, counts in zip(ENDED, (f.delivered_visits, f.refused_visits), strict=True)],
        axes=["件"], note="本年度收件且已办结（送达或不予受理）的办件",
    )  # fmt: skip
    statutory, promised = percent(f.on_time_statutory_rate), percent(f.on_time_promised_rate)
    good, one_visit = percent(f.good_rate), percent(f.at_most_one_visit_share)
    numbers = [
        {"key": "window_received", "label": "窗口收件", "unit": "件", "value": f.received, "url": apps(**got)},
        {"key": "window_on_time", "label": "法定时限内办结率", "unit": "", "rate": statutory,
         "value": percent_text(statutory), "url": apps(**done)},
        {"key": "window_promised", "label": "承诺时限内办结率", "unit": "", "rate": promised,
         "value": percent_text(promised), "url": apps(**done)},
        {"key": "window_one_visit", "label": "“最多跑一次”占比", "unit": "", "rate": one_visit,
         "value": percent_text(one_visit), "url": apps(**got)},
        {"key": "window_good", "label": "好评率", "unit": "", "rate": good, "value": percent_text(good),
         "url": apps(**got)},
    ]  # fmt: skip
    return [ratings, visits], numbers


# -- the task board, rectifications, officers' training ---------------------------------------------


def taskboard(unit: OrgUnit, year: int, today: dt.date) -> tuple[dict, list[dict]]:
    """The year's plan tasks by the board's states, and those done on time: one query."""
    from fazhi.oversight.choices import TaskStatus
    from fazhi.oversight.duty.definitions import tasks
    from fazhi.oversight.duty.filters import BOARD_STATES, task_state_q
    from fazhi.oversight.models import Task

    row = Task.objects.filter(org_unit__in=subtree_ids(unit.path), plan__year=year).aggregate(
        on_time=Count("id", filter=Q(status=TaskStatus.DONE, done_on__lte=F("due_on"))),
        **{state: Count("id", filter=task_state_q(state, today)) for state, _ in BOARD_STATES},
    )
    slices = [
        point(row[state], tasks.filtered_url(year=year, state=state, org_unit=unit.pk), name=label, key=state)
        for state, label in BOARD_STATES
    ]
    total = sum(row[state] for state, _ in BOARD_STATES)
    rate = percent(row["on_time"] / total if total else None)
    chart = pie_chart("taskboard", "挂图作战：年度工作任务", "任务", slices,
                      note=f"按期完成{row['on_time']}项，共{total}项")  # fmt: skip
    numbers = [
        {"key": "tasks_total", "label": "年度工作任务", "unit": "项", "value": total,
         "url": tasks.filtered_url(year=year, org_unit=unit.pk)},
        {"key": "tasks_on_time", "label": "任务按期完成率", "unit": "", "rate": rate, "value": percent_text(rate),
         "url": tasks.filtered_url(year=year, state="done", org_unit=unit.pk)},
    ]  # fmt: skip
    return chart, numbers


def rectifications(unit: OrgUnit, year: int, today: dt.date) -> tuple[dict, list[dict]]:
    """Items due by the year's end by their status now, those overdue, and the on-time
    close-out rate of the items closed out in the year: two queries."""
    from fazhi.oversight.choices import RectificationStatus
    from fazhi.oversight.definitions import rectifications as register
    from fazhi.oversight.models import Rectification
    from fazhi.oversight.selectors import on_time_rate

    start, end = _year_span(year)
    units = subtree_ids(unit.path)
    row = Rectification.objects.filter(org_unit__in=units, due_on__lte=end).aggregate(
        overdue=Count("id", filter=Q(due_on__lt=today) & ~Q(status=RectificationStatus.CLOSED)),
        **{s.value: Count("id", filter=Q(status=s)) for s in RectificationStatus},
    )
    due = {"due_to": end.isoformat(), "org_unit": unit.pk}
    slices = [
        point(row[s.value], register.filtered_url(status=s.value, **due), name=s.label, key=s.value)
        for s in RectificationStatus
    ]
    closed = on_time_rate(unit, start, end)
    rate = percent(closed.rate)
    chart = pie_chart("rectifications", "问题整改：按状态", "整改事项", slices,
                      note=f"整改期限在{year}年底以前的事项的当前状态")  # fmt: skip
    numbers = [
        {"key": "rectifications_overdue", "label": "逾期未销号", "unit": "项", "value": row["overdue"],
         "url": register.filtered_url(overdue="true", **due)},
        {"key": "rectifications_on_time", "label": "整改按期销号率", "unit": "", "rate": rate,
         "value": percent_text(rate), "url": register.filtered_url(closed_year=year, org_unit=unit.pk)},
    ]  # fmt: skip
    return chart, numbers


def training(unit: OrgUnit, year: int) -> tuple[dict, list[dict]]:
    """`officer_training`: certified officers, trained and passed or not (two queries)."""
    from fazhi.enforcement.definitions import officer_years, officers
    from fazhi.oversight.statistics_duty import officer_training

    t = officer_training(unit, year)
    certified_url = officers.filtered_url(certified_year=year, org_unit=unit.pk)
    slices = [
        point(t.trained_and_passed, officer_years.filtered_url(year=year, training_completed="true", exam="passed",
                                                                org_unit=unit.pk),
              name="完成培训并考试合格", key="passed"),
        point(t.missing, certified_url, name="未完成或未合格", key="missing"),
    ]  # fmt: skip
    rate = percent(t.trained_and_passed / t.certified if t.certified else None)
    chart = pie_chart("training", "执法人员年度培训考试", "执法人员", slices,
                      note=f"本年度持有效执法证的{t.certified}人")  # fmt: skip
    numbers = [
        {
            "key": "training_rate",
            "label": "执法人员培训考试完成率",
            "unit": "",
            "rate": rate,
            "value": percent_text(rate),
            "url": certified_url,
        },
    ]
    return chart, numbers


# -- a county: its towns side by side ---------------------------------------------------------------

TOWN_SERIES: tuple[tuple[str, str, str], ...] = (
    # (KeyFigures field, series name, figure key of links.py)
    ("summary_cases", "简易程序处罚（起）", "summary_penalties"),
    ("ordinary_cases", "一般程序处罚（起）", "ordinary_penalties"),
    ("disputes_resolved", "矛盾纠纷化解（件）", "disputes_resolved"),
    ("proactive_disclosures", "主动公开（条）", "proactive_disclosure"),
    ("rectifications_closed", "整改销号（个）", "rectifications"),
)


def towns(unit: OrgUnit, year: int, today: dt.date) -> dict:
    """The towns of a county side by side (`county_overview`, a fixed number of queries)."""
    from fazhi.reports.county import county_overview
    from fazhi.reports.links import figure_link

    overview = county_overview(unit, year, today=today)
    series = [
        {"name": name, "type": "bar", "key": field,
         "data": [point(_number(getattr(row.figures, field)), figure_link(key, row.unit, year))
                  for row in overview.rows]}
        for field, name, key in TOWN_SERIES
    ]  # fmt: skip
    return bar_chart("towns", "各镇（乡、街道）主要数据对比", [row.name for row in overview.rows], series,
                     axes=["数量"], wide=True, note="点击柱形查看该镇的记录")  # fmt: skip


# -- all of it --------------------------------------------------------------------------------------


def dashboard_data(unit: OrgUnit, year: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """The dashboard of `unit` (and everything under it) for `year`."""
    today = today or timezone.localdate()
    charts: list[dict] = []
    numbers: list[dict] = []
    if unit.kind == OrgKind.COUNTY:
        charts.append(towns(unit, year, today))
    chart, nums = enforcement(unit, year)
    charts.append(chart)
    numbers += nums
    some, nums = disputes(unit, year)
    charts += some
    numbers += nums
    some, nums = window(unit, year)
    charts += some
    numbers += nums
    for chart, nums in (
        taskboard(unit, year, today),
        rectifications(unit, year, today),
        training(unit, year),
    ):
        charts.append(chart)
        numbers += nums
    return {
        "unit": {"id": unit.pk, "name": unit.name, "kind": unit.kind},
        "year": year,
        "charts": charts,
        "numbers": numbers,
    }
