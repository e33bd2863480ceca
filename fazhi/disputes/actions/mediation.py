"""Writes of the mediation organisations and the monthly screening rounds. Each is one
transaction with one audit event (disputes.<model>.<verb>).

- Committees and rooms: the generic create and update.
- Mediators: the mediator's unit is always the committee's.
- Screening rounds: opening a round for a month makes one empty result row for
  each active village and community of the town; `record_results` fills or
  corrects rows; `finish_round` closes the round once every village has reported
  (0 counts as a report)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit
from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.registers.actions import (
    action_date,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningResult, ScreeningRound
from fazhi.law import RuleError

RESULT_FIELDS = ("found", "resolved_on_spot", "high_risk", "reported_on", "reporter", "note")
VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
CHANGE_ROUND = "disputes.change_screeninground"


# -- committees and rooms ------------------------------------------------------------------


@audit.audited
def create_committee(*, actor: Any, data: dict[str, Any]) -> MediationCommittee:
    return create_record(MediationCommittee, actor=actor, data=data)


@audit.audited
def update_committee(
    committee: MediationCommittee, *, actor: Any, data: dict[str, Any]
) -> MediationCommittee:
    return update_record(committee, actor=actor, data=data)


@audit.audited
def create_room(*, actor: Any, data: dict[str, Any]) -> MediationRoom:
    return create_record(MediationRoom, actor=actor, data=data)


@audit.audited
def update_room(room: MediationRoom, *, actor: Any, data: dict[str, Any]) -> MediationRoom:
    return update_record(room, actor=actor, data=data)


# -- mediators -----------------------------------------------------------------------------


def _with_committee_unit(data: dict[str, Any], current: Mediator | None = None) -> dict[str, Any]:
    """A mediator belongs to the unit of their committee, whatever the data says."""
    committee = data.get("committee") or (current.committee if current is not None else None)
    if committee is None:
        return data
    return {**data, "org_unit": committee.org_unit}


@audit.audited
def create_mediator(*, actor: Any, data: dict[str, Any]) -> Mediator:
    return create_record(Mediator, actor=actor, data=_with_committee_unit(data))


@audit.audited
def update_mediator(mediator: Mediator, *, actor: Any, data: dict[str, Any]) -> Mediator:
    return update_record(mediator, actor=actor, data=_with_committee_unit(data, mediator))


# -- screening rounds ----------------------------------------------------------------------


def villages_of(town: OrgUnit):
    """The active villages and communities of a town, in the tree's order."""
    return OrgUnit.objects.filter(
        path__startswith=town.path, kind__in=VILLAGE_KINDS, is_active=True
    ).order_by("path")


@audit.audited
def open_round(*, actor: Any, data: dict[str, Any]) -> ScreeningRound:
    """Open the town's round for a month, with one empty result row per village and
    community. Without a start date, the round starts on the month's first day."""
    data = {**data, "started_on": data.get("started_on") or data.get("month")}
    screening = create_record(ScreeningRound, actor=actor, data=data)
    rows = [ScreeningResult(round=screening, village=v) for v in villages_of(screening.org_unit)]
    ScreeningResult.objects.bulk_create(rows)
    return screening


@audit.audited
def update_round(screening: ScreeningRound, *, actor: Any, data: dict[str, Any]) -> ScreeningRound:
    """Edit the round itself (month, start, notes). Its town does not change: the rows
    are its villages'."""
    unit = data.get("org_unit")
    if unit is not None and unit.pk != screening.org_unit_id:
        raise ValidationError({"org_unit": "排查已按本镇的村（社区）生成结果，不能更改所属镇"})
    if "started_on" in data and data["started_on"] is None:
        data = {**data, "started_on": data.get("month") or screening.month}
    return update_record(screening, actor=actor, data=data)


def _locked(screening: ScreeningRound, actor: Any) -> ScreeningRound:
    if not actor.has_perm(CHANGE_ROUND):
        raise PermissionDenied("您的角色不能填报矛盾纠纷排查结果")
    ensure_in_scope(actor, screening)
    return ScreeningRound.objects.select_for_update().select_related("org_unit").get(pk=screening.pk)


def _village_id(value: Any) -> int | None:
    if isinstance(value, OrgUnit):
        return value.pk
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@audit.audited
def record_results(
    screening: ScreeningRound, *, actor: Any, results: Iterable[dict[str, Any]]
) -> ScreeningRound:
    """Fill in or correct villages' results. Each item names its `village` (a unit or
    its id) and any of found, resolved_on_spot, high_risk, reported_on, reporter and
    note; a found given without a report date is reported today. A found of None
    takes the village's report back. Rows left out keep their values. Nothing is
    written if any row is wrong; each problem names its village."""
    screening = _locked(screening, actor)
    if screening.is_finished:
        raise RuleError("本轮排查已完成，结果不能再修改", code="round_finished")
    rows = {r.village_id: r for r in screening.results.select_related("village")}
    today = action_date(None)
    errors: list[str] = []
    changed: list[tuple[ScreeningResult, dict, dict]] = []
    for item in results:
        row = rows.get(_village_id(item.get("village")))
        if row is None:
            errors.append(f"“{item.get('village')}”不是本轮排查的村（社区）")
            continue
        before = {f: audit._plain(getattr(row, f)) for f in RESULT_FIELDS}
        for name in RESULT_FIELDS:
            if name in item:
                value = item[name]
                if name in ("resolved_on_spot", "high_risk") and value is None:
                    value = 0
                if name in ("reporter", "note"):
                    value = (value or "").strip()
                setattr(row, name, value)
        if row.found is None:
            row.reported_on = None
        elif row.reported_on is None:
            row.reported_on = today
        if row.reported_on is not None and row.reported_on > today:
            errors.append(f"{row.village.name}：上报日期不能晚于今天")
            continue
        try:
            clean_record(row, exclude=("round", "village"))
        except ValidationError as exc:
            errors.append(f"{row.village.name}：{'；'.join(exc.messages)}")
            continue
        after = {f: audit._plain(getattr(row, f)) for f in RESULT_FIELDS}
        if after != before:
            old = {k: v for k, v in before.items() if after[k] != v}
            changed.append((row, old, {k: after[k] for k in old}))
    if errors:
        raise ValidationError(errors)
    if not changed:
        return screening
    for row, _, _ in changed:
        row.save(update_fields=list(RESULT_FIELDS))
    audit.record(
        actor=actor,
        action="disputes.screeninground.results_recorded",
        target=screening,
        old={row.village.name: old for row, old, _ in changed},
        new={row.village.name: new for row, _, new in changed},
    )
    return screening


def unreported(screening: ScreeningRound) -> list[str]:
    """The names of the villages that have not reported in the round."""
    return list(
        screening.results.filter(found__isnull=True)
        .order_by("village__path")
        .values_list("village__name", flat=True)
    )


@audit.audited
def finish_round(screening: ScreeningRound, *, actor: Any, on: dt.date | None = None) -> ScreeningRound:
    """Close the round. Refused while any village has not reported (a village that
    found none reports 0)."""
    screening = _locked(screening, actor)
    if screening.is_finished:
        raise RuleError("本轮排查已经完成", code="round_finished")
    missing = unreported(screening)
    if missing:
        shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
        raise RuleError(
            f"还有{len(missing)}个村（社区）未上报排查结果：{shown}。没有发现矛盾纠纷的也应上报“0”（无），"
            "全部上报后才能完成本轮排查",
            code="villages_not_reported",
        )
    finished_on = action_date(on, "完成日期")
    if finished_on < screening.started_on:
        raise RuleError("完成日期不能早于开始日期", code="finished_before_start")
    old = {"finished_on": None}
    screening.finished_on = finished_on
    clean_record(screening)
    screening.save(update_fields=["finished_on", "updated_at"])
    audit.record(
        actor=actor,
        action="disputes.screeninground.completed",
        target=screening,
        old=old,
        new={"finished_on": audit._plain(finished_on)},
    )
    return screening
