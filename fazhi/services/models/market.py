"""Market entities registered in the town (市场主体登记) and the town's visits to
enterprises (走访服务企业).

The registration itself is made by the county's market regulation bureau; the
town keeps a copy of it, imported from the county's export, to serve the
entities and to report how many were registered in a year (the annual report on
rule-of-law government building counts them: report-figures.md row 2)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.core.validators import validate_uscc
from fazhi.services.choices import EntityStatus, EntityType, VisitState

USCC_STANDARD = "GB 32100-2015"
VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
# GB 32100-2015 table 1: under the registration authority "9" (industry and
# commerce, now market regulation) the second character is the entity's category.
MARKET_CATEGORY = {"1": EntityType.ENTERPRISE, "2": EntityType.INDIVIDUAL, "3": EntityType.COOPERATIVE}
USCC_TAKEN = "该统一社会信用代码已经登记，同一市场主体不能重复登记"


def normalize_uscc(value: object) -> str:
    """A credit code as typed or exported (spaces, lowercase letters) in the standard's form."""
    return "" if value is None else "".join(str(value).split()).upper()


def uscc_type_error(code: str, entity_type: str) -> str | None:
    """A code issued by market regulation whose category character says another
    type of entity than the one recorded; None when they agree or cannot be told."""
    if len(code) != 18 or code[0] != "9" or entity_type not in MARKET_CATEGORY.values():
        return None
    category = MARKET_CATEGORY.get(code[1])
    if category is None or category == entity_type:
        return None
    return (
        f"统一社会信用代码第2位“{code[1]}”表示{category.label}，与主体类型“{EntityType(entity_type).label}”不符"
        f"（{USCC_STANDARD}）"
    )


class MarketEntity(OrgScopedModel):
    """A market entity registered in the town: an enterprise, an individual business
    (个体工商户), a farmers' cooperative or another kind, identified by its unified
    social credit code (GB 32100-2015, one code for every kind, individual
    businesses included: 18 characters with a check character). The code is unique
    in the installation: an entity is registered once. The legal representative or
    operator is a natural person: their name is personal data, masked in lists,
    exports, API reads and audit events."""

    PII_FIELDS = {"legal_rep": masking.mask_name}

    entity_type = models.CharField("主体类型", max_length=16, choices=EntityType.choices)
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        error_messages={"unique": USCC_TAKEN},
        help_text="18位，个体工商户也填写统一社会信用代码（GB 32100-2015）",
    )
    legal_rep = models.CharField("法定代表人（经营者）", max_length=60)
    registered_on = models.DateField("成立日期")
    village = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所在村（社区）",
    )
    address = models.CharField("住所（经营场所）", max_length=200)
    industry = models.CharField("行业", max_length=100, blank=True)
    registered_capital = models.DecimalField(
        "注册资本（万元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="个体工商户填写资金数额；没有的可不填",
    )
    status = models.CharField(
        "登记状态", max_length=16, choices=EntityStatus.choices, default=EntityStatus.EXISTING
    )
    cancelled_on = models.DateField("注销日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "市场主体"
        verbose_name_plural = "市场主体"
        ordering = ["-registered_on", "-id"]
        indexes = [
            # The list, the year filter and the year's figure: one town, one period.
            models.Index(fields=["org_unit", "registered_on", "entity_type"], name="svc_entity_org_reg_type"),
            models.Index(fields=["org_unit", "village", "registered_on"], name="svc_entity_org_village"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:market-entities-detail", args=[self.pk])

    @property
    def masked_legal_rep(self) -> str:
        return masking.mask_name(self.legal_rep)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.uscc:
            mismatch = uscc_type_error(self.uscc, self.entity_type)
            if mismatch:
                errors["uscc"] = mismatch
        if self.legal_rep and masking.MASK in self.legal_rep:
            errors["legal_rep"] = "请填写完整的姓名，不能填写脱敏后的姓名"
        if self.registered_on and self.registered_on > today:
            errors["registered_on"] = "成立日期不能晚于今天"
        if self.status == EntityStatus.CANCELLED:
            if self.cancelled_on is None:
                errors["cancelled_on"] = "已注销的，须填写注销日期"
            elif self.cancelled_on > today:
                errors["cancelled_on"] = "注销日期不能晚于今天"
            elif self.registered_on and self.cancelled_on < self.registered_on:
                errors["cancelled_on"] = "注销日期不能早于成立日期"
        elif self.cancelled_on is not None:
            errors["cancelled_on"] = "存续的市场主体不填写注销日期；已注销的请将登记状态改为“注销”"
        if self.village_id and self.org_unit_id:
            village, unit = self.village, self.org_unit
            if village.kind not in VILLAGE_KINDS:
                errors["village"] = "所在村（社区）应为村或社区"
            elif not village.path.startswith(unit.path):
                errors["village"] = f"{village.name}不在{unit.name}范围内"
        if errors:
            raise ValidationError(errors)


class EnterpriseVisit(OrgScopedModel):
    """A visit to a market entity to hear its problems and help (走访服务企业): who
    went, what the entity raised, what was done, and, for a problem not solved on
    the spot, the day it is to be settled by (a deadline on the handler's
    workbench) and the day it was. The visit belongs to the entity's unit."""

    entity = models.ForeignKey(
        MarketEntity, on_delete=models.PROTECT, related_name="visits", verbose_name="走访对象"
    )
    visited_on = models.DateField("走访日期")
    visitors = models.CharField("走访人员", max_length=200)
    problems = models.TextField("反映的问题", blank=True)
    assistance = models.TextField("帮扶措施", blank=True)
    follow_up_due = models.DateField(
        "办结期限", null=True, blank=True, help_text="反映的问题未当场解决的，须填写"
    )
    resolved_on = models.DateField("解决日期", null=True, blank=True)
    handler = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="跟进人",
        help_text="留空由登记人跟进",
    )

    DEADLINES = [
        DeadlineSpec(
            "follow_up",
            "办结走访企业反映的问题",
            due=lambda v: v.follow_up_due,
            owner=lambda v: v.handler,
            done=lambda v: v.resolved_on is not None,
        ),
    ]

    class Meta:
        verbose_name = "走访服务企业"
        verbose_name_plural = "走访服务企业"
        ordering = ["-visited_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "visited_on"], name="svc_visit_org_visited"),
            # The open and overdue filters: unresolved visits by due date.
            models.Index(fields=["org_unit", "resolved_on", "follow_up_due"], name="svc_visit_org_followup"),
        ]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} 走访{self.entity}" if self.entity_id else "走访服务企业"

    def get_absolute_url(self) -> str:
        return reverse("services:enterprise-visits-detail", args=[self.pk])

    def state(self, today: dt.date | None = None) -> str:
        return VisitState(self.state_code(today)).label

    def state_code(self, today: dt.date | None = None) -> str:
        if self.resolved_on is not None:
            return VisitState.RESOLVED
        if self.follow_up_due is None:
            return VisitState.NONE
        today = today or timezone.localdate()
        return VisitState.OVERDUE if self.follow_up_due < today else VisitState.OPEN

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        visited = self.visited_on
        if visited and visited > today:
            errors["visited_on"] = "走访日期不能晚于今天"
        if visited and self.entity_id and self.entity.registered_on and visited < self.entity.registered_on:
            errors["visited_on"] = "走访日期不能早于该市场主体的成立日期"
        if visited and self.follow_up_due and self.follow_up_due < visited:
            errors["follow_up_due"] = "办结期限不能早于走访日期"
        if self.resolved_on is not None:
            if self.resolved_on > today:
                errors["resolved_on"] = "解决日期不能晚于今天"
            elif visited and self.resolved_on < visited:
                errors["resolved_on"] = "解决日期不能早于走访日期"
        elif (self.problems or "").strip() and self.follow_up_due is None:
            errors["follow_up_due"] = "反映的问题未当场解决的，须填写办结期限"
        if self.follow_up_due and not (self.problems or "").strip():
            errors["problems"] = "填写了办结期限的，须写明反映的问题"
        if errors:
            raise ValidationError(errors)
