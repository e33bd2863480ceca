"""What the public may read, and nothing else.

Every function here returns plain dicts built from an explicit allow-list of
fields, never a model instance, so that a template cannot reach a party's ID
number, phone or address through a relation. Only published data is read:
active bodies and matters, entrustments with a publication date, officers'
certificates, and decisions whose `Disclosure` is published (its `content`, a
snapshot made at publication, is the only source of a decision's text).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.models import GeneratedDocument, OrgUnit
from fazhi.core.validators import is_valid_resident_id
from fazhi.enforcement.choices import (
    Authority,
    BodyKind,
    DisclosureStatus,
    OfficerStatus,
    PartyKind,
    PaymentStatus,
)
from fazhi.enforcement.models import Case, Disclosure, EnforcementBody, Entrustment, Matter, Officer
from fazhi.law import RuleError, period, threshold

# -- text hygiene ------------------------------------------------------------------------

_ID_LIKE = re.compile(r"\d{17}[\dXx]")
_CARD_LIKE = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
_MOBILE_LIKE = re.compile(r"1[3-9]\d{9}")


def _luhn_valid(digits: str) -> bool:
    """The Luhn check of a bank card number (ISO/IEC 7812)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _mask_id(match: re.Match[str]) -> str:
    # Staff may type the check character as a lower-case x; it is the same number.
    return masking.mask_resident_id(match[0]) if is_valid_resident_id(match[0].upper()) else match[0]


def scrub(text: Any, names: tuple[str, ...] = (), addresses: tuple[str, ...] = ()) -> str:
    """Defence in depth for text typed by staff that the public reads (a withdrawal
    reason) or copied from a snapshot: valid resident ID numbers (X in either case), bank
    card numbers (16 to 19 digits with their Luhn digit) and mobile numbers are masked,
    and so is every name in `names` and address in `addresses` (the case's
    natural-person party)."""
    value = "" if text is None else str(text)
    for name in names:
        if name and len(name) > 1:
            value = value.replace(name, masking.mask_name(name))
    for address in addresses:
        if address and address.strip():
            value = value.replace(address.strip(), masking.mask_address(address))
    value = _ID_LIKE.sub(_mask_id, value)
    value = _CARD_LIKE.sub(lambda m: masking.mask_bank_account(m[0]) if _luhn_valid(m[0]) else m[0], value)
    return _MOBILE_LIKE.sub(lambda m: masking.mask_phone(m[0]), value)


# -- towns -------------------------------------------------------------------------------


def towns() -> list[dict[str, str]]:
    """Every active town on the installation, for the town filter."""
    units = (
        OrgUnit.objects.filter(kind=OrgKind.TOWN, is_active=True).select_related("parent").order_by("path")
    )
    return [{"code": u.code, "name": unit_label(u)} for u in units]


def town_by_code(code: str | None) -> OrgUnit | None:
    if not code:
        return None
    return OrgUnit.objects.filter(kind=OrgKind.TOWN, is_active=True, code=code).first()


def unit_label(unit: OrgUnit | None) -> str:
    """ "云阳县江口镇": a town with its county, another unit by its own name."""
    if unit is None:
        return ""
    if unit.kind == OrgKind.TOWN and unit.parent_id and unit.parent.kind == OrgKind.COUNTY:
        return f"{unit.parent.name}{unit.name}"
    return unit.name


def _in_town(qs: QuerySet, town: OrgUnit | None, field: str = "org_unit") -> QuerySet:
    return qs.filter(**{f"{field}__path__startswith": town.path}) if town is not None else qs


# -- law text ----------------------------------------------------------------------------

REMEDIES_FALLBACK = (
    "当事人对行政处罚决定不服的，可以依照《中华人民共和国行政复议法》申请行政复议，"
    "或者依照《中华人民共和国行政诉讼法》提起行政诉讼。"
)


def remedies(on: dt.date) -> str:
    """How to challenge a decision (行政处罚法 第44、59条), with the periods in force on `on`."""
    try:
        review = period("reconsideration_application").version_on(on)
        suit = period("litigation_filing").version_on(on)
    except (RuleError, KeyError):
        return REMEDIES_FALLBACK
    return (
        f"当事人对行政处罚决定不服的，可以自知道或者应当知道该行政行为之日起{review.describe()}内"
        f"申请行政复议（{review.citation}），或者自知道或者应当知道作出行政行为之日起"
        f"{suit.describe()}内提起行政诉讼（{suit.citation}）。"
    )


def _yuan(value) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def fine_range(low, high) -> str:
    if low is None and high is None:
        return "—"
    if low is None:
        return f"{_yuan(high)}元以下"
    if high is None:
        return f"{_yuan(low)}元以上"
    return f"{_yuan(low)}元至{_yuan(high)}元"


def procedure_text(summary_allowed: bool) -> str:
    if not summary_allowed:
        return "适用普通程序（立案、调查取证、审核、事先告知、陈述申辩或听证、作出决定、送达、执行）"
    try:
        individual = threshold("penalty_summary_cap_individual")
        organisation = threshold("penalty_summary_cap_organisation")
        caps = (
            f"违法事实确凿并有法定依据，对公民处以{_yuan(individual.value)}元以下、"
            f"对法人或者其他组织处以{_yuan(organisation.value)}元以下罚款或者警告的，"
            f"可以当场作出行政处罚决定（{individual.citation}）"
        )
    except (RuleError, KeyError):
        caps = "符合法定条件的，可以当场作出行政处罚决定"
    return f"适用普通程序；{caps}"


# -- bodies and matters -------------------------------------------------------------------


def _town_bodies_by_unit(unit_ids) -> dict[int, str]:
    bodies = EnforcementBody.objects.filter(is_active=True, kind=BodyKind.TOWN, org_unit_id__in=unit_ids)
    named: dict[int, str] = {}
    for body in bodies.order_by("name"):
        named.setdefault(body.org_unit_id, body.name)
    return named


def bodies(town: OrgUnit | None = None) -> list[dict[str, Any]]:
    qs = _in_town(EnforcementBody.objects.filter(is_active=True), town).select_related("org_unit__parent")
    return [
        {"pk": b.pk, "name": b.name, "kind": b.get_kind_display(), "town": unit_label(b.org_unit)}
        for b in qs.order_by("org_unit__path", "kind", "name")
    ]


def public_bodies() -> QuerySet:
    return EnforcementBody.objects.filter(is_active=True)


def public_matters() -> QuerySet:
    """Active matters; an entrusted one only while its entrusting body is active."""
    return Matter.objects.filter(is_active=True).filter(
        Q(entrusting_body__isnull=True) | Q(entrusting_body__is_active=True)
    )


def matters_of(body: EnforcementBody) -> QuerySet:
    """The matters decided in the body's name: a town its own and assigned powers
    (第18、24条), a county department the matters it entrusted (第20条)."""
    if body.kind == BodyKind.TOWN:
        return public_matters().filter(
            org_unit=body.org_unit, authority__in=[Authority.STATUTORY, Authority.ASSIGNED]
        )
    return public_matters().filter(entrusting_body=body)


def body_detail(body: EnforcementBody) -> dict[str, Any]:
    return {
        "pk": body.pk,
        "name": body.name,
        "kind": body.get_kind_display(),
        "town": unit_label(body.org_unit),
        "matters": [matter_row(m, body.name) for m in matters_of(body).order_by("code")],
        "entrustments": entrustments(body=body),
    }


def matter_row(matter: Matter, body_name: str) -> dict[str, Any]:
    return {
        "pk": matter.pk,
        "code": matter.code,
        "name": matter.name,
        "body": body_name,
        "authority": matter.get_authority_display(),
        "penalty_kinds": matter.penalty_kinds,
        "summary_allowed": matter.summary_allowed,
        "has_discretion": bool(matter.discretion.strip()),
    }


def _matter_body_name(matter: Matter, town_bodies: dict[int, str]) -> str:
    if matter.entrusting_body_id:
        return matter.entrusting_body.name
    return town_bodies.get(matter.org_unit_id, unit_label(matter.org_unit))


def matters(town: OrgUnit | None = None, q: str = "") -> list[dict[str, Any]]:
    qs = _in_town(public_matters(), town).select_related("entrusting_body", "org_unit__parent")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__startswith=q) | Q(penalty_basis__contains=q))
    rows = list(qs.order_by("org_unit__path", "code"))
    town_bodies = _town_bodies_by_unit({m.org_unit_id for m in rows})
    return [matter_row(m, _matter_body_name(m, town_bodies)) for m in rows]


def matter_detail(matter: Matter, today: dt.date) -> dict[str, Any]:
    town_bodies = _town_bodies_by_unit([matter.org_unit_id])
    in_force = [e for e in entrustments(matter=matter) if e["valid_from"] <= today <= e["valid_to"]]
    return {
        **matter_row(matter, _matter_body_name(matter, town_bodies)),
        "town": unit_label(matter.org_unit),
        "violation_basis": matter.violation_basis,
        "penalty_basis": matter.penalty_basis,
        "fine_individual": fine_range(matter.fine_min_individual, matter.fine_max_individual),
        "fine_organisation": fine_range(matter.fine_min_organisation, matter.fine_max_organisation),
        "procedure": procedure_text(matter.summary_allowed),
        "discretion": matter.discretion.strip(),
        "remedies": remedies(today),
        "entrustments": in_force,
        "entrusted": matter.authority == Authority.ENTRUSTED,
        "responsible_post": (
            f"{matter.responsible_post.org_unit.name}·{matter.responsible_post.name}"
            if matter.responsible_post_id
            else ""
        ),
    }


# -- entrustments ------------------------------------------------------------------------


def entrustments(
    town: OrgUnit | None = None, *, body: EnforcementBody | None = None, matter: Matter | None = None
) -> list[dict[str, Any]]:
    """Written entrustments that have been published (第20条: 委托书应当向社会公布)."""
    qs = Entrustment.objects.filter(published_on__isnull=False, body__is_active=True)
    qs = _in_town(qs, town)
    if body is not None:
        qs = qs.filter(body=body)
    if matter is not None:
        qs = qs.filter(matters=matter)
    qs = (
        qs.select_related("body", "org_unit__parent")
        .prefetch_related("matters")
        .order_by("-valid_from", "id")
    )
    return [
        {
            "pk": e.pk,
            "body": e.body.name,
            "body_pk": e.body_id,
            "town": unit_label(e.org_unit),
            "document_no": e.document_no,
            "matters": [{"pk": m.pk, "name": m.name} for m in e.matters.all() if m.is_active],
            "valid_from": e.valid_from,
            "valid_to": e.valid_to,
            "published_on": e.published_on,
        }
        for e in qs
    ]


# -- officers ----------------------------------------------------------------------------

VALID, EXPIRED, NOT_YET, SUSPENDED, REVOKED = "valid", "expired", "not_yet", "suspended", "revoked"


def certificate_state(officer: Officer, today: dt.date) -> tuple[str, str]:
    """(code, label) of a certificate on `today`: a revocation or suspension first,
    then the validity dates."""
    if officer.status == OfficerStatus.REVOKED:
        return REVOKED, "已注销"
    if officer.status == OfficerStatus.SUSPENDED:
        return SUSPENDED, "暂扣"
    if today > officer.valid_to:
        return EXPIRED, "已过期"
    if today < officer.valid_from:
        return NOT_YET, "尚未生效"
    return VALID, "有效"


def officer_row(officer: Officer, today: dt.date) -> dict[str, Any]:
    state, label = certificate_state(officer, today)
    return {
        "name": officer.person.name,
        "certificate_no": officer.certificate_no,
        "issuer": officer.issuer,
        "unit": unit_label(officer.org_unit),
        "valid_from": officer.valid_from,
        "valid_to": officer.valid_to,
        "state": state,
        "state_label": label,
    }


def officers(town: OrgUnit | None = None, q: str = "", valid_only: bool = False, today=None) -> QuerySet:
    qs = _in_town(Officer.objects.all(), town).select_related("person", "org_unit__parent")
    if q:
        qs = qs.filter(Q(person__name__contains=q) | Q(certificate_no__startswith=q))
    if valid_only and today is not None:
        qs = qs.filter(status=OfficerStatus.ACTIVE, valid_from__lte=today, valid_to__gte=today)
    return qs.order_by("org_unit__path", "certificate_no")


def certificate_statement(row: dict[str, Any], today: dt.date) -> str:
    state = row["state"]
    if state == VALID:
        return f"该执法证件于{today:%Y年%m月%d日}有效，有效期至{row['valid_to']:%Y年%m月%d日}。"
    if state == EXPIRED:
        return (
            f"该执法证件已过期（有效期至{row['valid_to']:%Y年%m月%d日}），持证人不得以此证从事行政执法活动。"
        )
    if state == NOT_YET:
        return f"该执法证件尚未生效（自{row['valid_from']:%Y年%m月%d日}起有效），持证人不得以此证从事行政执法活动。"
    if state == SUSPENDED:
        return "该执法证件已被暂扣，持证人不得从事行政执法活动。"
    return "该执法证件已注销，持证人不得从事行政执法活动。"


# -- decisions (事后公开) ------------------------------------------------------------------

CONTENT_KEYS = (
    "decision_no", "body", "matter", "penalty_basis", "party", "party_kind", "procedure", "penalty", "fine",
    "decided_on",
)  # fmt: skip


def published_decisions(today: dt.date) -> QuerySet:
    """Decisions on the portal today: published, not changed or revoked since (the
    withdrawal with its reason follows within 3 working days, 第48条), and (should the
    daily expiry job be late) not past the end of their publication term."""
    return Disclosure.objects.filter(
        status=DisclosureStatus.PUBLISHED, published_on__lte=today, revoked_on__isnull=True
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def public_content(disclosure: Disclosure) -> dict[str, str]:
    """The decision's public text: the snapshot's allow-listed keys only, each checked
    once more for ID and mobile numbers, a natural person's name masked again if the
    snapshot somehow held it whole."""
    content = disclosure.content if isinstance(disclosure.content, dict) else {}
    shown = {key: scrub(content.get(key, "")) for key in CONTENT_KEYS}
    if shown["party_kind"] == PartyKind.INDIVIDUAL.label and masking.MASK not in shown["party"]:
        shown["party"] = masking.mask_name(shown["party"])
    return shown


def decision_row(disclosure: Disclosure) -> dict[str, Any]:
    return {"pk": disclosure.pk, "published_on": disclosure.published_on, **public_content(disclosure)}


def decisions(
    today: dt.date,
    *,
    town: OrgUnit | None = None,
    body: EnforcementBody | None = None,
    matter: Matter | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    q: str = "",
) -> QuerySet:
    qs = _in_town(published_decisions(today), town)
    if body is not None:
        qs = qs.filter(body=body)
    if matter is not None:
        qs = qs.filter(matter=matter)
    if since is not None:
        qs = qs.filter(decided_on__gte=since)
    if until is not None:
        qs = qs.filter(decided_on__lte=until)
    if q:
        qs = qs.filter(content__decision_no__icontains=q)
    return qs.order_by("-decided_on", "-id")


def withdrawal_notice(disclosure: Disclosure) -> dict[str, Any]:
    """What a withdrawn decision still shows: the day and the reason (第48条), with the
    case's natural-person party masked should staff have typed the name."""
    party = disclosure.case.party
    individual = party.kind == PartyKind.INDIVIDUAL
    names, addresses = ((party.name,), (party.address,)) if individual else ((), ())
    return {
        "withdrawn_on": disclosure.withdrawn_on,
        "reason": scrub(disclosure.withdrawal_reason, names, addresses),
    }


# -- the case code (行政行为码) --------------------------------------------------------------


def case_by_code(code: str) -> Case | None:
    """The case a party's code opens, or None: a wrong code, a minor's case and a
    confidential case are all None, so the answer tells nothing."""
    from fazhi.enforcement.disclosure import is_minor

    code = (code or "").strip()
    if not code:
        return None
    case = Case.objects.filter(access_code=code).select_related("party", "body", "matter").first()
    if case is None or case.access_code != code:  # the database may compare without case
        return None
    if case.confidential or is_minor(case.party, case.occurred_on):
        return None
    return case


def case_progress(case: Case, today: dt.date) -> dict[str, Any]:
    """What the code shows: labels, dates, the decision number and the documents'
    names. No facts, notes, places, files or personal data."""
    from django.contrib.contenttypes.models import ContentType

    steps = [
        {"label": s.label, "on": timezone.localdate(s.at)} for s in case.steps.all().order_by("at", "id")
    ]
    ct = ContentType.objects.get_for_model(Case)
    documents = [
        {"title": d.title, "doc_number": d.doc_number, "on": timezone.localdate(d.created_at)}
        for d in GeneratedDocument.objects.filter(content_type=ct, object_id=str(case.pk)).order_by(
            "created_at", "id"
        )
    ]
    officers_ = [
        {"name": o.person.name, "certificate_no": o.certificate_no}
        for o in case.officers.select_related("person").order_by("certificate_no")
    ]
    return {
        "body": case.body.name,
        "matter": case.matter.name,
        "procedure": case.get_procedure_display(),
        "status": case.get_status_display(),
        "decision_no": case.decision_no,
        "decided_on": case.decided_on,
        "revoked_on": case.revoked_on,
        "payment_status": case.get_payment_status_display()
        if case.payment_status != PaymentStatus.NONE
        else "",
        "payment_due": case.payment_due,
        "steps": steps,
        "documents": documents,
        "officers": officers_,
        "remedies": remedies(case.decided_on or today),
    }
