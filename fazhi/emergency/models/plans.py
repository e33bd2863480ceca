"""Contingency plans (应急预案) and their versions.

A plan is kept by the town (镇级) or by a village or community (村（社区）级). The
record holds the version in force; every version ever approved is a `PlanVersion`
row, written by the plan's actions, so that the revision history cannot drift
from the plan. A plan in force is due for revision a number of years after its
last revision (`revision_years`, three by default, set per plan); that due date is
a deadline on the workbench of the post responsible for the plan."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.core.models.scoped import ScopedQuerySet
from fazhi.emergency.choices import PlanCategory, PlanLevel, PlanStatus

DEFAULT_REVISION_YEARS = 3
MAX_REVISION_YEARS = 10
SOON_DAYS = 30  # a revision due within this many days is "即将到期"
VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
TOWN_KINDS = (OrgKind.TOWN, OrgKind.OFFICE)


class EmergencyPlan(OrgScopedModel):
    """A contingency plan for one kind of emergency, at town or village level."""

    category = models.CharField("预案类别", max_length=20, choices=PlanCategory.choices)
    name = models.CharField("预案名称", max_length=200)
    level = models.CharField("预案层级", max_length=10, choices=PlanLevel.choices)
    version = models.CharField(
        "现行版本号", max_length=30, help_text="如“2023版”；填写新的版本号即登记一次修订"
    )
    revised_on = models.DateField("最近修订日期", help_text="现行版本的批准（印发）日期")
    approved_by = models.CharField("批准单位", max_length=100, help_text="如“江口镇人民政府”")
    changes = models.TextField("本版修订内容", blank=True, help_text="首次制定的可不填")
    revision_years = models.PositiveSmallIntegerField(
        "修订周期（年）",
        default=DEFAULT_REVISION_YEARS,
        validators=[
            MinValueValidator(1, "修订周期至少1年"),
            MaxValueValidator(MAX_REVISION_YEARS, f"修订周期不超过{MAX_REVISION_YEARS}年"),
        ],
        help_text="自最近修订日期起算，到期应修订",
    )
    next_revision_due = models.DateField("下次修订期限", editable=False)
    status = models.CharField("状态", max_length=12, choices=PlanStatus.choices, default=PlanStatus.IN_FORCE)
    post = models.ForeignKey(
        "core.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="责任岗位",
        help_text="修订提醒发给该岗位的人员，如应急管理岗",
    )
    note = models.TextField("备注", blank=True)

    DEADLINES = [
        DeadlineSpec(
            "revise",
            "修订应急预案",
            due=lambda p: p.next_revision_due,
            done=lambda p: p.status != PlanStatus.IN_FORCE,
            post=lambda p: p.post,
        ),
    ]

    class Meta:
        verbose_name = "应急预案"
        verbose_name_plural = "应急预案"
        ordering = ["category", "name", "id"]
        indexes = [
            models.Index(fields=["org_unit", "category"], name="emg_plan_org_category"),
            models.Index(fields=["org_unit", "next_revision_due"], name="emg_plan_org_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "name"],
                condition=Q(status=PlanStatus.IN_FORCE),
                name="emg_plan_unique_name_in_force",
                violation_error_message="本单位已有同名的现行有效预案",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"

    def get_absolute_url(self) -> str:
        return reverse("emergency:plans-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.revised_on and self.revised_on > timezone.localdate():
            errors["revised_on"] = "修订日期不能晚于今天"
        unit = self.org_unit if self.org_unit_id else None
        if unit is not None and self.level == PlanLevel.VILLAGE and unit.kind not in VILLAGE_KINDS:
            errors["level"] = "村（社区）级预案应登记在所属村（社区）下"
        if unit is not None and self.level == PlanLevel.TOWN and unit.kind not in TOWN_KINDS:
            errors["level"] = "镇级预案应登记在镇或镇内设机构下"
        if errors:
            raise ValidationError(errors)

    def revision_state(self, today=None) -> str:
        """What the list shows of the revision due date: 已逾期, 即将到期 (within
        SOON_DAYS), 未到期, or 不适用 for a plan no longer in force."""
        if self.status != PlanStatus.IN_FORCE:
            return "不适用"
        today = today or timezone.localdate()
        if self.next_revision_due < today:
            return "已逾期"
        if (self.next_revision_due - today).days <= SOON_DAYS:
            return "即将到期"
        return "未到期"


class PlanVersionQuerySet(ScopedQuerySet):
    """A version belongs to its plan's unit: no copy of the unit is kept on the row."""

    scope_field = "plan__org_unit"


class PlanVersion(models.Model):
    """One approved version of a plan: its number, when and by whom it was approved,
    what changed, and the text as a file (an attachment of the plan)."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="versions",
                             verbose_name="应急预案")  # fmt: skip
    number = models.CharField("版本号", max_length=30)
    approved_on = models.DateField("批准日期")
    approved_by = models.CharField("批准单位", max_length=100)
    changes = models.TextField("修订内容", blank=True)
    file = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="预案文本")  # fmt: skip
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "预案版本"
        verbose_name_plural = "预案版本"
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="emg_planversion_unique_number",
                violation_error_message="该预案已有此版本号",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} {self.number}"

    @property
    def org_unit_id(self) -> int | None:
        return self.plan.org_unit_id if self.plan_id else None

    def is_visible_to(self, user) -> bool:
        return self.plan_id is not None and self.plan.is_visible_to(user)
