"""Enforcement disclosure (行政执法公示) after the decision: which decisions are
published, what of them the public sees, and the publication queue's actions.

The policy is per body (`EnforcementBody.publish_summary`, `publish_warnings`,
`publication_days`, `short_term_fine_limit`); by default the portal shows the
penalty decisions of the ordinary procedure other than a warning alone, as the
market-regulation rule does. Never published: a decision that is not a
penalty, a case marked confidential, or one whose party was a minor when the
act was done. The public text (`Disclosure.content`) is built from an
allow-list: the natural person's name masked, and no ID number, phone, address
or bank account of anyone, nor the free-text facts (which may name others).

Deadlines (stored through `Disclosure.DEADLINES`): publish within the body's
publication days (default 7 working days, at most 20); withdraw within 3
working days of the decision being changed or revoked (行政处罚法 第48条).
Publication ends after 3 months (a warning, or a fine up to the body's small-
fine limit) or 3 years (市场监督管理行政处罚信息公示规定 第11条).
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core import audit, deadlines, workdays
from fazhi.core.registers.actions import ensure_in_scope
from fazhi.core.validators import birth_date_from_resident_id
from fazhi.enforcement import signals
from fazhi.enforcement.choices import DecisionKind, DisclosureStatus, PartyKind, PenaltyKind, Procedure
from fazhi.enforcement.models import Case, Disclosure, Party
from fazhi.law import RuleError, penalty
from fazhi.law.penalty import PENALTY_LAW

MAX_PUBLICATION_DAYS = 20  # the enforcement-systems opinion's longest period (working days)


def new_access_code() -> str:
    """The case code (行政行为码) printed on a decision: 96 random bits."""
    return secrets.token_urlsafe(12)


def is_minor(party: Party, on: dt.date) -> bool:
    """Whether a natural-person party was under 18 on `on` (by the ID number's birth date)."""
    if party.kind != PartyKind.INDIVIDUAL or not party.resident_id:
        return False
    born = birth_date_from_resident_id(party.resident_id)
    if born is None:
        return False
    try:
        adult = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        adult = dt.date(born.year + 18, 3, 1)
    return on < adult


def not_published_because(case: Case) -> str:
    """Why the body's policy keeps this decision off the portal ("" = it is published)."""
    body = case.body
    if case.decision_kind != DecisionKind.PENALTY:
        return "不予处罚、不予立案等决定不公示"
    if case.confidential:
        return "案件涉及国家秘密、商业秘密或个人隐私，不予公开"
    if is_minor(case.party, case.occurred_on):
        return "当事人违法时未满十八周岁，不予公开"
    if case.procedure == Procedure.SUMMARY and not body.publish_summary:
        return "本主体不公示简易程序决定"
    if case.penalty_kind == PenaltyKind.WARNING and not body.publish_warnings:
        return "本主体不公示仅给予警告的决定"
    return ""


def content_of(case: Case) -> dict[str, Any]:
    """What the public sees of a decision: an allow-list, the person's name masked."""
    penalty_text = case.get_penalty_kind_display()
    if case.penalty_kind == PenaltyKind.FINE:
        penalty_text = f"罚款{case.fine:.2f}元"
    return {
        "decision_no": case.decision_no,
        "body": case.body.name,
        "matter": case.matter.name,
        "penalty_basis": case.matter.penalty_basis,
        "party": case.party.masked_name,
        "party_kind": case.party.get_kind_display(),
        "procedure": case.get_procedure_display(),
        "penalty": penalty_text,
        "fine": str(case.fine),
        "decided_on": case.decided_on.isoformat() if case.decided_on else "",
    }


def publication_due(case: Case) -> dt.date:
    days = min(max(case.body.publication_days, 1), MAX_PUBLICATION_DAYS)
    return workdays.add_working_days(case.decided_on, days)


def publication_end(disclosure: Disclosure, published_on: dt.date) -> dt.date:
    """3 months for a warning or a small fine, 3 years otherwise (公示规定 第11条)."""
    case, body = disclosure.case, disclosure.body
    short = case.penalty_kind == PenaltyKind.WARNING or (
        case.penalty_kind == PenaltyKind.FINE and case.fine <= (body.short_term_fine_limit or Decimal(0))
    )
    term = penalty.PUBLICATION_TERM_MINOR if short else penalty.PUBLICATION_TERM_OTHER
    return workdays.period_due(term, published_on)


# -- actions --------------------------------------------------------------------------------


def queue_for(case: Case, actor: Any) -> Disclosure | None:
    """Called by the decision actions, in their transaction: the decision joins the
    publication queue when the body's policy publishes it."""
    if not case.decided_on or not_published_because(case):
        return None
    disclosure = Disclosure.objects.create(
        org_unit_id=case.org_unit_id, case=case, body_id=case.body_id, matter_id=case.matter_id,
        decided_on=case.decided_on, due_on=publication_due(case), content=content_of(case),
    )  # fmt: skip
    deadlines.sync(disclosure, new=True)
    audit.record(actor=actor, action="enforcement.disclosure.queued", target=disclosure,
                 new={"case": case.pk, "due_on": disclosure.due_on.isoformat()})  # fmt: skip
    return disclosure


def _lock(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update().select_related("case", "body").get(pk=disclosure.pk)


def _require(actor: Any, disclosure: Disclosure) -> None:
    from django.core.exceptions import PermissionDenied

    ensure_in_scope(actor, disclosure)
    if not actor.has_perm("enforcement.change_disclosure"):
        raise PermissionDenied("您的角色不能办理执法公示")


@audit.audited
def publish(disclosure: Disclosure, *, actor: Any, on: dt.date | None = None) -> Disclosure:
    on = on or timezone.localdate()
    _require(actor, disclosure)
    disclosure = _lock(disclosure)
    if disclosure.status != DisclosureStatus.QUEUED:
        raise RuleError(
            f"该决定的公示状态为“{disclosure.get_status_display()}”，不能再公示", code="not_queued"
        )
    if disclosure.case.revoked_on:
        raise RuleError("该决定已被变更或撤销，不能公示", law=PENALTY_LAW, article=48, code="revoked")
    if on < disclosure.decided_on:
        raise RuleError(
            f"公示日不能早于决定日{disclosure.decided_on:%Y-%m-%d}", code="published_before_decided"
        )
    disclosure.content = content_of(disclosure.case)  # as the decision stands today
    disclosure.status = DisclosureStatus.PUBLISHED
    disclosure.published_on = on
    disclosure.expires_on = publication_end(disclosure, on)
    disclosure.save()
    deadlines.sync(disclosure)
    audit.record(actor=actor, action="enforcement.disclosure.published", target=disclosure,
                 new={"published_on": on.isoformat(), "expires_on": disclosure.expires_on.isoformat()})  # fmt: skip
    signals.send_on_commit(signals.decision_published, sender=Disclosure, disclosure=disclosure)
    return disclosure


@audit.audited
def withdraw(disclosure: Disclosure, *, actor: Any, reason: str, on: dt.date | None = None) -> Disclosure:
    """Take a decision off the portal, the reason shown in its place (第48条)."""
    on = on or timezone.localdate()
    _require(actor, disclosure)
    disclosure = _lock(disclosure)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("撤回公示须说明理由", law=PENALTY_LAW, article=48, code="withdrawal_reason")
    if disclosure.status not in (DisclosureStatus.QUEUED, DisclosureStatus.PUBLISHED):
        raise RuleError(
            f"该决定的公示状态为“{disclosure.get_status_display()}”，无需撤回", code="not_withdrawable"
        )
    old = {"status": disclosure.status}
    disclosure.status = DisclosureStatus.WITHDRAWN
    disclosure.withdrawn_on = on
    disclosure.withdrawal_reason = reason[:500]
    disclosure.save()
    deadlines.sync(disclosure)
    audit.record(actor=actor, action="enforcement.disclosure.withdrawn", target=disclosure, old=old,
                 new={"status": disclosure.status, "withdrawn_on": on.isoformat(), "reason": reason[:500]})  # fmt: skip
    signals.send_on_commit(signals.disclosure_withdrawn, sender=Disclosure, disclosure=disclosure)
    return disclosure


def decision_revoked(case: Case, actor: Any, on: dt.date, reason: str) -> None:
    """Called by `actions.revoke_decision`, in its transaction. A queued decision
    is withdrawn at once; a published one must be withdrawn within 3 working days
    (第48条), a deadline on the rectifying officer's board until it is."""
    disclosure = Disclosure.objects.select_for_update().filter(case=case).first()
    if disclosure is None:
        return
    disclosure.revoked_on = on
    if disclosure.status == DisclosureStatus.QUEUED:
        disclosure.status = DisclosureStatus.WITHDRAWN
        disclosure.withdrawn_on = on
        disclosure.withdrawal_reason = reason[:500]
    elif disclosure.status == DisclosureStatus.PUBLISHED:
        disclosure.withdraw_due = workdays.period_due(penalty.PUBLICATION_WITHDRAWAL, on)
    disclosure.save()
    deadlines.sync(disclosure)
    audit.record(actor=actor, action="enforcement.disclosure.revoked", target=disclosure,
                 new={"revoked_on": on.isoformat(), "status": disclosure.status,
                      "withdraw_due": disclosure.withdraw_due.isoformat() if disclosure.withdraw_due else None})  # fmt: skip


def expire(today: dt.date | None = None) -> int:
    """End the publication of decisions whose term has run (a daily job)."""
    today = today or timezone.localdate()
    count = 0
    for disclosure in Disclosure.objects.filter(status=DisclosureStatus.PUBLISHED, expires_on__lt=today):
        with audit.batch():
            locked = _lock(disclosure)
            if locked.status != DisclosureStatus.PUBLISHED:
                continue
            locked.status = DisclosureStatus.EXPIRED
            locked.save(update_fields=["status", "updated_at"])
            audit.record(actor=None, action="enforcement.disclosure.expired", target=locked,
                         new={"expires_on": locked.expires_on.isoformat()})  # fmt: skip
            count += 1
    return count
