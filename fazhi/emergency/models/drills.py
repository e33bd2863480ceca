"""Emergency drills (应急演练): what was drilled, where, with how many people, and
the evaluation afterwards. A problem the evaluation finds is recorded here and
opens nothing by itself: whoever keeps the register decides what follows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import OrgScopedModel
from fazhi.emergency.choices import DrillKind
from fazhi.emergency.models.plans import VILLAGE_KINDS, EmergencyPlan

MAX_PARTICIPANTS = 100_000


def town_path(unit) -> str:
    """The path of the town a unit belongs to (the unit's own path above a town)."""
    town = unit.town
    return (town or unit).path


class Drill(OrgScopedModel):
    """A drill held by the town or one of its villages, counted by the annual report
    (report-figures.md row 12: drills held in the year)."""

    held_on = models.DateField("演练日期")
    title = models.CharField("演练名称", max_length=200)
    kind = models.CharField("演练类型", max_length=24, choices=DrillKind.choices)
    plan = models.ForeignKey(EmergencyPlan, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="drills", verbose_name="依据的应急预案")  # fmt: skip
    place = models.CharField("演练地点", max_length=200)
    village = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="所在村（社区）")  # fmt: skip
    organiser = models.CharField("组织单位", max_length=100)
    participants = models.PositiveIntegerField("参演人数")
    scenario = models.TextField("演练情景")
    went_well = models.TextField("评估：做得好的方面", blank=True)
    problems = models.TextField("评估：发现的问题", blank=True, help_text="记录在案，不会自动生成整改事项")
    improvements = models.TextField("评估：改进措施", blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "应急演练"
        verbose_name_plural = "应急演练"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "held_on"], name="emg_drill_org_held"),
            models.Index(fields=["org_unit", "kind", "held_on"], name="emg_drill_org_kind_held"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:drills-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = "演练日期不能晚于今天（本台账登记已开展的演练）"
        if self.participants is not None and self.participants > MAX_PARTICIPANTS:
            errors["participants"] = f"参演人数不超过{MAX_PARTICIPANTS}人"
        unit = self.org_unit if self.org_unit_id else None
        if unit is not None and (self.village_id or self.plan_id):
            own_town = town_path(unit)
            if self.village_id:
                village = self.village
                if village.kind not in VILLAGE_KINDS:
                    errors["village"] = "请选择村或社区"
                elif not village.path.startswith(own_town):
                    errors["village"] = "所选村（社区）不在本镇"
            if self.plan_id:
                plan_path = self.plan.org_unit.path
                if not (plan_path.startswith(own_town) or own_town.startswith(plan_path)):
                    errors["plan"] = "所选预案不是本镇或上级单位的预案"
        if errors:
            raise ValidationError(errors)

    def evaluation_state(self) -> str:
        if self.problems.strip():
            return "发现问题"
        return "已评估" if (self.went_well.strip() or self.improvements.strip()) else "未评估"
