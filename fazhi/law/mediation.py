"""People's mediation: 人民调解法 (2010).

A mediation agreement takes effect when signed by the parties and the mediator and
sealed by the committee (第29条); the parties may then jointly apply to the court
for judicial confirmation within 30 days (第33条).
"""

from __future__ import annotations

from datetime import date

from fazhi.law.base import DAYS, PARTY, Law, Period, Version

MEDIATION_LAW = Law("中华人民共和国人民调解法", "人民调解法", in_force=date(2011, 1, 1))

JUDICIAL_CONFIRMATION = Period(
    "mediation_judicial_confirmation",
    "共同申请司法确认",
    Version(30, DAYS, MEDIATION_LAW, 33),
    holder=PARTY,
    note="自调解协议生效之日起计算，由双方当事人共同向人民法院申请",
)

PERIODS = (JUDICIAL_CONFIRMATION,)
THRESHOLDS = ()
