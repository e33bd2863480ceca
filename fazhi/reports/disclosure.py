"""The yearly report on government information disclosure (政府信息公开工作年度报告,
政府信息公开条例第50条), built from the disclosure registers like the annual report."""

from __future__ import annotations

from fazhi.core.models import OrgUnit
from fazhi.law import disclosure as law
from fazhi.reports.document import Quoted
from fazhi.reports.kinds import KindSpec, PartSpec, register

PARTS = (
    PartSpec("overview", "总体情况"),
    PartSpec("proactive", "主动公开政府信息情况"),
    PartSpec("requests", "收到和处理政府信息公开申请情况"),
    PartSpec("remedies", "政府信息公开行政复议、行政诉讼情况"),
    PartSpec("problems", "存在的主要问题及改进情况", written=True),
    PartSpec("other", "其他需要报告的事项"),
)
DEFAULT_ORDER = tuple(p.code for p in PARTS)

DEFAULT_TEXTS = {
    "preamble": "本报告依据政府信息公开条例第五十条编制，统计期限为{年度}年1月1日至12月31日。",
    "overview": "{年度}年，{单位}主动公开政府信息{主动公开总数}条，收到政府信息公开申请{本年新收申请}件。",
    "proactive": "本年度主动公开政府信息{主动公开总数}条。",
    "requests": "本年新收政府信息公开申请{本年新收申请}件，上年结转{上年结转申请}件，办结{本年办结申请}件，结转下年度{结转下年申请}件。",
    "remedies": "因政府信息公开工作被申请行政复议{涉公开行政复议}件，被提起行政诉讼{涉公开行政诉讼}件。",
    "problems": "（由工作人员根据本年度工作情况撰写。）",
    "other": "本年度收取信息处理费{信息处理费}元。",
}


def values(unit: OrgUnit, year: int, rounding: dict[str, int]) -> dict[str, Quoted]:
    from fazhi.oversight.statistics_supervision import disclosure_report

    r = disclosure_report(unit, year)
    pairs = {
        "年度": str(year),
        "单位": unit.name,
        "主动公开总数": str(r.proactive_total),
        "本年新收申请": str(r.requests.received),
        "上年结转申请": str(r.requests.carried_over),
        "本年办结申请": str(r.requests.replied),
        "结转下年申请": str(r.requests.carried_forward),
        "涉公开行政复议": str(r.reconsiderations),
        "涉公开行政诉讼": str(r.litigations),
        "信息处理费": str(r.fees),
    }
    return {name: Quoted(name, text) for name, text in pairs.items()}


DISCLOSURE = register(
    KindSpec(
        code="disclosure",
        name="政府信息公开工作年度报告",
        parts=PARTS,
        default_order=DEFAULT_ORDER,
        default_texts=lambda: dict(DEFAULT_TEXTS),
        values=values,
        title=lambda unit, year: [f"{unit.name}人民政府{year}年政府信息公开工作年度报告"],
        addressee=lambda unit: "",
        signature=lambda unit: [f"{unit.name}人民政府"],
        deadlines=law.ANNUAL_DEADLINES,
        needs_submission=False,
        names=lambda: [],
    )
)
