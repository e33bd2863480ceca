"""The year-over-year appendix of the annual report: the countable figures of the
report's year beside the year before, the change and the change as a percentage.

The numbers are those of `figures.compute_all` for both years, written exactly
(never rounded down with "余" as the body may write them): an appendix is where
a reader checks the figures. Only figures that are numbers take a row; words
(the legal advisers' names, whether every quarter had its meeting) do not.

    block = annual_comparison(town, 2023)
    block.header  # ["指标", "2022年", "2023年", "增减", "增减幅度"]
    block.rows[0]  # ["集中学习习近平法治思想（次）", "4", "6", "+2", "+50%"]
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.core.models import OrgUnit
from fazhi.reports.document import Block
from fazhi.reports.figures import FigureValue, compute_all

# (row label with its unit, figure key, value name), in the order of the report.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("集中学习习近平法治思想（次）", "study_sessions", "sessions"),
    ("新增市场主体（个）", "market_entities", "total"),
    ("其中：企业（个）", "market_entities", "enterprises"),
    ("其中：个体工商户（个）", "market_entities", "individual_businesses"),
    ("审查合同（份）", "contracts_reviewed", "contracts"),
    ("法律顾问培训讲座（次）", "advisor_trainings", "trainings"),
    ("法律顾问列席决策会议（次）", "advisor_meetings", "decision_meetings"),
    ("持证执法人员（名）", "officers_trained", "certified"),
    ("其中：完成培训并考试合格（名）", "officers_trained", "trained_and_passed"),
    ("简易程序处罚（起）", "summary_penalties", "cases"),
    ("简易程序罚款（元）", "summary_penalties", "fines"),
    ("一般程序处罚（起）", "ordinary_penalties", "cases"),
    ("一般程序罚款（元）", "ordinary_penalties", "fines"),
    ("委托执法处罚（起）", "entrusted_penalties", "cases"),
    ("委托执法罚款（元）", "entrusted_penalties", "fines"),
    ("专项整治问题类别（个）", "campaign_aspects", "aspects"),
    ("应急演练（次）", "drills", "drills"),
    ("人民调解委员会（个）", "mediation_committees", "committees"),
    ("驻法庭调解室（个）", "mediation_rooms", "court_rooms"),
    ("驻派出所调解室（个）", "mediation_rooms", "police_rooms"),
    ("矛盾纠纷排查化解（件）", "disputes_resolved", "closed"),
    ("行政复议（件）", "remedies", "reconsiderations"),
    ("行政诉讼（件）", "remedies", "litigations"),
    ("普法宣传活动（场次）", "outreach", "events"),
    ("普法宣传覆盖（人次）", "outreach", "audience"),
    ("公共法律服务（次）", "legal_services", "records"),
    ("主动公开政府信息（条）", "proactive_disclosure", "published"),
    ("办复人大代表建议和政协提案（件）", "proposals", "replied"),
    ("法治建设专题会议（次）", "rule_of_law_meetings", "total"),
    ("督查发现问题整改销号（个）", "rectifications", "closed"),
    ("其中：按期整改销号（个）", "rectifications", "on_time"),
)

HEADER_CHANGE = "增减"
HEADER_RATE = "增减幅度"


def number_text(value: int | Decimal) -> str:
    """A number exactly as it is: 1120, 133970, 12.5 (no grouping, no rounding)."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text
    return str(value)


def change_text(previous: int | Decimal, current: int | Decimal) -> str:
    """The change from `previous` to `current`: "+12", "-3", "0"."""
    diff = current - previous
    if diff == 0:
        return "0"
    return ("+" if diff > 0 else "") + number_text(diff)


def rate_text(previous: int | Decimal, current: int | Decimal) -> str:
    """The change as a percentage of `previous`, one decimal ("+12.5%", "-50%", "0%");
    "—" when the previous year is 0 (no percentage of nothing)."""
    if not previous:
        return "—"
    rate = (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)
    rate = rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rate == 0:
        return "0%"
    text = f"{abs(rate):f}".removesuffix(".0")
    return f"{'+' if rate > 0 else '-'}{text}%"


def _value(figures: Mapping[str, FigureValue], key: str, name: str) -> int | Decimal:
    value: Any = figures[key].values[name]
    return value if isinstance(value, Decimal) else int(value or 0)


def comparison_rows(before: Mapping[str, FigureValue], after: Mapping[str, FigureValue]) -> list[list[str]]:
    """The table's rows from two years' `compute_all`."""
    rows = []
    for label, key, name in ROWS:
        previous, current = _value(before, key, name), _value(after, key, name)
        rows.append([label, number_text(previous), number_text(current),
                     change_text(previous, current), rate_text(previous, current)])  # fmt: skip
    return rows


def annual_comparison(unit: OrgUnit, year: int) -> Block:
    """The table of `unit`'s (and the units under it) countable figures of `year`
    beside `year - 1`."""
    before = compute_all(unit, year - 1)
    after = compute_all(unit, year)
    return Block(
        kind="table",
        header=["指标", f"{year - 1}年", f"{year}年", HEADER_CHANGE, HEADER_RATE],
        rows=comparison_rows(before, after),
    )
