"""The annual report on rule-of-law government building: 法治政府建设与责任落实督察工作规定
(2019, 中办国办; reported). Towns report to the county party committee and government,
commonly by 1 March, and publish the report by 1 April.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.law.base import AnnualDeadline, Law

INSPECTION_RULE = Law(
    "法治政府建设与责任落实督察工作规定",
    "法治政府建设与责任落实督察工作规定",
    in_force=date(2019, 4, 15),
    note="中共中央办公厅、国务院办公厅印发；条号据转述，未核对原文",
)

REPORT_SUBMISSION = AnnualDeadline(
    "annual_report_submission",
    "向上一级党委和政府报告上一年度法治政府建设情况",
    3,
    1,
    INSPECTION_RULE,
    24,
    configurable=True,
    note="据转述：每年3月1日之前报告（reported）",
)
REPORT_PUBLICATION = AnnualDeadline(
    "annual_report_publication",
    "向社会公开法治政府建设年度报告",
    4,
    1,
    INSPECTION_RULE,
    26,
    configurable=True,
    note="据转述：每年4月1日之前向社会公开，涉及党和国家秘密的除外（reported）",
)

ANNUAL_DEADLINES = (REPORT_SUBMISSION, REPORT_PUBLICATION)


@dataclass(frozen=True)
class ReportPart:
    """A part of the annual report; the title is shown to users as the section heading."""

    code: str
    title: str
    required: bool = True


# In the order of the Jiangkou 2023 report. The rule lists the shortcomings second
# and the leaders' duty third; the content is the same.
ANNUAL_REPORT_PARTS: tuple[ReportPart, ...] = (
    ReportPart("measures", "主要举措及成效"),
    ReportPart("leaders_duty", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    ReportPart("shortcomings", "存在的不足和原因"),
    ReportPart("next_year", "下一年度工作安排"),
    ReportPart("other", "其他需要报告的情况", required=False),
)
ANNUAL_REPORT_PART_TITLES: tuple[str, ...] = tuple(part.title for part in ANNUAL_REPORT_PARTS)
ANNUAL_REPORT_PARTS_ARTICLE = 25

PERIODS = ()
THRESHOLDS = ()
