"""Deputies' suggestions and CPPCC proposals assigned to the town (建议提案办理)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import ProposalKind, ReplyCategory, Satisfaction
from fazhi.oversight.models.disclosure import _state


class Proposal(OrgScopedModel):
    """A deputy's suggestion (人大代表建议) or a CPPCC member's proposal (政协委员提案)
    assigned to the town. The reply is due three months after assignment, six for
    one that is wide-ranging and difficult, when a leader has said so (代表法第42条,
    2015 text; CPPCC proposals follow the same periods by local practice):
    `reply_due_on`, computed by the actions. The deputy or member is named, as a
    public office-holder, but neither phone nor ID number is kept."""

    kind = models.CharField("类型", max_length=12, choices=ProposalKind.choices)
    number = models.CharField("编号", max_length=40)
    title = models.CharField("标题", max_length=200)
    proposer = models.CharField("提出人", max_length=100, help_text="代表或委员姓名，多人联名的用顿号分隔")
    content = models.TextField("主要内容", blank=True)
    received_on = models.DateField("收到日期")
    assigned_on = models.DateField("交办日期")
    responsible_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="承办岗位")  # fmt: skip
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="牵头领导")  # fmt: skip
    difficult = models.BooleanField("涉及面广、处理难度大", default=False, editable=False)
    difficult_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name="认定人")  # fmt: skip
    difficult_approved_on = models.DateField("认定日期", null=True, blank=True)
    difficult_reason = models.TextField("认定理由", blank=True)
    reply_due_on = models.DateField("答复期限", editable=False)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_category = models.CharField("答复类别", max_length=2, choices=ReplyCategory.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    satisfaction = models.CharField(
        "代表（委员）满意度", max_length=16, choices=Satisfaction.choices, blank=True
    )
    report_published_on = models.DateField("办理情况公开日期", null=True, blank=True)

    DEADLINES = [
        DeadlineSpec("reply", "答复建议提案", due=lambda p: p.reply_due_on, owner=lambda p: p.lead_leader,
                     done=lambda p: p.replied_on is not None, citation="代表法第四十二条",
                     post=lambda p: p.responsible_post),
    ]  # fmt: skip

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-assigned_on", "id"]
        permissions = [("approve_difficult_proposal", "认定建议提案涉及面广、处理难度大（六个月答复）")]
        indexes = [
            models.Index(fields=["org_unit", "assigned_on"], name="ovs_proposal_org_assigned"),
            models.Index(fields=["org_unit", "replied_on"], name="ovs_proposal_org_replied"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "kind", "number"], name="ovs_proposal_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:proposals-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.received_on and self.assigned_on and self.assigned_on < self.received_on:
            errors["assigned_on"] = "交办日期不能早于收到日期"
        if self.replied_on is not None:
            if self.assigned_on and self.replied_on < self.assigned_on:
                errors["replied_on"] = "答复日期不能早于交办日期"
            if not self.reply_category:
                errors["reply_category"] = "已答复的须选择答复类别"
        else:
            if self.reply_category:
                errors["reply_category"] = "尚未答复的不填写答复类别"
            if self.satisfaction:
                errors["satisfaction"] = "答复后才能填写代表（委员）的满意度"
            if self.report_published_on:
                errors["report_published_on"] = "答复后才能公开办理情况"
        if self.report_published_on and self.replied_on and self.report_published_on < self.replied_on:
            errors["report_published_on"] = "办理情况公开日期不能早于答复日期"
        if errors:
            raise ValidationError(errors)

    def deadline_state(self, today=None) -> str:
        return _state(self.reply_due_on, self.replied_on, "答复", today)
