"""Special campaigns and their problem categories, written together: the
categories are part of the campaign's record and of its audit events."""

from __future__ import annotations

from typing import Any

from fazhi.core import audit
from fazhi.core.registers.actions import action_name, clean_record, ensure_in_scope
from fazhi.law import RuleError
from fazhi.oversight.models import Campaign, CampaignCategory


def _check_names(names: list[str]) -> list[str]:
    cleaned = [n.strip() for n in names if n and n.strip()]
    if len(set(cleaned)) != len(cleaned):
        raise RuleError("问题类别名称不能重复", code="category_duplicate")
    if any(len(n) > 60 for n in cleaned):
        raise RuleError("问题类别名称不超过60个字", code="category_too_long")
    return cleaned


def _set_categories(campaign: Campaign, names: list[str]) -> None:
    """Make the campaign's categories exactly `names`, in that order. A category
    that problems are filed under cannot go: rename means remove and add."""
    existing = {c.name: c for c in campaign.categories.all()}
    removed = [c for name, c in existing.items() if name not in names]
    in_use = [c.name for c in removed if c.rectifications.exists()]
    if in_use:
        raise RuleError(f"问题类别“{'、'.join(in_use)}”下已有整改事项，不能删除", code="category_in_use")
    for c in removed:
        c.delete()
    for position, name in enumerate(names, start=1):
        category = existing.get(name)
        if category is None:
            CampaignCategory.objects.create(campaign=campaign, name=name, position=position)
        elif category.position != position:
            category.position = position
            category.save(update_fields=["position"])


@audit.audited
def create_campaign(*, actor: Any, data: dict[str, Any]) -> Campaign:
    data = dict(data)
    names = _check_names(data.pop("categories", None) or [])
    campaign = Campaign(**data)
    ensure_in_scope(actor, campaign)
    clean_record(campaign)
    campaign.save()
    _set_categories(campaign, names)
    audit.record(actor=actor, action=action_name(Campaign, "created"), target=campaign,
                 new={**audit.snapshot(campaign), "categories": names})  # fmt: skip
    return campaign


@audit.audited
def update_campaign(campaign: Campaign, *, actor: Any, data: dict[str, Any]) -> Campaign:
    """Apply `data`; `categories` (a list of names), when given, replaces the
    categories. Nothing changed, nothing written (an unchanged import row)."""
    data = dict(data)
    names = data.pop("categories", None)
    ensure_in_scope(actor, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before, before_names = audit.raw_values(campaign), campaign.category_names()
    for name, value in data.items():
        setattr(campaign, name, value)
    ensure_in_scope(actor, campaign)
    changed = audit.changed_fields(before, audit.raw_values(campaign))
    names = None if names is None else _check_names(names)
    names_changed = names is not None and names != before_names
    campaign.fazhi_changed = bool(changed or names_changed)
    if not campaign.fazhi_changed:
        return campaign
    clean_record(campaign)
    campaign.save()
    old = {k: v for k, v in audit.snapshot(campaign, before).items() if k in changed}
    new = {k: v for k, v in audit.snapshot(campaign).items() if k in changed}
    if names_changed:
        _set_categories(campaign, names)
        old["categories"], new["categories"] = before_names, names
    audit.record(actor=actor, action=action_name(Campaign, "changed"), target=campaign, old=old, new=new)
    return campaign
