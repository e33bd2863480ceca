"""Administrative penalties: 行政处罚法 (2021 revision), with the publication rules of
国办发〔2018〕118号 and of the market-regulation rule on publishing penalty decisions.

In this law "二日、三日、五日、七日" are working days (行政处罚法 第85条); other
periods are calendar days. The agency's own duties are shown by their strict date.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

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
from fazhi.law.counting import add_months

PENALTY_LAW = Law(
    "中华人民共和国行政处罚法",
    "行政处罚法",
    in_force=date(2021, 7, 15),
    note="2021年1月22日修订",
)

ENFORCEMENT_SYSTEMS_OPINION = Law(
    "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见",
    "国办发〔2018〕118号",
    in_force=date(2018, 12, 5),
    note="发文日期据公开报道，期限据转述（reported），作为可配置的默认值",
)

MARKET_PUBLICATION_RULE = Law(
    "市场监督管理行政处罚信息公示规定",
    "市场监督管理行政处罚信息公示规定",
    in_force=date(2021, 9, 1),
    note="国家市场监督管理总局令第45号；市场监管部门的公示实践，其他机关参照",
)

INDIVIDUAL = "individual"
ORGANISATION = "organisation"
PARTY_KINDS = (INDIVIDUAL, ORGANISATION)

WARNING = "warning"
FINE = "fine"

# --- Thresholds ------------------------------------------------------------------

MIN_OFFICERS = Threshold(
    "penalty_min_officers",
    "执法人员最少人数",
    2,
    PENALTY_LAW,
    42,
    unit_label="人",
    note="法律另有规定的除外",
)
SUMMARY_CAP_INDIVIDUAL = Threshold(
    "penalty_summary_cap_individual",
    "简易程序罚款上限（公民）",
    Decimal("200"),
    PENALTY_LAW,
    51,
    unit_label="元",
)
SUMMARY_CAP_ORGANISATION = Threshold(
    "penalty_summary_cap_organisation",
    "简易程序罚款上限（法人或者其他组织）",
    Decimal("3000"),
    PENALTY_LAW,
    51,
    unit_label="元",
)
ON_THE_SPOT_COLLECTION_CAP = Threshold(
    "penalty_on_the_spot_collection_cap",
    "当场收缴罚款上限",
    Decimal("100"),
    PENALTY_LAW,
    68,
    unit_label="元",
    note="超过此数额的，只有不当场收缴事后难以执行时才可当场收缴",
)
LATE_SURCHARGE_RATE = Threshold(
    "penalty_late_surcharge_rate",
    "逾期缴纳每日加处罚款比例",
    Decimal("0.03"),
    PENALTY_LAW,
    72,
    note="加处罚款的数额不得超出罚款的数额；复议、诉讼期间不计算（第73条）",
)
# 行政处罚法 第63条 leaves "较大数额罚款" to provinces and sectors. The Chongqing
# figures come from a secondary source and must stay editable.
HEARING_FINE_INDIVIDUAL = Threshold(
    "penalty_hearing_fine_individual",
    "应当告知听证的较大数额罚款（公民）",
    Decimal("5000"),
    PENALTY_LAW,
    63,
    configurable=True,
    unit_label="元",
    note="重庆市标准，二次来源，未核对原文；达到或者超过此数额（“以上”含本数）应当告知听证权利",
)
HEARING_FINE_ORGANISATION = Threshold(
    "penalty_hearing_fine_organisation",
    "应当告知听证的较大数额罚款（法人或者其他组织）",
    Decimal("50000"),
    PENALTY_LAW,
    63,
    configurable=True,
    unit_label="元",
    note="重庆市标准，二次来源，未核对原文；达到或者超过此数额（“以上”含本数）应当告知听证权利",
)

SUMMARY_CAPS = {INDIVIDUAL: SUMMARY_CAP_INDIVIDUAL, ORGANISATION: SUMMARY_CAP_ORGANISATION}
HEARING_FINES = {INDIVIDUAL: HEARING_FINE_INDIVIDUAL, ORGANISATION: HEARING_FINE_ORGANISATION}

THRESHOLDS = (
    MIN_OFFICERS,
    SUMMARY_CAP_INDIVIDUAL,
    SUMMARY_CAP_ORGANISATION,
    ON_THE_SPOT_COLLECTION_CAP,
    LATE_SURCHARGE_RATE,
    HEARING_FINE_INDIVIDUAL,
    HEARING_FINE_ORGANISATION,
)

# --- Periods ---------------------------------------------------------------------

LIMITATION = Period(
    "penalty_limitation",
    "违法行为追责时效（二年）",
    Version(24, MONTHS, PENALTY_LAW, 36),
    holder=AGENCY,
    note="从违法行为发生之日起计算；连续或者继续状态的，从行为终了之日起计算；法律另有规定的除外",
)
LIMITATION_SERIOUS = Period(
    "penalty_limitation_serious",
    "违法行为追责时效（涉及生命健康安全、金融安全且有危害后果，五年）",
    Version(60, MONTHS, PENALTY_LAW, 36),
    holder=AGENCY,
    note="从违法行为发生之日起计算；连续或者继续状态的，从行为终了之日起计算",
)
DEFENCE = Period(
    "penalty_defence",
    "当事人陈述、申辩",
    Version(3, WORKING_DAYS, PENALTY_LAW, (44, 45)),
    holder=PARTY,
    configurable=True,
    note="法律未规定具体日数，三个工作日为常见做法，可配置；自事先告知送达之日起计算",
)
EVIDENCE_PRESERVATION_DECISION = Period(
    "penalty_evidence_preservation_decision",
    "先行登记保存证据后作出处理决定",
    Version(7, WORKING_DAYS, PENALTY_LAW, 56),
    holder=AGENCY,
)
HEARING_REQUEST = Period(
    "penalty_hearing_request",
    "当事人要求听证",
    Version(5, WORKING_DAYS, PENALTY_LAW, 64),
    holder=PARTY,
    note="自行政机关告知之日起计算",
)
HEARING_NOTICE = Period(
    "penalty_hearing_notice",
    "听证通知（举行听证七日前）",
    Version(7, WORKING_DAYS, PENALTY_LAW, 64),
    holder=AGENCY,
    minimum=True,
    note="自通知之日起计算，到期日为最早可以举行听证的日期",
)
DECISION = Period(
    "penalty_decision",
    "作出行政处罚决定",
    Version(90, DAYS, PENALTY_LAW, 60),
    holder=AGENCY,
    note="自立案之日起计算；法律、法规、规章另有规定的从其规定；延长须经批准并记录",
)
DECISION_SERVICE = Period(
    "penalty_decision_service",
    "当事人不在场时送达处罚决定书",
    Version(7, WORKING_DAYS, PENALTY_LAW, 61),
    holder=AGENCY,
)
PAYMENT = Period(
    "penalty_payment",
    "缴纳罚款",
    Version(15, DAYS, PENALTY_LAW, 67),
    holder=PARTY,
    note="自收到行政处罚决定书之日起计算",
)
CASH_HANDOVER = Period(
    "penalty_cash_handover",
    "当场收缴的罚款交至行政机关",
    Version(2, WORKING_DAYS, PENALTY_LAW, 71),
    holder=AGENCY,
    note="自收缴之日起计算；在水上收缴的，自抵岸之日起计算",
)
CASH_DEPOSIT = Period(
    "penalty_cash_deposit",
    "行政机关将罚款缴付指定银行",
    Version(2, WORKING_DAYS, PENALTY_LAW, 71),
    holder=AGENCY,
    note="自罚款交至行政机关之日起计算",
)
PUBLICATION_WITHDRAWAL = Period(
    "penalty_publication_withdrawal",
    "撤回已公开的处罚决定信息并说明理由",
    Version(3, WORKING_DAYS, PENALTY_LAW, 48),
    holder=AGENCY,
    note="处罚决定被依法变更、撤销、确认违法或者确认无效的",
)
ENFORCEMENT_PUBLICATION = Period(
    "enforcement_decision_publication",
    "公开行政执法决定信息",
    Version(20, WORKING_DAYS, ENFORCEMENT_SYSTEMS_OPINION, "第二部分"),
    holder=AGENCY,
    configurable=True,
    note="自执法决定作出之日起计算；法律、行政法规另有规定的除外（据转述，可配置）",
)
PENALTY_LICENSING_PUBLICATION = Period(
    "penalty_licensing_decision_publication",
    "公开行政处罚、行政许可决定信息",
    Version(7, WORKING_DAYS, ENFORCEMENT_SYSTEMS_OPINION, "第二部分"),
    holder=AGENCY,
    configurable=True,
    note="自决定作出之日起计算（据转述，可配置）",
)
PUBLICATION_TERM_MINOR = Period(
    "penalty_publication_term_minor",
    "处罚信息公示期限（通报批评或者较低数额罚款）",
    Version(3, MONTHS, MARKET_PUBLICATION_RULE, 11),
    holder=AGENCY,
    configurable=True,
    note="自公示之日起计算，届满停止公示",
)
PUBLICATION_TERM_OTHER = Period(
    "penalty_publication_term_other",
    "处罚信息公示期限（其他处罚）",
    Version(36, MONTHS, MARKET_PUBLICATION_RULE, 11),
    holder=AGENCY,
    configurable=True,
    note="自公示之日起计算，届满停止公示",
)

PERIODS = (
    LIMITATION,
    LIMITATION_SERIOUS,
    DEFENCE,
    EVIDENCE_PRESERVATION_DECISION,
    HEARING_REQUEST,
    HEARING_NOTICE,
    DECISION,
    DECISION_SERVICE,
    PAYMENT,
    CASH_HANDOVER,
    CASH_DEPOSIT,
    PUBLICATION_WITHDRAWAL,
    ENFORCEMENT_PUBLICATION,
    PENALTY_LICENSING_PUBLICATION,
    PUBLICATION_TERM_MINOR,
    PUBLICATION_TERM_OTHER,
)

# --- Checks ----------------------------------------------------------------------


def _party_kind(party_kind: str) -> str:
    if party_kind not in PARTY_KINDS:
        raise ValueError(f"party_kind must be one of {PARTY_KINDS}, not {party_kind!r}")
    return party_kind


def _amount(value: Decimal | int, what: str) -> Decimal:
    if isinstance(value, float):
        raise TypeError(f"{what} must be a Decimal or int, not float")
    amount = Decimal(value)
    if amount < 0:
        raise ValueError(f"{what} must not be negative: {amount}")
    return amount


def check_officer_count(officers: int) -> None:
    """Enforcement is carried out by at least two certified officers (行政处罚法 第42条)."""
    minimum = MIN_OFFICERS.value
    if officers < minimum:
        raise RuleError(f"执法人员不得少于{minimum}人", law=PENALTY_LAW, article=42, code="too_few_officers")


def check_summary_procedure(party_kind: str, penalty_kind: str, fine: Decimal | int = Decimal(0)) -> None:
    """An on-the-spot (summary) decision is a warning, or a fine of at most 200 yuan for an
    individual and 3000 yuan for an organisation (行政处罚法 第51条).

    `party_kind` is "individual" or "organisation"; `penalty_kind` "warning" or "fine";
    any other kind of penalty needs the ordinary procedure."""
    kind = _party_kind(party_kind)
    amount = _amount(fine, "fine")
    if penalty_kind == WARNING:
        if amount:
            raise ValueError("a warning carries no fine; use penalty_kind='fine'")
        return
    if penalty_kind != FINE:
        raise RuleError(
            "简易程序只能给予警告或者罚款", law=PENALTY_LAW, article=51, code="summary_penalty_kind"
        )
    cap = SUMMARY_CAPS[kind].value
    if amount > cap:
        who = "公民" if kind == INDIVIDUAL else "法人或者其他组织"
        raise RuleError(
            f"简易程序对{who}罚款不得超过{cap}元", law=PENALTY_LAW, article=51, code="summary_fine_cap"
        )


def check_on_the_spot_collection(
    fine: Decimal | int, *, summary: bool, hard_to_collect_later: bool = False
) -> None:
    """Officers may collect a fine on the spot only under a summary decision, and only
    when it is at most 100 yuan or would be hard to collect later (行政处罚法 第68条)."""
    amount = _amount(fine, "fine")
    if not summary:
        raise RuleError(
            "只有依简易程序当场作出的处罚决定才能当场收缴罚款",
            law=PENALTY_LAW,
            article=68,
            code="on_the_spot_collection_not_summary",
        )
    cap = ON_THE_SPOT_COLLECTION_CAP.value
    if amount > cap and not hard_to_collect_later:
        raise RuleError(
            f"当场收缴的罚款不得超过{cap}元，不当场收缴事后难以执行的除外",
            law=PENALTY_LAW,
            article=68,
            code="on_the_spot_collection_cap",
        )


def late_surcharge(fine: Decimal | int, days_late: int) -> Decimal:
    """The surcharge for paying `days_late` days late: 3% of the fine a day, never more
    than the fine itself (行政处罚法 第72条). Rounded to the fen. The days of a pending
    reconsideration or lawsuit are not late days (第73条): the caller leaves them out."""
    amount = _amount(fine, "fine")
    if isinstance(days_late, bool) or not isinstance(days_late, int):
        raise TypeError("days_late must be an int")
    if days_late < 0:
        raise ValueError(f"days_late must not be negative: {days_late}")
    surcharge = amount * LATE_SURCHARGE_RATE.value * days_late
    return min(surcharge, amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def late_payment_surcharge(fine: Decimal | int, days_late: int) -> Decimal:
    """The name the enforcement issue asks for; the same rule as `late_surcharge` (第72条)."""
    return late_surcharge(fine, days_late)


def last_day_to_penalise(act_ended: date, *, serious: bool = False) -> date:
    """The last day on which discovering a violation still allows a penalty: 2 years after
    the act (or the end of a continuing act), 5 years where life, health or financial
    safety was harmed (行政处罚法 第36条)."""
    period = LIMITATION_SERIOUS if serious else LIMITATION
    return add_months(act_ended, period.versions[0].amount)


def check_limitation(act_ended: date, discovered: date, *, serious: bool = False) -> None:
    """Refuse a penalty for a violation discovered after the limitation (行政处罚法 第36条)."""
    if discovered > last_day_to_penalise(act_ended, serious=serious):
        years = 5 if serious else 2
        raise RuleError(
            f"违法行为在{years}年内未被发现的，不再给予行政处罚",
            law=PENALTY_LAW,
            article=36,
            code="time_barred",
        )


def hearing_required_for_fine(
    party_kind: str, fine: Decimal | int, *, threshold: Decimal | int | None = None
) -> bool:
    """Whether a fine is large enough that the party must be told of the right to a hearing
    (行政处罚法 第63条). The threshold is local: pass the configured one, or the Chongqing
    default is used."""
    kind = _party_kind(party_kind)
    amount = _amount(fine, "fine")
    limit = HEARING_FINES[kind].value if threshold is None else _amount(threshold, "threshold")
    return amount >= limit
