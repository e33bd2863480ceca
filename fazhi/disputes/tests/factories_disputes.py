"""Disputes for tests, made through the actions (never saved by hand), so that each
has its number, history, deadlines and audit events.

`make_dispute(town)` registers one in a new village of the town; `advance(dispute,
to=...)` takes it through the steps up to a status, on dates in 2023 by default."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role, valid_resident_id
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, DisputeStatus, Referral
from fazhi.disputes.models import Dispute, MediationCommittee, Mediator
from fazhi.disputes.tests.factories_mediation import make_committee, make_mediator, village_of

_seq = itertools.count(1)
DAY = dt.date(2023, 3, 1)


def _town(unit: OrgUnit) -> OrgUnit:
    return unit.town or unit


def mediator_account(unit: OrgUnit) -> User:
    """The town's mediator account (调解员): registers and mediates its disputes."""
    town = _town(unit)
    username = f"dsp_mediator_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "mediator", town, display_name="张调解"
    )


def grid_account(village: OrgUnit, username: str | None = None) -> User:
    """A grid worker placed on a new grid of `village` (as the demo's `grid` account is)."""
    grid = OrgUnitFactory(kind=OrgKind.GRID, parent=village, name=f"{village.name}第{next(_seq)}网格")
    return user_with_role(username or f"dsp_grid_{grid.code}", "grid_worker", grid, display_name="刘网格")


def committee_with_mediators(unit: OrgUnit, n: int = 2) -> tuple[MediationCommittee, list[Mediator]]:
    committee = MediationCommittee.objects.filter(org_unit=unit).first() or make_committee(unit)
    mediators = list(committee.mediators.all()[:n])
    while len(mediators) < n:
        mediators.append(make_mediator(committee))
    return committee, mediators


def party(**extra) -> dict:
    n = next(_seq)
    return {"kind": "individual", "name": f"当事人{n}", "resident_id": valid_resident_id(), "phone": f"1380000{n:04d}",
            "address": f"重庆市云阳县江口镇测试村{n}组1号", **extra}  # fmt: skip


def make_dispute(town: OrgUnit, *, village: OrgUnit | None = None, actor: User | None = None,
                 parties: list[dict] | None = None, **data) -> Dispute:  # fmt: skip
    village = village or OrgUnit.objects.filter(parent=town, kind=OrgKind.VILLAGE).first() or village_of(town)
    values = {"village": village, "source": "grid", "category": "neighbours", "risk_level": "low",
              "summary": f"相邻宅基地排水纠纷{next(_seq)}", "people_involved": 2, "registered_on": DAY, **data}  # fmt: skip
    return actions.register_dispute(actor=actor or mediator_account(town), data=values,
                                    parties=parties if parties is not None else [party(), party()])  # fmt: skip


ORDER = [DisputeStatus.REGISTERED, DisputeStatus.ASSIGNED, DisputeStatus.MEDIATING, DisputeStatus.RESOLVED,
         DisputeStatus.CLOSED]  # fmt: skip


def advance(dispute: Dispute, to: str, *, actor: User | None = None, start: dt.date | None = None,
            failed: bool = False, confirmation: bool = False) -> Dispute:  # fmt: skip
    """Take `dispute` through the steps up to `to` (resolved, or unresolved with
    `failed`; closed after a follow-up visit), one day apart from `start`."""
    actor = actor or mediator_account(dispute.org_unit)
    day = start or dispute.registered_on
    if dispute.status == DisputeStatus.REGISTERED and to != DisputeStatus.REGISTERED:
        committee, mediators = committee_with_mediators(_town(dispute.org_unit))
        dispute = actions.assign_dispute(
            dispute, actor=actor, committee=committee, mediators=mediators, on=day
        )
    if dispute.status == DisputeStatus.ASSIGNED and to not in (DisputeStatus.ASSIGNED,):
        dispute = actions.start_mediation(dispute, actor=actor, on=day + dt.timedelta(days=1))
    if dispute.status == DisputeStatus.MEDIATING and to not in (DisputeStatus.MEDIATING,):
        on = day + dt.timedelta(days=5)
        if failed:
            dispute = actions.record_failure(dispute, actor=actor, referral=Referral.LITIGATION,
                                             referral_note="告知当事人向人民法院起诉", on=on)  # fmt: skip
        else:
            dispute = actions.resolve_dispute(dispute, actor=actor, agreement_form=AgreementForm.WRITTEN,
                                              agreement_text="一、甲方于2023年3月31日前疏通排水沟。\n二、乙方不再堆放杂物。",
                                              confirmation_wanted=confirmation, on=on)  # fmt: skip
    if to == DisputeStatus.CLOSED and dispute.status in (DisputeStatus.RESOLVED, DisputeStatus.UNRESOLVED):
        dispute = actions.follow_up(
            dispute, actor=actor, note="回访：协议已履行，双方满意", on=day + dt.timedelta(days=20)
        )
        dispute = actions.close_dispute(dispute, actor=actor, on=day + dt.timedelta(days=21))
    return dispute
