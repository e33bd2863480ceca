"""Every write to an enforcement case: one transaction, one CaseStep in the
full-process record, one audit event, the deadlines kept in step.

Summary procedure (第51、52条): `record_summary_case` does record → decide →
hand over (→ collect on the spot → close) in one go, as an officer does on the
spot. Ordinary procedure (第54–65条): one action per step of workflow.ORDINARY.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fazhi.core import audit, deadlines, workdays
from fazhi.core.registers.actions import clean_record, create_record, ensure_in_scope, update_record
from fazhi.enforcement import disclosure, rules, signals, workflow
from fazhi.enforcement.choices import (
    CaseStatus,
    DecisionKind,
    PartyKind,
    PaymentStatus,
    PenaltyKind,
    Procedure,
)
from fazhi.enforcement.models import Case, CaseStep, DecisionExtension, LegalReview, Party
from fazhi.law import RuleError, penalty
from fazhi.law.penalty import PENALTY_LAW

# -- the small registers --------------------------------------------------------


def create_party(*, actor: Any, data: dict[str, Any]) -> Party:
    return create_record(Party, actor=actor, data=data)


def update_party(party: Party, *, actor: Any, data: dict[str, Any]) -> Party:
    return update_record(party, actor=actor, data=data)


# -- helpers ----------------------------------------------------------------------


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _lock(case: Case, expected_version: int | None = None) -> Case:
    locked = Case.objects.select_for_update().select_related("party", "matter", "body").get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise RuleError("该案件已被他人修改，请刷新后重新操作，以免覆盖他人的修改", code="stale_version")
    return locked


def _step(case: Case, action: str, actor: Any, *, at: dt.datetime | None = None, place: str = "",
          latitude=None, longitude=None, note: str = "") -> CaseStep:  # fmt: skip
    return CaseStep.objects.create(
        case=case, action=action, label=workflow.ACTION_LABELS.get(action, action), at=at or timezone.now(),
        actor=actor, place=place, latitude=latitude, longitude=longitude, note=note,
    )  # fmt: skip


def _at(on: dt.date | None) -> dt.datetime:
    """When a step happened: now, or (for a step recorded afterwards, as the demo
    and imports do) the working morning of its day."""
    now = timezone.now()
    if on is None or on == timezone.localdate():
        return now
    return timezone.make_aware(dt.datetime.combine(on, dt.time(9, 30)))


def _apply(case: Case, action: str, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Move `case` by `action` in memory and apply `changes`; return the values
    before and after, as the step's audit event keeps them."""
    before = {"status": case.status, **{k: audit._plain(getattr(case, k)) for k in changes}}
    case.status = workflow.next_status(case.procedure, case.status, action)
    for field, value in changes.items():
        setattr(case, field, value)
    case.version += 1
    after = {"status": case.status, **{k: audit._plain(getattr(case, k)) for k in changes}}
    return before, after


def _transition(case: Case, action: str, actor: Any, *, changes: dict[str, Any] | None = None,
                note: str = "", on: dt.date | None = None, **step) -> Case:  # fmt: skip
    """Move `case` by `action`, apply `changes`, and record the step and the event."""
    before, after = _apply(case, action, changes or {})
    case.save()
    deadlines.sync(case)
    _step(case, action, actor, note=note, at=_at(on), **step)
    audit.record(actor=actor, action=f"enforcement.case.{action}", target=case, old=before, new=after,
                 message=note[:500])  # fmt: skip
    return case


def _require_handler_side(case: Case, actor: Any) -> None:
    ensure_in_scope(actor, case)
    if not actor.has_perm("enforcement.change_case"):
        raise PermissionDenied("您的角色不能办理执法案件")


def decision_due(case: Case) -> dt.date | None:
    """90 days from filing (第60条), the agency's duty: its strict date; plus any
    approved extensions."""
    if case.filed_on is None:
        return None
    due = workdays.period_due(penalty.DECISION, case.filed_on)
    extra = sum(case.extensions.values_list("days", flat=True))
    return due + dt.timedelta(days=extra) if extra else due


# -- summary procedure -----------------------------------------------------------------


@audit.audited
def record_summary_case(*, actor: Any, data: dict[str, Any], photos: list | None = None,
                        on: dt.date | None = None, decision_no: str = "") -> Case:  # fmt: skip
    """An on-the-spot penalty (当场处罚, 第51、52条): recorded, decided and handed over
    at once; a fine of at most 100 yuan may be collected on the spot (第68条).
    `decision_no`: a 文号 given out before Fazhi (an imported ledger), kept as it is.

    The officer's whole sequence (record → decide → hand over [→ pay → close]) is
    checked step by step against workflow.SUMMARY in memory and then written
    once: one case row, its steps together, one audit event per step. The phone
    waits for this, so it costs a handful of queries, not one round per step."""
    from fazhi.core import files

    on = _today(on)
    officers = list(data.pop("officers"))
    collected = bool(data.pop("collected_on_spot", False))
    party = data["party"]
    case = Case(
        procedure=Procedure.SUMMARY, status=CaseStatus.RECORDED, handler=actor, created_by=actor,
        org_unit=data.pop("org_unit", None) or party.org_unit, decision_kind=DecisionKind.PENALTY, **data,
    )  # fmt: skip
    ensure_in_scope(actor, case)
    rules.check_limitation(occurred_on=case.occurred_on, act_ended_on=case.act_ended_on,
                           discovered_on=case.discovered_on, override=case.limitation_override)  # fmt: skip
    rules.check_authority(authority=case.authority, body=case.body, matter=case.matter, on=on)
    rules.check_officers(officers, on)
    rules.check_penalty(procedure=case.procedure, matter=case.matter, party_kind=party.kind,
                        decision_kind=case.decision_kind, penalty_kind=case.penalty_kind, fine=case.fine)  # fmt: skip
    clean_record(case, exclude=["status"])
    payment: dict[str, Any] = {}
    if case.penalty_kind == PenaltyKind.FINE and case.fine:
        payment = {"payment_status": PaymentStatus.DUE,
                   "payment_due": workdays.period_due(penalty.PAYMENT, on)}  # fmt: skip
    if collected:
        if not payment:
            raise RuleError("本案没有待缴纳的罚款", law=PENALTY_LAW, article=67, code="nothing_to_pay")
        penalty.check_on_the_spot_collection(case.fine, summary=True)

    where = {"place": case.place, "latitude": case.latitude, "longitude": case.longitude}
    recorded = audit.snapshot(case)
    moves = [("decide", {"decided_on": on}, where),
             ("hand_over", {"handed_over": True, "served_on": on, **payment}, where)]  # fmt: skip
    if collected:
        moves.append(("record_payment", {"paid_amount": case.fine, "surcharge": Decimal(0), "paid_on": on,
                                         "collected_on_spot": True, "payment_status": PaymentStatus.PAID}, {}))  # fmt: skip
    if collected or not payment:  # paid, or a warning: nothing left to execute
        moves.append(("close", {"closed_on": on}, {}))
    diffs = [(action, *_apply(case, action, changes)) for action, changes, _ in moves]

    case.access_code = disclosure.new_access_code()
    case.save()
    Case.officers.through.objects.bulk_create(
        [Case.officers.through(case=case, officer=o) for o in {o.pk: o for o in officers}.values()]
    )
    at = _at(on)
    steps = CaseStep.objects.bulk_create(
        [CaseStep(case=case, action="record", label=workflow.ACTION_LABELS["record"], at=at, actor=actor,
                  note=case.facts, **where)]
        + [CaseStep(case=case, action=action, label=workflow.ACTION_LABELS[action], at=at, actor=actor, **step)
           for action, _, step in moves]
    )  # fmt: skip
    for photo in photos or []:
        files.store(photo, actor=actor, org_unit=case.org_unit, owner=steps[0], description="现场照片")
    # The 文号 is drawn last: its sequence row stays locked until the commit, and
    # drawing it last keeps the town's other officers waiting for a moment only.
    case.decision_no = _keep_number(case, on, decision_no) if decision_no else _decision_number(case, on)
    Case.objects.filter(pk=case.pk).update(decision_no=case.decision_no)
    deadlines.sync(case, new=True)

    recorded["id"] = case.pk
    audit.record(actor=actor, action="enforcement.case.recorded", target=case, new=recorded)
    for action, before, after in diffs:
        if action == "decide":
            before, after = {**before, "decision_no": ""}, {**after, "decision_no": case.decision_no}
        audit.record(actor=actor, action=f"enforcement.case.{action}", target=case, old=before, new=after)
    _decided(case, actor)
    case._prefetched_objects_cache = {"steps": steps}  # the timeline the caller shows, without a query
    return case


def party_from(data: dict, *, actor, org_unit) -> Party:
    """The party of an on-the-spot case: found by ID number or credit code, else registered."""
    kind, number = data["party_kind"], (data.get("party_id") or "").strip().upper()
    field = "resident_id" if kind == PartyKind.INDIVIDUAL else "uscc"
    if number:
        found = Party.objects.visible_to(actor).filter(**{field: number}).first()
        if found is not None:
            return found
    return create_party(actor=actor, data={
        "org_unit": org_unit, "kind": kind, "name": data["party_name"], field: number,
        "phone": data.get("party_phone") or "", "address": data.get("party_address") or "",
    })  # fmt: skip


def town_body(user):
    from fazhi.enforcement.choices import BodyKind
    from fazhi.enforcement.models import EnforcementBody

    body = EnforcementBody.objects.visible_to(user).filter(kind=BodyKind.TOWN, is_active=True).first()
    if body is None:
        raise RuleError("尚未登记本镇执法主体，请先在“执法主体”中登记", code="no_town_body")
    return body


@audit.audited
def record_on_the_spot(*, actor: Any, fields: dict[str, Any], photos: list | None = None,
                       on: dt.date | None = None, decision_no: str = "") -> Case:  # fmt: skip
    """An on-the-spot penalty from the page form, the phone or a ledger row: the
    party is found by ID number or credit code (else registered), and the case
    acts in the name of the matter's entrusting body or of the town. `on`: the
    day it was decided (today, or a ledger row's day); it is also the day the act
    was discovered, from which the limitation period is counted back (第36条)."""
    on = _today(on)
    matter = fields["matter"]
    party = party_from(fields, actor=actor, org_unit=actor.org_unit)
    return record_summary_case(actor=actor, photos=photos or fields.get("photos"), on=on, decision_no=decision_no, data={
        "org_unit": actor.org_unit, "authority": matter.authority, "body": matter.entrusting_body or town_body(actor),
        "matter": matter, "party": party, "source": "on_the_spot", "facts": fields["facts"], "place": fields["place"],
        "latitude": fields.get("latitude"), "longitude": fields.get("longitude"),
        "client_time": fields.get("client_time"), "occurred_on": fields["occurred_on"],
        "discovered_on": on, "penalty_kind": fields["penalty_kind"],
        "fine": fields.get("fine") or Decimal("0"), "officers": fields["officers"],
        "collected_on_spot": fields.get("collected_on_spot", False),
    })  # fmt: skip


def _keep_number(case: Case, on: dt.date, number: str) -> str:
    """A 文号 given out before Fazhi: free in the body, and the body's sequence moved
    past it so that no later decision takes it again."""
    from fazhi.core.documents import reserve_number

    number = number.strip()
    if Case.objects.filter(body_id=case.body_id, decision_no=number).exclude(pk=case.pk).exists():
        raise RuleError(f"决定书文号“{number}”已被本主体的另一案件使用", law=PENALTY_LAW, article=59,
                        code="decision_no_taken")  # fmt: skip
    n = case.body.sequence_number(on.year, number)
    if n is not None:
        reserve_number(f"{case.body_id}:decision", on.year, n)
    return number


def _decision_number(case: Case, on: dt.date) -> str:
    """The decision's 文号: the one a draft decision document already took, else the
    next of the body's sequence (no number is drawn twice for one case). An
    on-the-spot case is decided as it is recorded, so it has no draft to look for."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.documents import next_number
    from fazhi.core.models import GeneratedDocument

    if case.procedure != Procedure.SUMMARY:
        draft = (
            GeneratedDocument.objects.filter(
                content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk),
                kind__in=("decision", "summary_decision"),
            ).exclude(doc_number="").order_by("id").values_list("doc_number", flat=True).first()
        )  # fmt: skip
        if draft:
            return draft
    n = next_number(f"{case.body_id}:decision", on.year)
    return case.body.number(on.year, n)


# -- ordinary procedure ------------------------------------------------------------------


@audit.audited
def register_case(*, actor: Any, data: dict[str, Any], on: dt.date | None = None) -> Case:
    """A lead (举报、检查、移送、交办) registered for the filing decision."""
    officers = list(data.pop("officers", []))
    party = data["party"]
    case = Case(procedure=Procedure.ORDINARY, status=CaseStatus.REGISTERED, handler=actor, created_by=actor,
                org_unit=data.pop("org_unit", None) or party.org_unit, **data)  # fmt: skip
    ensure_in_scope(actor, case)
    clean_record(case, exclude=["status"])
    case.save()
    case.officers.set(officers)
    _step(case, "register", actor, note=case.facts, at=_at(on))
    audit.record(actor=actor, action="enforcement.case.registered", target=case, new=audit.snapshot(case))
    return case


@audit.audited
def file_case(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
              note: str = "") -> Case:  # fmt: skip
    """Filing (立案, 第54条): within the limitation period (第36条), by two
    certified officers (第42条), in the right body's name (第18、20条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    rules.check_limitation(occurred_on=case.occurred_on, act_ended_on=case.act_ended_on,
                           discovered_on=case.discovered_on, override=case.limitation_override)  # fmt: skip
    rules.check_officers(case.officers.select_related("person"), on)
    rules.check_authority(authority=case.authority, body=case.body, matter=case.matter, on=on)
    case.filed_on = on
    return _transition(
        case, "file", actor, changes={"filed_on": on, "decision_due": decision_due(case)}, note=note, on=on
    )


def _simple(action: str):
    @audit.audited
    def step(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
             note: str = "") -> Case:  # fmt: skip
        _require_handler_side(case, actor)
        case = _lock(case, expected_version)
        return _transition(case, action, actor, note=note, on=on)

    step.__name__ = action
    step.__doc__ = f"The step 「{workflow.ACTION_LABELS[action]}」."
    return step


decline = _simple("decline")
investigate = _simple("investigate")
submit_review = _simple("submit_review")
return_to_investigation = _simple("return_to_investigation")
send_legal_review = _simple("send_legal_review")
send_deliberation = _simple("send_deliberation")
deliberated = _simple("deliberated")
request_hearing_step = _simple("request_hearing")
withdraw = _simple("withdraw")
archive = _simple("archive")


@audit.audited
def review_case(case: Case, *, actor: Any, passed: bool, opinion: str, on: dt.date | None = None,
                expected_version: int | None = None) -> Case:  # fmt: skip
    """Legal review (法制审核, 第58条) by a reviewer who is not a handler of the case."""
    on = _today(on)
    ensure_in_scope(actor, case)
    if not actor.has_perm("enforcement.add_legalreview"):
        raise PermissionDenied("只有法制审核人员可以进行法制审核")
    case = _lock(case, expected_version)
    handlers = {case.handler_id} | set(case.officers.exclude(user=None).values_list("user_id", flat=True))
    if actor.pk in handlers:
        raise RuleError("案件承办人员不能担任本案的法制审核人员", law=PENALTY_LAW, article=58,
                        code="reviewer_is_handler")  # fmt: skip
    if not opinion.strip():
        raise RuleError("法制审核须出具书面审核意见", law=PENALTY_LAW, article=58, code="review_opinion")
    LegalReview.objects.create(case=case, reviewer=actor, opinion=opinion, passed=passed, reviewed_on=on)
    return _transition(case, "review_passed" if passed else "review_failed", actor, note=opinion, on=on)


def _review_passed(case: Case) -> bool:
    latest = case.legal_reviews.order_by("-reviewed_on", "-id").first()
    return latest is not None and latest.passed


@audit.audited
def notify(case: Case, *, actor: Any, penalty_kind: str, fine: Decimal, on: dt.date | None = None,
           expected_version: int | None = None, note: str = "") -> Case:  # fmt: skip
    """Advance notice of the intended penalty, its facts, reasons, basis and the
    party's rights (第44条); the defence period, and the hearing-request period
    when the penalty is one that must offer a hearing (第63、64条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    if case.needs_legal_review and not _review_passed(case):
        raise RuleError("须先经法制审核通过，才能告知拟作出的处罚", law=PENALTY_LAW, article=58,
                        code="legal_review_required")  # fmt: skip
    rules.check_penalty(procedure=case.procedure, matter=case.matter, party_kind=case.party.kind,
                        decision_kind=DecisionKind.PENALTY, penalty_kind=penalty_kind, fine=fine)  # fmt: skip
    # A hearing is offered for heavy penalties and for large fines (第63条).
    hearing = penalty_kind not in (PenaltyKind.FINE, PenaltyKind.WARNING) or (
        penalty_kind == PenaltyKind.FINE and penalty.hearing_required_for_fine(case.party.kind, fine)
    )
    changes = {
        "notified_on": on,
        "penalty_kind": penalty_kind,
        "fine": fine,
        "defence_until": workdays.period_due(penalty.DEFENCE, on),
        "hearing_request_until": workdays.period_due(penalty.HEARING_REQUEST, on) if hearing else None,
    }
    return _transition(case, "notify", actor, changes=changes, note=note, on=on)


@audit.audited
def request_hearing(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
                    note: str = "") -> Case:  # fmt: skip
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    if case.hearing_request_until is None:
        raise RuleError("本案拟作出的处罚不属于应当告知听证权利的情形", law=PENALTY_LAW, article=63,
                        code="no_hearing_right")  # fmt: skip
    if on > case.hearing_request_until:
        raise RuleError(f"听证申请期限已于{case.hearing_request_until:%Y-%m-%d}届满", law=PENALTY_LAW,
                        article=64, code="hearing_request_late")  # fmt: skip
    # A new request (after a hearing was held) needs a new notice of time and place.
    changes = {
        "hearing_requested": True,
        "hearing_notified_on": None,
        "hearing_on": None,
        "hearing_place": "",
    }
    return _transition(case, "request_hearing", actor, changes=changes, note=note, on=on)


def hearing_earliest(notified_on: dt.date) -> dt.date:
    """The earliest day a hearing notified on `notified_on` may be held: the party
    is told its time and place at least 7 (working) days before (第64、85条)."""
    return workdays.period_due(penalty.HEARING_NOTICE, notified_on)


@audit.audited
def schedule_hearing(case: Case, *, actor: Any, hearing_on: dt.date | None, place: str, on: dt.date | None = None,
                     expected_version: int | None = None, note: str = "") -> Case:  # fmt: skip
    """Notice to the party of the hearing's time and place, at least 7 days before
    it (第64条; the days are working days, 第85条). Taken again, it reschedules
    the hearing, with a new notice."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    workflow.next_status(case.procedure, case.status, "schedule_hearing")  # the procedure's refusal first
    place = (place or "").strip()
    if hearing_on is None:
        raise RuleError(
            "通知听证须写明举行听证的日期", law=PENALTY_LAW, article=64, code="hearing_date_required"
        )
    if not place:
        raise RuleError(
            "通知听证须写明举行听证的地点", law=PENALTY_LAW, article=64, code="hearing_place_required"
        )
    earliest = hearing_earliest(on)
    if hearing_on < earliest:
        raise RuleError(
            f"应当在举行听证的七日前通知当事人听证的时间、地点：{on:%Y-%m-%d}通知的，"
            f"听证最早于{earliest:%Y-%m-%d}举行，不能定于{hearing_on:%Y-%m-%d}",
            law=PENALTY_LAW, article=64, code="hearing_notice_too_short",
        )  # fmt: skip
    changes = {"hearing_notified_on": on, "hearing_on": hearing_on, "hearing_place": place}
    text = f"听证定于{hearing_on:%Y-%m-%d}在{place}举行" + (f"。{note}" if note.strip() else "")
    return _transition(case, "schedule_hearing", actor, changes=changes, note=text, on=on)


@audit.audited
def hold_hearing(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
                 note: str = "") -> Case:  # fmt: skip
    """The hearing, held on the day the party was notified of, or later (第64条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    workflow.next_status(case.procedure, case.status, "hold_hearing")  # the procedure's refusal first
    if case.hearing_on is None:
        raise RuleError("须先在举行听证的七日前通知当事人听证的时间、地点，才能举行听证", law=PENALTY_LAW,
                        article=64, code="hearing_not_scheduled")  # fmt: skip
    if on < case.hearing_on:
        raise RuleError(f"已通知当事人听证定于{case.hearing_on:%Y-%m-%d}举行，不能提前举行", law=PENALTY_LAW,
                        article=64, code="hearing_before_scheduled")  # fmt: skip
    return _transition(case, "hold_hearing", actor, changes={"hearing_held_on": on}, note=note, on=on,
                       place=case.hearing_place)  # fmt: skip


@audit.audited
def decide_case(case: Case, *, actor: Any, decision_kind: str, penalty_kind: str = "", fine: Decimal = Decimal(0),
                on: dt.date | None = None, expected_version: int | None = None, note: str = "") -> Case:  # fmt: skip
    """The decision (第57、59条). A penalty needs: two valid certificates, a passed
    legal review when 第58条 requires it, the advance notice, and the end of the
    defence and hearing-request periods (第44、62、64条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    rules.check_officers(case.officers.select_related("person"), on)
    rules.check_authority(authority=case.authority, body=case.body, matter=case.matter, on=on)
    if case.needs_legal_review and not _review_passed(case):
        raise RuleError(
            "须经法制审核通过才能作出决定", law=PENALTY_LAW, article=58, code="legal_review_required"
        )
    rules.check_penalty(procedure=case.procedure, matter=case.matter, party_kind=case.party.kind,
                        decision_kind=decision_kind, penalty_kind=penalty_kind, fine=fine)  # fmt: skip
    if decision_kind == DecisionKind.PENALTY:
        if case.notified_on is None:
            raise RuleError("作出处罚决定前须告知拟处罚内容及陈述、申辩、要求听证等权利", law=PENALTY_LAW,
                            article=(44, 62), code="notice_required")  # fmt: skip
        if case.defence_until and on <= case.defence_until:
            raise RuleError(f"陈述申辩期限至{case.defence_until:%Y-%m-%d}届满，期满前不能作出处罚决定",
                            law=PENALTY_LAW, article=(45, 62), code="defence_period_running")  # fmt: skip
        waiting_hearing = case.hearing_request_until and not case.hearing_requested
        if waiting_hearing and on <= case.hearing_request_until:
            raise RuleError(f"听证申请期限至{case.hearing_request_until:%Y-%m-%d}届满，期满前不能作出处罚决定",
                            law=PENALTY_LAW, article=64, code="hearing_period_running")  # fmt: skip
        if penalty_kind != case.penalty_kind or fine > case.fine:
            raise RuleError(
                f"决定不能重于事先告知的处罚（{case.get_penalty_kind_display()}{case.fine}元），加重的须重新告知",
                law=PENALTY_LAW, article=(45, 62), code="heavier_than_notice",
            )  # fmt: skip
        if case.hearing_requested and case.hearing_held_on is None:
            raise RuleError("当事人申请了听证，须先举行听证", law=PENALTY_LAW, article=(64, 65),
                            code="hearing_not_held")  # fmt: skip
    changes = {"decision_kind": decision_kind, "penalty_kind": penalty_kind, "fine": fine, "decided_on": on,
               "service_due": workdays.period_due(penalty.DECISION_SERVICE, on)}  # fmt: skip
    if decision_kind == DecisionKind.PENALTY:
        changes["decision_no"] = _decision_number(case, on)
    if not case.access_code:
        changes["access_code"] = disclosure.new_access_code()
    case = _transition(case, "decide", actor, changes=changes, note=note, on=on)
    _decided(case, actor)
    return case


def _decided(case: Case, actor: Any) -> None:
    """After any decision, in its transaction: the publication queue (执法公示),
    and, once committed, the news for the leaders' workbench and subscribers."""
    disclosure.queue_for(case, actor)
    signals.send_on_commit(signals.decision_made, sender=Case, case=case)


@audit.audited
def revoke_decision(case: Case, *, actor: Any, reason: str, on: dt.date | None = None,
                    expected_version: int | None = None) -> Case:  # fmt: skip
    """The decision was changed or revoked (by reconsideration, a court, or the body
    itself): recorded with its reason; a published decision must then be withdrawn
    from the portal within 3 working days (第48条)."""
    on = _today(on)
    ensure_in_scope(actor, case)
    if not actor.has_perm("enforcement.add_decisionextension"):
        raise PermissionDenied("登记决定被变更或撤销须由负责人办理")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(
            "须写明决定被变更或撤销的依据和理由", law=PENALTY_LAW, article=48, code="revocation_reason"
        )
    case = _lock(case, expected_version)
    if case.revoked_on:
        raise RuleError(f"该决定已于{case.revoked_on:%Y-%m-%d}登记变更或撤销", code="already_revoked")
    case = _transition(case, "revoke", actor, changes={"revoked_on": on, "revocation_reason": reason[:500]},
                       note=reason, on=on)  # fmt: skip
    disclosure.decision_revoked(case, actor, on, reason)
    return case


@audit.audited
def serve_decision(case: Case, *, actor: Any, on: dt.date | None = None, handed_over: bool = False,
                   expected_version: int | None = None, note: str = "") -> Case:  # fmt: skip
    """Service (送达, 第61条); a fine is then payable within 15 days (第67条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    changes: dict[str, Any] = {"served_on": on, "handed_over": handed_over}
    if case.penalty_kind == PenaltyKind.FINE and case.fine:
        changes.update(payment_status=PaymentStatus.DUE, payment_due=workdays.period_due(penalty.PAYMENT, on))
    return _transition(
        case, "hand_over" if handed_over else "serve", actor, changes=changes, note=note, on=on
    )


@audit.audited
def record_payment(case: Case, *, actor: Any, amount: Decimal, on: dt.date | None = None,
                   on_spot: bool = False, expected_version: int | None = None, note: str = "") -> Case:  # fmt: skip
    """A payment; paid late, a surcharge of 3% a day up to the fine is due too (第72条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    if case.payment_status not in (PaymentStatus.DUE, PaymentStatus.DEFERRED):
        raise RuleError("本案没有待缴纳的罚款", law=PENALTY_LAW, article=67, code="nothing_to_pay")
    if amount <= 0:
        raise RuleError("缴款金额须大于零", law=PENALTY_LAW, article=67, code="payment_amount")
    days_late = max(0, (on - case.payment_due).days) if case.payment_due and not on_spot else 0
    surcharge = penalty.late_payment_surcharge(case.fine, days_late)
    paid = case.paid_amount + amount
    changes: dict[str, Any] = {"paid_amount": paid, "surcharge": surcharge, "paid_on": on,
                               "collected_on_spot": on_spot}  # fmt: skip
    if paid >= case.fine + surcharge:
        changes["payment_status"] = PaymentStatus.PAID
    return _transition(case, "record_payment", actor, changes=changes, note=note, on=on)


@audit.audited
def close_case(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
               note: str = "") -> Case:  # fmt: skip
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    if case.payment_status in (PaymentStatus.DUE, PaymentStatus.DEFERRED):
        raise RuleError("罚款尚未缴清，不能结案；逾期不缴的可申请法院强制执行", law=PENALTY_LAW, article=72,
                        code="unpaid")  # fmt: skip
    return _transition(case, "close", actor, changes={"closed_on": on}, note=note, on=on)


@audit.audited
def defer_payment(case: Case, *, actor: Any, days: int, note: str, on: dt.date | None = None,
                  expected_version: int | None = None) -> Case:  # fmt: skip
    """An approved deferral or payment in instalments, for a party in real
    financial difficulty who asked for it (第66条)."""
    on = _today(on)
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    if not note.strip() or days <= 0:
        raise RuleError("暂缓或分期缴纳须写明当事人申请理由和批准的期限", law=PENALTY_LAW, article=66,
                        code="deferral_reason")  # fmt: skip
    due = (case.payment_due or on) + dt.timedelta(days=days)
    changes = {"payment_status": PaymentStatus.DEFERRED, "payment_due": due}
    return _transition(case, "defer_payment", actor, changes=changes, note=note, on=on)


@audit.audited
def apply_to_court(case: Case, *, actor: Any, on: dt.date | None = None, expected_version: int | None = None,
                   note: str = "") -> Case:  # fmt: skip
    _require_handler_side(case, actor)
    case = _lock(case, expected_version)
    return _transition(
        case, "apply_to_court", actor, changes={"payment_status": PaymentStatus.COURT}, note=note, on=on
    )


@audit.audited
def extend_decision(case: Case, *, actor: Any, days: int, reason: str, on: dt.date | None = None,
                    expected_version: int | None = None) -> Case:  # fmt: skip
    """An approved extension of the decision period, with approver and reason (第60条)."""
    on = _today(on)
    ensure_in_scope(actor, case)
    if not actor.has_perm("enforcement.add_decisionextension"):
        raise PermissionDenied("延长办案期限须由负责人批准")
    if days <= 0 or not reason.strip():
        raise RuleError("延长办案期限须写明天数和理由", law=PENALTY_LAW, article=60, code="extension_reason")
    case = _lock(case, expected_version)
    DecisionExtension.objects.create(case=case, days=days, reason=reason, approver=actor, approved_on=on)
    return _transition(
        case, "extend", actor, changes={"decision_due": decision_due(case)}, note=reason, on=on
    )
