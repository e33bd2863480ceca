"""Government information disclosure (政务公开, 政府信息公开条例 2019): items the
town discloses of its own accord (主动公开) and the requests it answers
(依申请公开)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import (
    TOWN_INFO_CATEGORIES,
    InfoCategory,
    InfoItemStatus,
    PublishChannel,
    RequestChannel,
    RequesterKind,
    RequestReply,
)

# Replies that must say why something was not given (政府信息公开条例第36条).
REASONED_REPLIES = (RequestReply.PARTLY, RequestReply.WITHHELD, RequestReply.NOT_OURS, RequestReply.OTHER)


def _state(due, done_on, verb: str, today=None) -> str:
    """按期… / 逾期… / 已逾期 / 未到期, or 暂停计时 while no due date runs."""
    if done_on is not None:
        return f"按期{verb}" if due is None or done_on <= due else f"逾期{verb}"
    if due is None:
        return "暂停计时"
    today = today or timezone.localdate()
    return "已逾期" if due < today else "未到期"


class InfoItem(OrgScopedModel):
    """An item of government information the town discloses of its own accord
    (主动公开, 政府信息公开条例第19至21条), due within 20 working days of the day it
    was made or changed (第26条: `due_on`, computed by the action). Published
    items are shown on the public portal; a withdrawn or expired one is not."""

    category = models.CharField("公开类别", max_length=24, choices=InfoCategory.choices)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("公开内容", blank=True, help_text="也可以在详情页上传附件作为公开内容")
    made_on = models.DateField("信息形成或变更日期")
    due_on = models.DateField("公开期限", editable=False)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="承办人")  # fmt: skip
    published_on = models.DateField("公开日期", null=True, blank=True)
    channel = models.CharField("公开渠道", max_length=16, choices=PublishChannel.choices, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=InfoItemStatus.choices, default=InfoItemStatus.DRAFT
    )
    ended_on = models.DateField("撤回或失效日期", null=True, blank=True)
    end_reason = models.TextField("撤回或失效原因", blank=True)

    DEADLINES = [
        DeadlineSpec("publish", "主动公开政府信息", due=lambda i: i.due_on, owner=lambda i: i.handler,
                     done=lambda i: i.published_on is not None or i.status != InfoItemStatus.DRAFT,
                     citation="政府信息公开条例第二十六条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-made_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "made_on"], name="ovs_info_org_made"),
            models.Index(fields=["org_unit", "published_on"], name="ovs_info_org_published"),
            models.Index(fields=["status", "published_on"], name="ovs_info_status_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:disclosures-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.published_on is not None:
            if self.made_on and self.published_on < self.made_on:
                errors["published_on"] = "公开日期不能早于信息形成或变更日期"
            if not self.channel:
                errors["channel"] = "已公开的信息须选择公开渠道"
        elif self.channel:
            errors["channel"] = "尚未公开的信息不填写公开渠道"
        if self.status in (InfoItemStatus.WITHDRAWN, InfoItemStatus.EXPIRED):
            if self.published_on is None:
                errors["status"] = "只有已公开的信息才能撤回或失效"
            if self.ended_on is None:
                errors["ended_on"] = "撤回或失效的信息须有日期"
            elif self.published_on and self.ended_on < self.published_on:
                errors["ended_on"] = "撤回或失效日期不能早于公开日期"
        if errors:
            raise ValidationError(errors)

    # -- what the pages show -------------------------------------------------
    @property
    def is_town_category(self) -> bool:
        """One of the matters a town must disclose besides the general ones (第21条)."""
        return self.category in TOWN_INFO_CATEGORIES

    def deadline_state(self, today=None) -> str:
        return _state(self.due_on, self.published_on, "公开", today)


class InfoRequest(OrgScopedModel):
    """A request for government information (依申请公开, 政府信息公开条例第27至33条).

    The reply is due 20 working days after receipt (第33条), or after the corrected
    request arrives when the town asked for a correction, which it must do within 7
    working days of receipt (第30条); the time a third party takes to give its
    opinion, at most 15 working days (第32条), does not count; a leader may extend
    the period once by 20 working days (第33条). `reply_due_on` is computed by the
    actions; it is empty while the town waits for a correction."""

    PII_FIELDS = {"requester": masking.mask_name, "contact": masking.mask_phone}

    number = models.CharField("申请编号", max_length=40)
    requester_kind = models.CharField("申请人类型", max_length=16, choices=RequesterKind.choices,
                                      default=RequesterKind.CITIZEN)  # fmt: skip
    requester = models.CharField("申请人", max_length=100)
    contact = models.CharField("联系电话", max_length=40, blank=True)
    content = models.TextField("申请公开的政府信息")
    received_on = models.DateField("收到申请日期")
    request_channel = models.CharField("申请方式", max_length=16, choices=RequestChannel.choices)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="承办人")  # fmt: skip
    correction_asked_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_received_on = models.DateField("收到补正申请日期", null=True, blank=True)
    third_party_asked_on = models.DateField("征求第三方意见日期", null=True, blank=True)
    third_party_answered_on = models.DateField("第三方答复日期", null=True, blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name="延期批准人")  # fmt: skip
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    reply_due_on = models.DateField("答复期限", null=True, blank=True, editable=False)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_kind = models.CharField("答复类型", max_length=16, choices=RequestReply.choices, blank=True)
    reply_reason = models.TextField("理由和依据", blank=True,
                                    help_text="部分公开、不予公开、不属于本机关公开和其他处理须说明理由")  # fmt: skip

    DEADLINES = [
        DeadlineSpec("reply", "答复政府信息公开申请", due=lambda r: r.reply_due_on, owner=lambda r: r.handler,
                     done=lambda r: r.replied_on is not None, citation="政府信息公开条例第三十三条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        permissions = [("extend_inforequest", "批准延长政府信息公开申请的答复期限")]
        indexes = [
            models.Index(fields=["org_unit", "received_on"], name="ovs_inforeq_org_received"),
            models.Index(fields=["org_unit", "replied_on"], name="ovs_inforeq_org_replied"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "number"], name="ovs_inforeq_unique_number"),
        ]

    def __str__(self) -> str:
        return f"政府信息公开申请{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:disclosure-requests-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        received = self.received_on
        if self.correction_asked_on and received and self.correction_asked_on < received:
            errors["correction_asked_on"] = "告知补正日期不能早于收到申请日期"
        if self.correction_received_on:
            if self.correction_asked_on is None:
                errors["correction_received_on"] = "未告知补正的，不填写收到补正申请日期"
            elif self.correction_received_on < self.correction_asked_on:
                errors["correction_received_on"] = "收到补正申请日期不能早于告知补正日期"
        if self.third_party_asked_on and received and self.third_party_asked_on < received:
            errors["third_party_asked_on"] = "征求第三方意见日期不能早于收到申请日期"
        if self.third_party_answered_on:
            if self.third_party_asked_on is None:
                errors["third_party_answered_on"] = "未征求第三方意见的，不填写第三方答复日期"
            elif self.third_party_answered_on < self.third_party_asked_on:
                errors["third_party_answered_on"] = "第三方答复日期不能早于征求意见日期"
        if (self.replied_on is None) != (self.reply_kind == ""):
            errors["reply_kind"] = "答复日期和答复类型须同时填写"
        if self.replied_on and received and self.replied_on < received:
            errors["replied_on"] = "答复日期不能早于收到申请日期"
        if self.reply_kind in REASONED_REPLIES and not self.reply_reason.strip():
            errors["reply_reason"] = "该答复类型须说明理由和依据（政府信息公开条例第三十六条）"
        if errors:
            raise ValidationError(errors)

    # -- what the pages show -------------------------------------------------
    @property
    def masked_requester(self) -> str:
        """A citizen's name masked; an organisation's shown as it is."""
        if self.requester_kind == RequesterKind.CITIZEN:
            return masking.mask_name(self.requester)
        return self.requester

    @property
    def extended(self) -> bool:
        return self.extension_approved_on is not None

    def reply_state(self, today=None) -> str:
        if self.replied_on is None and self.correction_asked_on and self.correction_received_on is None:
            return "待补正"
        return _state(self.reply_due_on, self.replied_on, "答复", today)
