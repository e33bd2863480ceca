"""Administrative litigation: 行政诉讼法 (2017 amendment).

The law applies the civil-procedure rules on periods (第101条), so the defendant
agency's period, like the plaintiff's, ends on the next working day when its last
day is a rest day.
"""

from __future__ import annotations

from datetime import date

from fazhi.law.base import AGENCY, DAYS, MONTHS, PARTY, Law, Period, Version

LITIGATION_LAW = Law(
    "中华人民共和国行政诉讼法",
    "行政诉讼法",
    in_force=date(2017, 7, 1),
    note="2017年6月27日修正",
)

FILING = Period(
    "litigation_filing",
    "提起行政诉讼",
    Version(6, MONTHS, LITIGATION_LAW, 46),
    holder=PARTY,
    civil_rule_applies=True,
    note="自知道或者应当知道作出行政行为之日起计算；法律另有规定的除外",
)
FILING_AFTER_RECONSIDERATION = Period(
    "litigation_filing_after_reconsideration",
    "不服复议决定提起诉讼",
    Version(15, DAYS, LITIGATION_LAW, 45),
    holder=PARTY,
    civil_rule_applies=True,
    note="自收到复议决定书之日起计算；复议机关逾期不作决定的，自复议期满之日起计算",
)
DEFENCE = Period(
    "litigation_defence",
    "被告提交证据、依据和答辩状",
    Version(15, DAYS, LITIGATION_LAW, 67),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自收到起诉状副本之日起计算",
)

PERIODS = (FILING, FILING_AFTER_RECONSIDERATION, DEFENCE)
THRESHOLDS = ()
