"""Administrative reconsideration: 行政复议法, in two versions of its text.

- The 2017 text (in force until 2023-12-31): only "五日、七日" are working days
  (第40条), so the respondent's 10-day reply period is in calendar days.
- The 2023 revision (in force from 2024-01-01): "三日、五日、七日、十日" are working
  days (第88条).

Both apply the civil-procedure rules on periods (2017 第40条, 2023 第88条), so even
the agency's periods end on the next working day when their last day is a rest day.
The version is picked by the day that matters (the day of the filing or of receipt).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.law.base import (
    AGENCY,
    DAYS,
    MONTHS,
    PARTY,
    WORKING_DAYS,
    Law,
    Period,
    RuleError,
    Threshold,
    Version,
)

RECONSIDERATION_LAW_2017 = Law(
    "中华人民共和国行政复议法",
    "2017年修正的行政复议法",
    in_force=date(2018, 1, 1),
    until=date(2023, 12, 31),
    note="2017年9月1日修正；此前文本的相关期限相同",
)
RECONSIDERATION_LAW_2023 = Law(
    "中华人民共和国行政复议法",
    "行政复议法",
    in_force=date(2024, 1, 1),
    note="2023年9月1日修订",
)

_OLD = RECONSIDERATION_LAW_2017
_NEW = RECONSIDERATION_LAW_2023

SIMPLE_PROCEDURE_AMOUNT_CAP = Threshold(
    "reconsideration_simple_amount_cap",
    "适用简易程序的案件涉及款额上限",
    Decimal("3000"),
    _NEW,
    53,
    unit_label="元",
)

THRESHOLDS = (SIMPLE_PROCEDURE_AMOUNT_CAP,)

APPLICATION = Period(
    "reconsideration_application",
    "申请行政复议",
    Version(60, DAYS, _OLD, 9),
    Version(60, DAYS, _NEW, 20),
    holder=PARTY,
    civil_rule_applies=True,
    note="自知道或者应当知道该行政行为之日起计算；法律规定的申请期限超过六十日的除外",
)
APPLICATION_UNTOLD_MAX = Period(
    "reconsideration_application_untold_max",
    "未告知申请权利时的最长申请期限",
    Version(12, MONTHS, _NEW, 20),
    holder=PARTY,
    civil_rule_applies=True,
    note="行政机关未告知申请行政复议的权利、复议机关和申请期限的，自知道或者应当知道行政行为内容之日起最长一年",
)
ACCEPTANCE = Period(
    "reconsideration_acceptance",
    "审查决定是否受理",
    Version(5, WORKING_DAYS, _OLD, 17),
    Version(5, WORKING_DAYS, _NEW, 30),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自收到申请之日起计算；期限届满未作决定的，视为受理（2023年修订文本）",
)
CORRECTION_NOTICE = Period(
    "reconsideration_correction_notice",
    "书面通知申请人补正",
    Version(5, WORKING_DAYS, _NEW, 31),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自收到申请之日起计算",
)
CORRECTION_SUBMISSION = Period(
    "reconsideration_correction_submission",
    "申请人提交补正材料",
    Version(10, WORKING_DAYS, _NEW, 31),
    holder=PARTY,
    civil_rule_applies=True,
    note="自收到补正通知之日起计算",
)
COPY_TO_RESPONDENT = Period(
    "reconsideration_copy_to_respondent",
    "向被申请人发送申请书副本",
    Version(7, WORKING_DAYS, _OLD, 23),
    Version(7, WORKING_DAYS, _NEW, 48),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自受理之日起计算",
)
REPLY = Period(
    "reconsideration_reply",
    "被申请人提出书面答复",
    Version(10, DAYS, _OLD, 23),
    Version(10, WORKING_DAYS, _NEW, 48),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自收到申请书副本或者申请笔录复印件之日起计算，并提交证据、依据和其他材料",
)
SIMPLE_COPY_TO_RESPONDENT = Period(
    "reconsideration_simple_copy_to_respondent",
    "简易程序：向被申请人发送申请书副本",
    Version(3, WORKING_DAYS, _NEW, 54),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自受理之日起计算",
)
SIMPLE_REPLY = Period(
    "reconsideration_simple_reply",
    "简易程序：被申请人提出书面答复",
    Version(5, WORKING_DAYS, _NEW, 54),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自收到申请书副本或者申请笔录复印件之日起计算",
)
DECISION = Period(
    "reconsideration_decision",
    "作出行政复议决定",
    Version(60, DAYS, _OLD, 31),
    Version(60, DAYS, _NEW, 62),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自受理之日起计算；法律规定的复议期限少于六十日的除外",
)
DECISION_EXTENSION = Period(
    "reconsideration_decision_extension",
    "复议决定期限延长（最多一次）",
    Version(30, DAYS, _OLD, 31),
    Version(30, DAYS, _NEW, 62),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自原期限届满之日起计算；须经批准并书面告知当事人",
)
SIMPLE_DECISION = Period(
    "reconsideration_simple_decision",
    "简易程序：作出行政复议决定",
    Version(30, DAYS, _NEW, 62),
    holder=AGENCY,
    civil_rule_applies=True,
    note="自受理之日起计算",
)

PERIODS = (
    APPLICATION,
    APPLICATION_UNTOLD_MAX,
    ACCEPTANCE,
    CORRECTION_NOTICE,
    CORRECTION_SUBMISSION,
    COPY_TO_RESPONDENT,
    REPLY,
    SIMPLE_COPY_TO_RESPONDENT,
    SIMPLE_REPLY,
    DECISION,
    DECISION_EXTENSION,
    SIMPLE_DECISION,
)


def simple_procedure_allowed(
    *,
    on: date,
    on_the_spot_act: bool = False,
    warning_or_criticism: bool = False,
    amount: Decimal | int | None = None,
    information_disclosure: bool = False,
    parties_agree: bool = False,
) -> bool:
    """Whether a case whose facts are clear and whose dispute is small may take the simple
    procedure (行政复议法 第53条): an act done on the spot, a warning or 通报批评, an amount
    of at most 3000 yuan, an information-disclosure case, or all parties agree.

    The simple procedure exists only under the 2023 revision: for an earlier day this
    raises RuleError."""
    cap = SIMPLE_PROCEDURE_AMOUNT_CAP.value_on(on)
    small_amount = amount is not None and Decimal(amount) <= cap
    return on_the_spot_act or warning_or_criticism or small_amount or information_disclosure or parties_agree


def check_simple_procedure(
    *,
    on: date,
    on_the_spot_act: bool = False,
    warning_or_criticism: bool = False,
    amount: Decimal | int | None = None,
    information_disclosure: bool = False,
    parties_agree: bool = False,
) -> None:
    """Refuse the simple procedure for a case that does not qualify (行政复议法 第53条)."""
    allowed = simple_procedure_allowed(
        on=on,
        on_the_spot_act=on_the_spot_act,
        warning_or_criticism=warning_or_criticism,
        amount=amount,
        information_disclosure=information_disclosure,
        parties_agree=parties_agree,
    )
    if not allowed:
        raise RuleError(
            "本案不符合适用简易程序的条件",
            law=RECONSIDERATION_LAW_2023,
            article=53,
            code="reconsideration_simple_not_allowed",
        )
