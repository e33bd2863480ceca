"""The supervision flags' actions: the scan that raises them, and the legal
reviewer's handling of one (confirm or dismiss, with a note).

A scan runs every model over a unit and creates a flag for each record hit that
no flag of the same model names yet, whatever that flag's status: a dismissed
flag stays dismissed, it is not raised again the next night. The scan is one
transaction; it writes one audit event per flag it creates
(reports.supervisionflag.created, the flag as target), so that each flag's
history in the audit log runs from its creation to its handling, and a night
with nothing new adds nothing to the town's chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import OrgUnit
from fazhi.core.registers.actions import ensure_in_scope
from fazhi.law import RuleError
from fazhi.reports.choices import FlagStatus
from fazhi.reports.models import SupervisionFlag
from fazhi.reports.supervision import rules

HANDLE_PERMISSION = "reports.handle_supervisionflag"
NOTE_MAX = 2000


@dataclass
class ScanResult:
    """What a scan found: per model, the records hit and the flags newly created."""

    unit: OrgUnit
    today: dt.date
    hits: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def _url(record: models.Model) -> str:
    from django.urls import NoReverseMatch

    try:
        return record.get_absolute_url()[:300]
    except (AttributeError, NoReverseMatch):  # a record without a page
        return ""


def _merged(hits: list[rules.Hit]) -> list[rules.Hit]:
    """One hit per record: a model that reaches a record twice says both reasons."""
    by_key: dict[tuple, rules.Hit] = {}
    for hit in hits:
        key = (hit.record._meta.label_lower, hit.record.pk)
        if key in by_key:
            by_key[key] = rules.Hit(hit.record, f"{by_key[key].reason}；{hit.reason}")
        else:
            by_key[key] = hit
    return list(by_key.values())


@audit.audited
def scan(unit: OrgUnit, *, today: dt.date | None = None, actor: Any = None,
         models_: tuple[rules.SupervisionModel, ...] | None = None) -> ScanResult:  # fmt: skip
    """Run every model (or `models_`) over `unit` and its subtree as of `today` and
    flag what no flag of the model names yet. `actor` None is the nightly job; a
    person scanning needs the handling permission and the unit in their scope."""
    today = today or timezone.localdate()
    if actor is not None:
        if not actor.has_perm(HANDLE_PERMISSION):
            raise PermissionDenied("您的角色不能进行监督预警扫描")
        ensure_in_scope(actor, unit)
    result = ScanResult(unit, today)
    for model in models_ or rules.MODELS:
        hits = _merged(rules.run(model, unit, today))
        result.hits[model.code] = len(hits)
        result.created[model.code] = _flag(model, hits, today, actor)
    return result


def _flag(model: rules.SupervisionModel, hits: list[rules.Hit], today: dt.date, actor: Any) -> int:
    if not hits:
        return 0
    types = {id(h): ContentType.objects.get_for_model(h.record) for h in hits}
    already = set(
        SupervisionFlag.objects.filter(
            model_code=model.code,
            content_type__in={t.pk for t in types.values()},
            object_id__in={str(h.record.pk) for h in hits},
        ).values_list("content_type_id", "object_id")
    )
    created = 0
    for hit in hits:
        content_type = types[id(hit)]
        if (content_type.pk, str(hit.record.pk)) in already:
            continue
        flag = SupervisionFlag.objects.create(
            org_unit_id=hit.record.org_unit_id, model_code=model.code, content_type=content_type,
            object_id=str(hit.record.pk), target_label=str(hit.record)[:200], url=_url(hit.record),
            reason=hit.reason, detected_on=today,
        )  # fmt: skip
        audit.record(actor=actor, action="reports.supervisionflag.created", target=flag,
                     new={"model_code": model.code, "record": f"{content_type.app_label}.{content_type.model}:"
                                                            f"{hit.record.pk}",
                          "reason": hit.reason, "detected_on": today.isoformat()})  # fmt: skip
        created += 1
    return created


# -- handling a flag ---------------------------------------------------------------------


def _handle(flag: SupervisionFlag, status: str, *, actor: Any, note: str) -> SupervisionFlag:
    if not actor.has_perm(HANDLE_PERMISSION):
        raise PermissionDenied("您的角色不能核实处理监督预警")
    ensure_in_scope(actor, flag)
    locked = SupervisionFlag.objects.select_for_update().get(pk=flag.pk)
    verb = "确认" if status == FlagStatus.CONFIRMED else "排除"
    if locked.status != FlagStatus.OPEN:
        raise RuleError(f"该预警已{locked.get_status_display()}，不能再{verb}", code="flag_handled")
    note = (note or "").strip()
    if status == FlagStatus.DISMISSED and not note:
        raise RuleError("排除预警须说明理由（核实情况）", code="note_required")
    if len(note) > NOTE_MAX:
        raise RuleError(f"处理说明不能超过{NOTE_MAX}字", code="note_too_long")
    old = {"status": locked.status}
    locked.status, locked.note = status, note
    locked.handled_by, locked.handled_on = actor, timezone.localdate()
    locked.save(update_fields=["status", "note", "handled_by", "handled_on", "updated_at"])
    audit.record(actor=actor, action=f"reports.supervisionflag.{status}", target=locked, old=old,
                 new={"status": status, "note": note, "handled_on": locked.handled_on.isoformat()},
                 message=note[:500])  # fmt: skip
    return locked


@audit.audited
def confirm(flag: SupervisionFlag, *, actor: Any, note: str = "") -> SupervisionFlag:
    """待核实 → 已确认: the pattern is real and is followed up (the note says how)."""
    return _handle(flag, FlagStatus.CONFIRMED, actor=actor, note=note)


@audit.audited
def dismiss(flag: SupervisionFlag, *, actor: Any, note: str) -> SupervisionFlag:
    """待核实 → 已排除: the pattern has a good explanation, which the note gives (required)."""
    return _handle(flag, FlagStatus.DISMISSED, actor=actor, note=note)


HANDLERS = {"confirm": confirm, "dismiss": dismiss}


def handle(flag: SupervisionFlag, action: str, *, actor: Any, note: str = "") -> SupervisionFlag:
    """Confirm or dismiss by name, as the page and the API do."""
    if action not in HANDLERS:
        raise RuleError("未知的处理方式", code="unknown_action")
    return HANDLERS[action](flag, actor=actor, note=note)


# -- hit counts ------------------------------------------------------------------------------


def counts(flags: models.QuerySet, year: int) -> list[dict[str, Any]]:
    """Per model: its flags detected in `year` among `flags` (a scoped queryset),
    total and by status. One query."""
    from django.db.models import Count

    rows = (
        flags.filter(detected_on__gte=dt.date(year, 1, 1), detected_on__lte=dt.date(year, 12, 31))
        .values("model_code", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_model: dict[str, dict[str, int]] = {}
    for row in rows:
        by_model.setdefault(row["model_code"], {})[row["status"]] = row["n"]
    out = []
    for model in rules.MODELS:
        found = by_model.get(model.code, {})
        out.append({
            "model": model,
            "thresholds": [(p, p.text) for p in model.thresholds()],
            "total": sum(found.values()),
            **{status: found.get(status, 0) for status in FlagStatus.values},
        })  # fmt: skip
    return out
