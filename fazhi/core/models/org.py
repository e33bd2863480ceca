"""The org-unit tree and posts.

Chongqing's "141" grassroots system gives each town a command centre and four
boards (offices), and a grid network under its villages and communities.
Registers name a responsible post (岗位) rather than a person, because people
change posts and the duty stays with the post.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.choices import OrgKind
from fazhi.core.models.scoped import ScopedQuerySet

# Which kind of unit may sit under which: the tree mirrors the administration.
ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    OrgKind.COUNTY: (),
    OrgKind.TOWN: (OrgKind.COUNTY,),
    OrgKind.OFFICE: (OrgKind.TOWN,),
    OrgKind.VILLAGE: (OrgKind.TOWN,),
    OrgKind.COMMUNITY: (OrgKind.TOWN,),
    OrgKind.GRID: (OrgKind.VILLAGE, OrgKind.COMMUNITY, OrgKind.TOWN),
}


def _installation_admin(user) -> bool:
    """The installation's system and security administrators (no org unit) work on
    the whole tree: the first keeps it, the second places accounts in it. Neither
    sees register data: their roles hold no such permission."""
    return bool(
        user is not None and user.is_authenticated and user.org_unit_id is None
        and user.has_role("sysadmin", "secadmin")
    )  # fmt: skip


class OrgUnitQuerySet(ScopedQuerySet):
    def visible_to(self, user):  # an org unit is scoped by itself
        from fazhi.core.models.scoped import visible_unit_ids

        if _installation_admin(user):
            return self.all()
        return self.filter(id__in=visible_unit_ids(user))


class OrgUnit(models.Model):
    """A unit of the administration: county, town, the town's offices, villages,
    communities and grids. `path` holds the codes from the root, so that "this
    unit and everything under it" is one indexed prefix match."""

    kind = models.CharField("类型", max_length=16, choices=OrgKind.choices)
    code = models.CharField("代码", max_length=32, unique=True, help_text="统计用区划代码或自编代码")
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级单位",
    )
    path = models.CharField("路径", max_length=400, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "组织单位"
        verbose_name_plural = "组织单位"
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "path"], name="core_org_kind_path")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # A moved or re-coded unit carries its subtree along.
            for child in (
                OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).order_by("depth")
            ):
                child.save(update_fields=["path", "depth"])

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:org-units-detail", args=[self.pk])

    @property
    def org_unit(self) -> OrgUnit:
        """An org unit is scoped by its own place in the tree."""
        return self

    @property
    def org_unit_id(self) -> int | None:
        return self.pk

    def clean(self) -> None:
        allowed = ALLOWED_PARENTS.get(self.kind, ())
        if self.parent is None and allowed:
            raise ValidationError({"parent": f"{self.get_kind_display()}必须有上级单位"})
        if self.parent is not None:
            if self.parent.kind not in allowed:
                raise ValidationError(
                    {"parent": f"{self.get_kind_display()}不能设在{self.parent.get_kind_display()}之下"}
                )
            if self.pk and self.parent.path.startswith(self.path or "\0"):
                raise ValidationError({"parent": "上级单位不能是本单位或其下级单位"})

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.code}/"

    def is_visible_to(self, user) -> bool:
        if _installation_admin(user):
            return True
        if not (user and user.is_authenticated and user.org_unit_id):
            return False
        # The path the unit has, or will have once saved (a new parent moves it).
        path = self.compute_path() if self.code else self.path
        return bool(path) and path.startswith(user.org_unit_path)

    @property
    def town(self) -> OrgUnit | None:
        """The town this unit belongs to (itself if it is one)."""
        unit: OrgUnit | None = self
        while unit is not None and unit.kind != OrgKind.TOWN:
            unit = unit.parent
        return unit

    @staticmethod
    def paths_up(path: str) -> list[str]:
        """The materialised paths of a unit (given by its path) and of every unit above it."""
        parts = [p for p in path.strip("/").split("/") if p]
        return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]

    def ancestors(self) -> list[OrgUnit]:
        codes = [c for c in self.path.strip("/").split("/")][:-1]
        by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]


class Post(models.Model):
    """A post (岗位) in a town office of the "141" system, held by one or more
    people; registers name the post responsible for an item."""

    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="posts", verbose_name="所属单位"
    )
    code = models.CharField("岗位代码", max_length=32)
    name = models.CharField("岗位名称", max_length=100)
    duties = models.TextField("岗位职责", blank=True)
    holders = models.ManyToManyField("core.Person", blank=True, related_name="posts", verbose_name="在岗人员")
    is_active = models.BooleanField("启用", default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["org_unit__path", "code"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="core_post_unique_code")]

    def __str__(self) -> str:
        return f"{self.org_unit.name}·{self.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:posts-detail", args=[self.pk])

    def holder_names(self) -> str:
        # Reads the prefetched holders: the list page prefetches them in one query.
        return "、".join(p.name for p in self.holders.all())
