"""Disputes through their actions: registration with parties and a number per town and
year, the grid worker's dispute kept on their grid, each step with its history row and
audit event, the judicial confirmation's due date and deadline, and the refusals."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import user_with_role
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, ConfirmationResult, DisputeStatus, Referral
from fazhi.disputes.models import Dispute, DisputeStep
from fazhi.disputes.tests.factories_disputes import (
    advance,
    committee_with_mediators,
    grid_account,
    make_dispute,
    mediator_account,
    party,
)
from fazhi.disputes.tests.factories_mediation import make_committee, make_mediator, village_of
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db


def test_numbers_run_per_town_and_year(town_a, town_b):
    first, second = make_dispute(town_a), make_dispute(town_a)
    other = make_dispute(town_b)
    next_year = make_dispute(town_a, registered_on=dt.date(2024, 1, 3))
    assert (first.number, second.number) == ("江口调〔2023〕1号", "江口调〔2023〕2号")
    assert other.number == "双江调〔2023〕1号"
    assert next_year.number == "江口调〔2024〕1号"


def test_registration_needs_a_party(town_a):
    with pytest.raises(RuleError) as exc:
        make_dispute(town_a, parties=[])
    assert exc.value.code == "party_required" and "当事人" in str(exc.value)
    assert not Dispute.objects.exists()


def test_a_party_with_a_wrong_id_number_is_refused_in_chinese(town_a):
    with pytest.raises(ValidationError) as exc:
        make_dispute(town_a, parties=[party(resident_id="500235199001011234")])
    assert "当事人1" in "；".join(exc.value.messages)


def test_registration_writes_its_history_row_and_an_event_with_the_parties_masked(town_a):
    p = party(name="王小明")
    dispute = make_dispute(town_a, parties=[p])
    (step,) = DisputeStep.objects.filter(dispute=dispute)
    assert (step.action, step.label) == ("register", "登记")
    event = AuditEvent.objects.get(action="disputes.dispute.registered")
    assert event.target_id == str(dispute.pk)
    assert p["resident_id"] not in event.new_values and p["phone"] not in event.new_values
    assert json.loads(event.new_values)["parties"][0]["name"] == "王**"


def test_a_grid_workers_dispute_is_kept_on_their_grid_in_their_village(client, town_a):
    village = village_of(town_a)
    grid_user = grid_account(village)
    dispute = make_dispute(town_a, village=village, actor=grid_user)
    assert dispute.village == village and dispute.org_unit == grid_user.org_unit
    assert Dispute.objects.visible_to(grid_user).filter(pk=dispute.pk).exists()
    assert Dispute.objects.visible_to(mediator_account(town_a)).filter(pk=dispute.pk).exists()


def test_a_grid_worker_cannot_register_in_another_village(town_a):
    grid_user = grid_account(village_of(town_a))
    with pytest.raises(PermissionDenied):
        make_dispute(town_a, village=village_of(town_a), actor=grid_user)


def test_a_role_that_may_not_register_is_refused(town_a, leader):
    with pytest.raises(PermissionDenied):
        make_dispute(town_a, actor=leader)


def test_each_step_writes_its_history_row_and_its_audit_event(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.CLOSED)
    assert dispute.status == DisputeStatus.CLOSED and dispute.closed_on == dt.date(2023, 3, 22)
    assert list(dispute.steps.values_list("action", flat=True)) == [
        "register", "assign", "start", "resolve", "follow_up", "close",
    ]  # fmt: skip
    verbs = list(AuditEvent.objects.filter(target_id=str(dispute.pk), action__startswith="disputes.dispute.")
                 .order_by("seq").values_list("action", flat=True))  # fmt: skip
    assert verbs == [f"disputes.dispute.{v}" for v in
                     ("registered", "assigned", "mediation_started", "resolved", "visited", "closed")]  # fmt: skip


def test_closing_without_a_result_is_refused_naming_what_is_missing(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.MEDIATING)
    with pytest.raises(RuleError) as exc:
        actions.close_dispute(dispute, actor=mediator_account(town_a), on=dt.date(2023, 3, 20))
    assert exc.value.code == "close_incomplete"
    assert "调解结果" in str(exc.value) and "回访记录" in str(exc.value)
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.MEDIATING and dispute.closed_on is None


def test_closing_without_a_follow_up_visit_is_refused(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.RESOLVED, failed=True)
    with pytest.raises(RuleError) as exc:
        actions.close_dispute(dispute, actor=mediator_account(town_a), on=dt.date(2023, 3, 20))
    assert "回访记录" in str(exc.value) and "调解结果" not in str(exc.value)


def test_an_unresolved_dispute_records_its_referral(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.CLOSED, failed=True)
    assert dispute.referral == Referral.LITIGATION and dispute.outcome() == "调解不成"
    assert "引导诉讼" in dispute.steps.get(action="fail").note


def test_assigning_a_mediator_of_another_committee_is_refused(town_a):
    dispute = make_dispute(town_a)
    committee, _ = committee_with_mediators(town_a)
    stranger = make_mediator(make_committee(village_of(town_a)))
    with pytest.raises(RuleError) as exc:
        actions.assign_dispute(dispute, actor=mediator_account(town_a), committee=committee, mediators=[stranger],
                               on=dt.date(2023, 3, 2))  # fmt: skip
    assert exc.value.code == "mediator_elsewhere"


def test_assigning_another_towns_committee_is_refused(town_a, town_b):
    dispute = make_dispute(town_a)
    committee, mediators = committee_with_mediators(town_b)
    with pytest.raises(RuleError):
        actions.assign_dispute(dispute, actor=mediator_account(town_a), committee=committee, mediators=mediators,
                               on=dt.date(2023, 3, 2))  # fmt: skip


def test_a_step_dated_before_the_previous_one_is_refused(town_a):
    dispute = advance(make_dispute(town_a, registered_on=dt.date(2023, 3, 10)), DisputeStatus.ASSIGNED)
    with pytest.raises(RuleError) as exc:
        actions.start_mediation(dispute, actor=mediator_account(town_a), on=dt.date(2023, 3, 1))
    assert exc.value.code == "date_out_of_order"


def test_a_role_without_mediation_work_cannot_take_a_step(town_a, grid_worker_a):
    dispute = make_dispute(town_a)
    committee, mediators = committee_with_mediators(town_a)
    with pytest.raises(PermissionDenied):
        actions.assign_dispute(dispute, actor=grid_worker_a, committee=committee, mediators=mediators)


def _resolved(town, on=dt.date(2023, 5, 10), **kwargs):
    dispute = advance(make_dispute(town, registered_on=on - dt.timedelta(days=10)), DisputeStatus.MEDIATING)
    return actions.resolve_dispute(dispute, actor=mediator_account(town), agreement_form=AgreementForm.WRITTEN,
                                   agreement_text="甲方赔偿乙方800元。", on=on, **kwargs)  # fmt: skip


def test_judicial_confirmation_is_due_30_days_after_the_agreement(town_a):
    dispute = _resolved(town_a, confirmation_wanted=True)
    assert dispute.confirmation_due_on == dt.date(2023, 6, 9)
    deadline = Deadline.objects.get(object_id=str(dispute.pk), key="judicial_confirmation")
    assert deadline.due_date == dt.date(2023, 6, 9) and deadline.closed_at is None
    assert deadline.citation == "人民调解法第三十三条" and deadline.owner == mediator_account(town_a)


def test_a_due_date_on_a_holiday_moves_to_the_next_working_day(town_a):
    # 2023-03-06 + 30 days is 5 April, 清明节: the parties' period ends on the next working day.
    dispute = _resolved(town_a, on=dt.date(2023, 3, 6), confirmation_wanted=True)
    assert dispute.confirmation_due_on == dt.date(2023, 4, 6)


def test_the_deadline_closes_when_the_parties_apply_and_the_ruling_is_recorded(town_a):
    dispute = _resolved(town_a, confirmation_wanted=True)
    actor = mediator_account(town_a)
    dispute = actions.apply_confirmation(dispute, actor=actor, on=dt.date(2023, 5, 20))
    assert Deadline.objects.get(object_id=str(dispute.pk)).closed_at is not None
    dispute = actions.record_confirmation_result(dispute, actor=actor, result=ConfirmationResult.CONFIRMED,
                                                 on=dt.date(2023, 5, 30))  # fmt: skip
    assert (
        dispute.confirmation_result == ConfirmationResult.CONFIRMED
        and dispute.status == DisputeStatus.RESOLVED
    )
    assert dispute.confirmation_state() == "裁定确认有效"


def test_a_late_application_is_recorded_as_late(town_a):
    dispute = _resolved(town_a, confirmation_wanted=True)
    dispute = actions.apply_confirmation(dispute, actor=mediator_account(town_a), on=dt.date(2023, 6, 20))
    assert "超过三十日申请期限" in dispute.steps.get(action="apply_confirmation").note


def test_an_oral_agreement_cannot_go_for_judicial_confirmation(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.MEDIATING)
    with pytest.raises(RuleError) as exc:
        actions.resolve_dispute(dispute, actor=mediator_account(town_a), agreement_form=AgreementForm.ORAL,
                                agreement_text="双方口头约定互不追究", confirmation_wanted=True,
                                on=dt.date(2023, 3, 8))  # fmt: skip
    assert exc.value.code == "confirmation_needs_written_agreement" and "人民调解法第三十三条" in str(
        exc.value
    )


def test_a_ruling_needs_an_application_first(town_a):
    dispute = _resolved(town_a)
    with pytest.raises(RuleError) as exc:
        actions.record_confirmation_result(dispute, actor=mediator_account(town_a),
                                           result=ConfirmationResult.CONFIRMED, on=dt.date(2023, 5, 20))  # fmt: skip
    assert exc.value.code == "not_applied"


def test_a_failed_audit_event_saves_nothing(town_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        make_dispute(town_a)
    assert not Dispute.objects.exists() and not DisputeStep.objects.exists()


def test_editing_the_parties_records_them_masked_and_a_save_without_changes_records_nothing(town_a):
    dispute = make_dispute(town_a, parties=[party(name="李四")])
    actor = mediator_account(town_a)
    current = [{"kind": "individual", "name": "李四", "resident_id": p.resident_id, "phone": p.phone,
                "address": p.address} for p in dispute.parties.all()]  # fmt: skip
    actions.update_dispute(dispute, actor=actor, data={"summary": dispute.summary}, parties=current)
    assert not AuditEvent.objects.filter(action="disputes.dispute.changed").exists()
    actions.update_dispute(dispute, actor=actor, data={"risk_level": "high"},
                           parties=[*current, party(name="赵六")])  # fmt: skip
    event = AuditEvent.objects.get(action="disputes.dispute.changed")
    new = json.loads(event.new_values)
    assert new["risk_level"] == "high" and [p["name"] for p in new["parties"]] == ["李*", "赵*"]
    assert dispute.parties.count() == 2


def test_a_closed_dispute_no_longer_changes(town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.CLOSED)
    with pytest.raises(RuleError) as exc:
        actions.update_dispute(dispute, actor=mediator_account(town_a), data={"summary": "改写"})
    assert exc.value.code == "dispute_closed"


def test_revealing_the_parties_needs_the_permission_and_is_audited(town_a, grid_worker_a):
    p = party()
    dispute = make_dispute(town_a, parties=[p])
    with pytest.raises(PermissionDenied):
        actions.reveal_parties(dispute, actor=grid_worker_a)
    shown = actions.reveal_parties(dispute, actor=mediator_account(town_a))
    assert shown[0]["resident_id"] == p["resident_id"]
    assert (
        AuditEvent.objects.filter(action="disputes.dispute.pii_revealed", target_id=str(dispute.pk)).count()
        == 1
    )


def test_another_towns_mediator_cannot_take_a_step(town_a, town_b):
    dispute = make_dispute(town_a)
    stranger = user_with_role("mediator_b", "mediator", town_b)
    with pytest.raises(PermissionDenied):
        actions.start_mediation(dispute, actor=stranger)
