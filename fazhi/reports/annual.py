"""The annual report on rule-of-law government building (法治政府建设年度报告), built
from the records: every figure comes from `figures.compute_all`, never typed.

The parts are those the inspection rules set (《法治政府建设与责任落实督察工作规定》):
main measures and results, the principal leaders' duty, shortcomings and causes,
next year's plan, and an optional fifth, other matters; the order is the seed's by
default and configurable. The narrative is the project's own default wording; parts
3 and 4 are for people to write, with points suggested from the data.

This module builds the report as data (`AnnualReport`) and writes it as Markdown;
the editable templates, the workflow (draft → submitted → published), the HTML
preview and the .docx in GB/T 9704 come with the rest of the report issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fazhi.core.models import OrgUnit
from fazhi.reports.figures import FigureValue, compute_all

PART_TITLES = {
    "measures": "主要举措及成效",
    "leaders": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "存在的不足和原因",
    "plan": "下一年度工作安排",
    "other": "其他需要报告的情况",
}
DEFAULT_ORDER = ("measures", "leaders", "shortcomings", "plan")
NUMERALS = "一二三四五六七八九十"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Part:
    key: str
    title: str
    sections: list[Section] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # points from the data, for the writer


@dataclass
class AnnualReport:
    unit: OrgUnit
    year: int
    title: str
    addressee: str
    preamble: str
    parts: list[Part]
    figures: dict[str, FigureValue]
    signature: list[str]


def _county_name(unit: OrgUnit) -> str:
    parent = unit.parent
    return parent.name if parent is not None else ""


def _measures(t: dict[str, str], year: int) -> list[Section]:
    """Part one, in the sections report-figures.md places each figure in."""
    return [
        Section("（一）以习近平法治思想引领法治政府建设", [
            f"坚持把学习贯彻习近平法治思想作为镇党委理论学习的固定内容，全年以法治为主题集中学习{t['study_sessions']}，"
            "把法治要求落实到年度工作部署和日常决策之中。",
        ]),
        Section("（二）持续优化法治化营商环境", [
            f"落实市场主体登记便利化措施，深化一窗受理、集成服务，本年度新增市场主体{t['market_entities']}。",
        ]),
        Section("（三）推进依法科学民主决策", [
            f"聘请{t['legal_advisor']}担任政府法律顾问，全年审查合同{t['contracts_reviewed']}，"
            f"开展法治培训讲座{t['advisor_trainings']}，列席政府决策会议{t['advisor_meetings']}，"
            "重大事项决策前均听取法律意见。",
        ]),
        Section("（四）严格规范公正文明执法", [
            f"全镇持证执法人员{t['officers_trained']}。",
            f"全年适用简易程序作出行政处罚{t['summary_penalties']}；适用一般程序办理案件{t['ordinary_penalties']}；"
            f"受委托开展执法{t['entrusted_penalties']}。",
            f"开展专项整治，围绕{t['campaign_aspects']}逐项排查问题、建立台账、限期整改。",
        ]),
        Section("（五）提升突发事件应对能力", [
            f"修订完善应急预案，组织开展各类应急演练{t['drills']}，检验队伍、物资和处置流程。",
        ]),
        Section("（六）依法化解矛盾纠纷", [
            f"镇村两级建成人民调解委员会{t['mediation_committees']}，设立{t['mediation_rooms']}，"
            f"全年排查化解矛盾纠纷{t['disputes_resolved']}。",
            f"本年度{t['remedies']}。",
            f"组织普法宣传活动{t['outreach']}，提供公共法律服务{t['legal_services']}。",
        ]),
        Section("（七）推进政务公开和接受监督", [
            f"按照政府信息公开条例主动公开政府信息{t['proactive_disclosure']}；"
            f"办理人大代表建议和政协提案{t['proposals']}。",
        ]),
        Section("（八）加强法治队伍建设", [
            "落实执法人员持证上岗和年度培训考试制度，执法岗位职责全部明确到人。",
        ]),
        Section("（九）压实法治建设责任", [
            f"{t['rule_of_law_meetings']}，研究解决法治建设中的具体问题；"
            f"督查{t['rectifications']}。",
        ]),
    ]  # fmt: skip


def _leaders(unit: OrgUnit, year: int) -> Part:
    from fazhi.oversight import statistics_duty

    s = statistics_duty.duty_summary(unit, year)
    heads = "、".join(s.heads) or "党政主要负责人"
    paragraphs = [
        f"{heads}作为推进法治建设第一责任人，主持依法治镇领导小组工作（成员{s.group_members}人），"
        f"全年召开法治建设专题会议{s.special_meetings}次，部署年度法治建设任务{s.tasks.total}项"
        f"（按期完成{s.tasks.on_time}项）。",
    ]
    if s.duty_reports or s.admonitions:
        paragraphs.append(f"开展述职述法{s.duty_reports}次，对落实不力的约谈提醒{s.admonitions}次。")
    return Part("leaders", PART_TITLES["leaders"], [Section("", paragraphs)])


def _suggestions(unit: OrgUnit, year: int, figures: dict[str, FigureValue]) -> list[str]:
    """Points for parts 3 and 4 read from the data: the writer decides what to keep."""
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
    from fazhi.oversight.choices import RectificationStatus
    from fazhi.oversight.models import Rectification

    overdue = (
        Rectification.objects.filter(org_unit__path__startswith=unit.path, due_on__lt=dt.date(year + 1, 1, 1))
        .exclude(status=RectificationStatus.CLOSED)
        .count()
    )
    if overdue:
        out.append(f"整改期限在{year}年内的整改事项中，至今仍有{overdue}个未销号")
    return out


def build(unit: OrgUnit, year: int, *, order: tuple[str, ...] = DEFAULT_ORDER,
          rounding: dict[str, int] | None = None) -> AnnualReport:  # fmt: skip
    """The town's (or county's) report of `year`, from its records."""
    unknown = [k for k in order if k not in PART_TITLES]
    if unknown:
        raise ValueError(f"unknown parts: {unknown}")
    figures = compute_all(unit, year, rounding)
    texts = {k: f.text for k, f in figures.items()}
    suggestions = _suggestions(unit, year, figures)
    parts = []
    for key in order:
        if key == "measures":
            parts.append(Part(key, PART_TITLES[key], _measures(texts, year)))
        elif key == "leaders":
            parts.append(_leaders(unit, year))
        elif key == "shortcomings":
            parts.append(Part(key, PART_TITLES[key], [Section("", ["（由法治办根据本年度工作情况撰写。）"])],
                              suggestions))  # fmt: skip
        elif key == "plan":
            parts.append(Part(key, PART_TITLES[key], [Section("", [
                f"{year + 1}年，将围绕上述不足逐项制定措施，明确责任岗位和完成时限，纳入年度法治建设任务清单。",
            ])], suggestions))  # fmt: skip
        else:
            parts.append(Part(key, PART_TITLES[key], [Section("", ["无。"])]))
    county = _county_name(unit)
    return AnnualReport(
        unit=unit,
        year=year,
        title=f"中共{unit.name}委员会 {unit.name}人民政府\n关于{year}年度法治政府建设情况的报告",
        addressee=f"中共{county}委、{county}人民政府：" if county else "",
        preamble=(
            f"{year}年，{unit.name}坚持以习近平法治思想为指导，对照法治政府建设实施纲要和年度工作要点，"
            f"把依法行政贯穿政府工作各方面。现将{year}年度法治政府建设情况报告如下。"
        ),
        parts=parts,
        figures=figures,
        signature=[f"中共{unit.name}委员会", f"{unit.name}人民政府"],
    )


def to_markdown(report: AnnualReport) -> str:
    lines = [f"# {line}" if i == 0 else f"## {line}" for i, line in enumerate(report.title.split("\n"))]
    lines += [""]
    if report.addressee:
        lines += [report.addressee, ""]
    lines += [report.preamble, ""]
    for i, part in enumerate(report.parts):
        lines += [f"## {NUMERALS[i]}、{part.title}", ""]
        for section in part.sections:
            if section.heading:
                lines += [f"### {section.heading}", ""]
            for paragraph in section.paragraphs:
                lines += [paragraph, ""]
        if part.suggestions:
            lines += ["> 系统根据台账提示的要点（供撰写参考，定稿前删除）：", ">"]
            lines += [f"> - {point}" for point in part.suggestions]
            lines += [""]
    lines += [*report.signature, ""]
    return "\n".join(lines)
