"""Every write to the core registers. Views, the API, importers and the CLI
call these; none of them saves a record itself."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import audit
from fazhi.core.models import OrgUnit, Person
from fazhi.core.registers.actions import create_record, update_record


def create_person(*, actor: Any, data: dict[str, Any]) -> Person:
    return create_record(Person, actor=actor, data=data)


def update_person(person: Person, *, actor: Any, data: dict[str, Any]) -> Person:
    return update_record(person, actor=actor, data=data)


@audit.audited
def reveal_person_pii(person: Person, *, actor: Any) -> dict[str, str]:
    """Show a person's ID number, phone and address in full. Its own permission,
    and an audit event every time (GB/T 22239 8.1.4.11)."""
    if not actor.has_perm("core.reveal_person_pii") or not person.is_visible_to(actor):
        raise PermissionDenied("无权查看完整个人信息")
    audit.record(
        actor=actor,
        action="core.person.pii_revealed",
        target=person,
        new={"fields": ["resident_id", "phone", "address"]},
    )
    return {"resident_id": person.resident_id, "phone": person.phone, "address": person.address}


def create_org_unit(*, actor: Any, data: dict[str, Any]) -> OrgUnit:
    return create_record(OrgUnit, actor=actor, data=data)


def update_org_unit(unit: OrgUnit, *, actor: Any, data: dict[str, Any]) -> OrgUnit:
    return update_record(unit, actor=actor, data=data)
