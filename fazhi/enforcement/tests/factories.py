"""Enforcement records for tests: bodies, matters, officers, parties, and cases built
through the actions (never saved by hand), so that every case has its steps,
deadlines and audit events like a real one."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from fazhi.core import workdays
from fazhi.core.tests.factories import PersonFactory, user_with_role, valid_resident_id
from fazhi.enforcement import actions
from fazhi.enforcement.choices import Authority, BodyKind, DecisionKind, PartyKind, PenaltyKind
from fazhi.enforcement.models import Case, EnforcementBody, Entrustment, Matter, Officer, Party

_seq = itertools.count(1)

CERT_FROM = dt.date(2021, 1, 1)
CERT_TO = dt.date(2030, 12, 31)
FILED_ON = dt.date(2023, 7, 5)  # a Wednesday; its 90th day falls in the National Day holiday
HEARING_PLACE = "江口镇人民政府三楼会议室"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def make_uscc(n: int | None = None) -> str:
    """A well-formed unified social credit code (GB 32100-2015) for a fictional firm."""
    n = next(_seq) if n is None else n
    body = f"91500235MA{n:07d}"[:17]
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_CHARS[(31 - total % 31) % 31]


# -- bodies and matters ----------------------------------------------------------------


def town_body(town) -> EnforcementBody:
    """The town itself as the body in whose name it decides (one per town)."""
    body = EnforcementBody.objects.filter(org_unit=town, kind=BodyKind.TOWN).first()
    return body or EnforcementBody.objects.create(
        org_unit=town, name=f"云阳县{town.name}人民政府", kind=BodyKind.TOWN, short_code="云江执罚"
    )


def county_body(town, *, name: str = "云阳县生态环境局", short_code: str = "云环委罚") -> EnforcementBody:
    """A county department that entrusts matters to the town (第20条)."""
    body = EnforcementBody.objects.filter(org_unit=town, name=name).first()
    return body or EnforcementBody.objects.create(
        org_unit=town, name=name, kind=BodyKind.COUNTY_DEPARTMENT, short_code=short_code
    )


def make_matter(
    town,
    *,
    authority: str = Authority.ASSIGNED,
    summary_allowed: bool = True,
    individual: tuple = (None, Decimal("10000")),
    organisation: tuple = (None, Decimal("100000")),
    entrusting_body: EnforcementBody | None = None,
    name: str | None = None,
) -> Matter:
    """A matter on the town's list. The default ranges reach past the summary caps and
    the hearing thresholds, so that only the rule under test refuses a fine."""
    n = next(_seq)
    return Matter.objects.create(
        org_unit=town,
        code=f"JK-T{n:05d}",
        name=name or f"测试执法事项{n}",
        violation_basis="重庆市市容环境卫生管理条例第十八条",
        penalty_basis="重庆市市容环境卫生管理条例第十八条",
        penalty_kinds="警告、罚款",
        fine_min_individual=individual[0],
        fine_max_individual=individual[1],
        fine_min_organisation=organisation[0],
        fine_max_organisation=organisation[1],
        authority=authority,
        entrusting_body=entrusting_body,
        summary_allowed=summary_allowed,
    )


def summary_matter(town, **kwargs) -> Matter:
    return make_matter(town, summary_allowed=True, **kwargs)


def entrusted_matter(
    town,
    *,
    valid_from: dt.date = dt.date(2023, 1, 1),
    valid_to: dt.date = CERT_TO,
    summary_allowed: bool = True,
) -> Matter:
    """A county body, its written entrustment in force from `valid_from` to `valid_to`,
    and the entrusted matter (第20条). The matter's `entrusting_body` is the body."""
    body = county_body(town)
    matter = make_matter(
        town, authority=Authority.ENTRUSTED, entrusting_body=body, summary_allowed=summary_allowed
    )
    entrustment = Entrustment.objects.create(
        org_unit=town,
        body=body,
        document_no=f"云环发〔2022〕{next(_seq)}号",
        valid_from=valid_from,
        valid_to=valid_to,
        published_on=valid_from,
    )
    entrustment.matters.set([matter])
    return matter


# -- people ----------------------------------------------------------------------------


def make_officer(
    town, *, user=None, valid_from: dt.date = CERT_FROM, valid_to: dt.date = CERT_TO, name: str | None = None
) -> Officer:
    """A certified officer (执法证, 第42条), optionally linked to a user account."""
    n = next(_seq)
    person = PersonFactory(org_unit=town, name=name or f"执法员{n}")
    return Officer.objects.create(
        org_unit=town,
        person=person,
        user=user,
        certificate_no=f"5002351{n:06d}",
        issuer="重庆市人民政府",
        valid_from=valid_from,
        valid_to=valid_to,
    )


def officer_pair(town, *, user=None) -> list[Officer]:
    """Two valid officers; the first linked to `user` when given."""
    return [make_officer(town, user=user), make_officer(town)]


def individual_party(town, *, name: str | None = None) -> Party:
    return Party.objects.create(
        org_unit=town,
        kind=PartyKind.INDIVIDUAL,
        name=name or f"当事人{next(_seq)}",
        resident_id=valid_resident_id(),
        phone="13800001111",
        address="重庆市云阳县江口镇滨江路1号",
    )


def organisation_party(town, *, name: str | None = None) -> Party:
    n = next(_seq)
    return Party.objects.create(
        org_unit=town,
        kind=PartyKind.ORGANISATION,
        name=name or f"云阳县江口测试{n}有限公司",
        uscc=make_uscc(n),
        legal_representative="张某",
        address="重庆市云阳县江口镇滨江路2号",
    )


def reviewer_of(town):
    """A legal reviewer of the town who has nothing to do with the case."""
    return user_with_role(f"reviewer_{next(_seq)}", "legal_reviewer", town, display_name="审核员")


# -- cases -----------------------------------------------------------------------------


def summary_data(town, *, party=None, matter=None, officers=None, fine=Decimal("100"), **extra) -> dict:
    """The `data` of `actions.record_summary_case` for a fine in the town's name."""
    matter = matter or summary_matter(town)
    body = matter.entrusting_body or town_body(town)
    on = extra.pop("occurred_on", None)
    return {
        "org_unit": town,
        "authority": matter.authority,
        "body": body,
        "matter": matter,
        "party": party or individual_party(town),
        "source": "on_the_spot",
        "facts": "当事人在街面占道经营，经现场查实。",
        "place": "江口镇滨江路",
        "occurred_on": on or dt.date(2023, 6, 1),
        "discovered_on": on or dt.date(2023, 6, 1),
        "penalty_kind": PenaltyKind.FINE if fine else PenaltyKind.WARNING,
        "fine": Decimal(fine),
        "officers": officers if officers is not None else officer_pair(town),
        **extra,
    }


def make_summary_case(town, handler, *, on: dt.date = dt.date(2023, 6, 1), **kwargs) -> Case:
    """An on-the-spot penalty recorded, decided and handed over through the action."""
    kwargs.setdefault("occurred_on", on)
    case = actions.record_summary_case(actor=handler, data=summary_data(town, **kwargs), on=on)
    case.refresh_from_db()
    return case


ORDINARY_STEPS = (
    "registered",
    "filed",
    "investigating",
    "case_review",
    "legal_review",
    "reviewed",
    "notified",
    "hearing",
    "hearing_scheduled",
    "heard",
    "decided",
    "served",
    "paid",
    "closed",
    "archived",
)


def make_ordinary_case(
    town,
    handler,
    until: str = "notified",
    *,
    needs_legal_review: bool = False,
    filed_on: dt.date = FILED_ON,
    fine: Decimal = Decimal("1000"),
    party=None,
    matter=None,
    officers=None,
    reviewer=None,
    hearing: bool = False,
    **register_extra,
) -> Case:
    """An ordinary-procedure case taken step by step through the actions up to and
    including `until` (one of ORDINARY_STEPS). "legal_review" and "reviewed" are only
    passed through when `needs_legal_review`; "hearing", "hearing_scheduled" and
    "heard" only when `hearing` (the fine must then carry the hearing right, 第63条).

    Dates follow the law: investigation on the filing day, case review 10 working
    days later, the review 3 working days after that, a hearing requested the next
    working day, notified that day and held on the earliest day the notice allows
    (7 working days, 第64条), the decision the working day after the defence and
    hearing-request periods, service 2 working days later, payment 5 working days
    after service."""
    if until not in ORDINARY_STEPS:
        raise ValueError(f"until must be one of {ORDINARY_STEPS}")
    stop = ORDINARY_STEPS.index(until)
    matter = matter or make_matter(town, summary_allowed=False)
    body = matter.entrusting_body or town_body(town)
    case = actions.register_case(
        actor=handler,
        on=filed_on,
        data={
            "org_unit": town,
            "authority": matter.authority,
            "body": body,
            "matter": matter,
            "party": party or organisation_party(town),
            "source": "complaint",
            "facts": f"经调查，当事人{matter.name}。",
            "place": "江口镇滨江路",
            "occurred_on": register_extra.pop("occurred_on", filed_on - dt.timedelta(days=5)),
            "discovered_on": register_extra.pop("discovered_on", filed_on),
            "officers": officers if officers is not None else officer_pair(town),
            "needs_legal_review": needs_legal_review,
            "legal_review_reason": "案情复杂，涉及重大权益" if needs_legal_review else "",
            **register_extra,
        },
    )

    def stop_before(step: str) -> bool:
        return stop < ORDINARY_STEPS.index(step)

    if stop_before("filed"):
        return _fresh(case)
    case = actions.file_case(case, actor=handler, on=filed_on)
    if stop_before("investigating"):
        return _fresh(case)
    case = actions.investigate(case, actor=handler, on=filed_on)
    if stop_before("case_review"):
        return _fresh(case)
    day = workdays.add_working_days(filed_on, 10)
    case = actions.submit_review(case, actor=handler, on=day)
    if stop_before("legal_review"):
        return _fresh(case)
    if needs_legal_review:
        case = actions.send_legal_review(case, actor=handler, on=day)
        if stop_before("reviewed"):
            return _fresh(case)
        day = workdays.add_working_days(day, 3)
        case = actions.review_case(
            case,
            actor=reviewer or reviewer_of(town),
            passed=True,
            opinion="事实清楚，证据确凿，程序合法。",
            on=day,
        )
    if stop_before("notified"):
        return _fresh(case)
    case = actions.notify(case, actor=handler, penalty_kind=PenaltyKind.FINE, fine=Decimal(fine), on=day)
    if hearing:
        if stop_before("hearing"):
            return _fresh(case)
        day = workdays.add_working_days(day, 1)
        case = actions.request_hearing(case, actor=handler, on=day)
        if stop_before("hearing_scheduled"):
            return _fresh(case)
        hearing_on = actions.hearing_earliest(day)  # 7 working days' notice of the hearing (第64、85条)
        case = actions.schedule_hearing(
            case, actor=handler, hearing_on=hearing_on, place=HEARING_PLACE, on=day
        )
        if stop_before("heard"):
            return _fresh(case)
        day = hearing_on
        case = actions.hold_hearing(case, actor=handler, on=day)
    if stop_before("decided"):
        return _fresh(case)
    decide_on = workdays.add_working_days(max(case.defence_until, case.hearing_request_until or day, day), 1)
    case = actions.decide_case(
        case,
        actor=handler,
        decision_kind=DecisionKind.PENALTY,
        penalty_kind=PenaltyKind.FINE,
        fine=Decimal(fine),
        on=decide_on,
    )
    if stop_before("served"):
        return _fresh(case)
    case = actions.serve_decision(case, actor=handler, on=workdays.add_working_days(decide_on, 2))
    if stop_before("paid"):
        return _fresh(case)
    paid_on = min(workdays.add_working_days(case.served_on, 5), case.payment_due)
    case = actions.record_payment(case, actor=handler, amount=case.fine, on=paid_on)
    if stop_before("closed"):
        return _fresh(case)
    case = actions.close_case(case, actor=handler, on=paid_on)
    if stop_before("archived"):
        return _fresh(case)
    case = actions.archive(case, actor=handler, on=paid_on)
    return _fresh(case)


def _fresh(case: Case) -> Case:
    case.refresh_from_db()
    return case
