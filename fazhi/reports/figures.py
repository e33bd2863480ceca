"""The figures of the annual report (report-figures.md), one named function each,
for any unit (a town, or a county: its subtree) and year. Each returns the numbers,
the words the report writes them with, and what was counted; they read the
statistics functions of the registers, so a figure is computed, never stored.

    figure = FIGURES_BY_KEY["summary_penalties"].compute(town, 2023)
    figure.values  # {"cases": 1120, "fines": Decimal("133970")}
    figure.text    # "1120起，罚款133970元"

Counts the report may round (drills, outreach, legal services) are written by
`rounding.count_text` with the figure's k from `ROUNDING` (or the caller's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fazhi.core.models import OrgUnit
from fazhi.reports.rounding import count_text

# k of 10^k for the counts written rounded down with "余" (report-figures.md defaults).
ROUNDING: dict[str, int] = {"drills": 1, "outreach_events": 2, "outreach_audience": 4, "legal_services": 2}


@dataclass(frozen=True)
class FigureValue:
    number: int  # the row of report-figures.md
    key: str
    values: dict[str, Any]
    text: str  # as the report writes it
    counted: str  # what was counted, for the reader who checks it


@dataclass(frozen=True)
class Figure:
    number: int
    key: str
    section: str  # where the report puts it: 一(一) …
    label: str
    compute_values: Callable[[OrgUnit, int], dict[str, Any]]
    words: Callable[[dict[str, Any], dict[str, int]], str]
    counted: str
    rounding_keys: tuple[str, ...] = field(default=())

    def compute(self, unit: OrgUnit, year: int, rounding: dict[str, int] | None = None) -> FigureValue:
        values = self.compute_values(unit, year)
        ks = {**ROUNDING, **(rounding or {})}
        return FigureValue(self.number, self.key, values, self.words(values, ks), self.counted)


def yuan(amount: Decimal | int | None) -> str:
    """An amount as a report writes it: 133970元, 12.5元."""
    value = Decimal(amount or 0)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}元"


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# -- the values, read from each register's statistics ---------------------------------------


def _study(unit, year):
    from fazhi.education.statistics import study_figures

    return {"sessions": study_figures(unit, year).counted}


def _market(unit, year):
    from fazhi.services.statistics import market_figures

    f = market_figures(unit, year)
    return {"total": f.enterprises + f.individual_businesses + f.cooperatives + f.others,
            "enterprises": f.enterprises, "individual_businesses": f.individual_businesses}  # fmt: skip


def _advisor(unit, year):
    from fazhi.decisions.statistics import advisor_figures

    f = advisor_figures(unit, year)
    return {"firms": list(f.firms), "contracts": f.contracts_reviewed, "trainings": f.trainings,
            "decision_meetings": f.decision_meetings}  # fmt: skip


def _officers(unit, year):
    from fazhi.oversight import statistics_duty

    f = statistics_duty.officer_training(unit, year)
    return {"certified": f.certified, "trained_and_passed": f.trained_and_passed, "all_done": f.all_done}


def _all_penalties(unit, year):
    from fazhi.enforcement.statistics import penalty_figures

    return {kind: {"cases": f.cases, "fines": f.fines} for kind, f in penalty_figures(unit, year).items()}


class _Part:
    """One part of what a reader returns: rows 8-10 are three parts of one read of
    the year's penalties, which compute_all makes once."""

    def __init__(self, reader: Callable, key: str):
        self.reader, self.key = reader, key

    def __call__(self, unit, year):
        return self.reader(unit, year)[self.key]


def _penalties(kind: str) -> _Part:
    return _Part(_all_penalties, kind)


def _campaigns(unit, year):
    from django.db.models import Count

    from fazhi.oversight.models import Campaign

    start, end = _year(year)
    rows = list(
        Campaign.objects.filter(org_unit__path__startswith=unit.path, starts_on__lte=end, ends_on__gte=start)
        .annotate(n=Count("categories"))
        .order_by("starts_on", "id")
        .values_list("name", "n")
    )
    return {"campaigns": [name for name, _ in rows], "aspects": sum(n for _, n in rows)}


def _drills(unit, year):
    from fazhi.emergency.statistics import drill_figures

    return {"drills": drill_figures(unit, year).total}


def _committees(unit, year):
    from fazhi.disputes.statistics.mediation import committees_and_rooms

    by_level, by_kind = committees_and_rooms(unit, year)
    return {"committees": sum(by_level.values()), "court_rooms": by_kind.get("court", 0),
            "police_rooms": by_kind.get("police", 0)}  # fmt: skip


def _disputes(unit, year):
    from fazhi.disputes.statistics.disputes import closed_count

    return {"closed": closed_count(unit, year)}


def _remedies(unit, year):
    from fazhi.disputes.statistics.remedies import remedy_figures

    f = remedy_figures(unit, year)
    return {"reconsiderations": f.reconsideration.received, "litigations": f.litigation.received}


def _outreach(unit, year):
    from fazhi.education.statistics import outreach_figures

    f = outreach_figures(unit, year)
    return {"events": f.events, "audience": f.audience}


def _legal_services(unit, year):
    from fazhi.education.statistics import service_figures

    return {"records": service_figures(unit, year).records}


def _disclosure(unit, year):
    from fazhi.oversight import statistics_supervision

    return {"published": statistics_supervision.proactive_published(unit, year)}


def _proposals(unit, year):
    from fazhi.oversight import statistics_supervision

    f = statistics_supervision.proposal_figures(unit, year)
    return {
        "replied": f.replied,
        "satisfaction": f.satisfaction.rate,
        "satisfaction_text": f.satisfaction.percent,
    }


def _meetings(unit, year):
    from fazhi.oversight import statistics_duty

    f = statistics_duty.meeting_quarters(unit, year)
    return {"every_quarter": f.every_quarter, "total": f.total, "missing": list(f.missing)}


def _rectifications(unit, year):
    from fazhi.oversight import statistics_supervision

    f = statistics_supervision.inspection_close_out(unit, year)
    return {"closed": f.closed, "on_time": f.on_time, "all_on_time": f.closed > 0 and f.on_time == f.closed}


# -- the words --------------------------------------------------------------------------------


def _none_or(n: int, unit: str) -> str:
    return "无" if n == 0 else f"{n}{unit}"


def _proposal_words(v, ks):
    text = f"{v['replied']}件"
    return text if v["satisfaction"] is None else f"{text}，满意率{v['satisfaction_text']}"


def _meeting_words(v, ks):
    if v["every_quarter"]:
        return "每季度召开法治建设专题会议"
    missing = "、".join(f"第{q}季度" for q in v["missing"])
    return f"全年召开法治建设专题会议{v['total']}次" + (f"（{missing}未召开）" if missing else "")


def _rectification_words(v, ks):
    if v["all_on_time"]:
        return f"发现问题{v['closed']}个，均按期整改销号"
    return f"已整改销号{v['closed']}个，其中按期{v['on_time']}个"


FIGURES: tuple[Figure, ...] = (
    Figure(1, "study_sessions", "一(一)", "集中学习习近平法治思想", _study, lambda v, ks: f"{v['sessions']}次",
           "本年度党委理论学习中心组或党委扩大会议以法治为主题的学法活动"),
    Figure(2, "market_entities", "一(二)", "新增市场主体", _market,
           lambda v, ks: f"{v['total']}个，其中企业{v['enterprises']}个、个体工商户{v['individual_businesses']}个",
           "成立日期在本年度的市场主体登记，按主体类型"),
    Figure(3, "legal_advisor", "一(三)", "法律顾问", _advisor, lambda v, ks: "、".join(v["firms"]) or "未聘请",
           "本年度在聘的法律顾问"),
    Figure(4, "contracts_reviewed", "一(三)", "审查合同", _advisor, lambda v, ks: f"{v['contracts']}份",
           "本年度完成的合同合法性审查"),
    Figure(5, "advisor_trainings", "一(三)", "法律顾问培训讲座", _advisor, lambda v, ks: f"{v['trainings']}次",
           "本年度法律顾问开展的法治培训和讲座"),
    Figure(6, "advisor_meetings", "一(三)", "法律顾问列席决策会议", _advisor,
           lambda v, ks: f"{v['decision_meetings']}次", "本年度法律顾问列席的政府决策会议"),
    Figure(7, "officers_trained", "一(四)", "执法人员培训考试", _officers,
           lambda v, ks: f"{v['certified']}名" + ("，均完成年度网络培训并考试合格" if v["all_done"]
                                                  else f"，其中{v['trained_and_passed']}名完成培训并考试合格"),
           "本年度持有效执法证的执法人员；其中完成年度培训且考试合格的"),
    Figure(8, "summary_penalties", "一(四)", "简易程序处罚", _penalties("summary"),
           lambda v, ks: f"{v['cases']}起，罚款{yuan(v['fines'])}",
           "本年度作出决定的简易程序案件（法定或赋权职权，不含委托）"),
    Figure(9, "ordinary_penalties", "一(四)", "一般程序处罚", _penalties("ordinary"),
           lambda v, ks: f"{v['cases']}起，罚款{yuan(v['fines'])}",
           "本年度作出决定的一般程序案件（法定或赋权职权，不含委托）"),
    Figure(10, "entrusted_penalties", "一(四)", "委托执法", _penalties("entrusted"),
           lambda v, ks: f"{v['cases']}起，罚款{yuan(v['fines'])}", "本年度作出决定的委托执法案件"),
    Figure(11, "campaign_aspects", "一(四)", "专项整治", _campaigns, lambda v, ks: f"{v['aspects']}个方面",
           "本年度开展的专项整治的问题类别"),
    Figure(12, "drills", "一(五)", "应急演练", _drills, lambda v, ks: count_text(v["drills"], "次", ks["drills"]),
           "演练日期在本年度的应急演练", ("drills",)),
    Figure(13, "mediation_committees", "一(六)", "人民调解委员会", _committees,
           lambda v, ks: f"{v['committees']}个", "本年度在册的镇、村（社区）人民调解委员会"),
    Figure(14, "mediation_rooms", "一(六)", "驻点调解室", _committees,
           lambda v, ks: f"驻法庭调解室{v['court_rooms']}个、驻派出所调解室{v['police_rooms']}个",
           "本年度设立的驻法庭、驻派出所人民调解室"),
    Figure(15, "disputes_resolved", "一(六)", "矛盾纠纷排查化解", _disputes, lambda v, ks: f"{v['closed']}件",
           "本年度办结的矛盾纠纷"),
    Figure(16, "remedies", "一(六)", "行政复议和行政诉讼", _remedies,
           lambda v, ks: f"行政复议{_none_or(v['reconsiderations'], '件')}，行政诉讼{_none_or(v['litigations'], '件')}",
           "本年度收到的行政复议和行政诉讼案件"),
    Figure(17, "outreach", "一(六)", "普法宣传", _outreach,
           lambda v, ks: f"{count_text(v['events'], '场次', ks['outreach_events'])}，"
                         f"覆盖{count_text(v['audience'], '人次', ks['outreach_audience'])}",
           "活动日期在本年度的普法宣传活动及其受众人次之和", ("outreach_events", "outreach_audience")),
    Figure(18, "legal_services", "一(六)", "公共法律服务", _legal_services,
           lambda v, ks: count_text(v["records"], "次", ks["legal_services"]), "本年度公共法律服务记录",
           ("legal_services",)),
    Figure(19, "proactive_disclosure", "一(七)", "主动公开政府信息", _disclosure,
           lambda v, ks: f"{v['published']}条", "本年度主动公开的政府信息"),
    Figure(20, "proposals", "一(七)", "办理人大代表建议和政协提案", _proposals, _proposal_words,
           "本年度办复的建议提案；满意率＝（满意＋基本满意）÷ 已评价"),
    Figure(21, "rule_of_law_meetings", "一(九)", "法治建设专题会议", _meetings, _meeting_words,
           "本年度每季度召开的法治建设专题会议"),
    Figure(22, "rectifications", "一(九)", "督查发现问题整改", _rectifications, _rectification_words,
           "本年度销号的督查整改事项；其中在整改期限内销号的"),
)  # fmt: skip
FIGURES_BY_KEY = {f.key: f for f in FIGURES}


def compute_all(unit: OrgUnit, year: int, rounding: dict[str, int] | None = None) -> dict[str, FigureValue]:
    """Every figure of the unit's year, by key (rows sharing a register read it once)."""
    cache: dict[Callable, dict[str, Any]] = {}
    ks = {**ROUNDING, **(rounding or {})}
    out = {}
    for figure in FIGURES:
        part = figure.compute_values if isinstance(figure.compute_values, _Part) else None
        reader = part.reader if part else figure.compute_values
        if reader not in cache:
            cache[reader] = reader(unit, year)
        values = cache[reader][part.key] if part else cache[reader]
        out[figure.key] = FigureValue(
            figure.number, figure.key, values, figure.words(values, ks), figure.counted
        )
    return out
