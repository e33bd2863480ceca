"""Scoping by org unit: the one rule for who sees which record.

A user sees the records of their own org unit and of every unit below it: a
town's staff see the town, its offices and villages; county staff see their
towns. Another town's record is simply absent, so views answer 404 for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from fazhi.core.models.user import User


def visible_unit_ids(user: User | None) -> models.QuerySet:
    """Ids of the org units a user may see, as a subquery (never a Python list)."""
    from fazhi.core.models.org import OrgUnit

    if user is None or not user.is_authenticated or not user.is_active or user.org_unit_id is None:
        return OrgUnit.objects.none().values("id")
    return OrgUnit.objects.filter(path__startswith=user.org_unit_path).values("id")


class ScopedQuerySet(models.QuerySet):
    scope_field = "org_unit"

    def visible_to(self, user: User | None) -> ScopedQuerySet:
        return self.filter(**{f"{self.scope_field}__in": visible_unit_ids(user)})


class OrgScopedModel(models.Model):
    """A register row that belongs to an org unit (a town, or a unit under it)."""

    org_unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属单位"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user: User | None) -> bool:
        if user is None or not user.is_authenticated or user.org_unit_id is None:
            return False
        return self.org_unit.path.startswith(user.org_unit_path)
