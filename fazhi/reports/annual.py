"""The annual report on rule-of-law government building (法治政府建设年度报告), built
from the records: every figure comes from `figures.compute_all`, never typed.

The parts are those the inspection rules set (《法治政府建设与责任落实督察工作规定》,
`fazhi.law.reports`): main measures and results, the principal leaders' duty,
shortcomings and causes, next year's plan, and an optional fifth, other matters;
the order is the seed's by default and each town may change it. The narrative is
the project's own default wording (`DEFAULT_TEXTS`), which a town edits in the
app (`ReportTemplate`); parts 3 and 4 are for people to write, with points
suggested from the data.

    built = annual.build(town, 2023)            # the default template
    markdown.write(built)                       # or html, docx, pdf
"""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import OrgUnit
from fazhi.law import reports as law
from fazhi.reports.document import BuiltReport, Quoted
from fazhi.reports.figures import FIGURES, FIGURES_BY_KEY, ROUNDING, FigureValue, compute_all
from fazhi.reports.kinds import KindSpec, PartSpec, register

PARTS = tuple(
    PartSpec(p.code, p.title, p.required, written=p.code in ("shortcomings", "next_year"))
    for p in law.ANNUAL_REPORT_PARTS
)
DEFAULT_ORDER = tuple(p.code for p in law.ANNUAL_REPORT_PARTS if p.required)

# The project's own wording; a town's template starts from it.
DEFAULT_TEXTS = {
    "preamble": (
        "{年度}年，{单位}坚持以习近平法治思想为指导，对照法治政府建设实施纲要和年度工作要点，"
        "把依法行政贯穿政府工作各方面。现将{年度}年度法治政府建设情况报告如下。"
    ),
    "measures": "\n".join([
        "（一）以习近平法治思想引领法治政府建设",
        "坚持把学习贯彻习近平法治思想作为镇党委理论学习的固定内容，全年以法治为主题集中学习{集中学习习近平法治思想}，"
        "把法治要求落实到年度工作部署和日常决策之中。",
        "（二）持续优化法治化营商环境",
        "落实市场主体登记便利化措施，深化一窗受理、集成服务，本年度新增市场主体{新增市场主体}。",
        "（三）推进依法科学民主决策",
        "聘请{法律顾问}担任政府法律顾问，全年审查合同{审查合同}，开展法治培训讲座{法律顾问培训讲座}，"
        "列席政府决策会议{法律顾问列席决策会议}，重大事项决策前均听取法律意见。",
        "（四）严格规范公正文明执法",
        "全镇持证执法人员{执法人员培训考试}。",
        "全年适用简易程序作出行政处罚{简易程序处罚}；适用一般程序办理案件{一般程序处罚}；受委托开展执法{委托执法}。",
        "开展专项整治，围绕{专项整治}逐项排查问题、建立台账、限期整改。",
        "（五）提升突发事件应对能力",
        "修订完善应急预案，组织开展各类应急演练{应急演练}，检验队伍、物资和处置流程。",
        "（六）依法化解矛盾纠纷",
        "镇村两级建成人民调解委员会{人民调解委员会}，设立{驻点调解室}，全年排查化解矛盾纠纷{矛盾纠纷排查化解}。",
        "本年度{行政复议和行政诉讼}。",
        "组织普法宣传活动{普法宣传}，提供公共法律服务{公共法律服务}。",
        "（七）推进政务公开和接受监督",
        "按照政府信息公开条例主动公开政府信息{主动公开政府信息}；办理人大代表建议和政协提案{办理人大代表建议和政协提案}。",
        "（八）加强法治队伍建设",
        "落实执法人员持证上岗和年度培训考试制度，执法岗位职责全部明确到人。",
        "（九）压实法治建设责任",
        "{法治建设专题会议}，研究解决法治建设中的具体问题；督查{督查发现问题整改}。",
    ]),
    "leaders_duty": "\n".join([
        "{第一责任人}作为推进法治建设第一责任人，主持依法治镇领导小组工作（成员{领导小组成员}人），"
        "全年召开法治建设专题会议{专题会议次数}次，部署年度法治建设任务{年度任务}项（按期完成{按期完成任务}项）。",
        "开展述职述法{述职述法}次，对落实不力的约谈提醒{约谈提醒}次。",
    ]),
    "shortcomings": "（由法治办根据本年度工作情况撰写。）",
    "next_year": "{下一年度}年，将围绕上述不足逐项制定措施，明确责任岗位和完成时限，纳入年度法治建设任务清单。",
    "other": "无。",
}  # fmt: skip

# The values a template may quote that are not figures of report-figures.md.
GENERAL_NAMES = (
    ("年度", "报告年度，如 2023"),
    ("下一年度", "报告年度的下一年"),
    ("单位", "本单位名称"),
    ("上级", "上级党委和政府所在的区县名称"),
)
LEADER_NAMES = (
    ("第一责任人", "本年度担任依法治镇领导小组组长的党政主要负责人"),
    ("领导小组成员", "依法治镇领导小组成员人数"),
    ("专题会议次数", "本年度召开的法治建设专题会议次数"),
    ("年度任务", "本年度法治建设任务项数"),
    ("按期完成任务", "其中按期完成的项数"),
    ("述职述法", "本年度述职述法次数"),
    ("约谈提醒", "本年度约谈提醒次数"),
)


def _county(unit: OrgUnit) -> str:
    parent = unit.parent
    return parent.name if parent is not None else ""


def values(unit: OrgUnit, year: int, rounding: dict[str, int],
           figures: dict[str, FigureValue] | None = None) -> dict[str, Quoted]:  # fmt: skip
    """The quotable values; `figures` is the build's `compute_all`, worded here with
    the report's rounding."""
    from fazhi.oversight import statistics_duty
    from fazhi.reports.links import figure_link

    figures = figures if figures is not None else compute_all(unit, year)
    ks = {**ROUNDING, **rounding}
    out: dict[str, Quoted] = {}
    for key, f in figures.items():
        figure = FIGURES_BY_KEY[key]
        out[figure.label] = Quoted(figure.label, figure.words(f.values, ks), f.counted,
                                   figure_link(key, unit, year), f.number)  # fmt: skip
    county = _county(unit)
    for name, text in (
        ("年度", str(year)),
        ("下一年度", str(year + 1)),
        ("单位", unit.name),
        ("上级", county),
    ):
        out[name] = Quoted(name, text)
    s = statistics_duty.duty_summary(unit, year)
    leaders = {
        "第一责任人": "、".join(s.heads) or "党政主要负责人",
        "领导小组成员": str(s.group_members),
        "专题会议次数": str(s.special_meetings),
        "年度任务": str(s.tasks.total),
        "按期完成任务": str(s.tasks.on_time),
        "述职述法": str(s.duty_reports),
        "约谈提醒": str(s.admonitions),
    }
    counted = dict(LEADER_NAMES)
    for name, text in leaders.items():
        out[name] = Quoted(name, text, counted[name], figure_link("leaders_duty", unit, year))
    return out


def suggestions(
    unit: OrgUnit, year: int, quoted: dict[str, Quoted], figures: dict[str, FigureValue]
) -> list[str]:
    """Points for parts 3 and 4 read from the data (the build's figures and two
    queries of their own): the writer decides what to keep."""
    from fazhi.oversight.choices import RectificationStatus
    from fazhi.oversight.models import Rectification

    out = []
    officers = figures["officers_trained"].values
    if officers["certified"] and not officers["all_done"]:
        left = officers["certified"] - officers["trained_and_passed"]
        out.append(f"{left}名持证执法人员未完成年度培训或考试")
    meetings = figures["rule_of_law_meetings"].values
    if meetings["missing"]:
        out.append("第" + "、".join(str(q) for q in meetings["missing"]) + "季度未召开法治建设专题会议")
    rect = figures["rectifications"].values
    if rect["closed"] > rect["on_time"]:
        out.append(f"督查发现问题中有{rect['closed'] - rect['on_time']}个未在期限内整改销号")
    overdue = (
        Rectification.objects.filter(org_unit__path__startswith=unit.path, due_on__lt=dt.date(year + 1, 1, 1))
        .exclude(status=RectificationStatus.CLOSED)
        .count()
    )
    if overdue:
        out.append(f"整改期限在{year}年内的整改事项中，至今仍有{overdue}个未销号")
    late = _late_disclosures(unit, year)
    if late:
        out.append(f"{late}条政府信息未在形成或变更之日起20个工作日内公开")
    return out


def _late_disclosures(unit: OrgUnit, year: int) -> int:
    """Information of the year published after its due date (第26条: 20 working days)."""
    from django.db.models import F

    from fazhi.oversight.models import InfoItem

    return InfoItem.objects.filter(
        org_unit__path__startswith=unit.path,
        published_on__gte=dt.date(year, 1, 1),
        published_on__lte=dt.date(year, 12, 31),
        published_on__gt=F("due_on"),
    ).count()


def _comparison(unit: OrgUnit, year: int, rounding: dict[str, int]):
    from fazhi.reports.comparison import annual_comparison

    return annual_comparison(unit, year)


def _names() -> list[tuple[str, str]]:
    return [(f.label, f.counted) for f in FIGURES] + list(GENERAL_NAMES) + list(LEADER_NAMES)


ANNUAL = register(
    KindSpec(
        code="annual",
        name="法治政府建设年度报告",
        parts=PARTS,
        default_order=DEFAULT_ORDER,
        default_texts=lambda: dict(DEFAULT_TEXTS),
        figures=compute_all,  # each register read once a build
        values=values,
        title=lambda unit, year: [
            f"中共{unit.name}委员会 {unit.name}人民政府",
            f"关于{year}年度法治政府建设情况的报告",
        ],
        addressee=lambda unit: f"中共{_county(unit)}委、{_county(unit)}人民政府：" if _county(unit) else "",
        signature=lambda unit: [f"中共{unit.name}委员会", f"{unit.name}人民政府"],
        deadlines=law.ANNUAL_DEADLINES,
        suggestions=suggestions,
        rounding={
            "drills": ("应急演练次数", ROUNDING["drills"]),
            "outreach_events": ("普法宣传场次", ROUNDING["outreach_events"]),
            "outreach_audience": ("普法宣传覆盖人次", ROUNDING["outreach_audience"]),
            "legal_services": ("公共法律服务次数", ROUNDING["legal_services"]),
        },
        comparison=_comparison,
        names=_names,
    )
)


def build(unit: OrgUnit, year: int, *, order: tuple[str, ...] | None = None,
          rounding: dict[str, int] | None = None, comparison: bool = False) -> BuiltReport:  # fmt: skip
    """The town's (or county's) report of `year` on the default template."""
    from fazhi.reports.builder import build as build_report

    return build_report(ANNUAL, unit, year, order=order, rounding=rounding, comparison=comparison)
