"""Emergency teams (应急队伍): the town's militia team (民兵应急分队), the village and
community teams and the specialist teams, with their members and equipment.

Members and equipment belong to their team's unit: no copy of the unit is kept on
their rows, so a team moved to another unit takes them along. Phones are personal
data: masked in lists, exports, API reads and audit events."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.models import OrgScopedModel
from fazhi.core.models.scoped import ScopedQuerySet
from fazhi.core.validators import validate_phone
from fazhi.emergency.choices import MemberRole, TeamKind
from fazhi.emergency.models.plans import TOWN_KINDS, VILLAGE_KINDS

MAX_QUANTITY = 1_000_000


class EmergencyTeam(OrgScopedModel):
    """A standing team that turns out in an emergency."""

    PII_FIELDS = {"leader_phone": masking.mask_phone}

    kind = models.CharField("队伍类型", max_length=12, choices=TeamKind.choices)
    name = models.CharField("队伍名称", max_length=100)
    leader = models.CharField("队长", max_length=50)
    leader_phone = models.CharField("队长电话", max_length=32, blank=True, validators=[validate_phone])
    duties = models.TextField("主要任务", blank=True)
    founded_on = models.DateField("组建日期", null=True, blank=True)
    is_active = models.BooleanField("在册", default=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "应急队伍"
        verbose_name_plural = "应急队伍"
        ordering = ["kind", "name", "id"]
        indexes = [models.Index(fields=["org_unit", "kind"], name="emg_team_org_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"],
                name="emg_team_unique_name",
                violation_error_message="本单位已有同名的应急队伍",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emergency:teams-detail", args=[self.pk])

    def clean(self) -> None:
        unit = self.org_unit if self.org_unit_id else None
        if unit is None:
            return
        if self.kind == TeamKind.VILLAGE and unit.kind not in VILLAGE_KINDS:
            raise ValidationError({"kind": "村（社区）应急队应登记在所属村（社区）下"})
        if self.kind == TeamKind.MILITIA and unit.kind not in TOWN_KINDS:
            raise ValidationError({"kind": "民兵应急分队应登记在镇或镇内设机构下"})
        if self.founded_on and self.founded_on > timezone.localdate():
            raise ValidationError({"founded_on": "组建日期不能晚于今天"})

    def member_count(self) -> int:
        """Members still in the team (read from the prefetched members on a list)."""
        return sum(1 for m in self.members.all() if m.is_active)


class TeamPartQuerySet(ScopedQuerySet):
    scope_field = "team__org_unit"


class _TeamPart(models.Model):
    """Something that belongs to a team and is scoped by the team's unit."""

    objects = TeamPartQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def org_unit_id(self) -> int | None:
        """The team's unit: audit events of the row go to the team's town."""
        return self.team.org_unit_id if self.team_id else None

    @property
    def org_unit(self):
        return self.team.org_unit if self.team_id else None

    def is_visible_to(self, user) -> bool:
        return self.team_id is not None and self.team.is_visible_to(user)


class TeamMember(_TeamPart):
    """A member of a team: name, role in the team and phone."""

    PII_FIELDS = {"phone": masking.mask_phone}

    team = models.ForeignKey(EmergencyTeam, on_delete=models.PROTECT, related_name="members",
                             verbose_name="应急队伍")  # fmt: skip
    name = models.CharField("姓名", max_length=50)
    role = models.CharField("队内职务", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    skills = models.CharField("专长", max_length=100, blank=True)
    is_active = models.BooleanField("在队", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "应急队员"
        verbose_name_plural = "应急队员"
        ordering = ["team", "role", "name", "id"]
        indexes = [models.Index(fields=["team", "name"], name="emg_member_team_name")]

    def __str__(self) -> str:
        return f"{self.team.name}·{self.name}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:members-detail", args=[self.pk])


class TeamEquipment(_TeamPart):
    """An item of a team's equipment: how many, where it is kept, when last checked."""

    team = models.ForeignKey(EmergencyTeam, on_delete=models.PROTECT, related_name="equipment",
                             verbose_name="应急队伍")  # fmt: skip
    item = models.CharField("装备物资名称", max_length=100)
    quantity = models.PositiveIntegerField("数量")
    unit = models.CharField("计量单位", max_length=10, blank=True, help_text="如台、套、件、个")
    location = models.CharField("存放地点", max_length=200)
    checked_on = models.DateField("最近检查日期", null=True, blank=True)
    in_order = models.BooleanField("状态完好", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "应急装备物资"
        verbose_name_plural = "应急装备物资"
        ordering = ["team", "item", "id"]
        indexes = [models.Index(fields=["team", "item"], name="emg_equipment_team_item")]

    def __str__(self) -> str:
        return f"{self.team.name}·{self.item}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:equipment-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = "检查日期不能晚于今天"
        if self.quantity is not None and self.quantity > MAX_QUANTITY:
            errors["quantity"] = f"数量不超过{MAX_QUANTITY}"
        if errors:
            raise ValidationError(errors)
