"""The values a case's documents are rendered with, all as display-ready Chinese text.

A penalty decision must name the party fully, with the identity number or the
unified social credit code (行政处罚法 第59条): these documents go to the party and
into the case file, never to a public page, so nothing here is masked. What is
published goes through the disclosure code and its masking instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from fazhi.core.choices import OrgKind
from fazhi.core.models import Attachment, OrgUnit
from fazhi.enforcement.choices import (
    CaseSource,
    DecisionKind,
    PartyKind,
    PaymentStatus,
    PenaltyKind,
    Procedure,
)
from fazhi.enforcement.models import Case, CaseStep

BLANK_DATE = "    年  月  日"  # left to be written by hand on a printed form

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUP_UNITS = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
_SECTION_UNITS = ("", "万", "亿", "万亿")

RECONSIDERATION_DAYS = "六十日"  # 行政复议法 第二十条
LITIGATION_PERIOD = "六个月"  # 行政诉讼法 第四十六条
PAYMENT_DAYS = "十五日"  # 行政处罚法 第六十七条


# -- amounts and dates -------------------------------------------------------------


def _group_in_words(n: int) -> str:
    """0 < n < 10000 in capital numerals, inner zeros read once: 1005 -> 壹仟零伍."""
    out, zero = "", False
    for value, unit in _GROUP_UNITS:
        digit = n // value % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + unit
    return out


def _integer_in_words(n: int) -> str:
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_SECTION_UNITS):
        raise ValueError("金额过大")
    out, zero = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            zero = zero or bool(out)
            continue
        if out and (zero or group < 1000):
            out += "零"
        out += _group_in_words(group) + _SECTION_UNITS[index]
        zero = False
    return out


def amount_in_words(amount: Decimal) -> str:
    """An amount of money in capital numerals (大写金额), as on a decision or a receipt:
    200 -> 贰佰元整, 133.50 -> 壹佰叁拾叁元伍角, 100.05 -> 壹佰元零伍分, 0.05 -> 伍分.
    Rounded to the fen; tens are written 壹拾 so that no digit can be added in front."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("金额不能为负数")
    fen_total = int(value * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if fen_total == 0:
        return "零元整"
    out = _integer_in_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def amount_in_figures(amount: Decimal) -> str:
    """500 -> "500元", 133.5 -> "133.50元"."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"
    return f"{text}元"


def date_text(day: dt.date | None, blank: str = BLANK_DATE) -> str:
    """A date as written in official documents: Arabic numerals, no leading zeros."""
    if day is None:
        return blank
    return f"{day.year}年{day.month}月{day.day}日"


# -- places the town may configure ---------------------------------------------------


def _county_of(case: Case) -> OrgUnit | None:
    unit = case.org_unit
    if unit.kind == OrgKind.COUNTY:
        return unit
    return next((u for u in reversed(unit.ancestors()) if u.kind == OrgKind.COUNTY), None)


def reconsideration_body(case: Case) -> str:
    """Where the party applies for reconsideration (行政复议法 第二十四条): for a town
    government, and for a county department, the county government. Change here if
    a body's reconsideration goes elsewhere (e.g. a vertically managed department)."""
    county = _county_of(case)
    return f"{county.name}人民政府" if county else "上一级人民政府"


def court(case: Case) -> str:
    """Where the party may sue (行政诉讼法 第十八条): the basic court of the county."""
    county = _county_of(case)
    return f"{county.name}人民法院" if county else "有管辖权的人民法院"


def payment_place(case: Case) -> str:
    """Where a fine is paid (第六十七条): the town edits this, or the template, with its bank."""
    return "指定的银行或者通过电子支付系统"


# -- the context ---------------------------------------------------------------------


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.display_name or user.get_username()


def _evidence(case: Case) -> str:
    """The evidence on file (第五十九条第二项): files attached to the case and its steps."""
    step_ids = [str(pk) for pk in CaseStep.objects.filter(case=case).values_list("pk", flat=True)]
    case_ct, step_ct = ContentType.objects.get_for_model(Case), ContentType.objects.get_for_model(CaseStep)
    files = Attachment.objects.filter(
        Q(content_type=case_ct, object_id=str(case.pk)) | Q(content_type=step_ct, object_id__in=step_ids)
    ).order_by("id")
    names: list[str] = []
    for f in files:
        name = f.description or f.original_name
        if name not in names:
            names.append(name)
    return "、".join(names) if names else "案卷所附证据材料"


def case_lookup_url() -> str:
    """Where the party types the case code: the public portal's page, under
    FAZHI_PUBLIC_URL; "" when that is not set (a document has no request whose host
    could stand in, and the staff host is not the public one)."""
    from django.urls import reverse

    from fazhi.portal.qr import public_url

    return public_url(reverse("portal:case"))


def _access_code_text(case: Case, url: str) -> str:
    """The sentence that prints the case code (行政行为码) on a decision."""
    if not case.access_code:
        return ""
    where = f"访问{url}" if url else "在行政执法公示网站"
    return (
        f"本案行政行为码：{case.access_code}。当事人可凭此码{where}查询本案办理进度，并对执法行为作出评价。"
    )


def _penalty_text(case: Case, fine_figures: str, fine_words: str) -> str:
    if case.decision_kind and case.decision_kind != DecisionKind.PENALTY:
        return DecisionKind(case.decision_kind).label
    if not case.penalty_kind:
        return ""
    if case.penalty_kind == PenaltyKind.FINE:
        return f"罚款人民币{fine_figures}（大写：{fine_words}）"
    return PenaltyKind(case.penalty_kind).label


def _payment_text(case: Case, place: str) -> str:
    if case.penalty_kind != PenaltyKind.FINE or not case.fine:
        return ""
    if case.collected_on_spot:
        return (
            "罚款已由执法人员当场收缴，并出具专用票据（《中华人民共和国行政处罚法》第六十八条、第七十条）。"
        )
    return (
        f"当事人应当自收到本决定书之日起{PAYMENT_DAYS}内，到{place}缴纳罚款。"
        "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额"
        "（《中华人民共和国行政处罚法》第六十七条、第七十二条）。"
    )


def _remedies_text(body: str, court_name: str) -> str:
    return (
        f"当事人如不服本决定，可以自收到本决定书之日起{RECONSIDERATION_DAYS}内向{body}申请行政复议"
        f"（《中华人民共和国行政复议法》第二十条），或者自收到本决定书之日起{LITIGATION_PERIOD}内"
        f"直接向{court_name}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
        "申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。"
    )


def _steps_text(case: Case, you: str) -> dict[str, str]:
    """The sentences about the party's rights (第四十四、四十五、六十三、六十四条)."""
    hearing_offered = case.hearing_request_until is not None
    defence = f"在{date_text(case.defence_until)}前" if case.defence_until else "自收到本告知书之日起五日内"
    held = case.hearing_held_on is not None
    return {
        "rights_text": "陈述、申辩和要求听证" if hearing_offered else "陈述、申辩",
        "defence_text": defence,
        "hearing_text": f"应{you}的申请，本机关于{date_text(case.hearing_held_on)}依法举行了听证。"
        if held
        else "",
    }


def case_context(case: Case) -> dict[str, Any]:
    """Every value a case document may show, as text. A pure function of the case
    (and of FAZHI_PUBLIC_URL, the portal address printed beside the case code)."""
    party, matter, body = case.party, case.matter, case.body
    is_person = party.kind == PartyKind.INDIVIDUAL
    officers = [
        {"name": o.person.name, "certificate_no": o.certificate_no}
        for o in case.officers.select_related("person").order_by("certificate_no")
    ]
    review = case.legal_reviews.select_related("reviewer").order_by("-reviewed_on", "-id").first()
    fine = case.fine or Decimal(0)
    fine_figures, fine_words = amount_in_figures(fine), amount_in_words(fine)
    body_for_review, court_name, place = reconsideration_body(case), court(case), payment_place(case)
    served_how = "当场交付" if case.handed_over else ("直接送达" if case.served_on else "")
    lookup_url = case_lookup_url() if case.access_code else ""
    return {
        "body_name": body.name,
        "doc_number": case.decision_no,
        "decision_no": case.decision_no,
        "procedure": Procedure(case.procedure).label if case.procedure else "",
        "case_source": CaseSource(case.source).label if case.source else "",
        # the party
        "party_name": party.name,
        "party_kind": PartyKind(party.kind).label,
        "party_you": "你" if is_person else "你单位",
        "party_id_label": "公民身份号码" if is_person else "统一社会信用代码",
        "party_id_number": (party.resident_id if is_person else party.uscc) or "",
        "legal_representative": "" if is_person else party.legal_representative,
        "party_address": party.address,
        "party_phone": party.phone,
        # the facts
        "facts": case.facts,
        "evidence": _evidence(case),
        "place": case.place,
        "occurred_on": date_text(case.occurred_on),
        "discovered_on": date_text(case.discovered_on),
        "filed_on": date_text(case.filed_on),
        "matter_name": matter.name,
        "matter_code": matter.code,
        "violation_basis": matter.violation_basis,
        "penalty_basis": matter.penalty_basis,
        # the decision
        "decision_kind": DecisionKind(case.decision_kind).label if case.decision_kind else "",
        "penalty_kind": PenaltyKind(case.penalty_kind).label if case.penalty_kind else "",
        "penalty_text": _penalty_text(case, fine_figures, fine_words),
        "fine_figures": fine_figures,
        "fine_words": fine_words,
        "decided_on": date_text(case.decided_on),
        "payment_place": place,
        "payment_text": _payment_text(case, place),
        "payment_due": date_text(case.payment_due, blank=""),
        "collected_on_spot": "是" if case.collected_on_spot else "否",
        "reconsideration_body": body_for_review,
        "reconsideration_period": RECONSIDERATION_DAYS,
        "court": court_name,
        "litigation_period": LITIGATION_PERIOD,
        "remedies_text": _remedies_text(body_for_review, court_name),
        # the case code (行政行为码) and where the party looks the case up with it
        "access_code": case.access_code,
        "case_lookup_url": lookup_url,
        "access_code_text": _access_code_text(case, lookup_url),
        # the people
        "officers": officers,
        "officers_text": "、".join(f"{o['name']}（执法证号：{o['certificate_no']}）" for o in officers),
        "officer_names": "、".join(o["name"] for o in officers),
        "handler_name": _user_name(case.handler),
        "legal_review_reason": case.legal_review_reason,
        "legal_review_opinion": review.opinion if review else "",
        "legal_review_result": ("审核通过" if review.passed else "审核未通过") if review else "",
        "legal_reviewer": _user_name(review.reviewer) if review else "",
        "legal_reviewed_on": date_text(review.reviewed_on if review else None),
        # the steps
        **_steps_text(case, "你" if is_person else "你单位"),
        "notified_on": date_text(case.notified_on),
        "defence_until": date_text(case.defence_until, blank=""),
        "hearing_request_until": date_text(case.hearing_request_until, blank=""),
        "hearing_requested": "是" if case.hearing_requested else "否",
        "hearing_notified_on": date_text(case.hearing_notified_on, blank=""),
        "hearing_on": date_text(case.hearing_on, blank=""),
        "hearing_place": case.hearing_place,
        "hearing_held_on": date_text(case.hearing_held_on, blank=""),
        "served_on": date_text(case.served_on),
        "service_method": served_how,
        "payment_status": PaymentStatus(case.payment_status).label if case.payment_status else "",
        "paid_amount": amount_in_figures(case.paid_amount or Decimal(0)),
        "paid_on": date_text(case.paid_on, blank=""),
        "closed_on": date_text(case.closed_on),
    }
