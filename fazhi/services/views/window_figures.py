"""The year's figures of the single window (一窗受理统计) for the user's unit: the
published list, the applications received and decided, the on-time rates against
the statutory and the promised limits, the visits and the ratings, each count
linked to the filtered list it counts (fazhi/services/statistics/window.py says
what each counts)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from fazhi.core.registers.views import figures_scope
from fazhi.services.choices import ApplicationOutcome, ApplicationState, ItemKind, ItemStatus, ServiceRating
from fazhi.services.definitions.applications import applications
from fazhi.services.definitions.items import service_items
from fazhi.services.statistics import window_figures
from fazhi.services.statistics.window import ENDED, VISIT_BUCKETS

FIRST_YEAR = 2015
VISIT_LABELS = ("0次", "1次", "2次及以上")


def percent(value: float | None) -> str:
    """A rate as the page writes it: 87.5%, 100%, or a dash when there is nothing to divide."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}".removesuffix(".0") + "%"


def days_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".removesuffix(".0") + "个工作日"


def _row(label: str, value: str, url: str = "", note: str = "") -> tuple[str, str, str, str]:
    return (label, value, url, note)


def _sections(unit, f) -> list[tuple[str, str, list]]:
    """(title, test id, rows) of the page; each row is (label, value, url, note). The
    items link to today's list, which the filters cannot date."""
    this_year = timezone.localdate().year
    on_list = {"status": ItemStatus.PUBLISHED.value, "org_unit": unit.pk}
    got = {"year": f.year, "org_unit": unit.pk}
    done = {"decided_year": f.year, "org_unit": unit.pk}
    apps = applications.filtered_url
    listed = [
        _row("已公布事项", f"{f.items_listed}项", service_items.filtered_url(**on_list),
             f"截至{f.year}年底已公布且现仍在清单内的事项" + ("；点击查看现行清单" if f.year < this_year else "")),
        *(_row(f"其中：{k.label}", f"{f.items_by_kind[k.value]}项",
               service_items.filtered_url(kind=k.value, **on_list)) for k in ItemKind if f.items_by_kind[k.value]),
        _row("可网上办理", f"{f.items_online}项", service_items.filtered_url(online="true", **on_list)),
        _row("零跑腿事项", f"{f.items_zero_visit}项", service_items.filtered_url(visits_needed=0, **on_list),
             "办事指南载明到现场0次"),
        _row("最多跑一次事项", f"{f.items_at_most_one_visit}项", service_items.filtered_url(**on_list),
             f"到现场0次{f.items_zero_visit}项、1次{f.items_one_visit}项"),
    ]  # fmt: skip
    received = [
        _row("收件", f"{f.received}件", apps(**got), "收件日期在本年度内的办件"),
        *(_row(f"其中：{s.label}", f"{f.received_by_status[s.value]}件", apps(status=s.value, **got))
          for s in ApplicationState if f.received_by_status[s.value]),
        _row("受理", f"{f.accepted}件", "", "本年度收件中已受理的（含其后已办结、撤回的）"),
        _row("出具一次性告知书", f"{f.notices}份", "", "告知日期在本年度内的一次性告知书"),
    ]  # fmt: skip
    decided = [
        _row("作出决定", f"{f.decided}件", apps(**done), "决定日期在本年度内的办件（含上年度收件）"),
        _row("其中：准予", f"{f.approved}件", apps(outcome=ApplicationOutcome.APPROVED.value, **done)),
        _row("其中：不予准予", f"{f.denied}件", apps(outcome=ApplicationOutcome.DENIED.value, **done)),
        _row("法定时限内办结率", percent(f.on_time_statutory_rate), "",
             f"按期{f.on_time_statutory}件 ÷ 有法定办结时限的{f.statutory_counted}件"),
        _row("超过法定时限办结", f"{f.late_statutory}件", apps(late="statutory", **done), "决定日期晚于法定办结期限"),
        _row("承诺时限内办结率", percent(f.on_time_promised_rate), "",
             f"按期{f.on_time_promised}件 ÷ 有承诺办结时限的{f.promised_counted}件"),
        _row("超过承诺时限办结", f"{f.late_promised}件", apps(late="promised", **done), "决定日期晚于承诺办结期限"),
        _row("平均办理工作日", days_text(f.average_working_days), apps(**done),
             "自受理至决定的工作日，中止计时的不计入"),
    ]  # fmt: skip
    ratings = [
        *(_row(ServiceRating(g).label, f"{n}件", apps(rating=g, **got)) for g, n in f.ratings.items()),
        _row("评价合计", f"{f.rated}件", "", "本年度收件的办件中已评价的"),
        _row("好评率", percent(f.good_rate), "", f"好评（非常满意、满意、基本满意）{f.good}件 ÷ 评价{f.rated}件"),
        _row("差评", f"{f.bad}件", "", "不满意、非常不满意"),
        _row("平均评分", "—" if f.rating_average is None else f"{f.rating_average:.2f}分", "", "5分为非常满意"),
    ]  # fmt: skip
    return [
        ("政务服务事项清单", "window-items", listed),
        ("收件与受理", "window-received", received),
        ("办理决定与时效", "window-decided", decided),
        ("好差评", "window-ratings", ratings),
    ]


def _visit_table(unit, f) -> dict[str, Any]:
    """Visits of the applications received in the year that have ended, by how they ended."""
    got = {"year": f.year, "org_unit": unit.pk}
    rows = []
    for state, counts in zip(ENDED, (f.delivered_visits, f.refused_visits), strict=True):
        cells = [(n, applications.filtered_url(status=state.value, visits=bucket, **got))
                 for n, bucket in zip(counts, VISIT_BUCKETS, strict=True)]  # fmt: skip
        rows.append((state.label, cells, sum(counts), applications.filtered_url(status=state.value, **got)))
    return {"labels": VISIT_LABELS, "rows": rows}


def _item_table(unit, f) -> list[dict[str, Any]]:
    out = []
    for row in f.items:
        scope = {"item": row.item_id, "org_unit": unit.pk}
        out.append({
            "row": row, "received_url": applications.filtered_url(year=f.year, **scope),
            "decided_url": applications.filtered_url(decided_year=f.year, **scope),
            "statutory": percent(row.on_time_statutory_rate), "promised": percent(row.on_time_promised_rate),
            "days": days_text(row.average_working_days),
        })  # fmt: skip
    return out


def _summary(f) -> str:
    """The sentence a yearly report can take over."""
    text = (
        f"{f.year}年，政务服务事项清单公布事项{f.items_listed}项，其中可网上办理{f.items_online}项、"
        f"零跑腿{f.items_zero_visit}项；窗口收件{f.received}件，作出决定{f.decided}件"
    )
    if f.promised_counted:
        text += f"，承诺时限内办结率{percent(f.on_time_promised_rate)}"
    if f.ended:
        text += f"，“最多跑一次”办件占{percent(f.at_most_one_visit_share)}"
    if f.rated:
        text += f"；收到评价{f.rated}件，好评率{percent(f.good_rate)}"
    return text + "。"


def window_figures_page(request):
    """The single window's figures of the user's unit in a year, each linked to its list."""
    unit, year = figures_scope(request, applications, last=timezone.localdate().year)
    f = window_figures(unit, year)
    return render(request, "services/window_figures.html", {
        "unit": unit, "year": year, "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1), "figures": f,
        "sections": _sections(unit, f), "visits": _visit_table(unit, f),
        "zero_visit_share": percent(f.zero_visit_share), "at_most_one_visit_share": percent(f.at_most_one_visit_share),
        "items": _item_table(unit, f), "several_units": len({r.org_unit_id for r in f.items}) > 1,
        "summary": _summary(f),
    })  # fmt: skip


urlpatterns = [path("applications/figures/", window_figures_page, name="window-figures")]
