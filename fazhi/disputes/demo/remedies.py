"""Demo step: Jiangkou's reconsideration and litigation cases (report-figures.md row 16:
4 reconsideration cases received in 2023, no litigation).

The four 2023 cases are applications against the town's own 2023 decisions: two
upheld, one withdrawn, and one revoked: the decision the enforcement step records as
revoked on reconsideration, whose rectification item is put right and closed out in
2023. Every reply was sent on time. This year there is one case waiting for its reply
(simple procedure, due within a few working days) and one lawsuit whose defence is due
soon, so that the workbench warns.

Everything goes through the actions (with the oversight actions for the rectification
item, whose submission needs a file of evidence attached first). Case numbers, dates
and notes are invented (示例); the applicants are the parties of the linked cases."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import LitigationStatus, PartyKind, ReconsiderationOutcome
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.enforcement.choices import PartyKind as EnforcementPartyKind
from fazhi.enforcement.choices import Procedure
from fazhi.enforcement.models import Case

BODY = "云阳县人民政府"
COURT = "云阳县人民法院"
EXAMPLE = "（示例）"
# The outcomes of the 2023 cases (the revoked one is the decision the enforcement step
# records as revoked on reconsideration), and the body's case numbers, given in the
# order the copies were served.
OUTCOMES_2023 = (ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.WITHDRAWN,
                 ReconsiderationOutcome.REVOKED)  # fmt: skip
NUMBERS_2023 = (8, 11, 19, 27)


def _applicant(case: Case) -> dict:
    party = case.party
    kind = PartyKind.INDIVIDUAL if party.kind == EnforcementPartyKind.INDIVIDUAL else PartyKind.ORGANISATION
    return {"applicant_kind": kind, "applicant": party.name}


def _working(day: dt.date, *, not_before: dt.date | None = None) -> dt.date:
    """`day`, or the working day before it (after it, when that would be before `not_before`)."""
    back = day
    while not workdays.is_working_day(back):
        back -= dt.timedelta(days=1)
    if not_before is None or back >= not_before:
        return back
    while not workdays.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _dates(ctx: DemoContext, decided: dt.date) -> dict[str, dt.date]:
    """Application, service of the copy, reply and decision after a decision made on `decided`."""
    applied = decided + dt.timedelta(days=ctx.rng.randint(12, 30))
    served = workdays.add_working_days(applied, ctx.rng.randint(4, 8))
    due = actions.reply_due(served)
    replied = _working(
        due - dt.timedelta(days=ctx.rng.randint(0, 3)), not_before=served + dt.timedelta(days=1)
    )
    outcome_on = replied + dt.timedelta(days=ctx.rng.randint(20, 40))
    return {"applied": applied, "served": served, "replied": replied,
            "decided": _working(outcome_on, not_before=outcome_on)}  # fmt: skip


def _dates_between(decided: dt.date, revoked: dt.date) -> dict[str, dt.date]:
    """The same, fitted between a decision and the day the town recorded its revocation
    (the enforcement step leaves at least 17 working days between them)."""
    gap = (revoked - decided).days
    served = _working(
        decided + dt.timedelta(days=max(2, gap * 2 // 5)), not_before=decided + dt.timedelta(days=1)
    )
    replied = min(served + dt.timedelta(days=max(1, gap // 4)), actions.reply_due(served))
    replied = _working(replied, not_before=served + dt.timedelta(days=1))
    return {"applied": decided + dt.timedelta(days=max(1, gap // 5)), "served": served, "replied": replied,
            "decided": max(replied, revoked)}  # fmt: skip


def _revoked_case(town) -> Case | None:
    return (
        Case.objects.filter(
            org_unit=town, decided_on__year=2023, revoked_on__year=2023, revocation_reason__contains="复议"
        )
        .select_related("party")
        .order_by("decided_on", "id")
        .first()
    )


def _close_out(item, *, officer, leader, decided: dt.date) -> None:
    from fazhi.oversight import actions as oversight
    from fazhi.oversight.demo import attach_evidence

    item = oversight.start_rectification(item, actor=officer, on=decided + dt.timedelta(days=3),
                                         note="已组织案件承办人员学习复议决定，逐项查找问题")  # fmt: skip
    attach_evidence(item, actor=officer)
    item = oversight.submit_rectification(item, actor=officer, on=decided + dt.timedelta(days=18),
                                          result="已重新审查同类案件的证据和程序，完善调查取证和说理要求。（示例）")  # fmt: skip
    oversight.close_out_rectification(item, actor=leader, on=decided + dt.timedelta(days=22),
                                      note="经核查，整改到位，同意销号")  # fmt: skip


def _cases_2023(ctx: DemoContext, town, office, leader, officer) -> int:
    revoked = _revoked_case(town)
    decided_2023 = (
        Case.objects.filter(
            org_unit=town,
            decided_on__year=2023,
            decided_on__lte=dt.date(2023, 9, 30),
            revoked_on__isnull=True,
        )
        .exclude(decision_no="")
        .select_related("party")
        .order_by("decided_on", "id")
    )
    # Two firms' ordinary-procedure fines upheld; a resident's on-the-spot fine withdrawn.
    ordinary = list(decided_2023.filter(procedure=Procedure.ORDINARY))
    upheld = sorted(ctx.rng.sample(ordinary, min(2, len(ordinary))), key=lambda c: (c.decided_on, c.pk))
    residents = list(
        decided_2023.filter(
            procedure=Procedure.SUMMARY, party__kind=EnforcementPartyKind.INDIVIDUAL, fine__gt=100
        )[:200]
    )
    chosen = {
        ReconsiderationOutcome.UPHELD: upheld,
        ReconsiderationOutcome.WITHDRAWN: [ctx.rng.choice(residents)] if residents else [],
        ReconsiderationOutcome.REVOKED: [revoked] if revoked is not None else [],
    }
    post = Post.objects.filter(org_unit__path__startswith=town.path, code="PA-01").first()
    made = 0
    # Draw first, then look up: a second run draws the same values and finds the same rows.
    plans = []
    for outcome in OUTCOMES_2023:
        case = chosen[outcome].pop(0) if chosen[outcome] else None
        if case is not None:
            revoked_on = case.revoked_on
            dates = (
                _dates_between(case.decided_on, revoked_on) if revoked_on else _dates(ctx, case.decided_on)
            )
            plans.append((dates["served"], outcome, case, dates))
    for number, (_, outcome, case, dates) in zip(
        NUMBERS_2023, sorted(plans, key=lambda p: (p[0], p[2].pk)), strict=False
    ):
        case_no = f"云府复〔2023〕{number}号{EXAMPLE}"
        if Reconsideration.objects.filter(org_unit=town, case_no=case_no).exists():
            continue
        recon = actions.receive_reconsideration(actor=office, data={
            "org_unit": town, "case_no": case_no, "body": BODY, **_applicant(case),
            "act": f"{case.decision_no}行政处罚决定", "enforcement_case": case, "applied_on": dates["applied"],
            "copy_served_on": dates["served"], "handler": office,
        })  # fmt: skip
        recon = actions.reply_to_reconsideration(recon, actor=office, on=dates["replied"],
                                                 note="已提交书面答复及作出行政行为的证据、依据")  # fmt: skip
        if outcome == ReconsiderationOutcome.WITHDRAWN:
            actions.end_reconsideration(recon, actor=office, outcome=outcome, on=dates["decided"],
                                        decision_no=f"云府复终〔2023〕{number}号{EXAMPLE}",
                                        note="申请人已缴纳罚款，自愿撤回申请。（示例）")  # fmt: skip
        elif outcome == ReconsiderationOutcome.REVOKED:
            recon = actions.decide_reconsideration(
                recon, actor=office, outcome=outcome, decision_no=f"云府复决〔2023〕{number}号{EXAMPLE}",
                decided_on=dates["decided"], lead_leader=leader, responsible_post=post,
                note="认定事实的主要证据不足（示例）",
            )  # fmt: skip
            item = actions.rectifications_of(recon).first()
            if item is not None:
                _close_out(item, officer=officer, leader=leader, decided=dates["decided"])
        else:
            actions.decide_reconsideration(recon, actor=office, outcome=outcome, decided_on=dates["decided"],
                                           decision_no=f"云府复决〔2023〕{number}号{EXAMPLE}",
                                           note="认定事实清楚，证据确凿，适用依据正确，程序合法。（示例）")  # fmt: skip
        made += 1
    return made


def _recent_case(town, today: dt.date, *, skip: Case | None = None) -> Case | None:
    qs = (
        Case.objects.filter(
            org_unit=town, decided_on__gte=today - dt.timedelta(days=150), revoked_on__isnull=True
        )
        .exclude(decision_no="")
        .select_related("party")
        .order_by("-decided_on", "-id")
    )
    if skip is not None:
        qs = qs.exclude(pk=skip.pk)
    return qs.first()


def _this_year(ctx: DemoContext, town, office) -> tuple[int, int]:
    today = timezone.localdate()
    year = today.year
    made = [0, 0]
    case = _recent_case(town, today)
    case_no = f"云府复〔{year}〕36号{EXAMPLE}"
    served = today - dt.timedelta(days=3)
    if case is not None and not Reconsideration.objects.filter(org_unit=town, case_no=case_no).exists():
        actions.receive_reconsideration(actor=office, data={
            "org_unit": town, "case_no": case_no, "body": BODY, **_applicant(case),
            "act": f"{case.decision_no}行政处罚决定", "enforcement_case": case,
            "applied_on": served - dt.timedelta(days=6), "copy_served_on": served, "simple_procedure": True,
            "handler": office,
        })  # fmt: skip
        made[0] = 1
    suit = _recent_case(town, today, skip=case)
    suit_no = f"（{year}）渝0235行初{88}号{EXAMPLE}"
    if suit is not None and not Litigation.objects.filter(org_unit=town, case_no=suit_no).exists():
        party = _applicant(suit)
        actions.receive_litigation(actor=office, data={
            "org_unit": town, "case_no": suit_no, "court": COURT, "plaintiff_kind": party["applicant_kind"],
            "plaintiff": party["applicant"], "act": f"{suit.decision_no}行政处罚决定", "enforcement_case": suit,
            "complaint_received_on": today - dt.timedelta(days=10), "handler": office,
            "note": "原告请求撤销处罚决定（示例）",
        })  # fmt: skip
        made[1] = 1
    return made[0], made[1]


@step(62)
def remedies(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    office, leader, officer = (User.objects.get(username=u) for u in ("fazhiban", "leader", "officer"))
    made_2023 = _cases_2023(ctx, town, office, leader, officer)
    recon_now, suits_now = _this_year(ctx, town, office)
    received = Reconsideration.objects.filter(org_unit=town, copy_served_on__year=2023).count()
    open_suits = Litigation.objects.filter(org_unit=town, status=LitigationStatus.RECEIVED).count()
    ctx.out(f"行政复议：2023年收到{received}件（本次新增{made_2023}件），本年度待答复{recon_now}件；"
            f"行政诉讼：2023年无，本年度待答辩{open_suits}件（本次新增{suits_now}件）")  # fmt: skip
