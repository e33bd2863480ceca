"""Deputies' suggestions and CPPCC proposals: three months from assignment, six
when a leader finds one difficult (代表法第42条), the deadline closed by the
reply, and the reply's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Deadline
from fazhi.law import RuleError
from fazhi.oversight.models import Proposal
from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories import leader_of, office_of
from fazhi.oversight.tests.factories_supervision import make_proposal, reply

pytestmark = pytest.mark.django_db


def _deadline(proposal: Proposal) -> Deadline:
    return Deadline.objects.get(object_id=str(proposal.pk), key="reply", content_type__model="proposal")


def test_a_proposal_assigned_on_2023_11_30_is_due_on_2024_02_29(town_a):
    proposal = make_proposal(town_a, assigned_on=dt.date(2023, 11, 30))
    assert proposal.reply_due_on == dt.date(2024, 2, 29)
    deadline = _deadline(proposal)
    assert (deadline.due_date, deadline.citation, deadline.owner_id) == (
        dt.date(2024, 2, 29),
        "代表法第四十二条",
        leader_of(town_a).pk,
    )
    assert AuditEvent.objects.filter(action="oversight.proposal.registered").count() == 1


def test_a_difficult_proposal_is_due_six_months_after_assignment_with_its_approver(town_a):
    proposal = make_proposal(town_a, assigned_on=dt.date(2023, 11, 30))
    leader = leader_of(town_a)
    proposal = actions.approve_difficult_period(proposal, actor=leader, reason="涉及多个部门",
                                                on=dt.date(2024, 1, 10))  # fmt: skip
    assert proposal.reply_due_on == dt.date(2024, 5, 30)
    assert (proposal.difficult, proposal.difficult_approved_by, proposal.difficult_approved_on) == (
        True, leader, dt.date(2024, 1, 10),
    )  # fmt: skip
    assert _deadline(proposal).due_date == dt.date(2024, 5, 30)
    assert AuditEvent.objects.filter(action="oversight.proposal.extended").count() == 1


def test_the_six_months_are_kept_when_the_proposal_is_edited(town_a):
    proposal = make_proposal(town_a, assigned_on=dt.date(2023, 11, 30))
    proposal = actions.approve_difficult_period(proposal, actor=leader_of(town_a), reason="跨村协调",
                                                on=dt.date(2024, 1, 10))  # fmt: skip
    proposal = actions.update_proposal(
        proposal, actor=office_of(town_a), data={"assigned_on": dt.date(2023, 12, 1)}
    )
    assert proposal.reply_due_on == dt.date(2024, 6, 1)


def test_finding_a_proposal_difficult_after_three_months_is_refused(town_a):
    proposal = make_proposal(town_a, assigned_on=dt.date(2023, 11, 30))
    with pytest.raises(RuleError) as refused:
        actions.approve_difficult_period(
            proposal, actor=leader_of(town_a), reason="来不及", on=dt.date(2024, 3, 1)
        )
    assert refused.value.code == "difficult_too_late" and "代表法第四十二条" in str(refused.value)
    proposal.refresh_from_db()
    assert proposal.reply_due_on == dt.date(2024, 2, 29) and not proposal.difficult


def test_only_a_leader_finds_a_proposal_difficult(town_a):
    proposal = make_proposal(town_a)
    with pytest.raises(PermissionDenied):
        actions.approve_difficult_period(
            proposal, actor=office_of(town_a), reason="难", on=dt.date(2024, 1, 2)
        )


def test_the_form_cannot_make_a_proposal_difficult(client, town_a):
    from fazhi.oversight.supervision.definitions import proposals

    proposal = make_proposal(town_a)
    client.force_login(office_of(town_a))
    data = {**proposals.form_class.initial_for(proposal), "difficult": "on"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    r = client.post(proposals.url("edit", proposal.pk), data)
    assert r.status_code == 302
    proposal.refresh_from_db()
    assert not proposal.difficult and proposal.reply_due_on == dt.date(2024, 2, 29)


def test_the_reply_closes_the_deadline(town_a):
    proposal = reply(make_proposal(town_a), on=dt.date(2024, 1, 15), satisfaction="satisfied")
    assert _deadline(proposal).closed_at is not None
    assert proposal.deadline_state() == "按期答复"


def test_satisfaction_before_the_reply_is_refused(town_a):
    proposal = make_proposal(town_a)
    with pytest.raises(ValidationError) as refused:
        actions.update_proposal(proposal, actor=office_of(town_a), data={"satisfaction": "satisfied"})
    assert "答复后才能填写" in str(refused.value)


def test_a_reply_needs_its_category(town_a):
    proposal = make_proposal(town_a)
    with pytest.raises(ValidationError):
        actions.update_proposal(proposal, actor=office_of(town_a), data={"replied_on": dt.date(2024, 1, 15)})
    assert not Proposal.objects.filter(replied_on__isnull=False).exists()
