"""Rectification items (整改事项): the one model every source of problems uses."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel, StepRecord
from fazhi.oversight.choices import RectificationSource, RectificationStatus


class Rectification(OrgScopedModel):
    """A problem to put right (整改), whatever raised it: a special campaign, a
    case-file evaluation, a reconsideration decision that corrected the town, an
    inspection or an appraisal. A lead leader answers for it, a post does the
    work by the due date, evidence is attached, and it is closed out (销号) only
    by an approver who did not submit it."""

    source = models.CharField("来源", max_length=20, choices=RectificationSource.choices)
    # The record that raised it (a case-file review, later a reconsideration case, …).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="来源记录类型")  # fmt: skip
    object_id = models.CharField("来源记录ID", max_length=64, blank=True)
    source_object = GenericForeignKey("content_type", "object_id")
    source_label = models.CharField("来源记录", max_length=200, blank=True)
    campaign = models.ForeignKey("oversight.Campaign", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="rectifications", verbose_name="专项整治")  # fmt: skip
    category = models.ForeignKey("oversight.CampaignCategory", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="rectifications", verbose_name="问题类别")  # fmt: skip
    problem = models.TextField("问题")
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="牵头领导")  # fmt: skip
    responsible_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="责任岗位")  # fmt: skip
    measures = models.TextField("整改措施", blank=True)
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=16, choices=RectificationStatus.choices,
                              default=RectificationStatus.OPEN)  # fmt: skip
    result = models.TextField("整改情况", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="提交销号人")  # fmt: skip
    submitted_on = models.DateField("提交销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="销号审核人")  # fmt: skip
    closed_on = models.DateField("销号日期", null=True, blank=True)

    DEADLINES = [
        DeadlineSpec("rectify", "完成整改并销号", due=lambda r: r.due_on, owner=lambda r: r.lead_leader,
                     done=lambda r: r.status == RectificationStatus.CLOSED, post=lambda r: r.responsible_post),
    ]  # fmt: skip

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["due_on", "id"]
        permissions = [
            ("work_rectification", "办理整改（开始整改、提交销号）"),
            ("close_out_rectification", "审核整改销号"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "status"], name="ovs_rect_org_status"),
            models.Index(fields=["org_unit", "due_on"], name="ovs_rect_org_due"),
            models.Index(fields=["org_unit", "closed_on"], name="ovs_rect_org_closed"),
            models.Index(fields=["content_type", "object_id"], name="ovs_rect_source_object"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.problem.split())
        return text if len(text) <= 40 else text[:39] + "…"

    def get_absolute_url(self) -> str:
        return reverse("oversight:rectifications-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.source == RectificationSource.CAMPAIGN:
            if self.campaign_id is None:
                errors["campaign"] = "来源为专项整治的，须选择专项整治"
            if self.category_id is None:
                errors["category"] = "来源为专项整治的，须选择问题类别"
        elif self.campaign_id is not None:
            errors["source"] = "已选择专项整治的，来源应为“专项整治”"
        if self.category_id is not None and self.category.campaign_id != self.campaign_id:
            errors["category"] = "问题类别不属于所选专项整治"
        if (
            self.campaign_id is not None
            and self.org_unit_id is not None
            and not self.org_unit.path.startswith(self.campaign.org_unit.path)
        ):
            errors["org_unit"] = "整改事项的所属单位应为专项整治的单位或其下级单位"
        if (self.status == RectificationStatus.CLOSED) != (self.closed_on is not None):
            errors["closed_on"] = "只有已销号的整改事项才有销号日期"
        if errors:
            raise ValidationError(errors)

    # -- what the lists show -------------------------------------------------
    def deadline_state(self, today=None) -> str:
        """按期销号 / 逾期销号 / 已逾期 / 未到期: one word for the list."""
        if self.status == RectificationStatus.CLOSED:
            return "按期销号" if self.closed_on <= self.due_on else "逾期销号"
        today = today or timezone.localdate()
        return "已逾期" if self.due_on < today else "未到期"

    @property
    def closed_on_time(self) -> bool | None:
        if self.closed_on is None:
            return None
        return self.closed_on <= self.due_on


class RectificationStep(StepRecord):
    """One step of a rectification item (started, submitted, closed out, sent back),
    with who took it and what they wrote: the item's own history, read on its page."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="steps",
                                      verbose_name="整改事项")  # fmt: skip
    action = models.CharField("环节代码", max_length=20)
    label = models.CharField("环节", max_length=20)

    class Meta(StepRecord.Meta):
        verbose_name = "整改环节"
        verbose_name_plural = "整改环节"
