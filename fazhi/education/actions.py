"""Writes of the education registers. Each action is one transaction holding the
record and its audit event (education.<model>.<verb>), through the generic
create_record / update_record (scope check, validation, the event with personal
data masked)."""

from __future__ import annotations

from typing import Any

from fazhi.core import audit
from fazhi.core.registers.actions import create_record, update_record
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
)


@audit.audited
def record_study_session(*, actor: Any, data: dict[str, Any]) -> StudySession:
    return create_record(StudySession, actor=actor, data=data)


@audit.audited
def update_study_session(session: StudySession, *, actor: Any, data: dict[str, Any]) -> StudySession:
    return update_record(session, actor=actor, data=data)


def _with_constitution_day(data: dict[str, Any], current: OutreachEvent | None = None) -> dict[str, Any]:
    """An event held on 4 December is a Constitution Day event, whatever the box said;
    set here, before the write, so that the audit event shows the flag too."""
    held_on = data.get("held_on", getattr(current, "held_on", None))
    if held_on is not None and (held_on.month, held_on.day) == (12, 4):
        return {**data, "constitution_day": True}
    return data


@audit.audited
def record_outreach_event(*, actor: Any, data: dict[str, Any]) -> OutreachEvent:
    return create_record(OutreachEvent, actor=actor, data=_with_constitution_day(data))


@audit.audited
def update_outreach_event(event: OutreachEvent, *, actor: Any, data: dict[str, Any]) -> OutreachEvent:
    return update_record(event, actor=actor, data=_with_constitution_day(data, event))


@audit.audited
def record_legal_service(*, actor: Any, data: dict[str, Any]) -> LegalServiceRecord:
    return create_record(LegalServiceRecord, actor=actor, data=data)


@audit.audited
def update_legal_service(
    record: LegalServiceRecord, *, actor: Any, data: dict[str, Any]
) -> LegalServiceRecord:
    return update_record(record, actor=actor, data=data)


@audit.audited
def add_roster_member(*, actor: Any, data: dict[str, Any]) -> RosterMember:
    return create_record(RosterMember, actor=actor, data=data)


@audit.audited
def update_roster_member(member: RosterMember, *, actor: Any, data: dict[str, Any]) -> RosterMember:
    return update_record(member, actor=actor, data=data)


@audit.audited
def record_training(*, actor: Any, data: dict[str, Any]) -> StaffTraining:
    return create_record(StaffTraining, actor=actor, data=data)


@audit.audited
def update_training(training: StaffTraining, *, actor: Any, data: dict[str, Any]) -> StaffTraining:
    return update_record(training, actor=actor, data=data)
