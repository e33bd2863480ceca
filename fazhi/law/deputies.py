"""Deputies' suggestions: 全国人民代表大会和地方各级人民代表大会代表法 (代表法).

The 2015 text (第42条) sets the periods below. The 2025 revision moves them to 第51条
and adds consulting the deputy and publishing the handling report; its in-force date
has not been checked, so it is not a version here yet (see DEPUTIES_LAW_2015.note).
CPPCC proposals commonly follow the same periods by local practice (reported).
"""

from __future__ import annotations

from datetime import date

from fazhi.law.base import AGENCY, MONTHS, Law, Period, Version

DEPUTIES_LAW_2015 = Law(
    "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
    "代表法",
    in_force=date(2015, 8, 29),
    note=(
        "2015年修正文本第42条。2025年修正文本第51条增加了与代表沟通、公开办理情况的要求，"
        "其施行日期尚待核实，核实后应增加一个版本并为本版本设定终止日期"
    ),
)

_NOTE_2025 = "2025年修正文本第51条，施行日期待核实"

SUGGESTION_REPLY = Period(
    "deputies_suggestion_reply",
    "答复代表建议、批评和意见",
    Version(3, MONTHS, DEPUTIES_LAW_2015, 42),
    holder=AGENCY,
    note=f"自交办之日起计算；{_NOTE_2025}",
)
SUGGESTION_REPLY_DIFFICULT = Period(
    "deputies_suggestion_reply_difficult",
    "答复涉及面广、处理难度大的代表建议",
    Version(6, MONTHS, DEPUTIES_LAW_2015, 42),
    holder=AGENCY,
    note=f"自交办之日起计算；{_NOTE_2025}",
)

PERIODS = (SUGGESTION_REPLY, SUGGESTION_REPLY_DIFFICULT)
THRESHOLDS = ()
