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


class UnitIds(models.Subquery):
    """A subquery of org unit ids for `org_unit__in=`, written so that PostgreSQL
    probes the register's (org_unit, ...) index once per unit.

    With a plain `IN (SELECT id FROM core_orgunit WHERE path LIKE ...)` the planner
    guesses how many rows each unit has from the table's average per distinct
    unit; once a database holds many towns, whose records all sit on a few units
    each, that guess is thousands of rows a unit, and it scans the whole table
    (70 ms for one town's cases among 41 towns' 228,000, bench/report_scale.py).
    `IN (SELECT unnest(ARRAY(...)))` hides the units from that guess: the ids are
    computed first and each is looked up in the index (5 ms). SQLite plans the
    plain subquery well, and gets it unchanged."""

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        return f"(SELECT unnest(ARRAY{sql}))", params


def subtree_ids(path: str) -> UnitIds:
    """Ids of the org unit at `path` and of every unit below it, as a subquery
    (never a Python list: one round trip, whatever the size of the tree)."""
    from fazhi.core.models.org import OrgUnit

    return UnitIds(OrgUnit.objects.filter(path__startswith=path).order_by().values("id"))


def visible_unit_ids(user: User | None) -> models.Subquery:
    """Ids of the org units a user may see, as a subquery (never a Python list)."""
    from fazhi.core.models.org import OrgUnit

    if user is None or not user.is_authenticated or not user.is_active or user.org_unit_id is None:
        return UnitIds(OrgUnit.objects.none().values("id"))
    return subtree_ids(user.org_unit_path)


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
