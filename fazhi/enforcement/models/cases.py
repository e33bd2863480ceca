"""Enforcement cases (行政处罚案件), their steps, legal reviews and extensions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.enforcement.choices import (
    Authority,
    CaseSource,
    CaseStatus,
    DecisionKind,
    PaymentStatus,
    PenaltyKind,
    Procedure,
)

OPEN_PAYMENT = (PaymentStatus.DUE, PaymentStatus.DEFERRED)


class Case(OrgScopedModel):
    """One administrative penalty case, from the record on the spot or the filing to
    the archive (行政处罚法 第五章). Every step is a CaseStep and an audit event (第47条)."""

    procedure = models.CharField("程序", max_length=16, choices=Procedure.choices)
    authority = models.CharField("职权来源", max_length=16, choices=Authority.choices)
    body = models.ForeignKey("enforcement.EnforcementBody", on_delete=models.PROTECT, related_name="cases",
                             verbose_name="执法主体（以其名义）")  # fmt: skip
    matter = models.ForeignKey("enforcement.Matter", on_delete=models.PROTECT, related_name="cases",
                               verbose_name="执法事项")  # fmt: skip
    party = models.ForeignKey("enforcement.Party", on_delete=models.PROTECT, related_name="cases",
                              verbose_name="当事人")  # fmt: skip
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices)
    source = models.CharField("案件来源", max_length=16, choices=CaseSource.choices)
    facts = models.TextField("违法事实")
    place = models.CharField("地点", max_length=200, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    client_time = models.DateTimeField("终端时间", null=True, blank=True)
    occurred_on = models.DateField("违法行为发生日")
    act_ended_on = models.DateField("连续或继续状态终了日", null=True, blank=True)
    discovered_on = models.DateField("发现日")
    limitation_override = models.CharField(
        "适用五年追责期限的理由", max_length=200, blank=True, help_text="涉及公民生命健康安全、金融安全且有危害后果的（第36条）"
    )  # fmt: skip
    filed_on = models.DateField("立案日", null=True, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handled_cases",
                                verbose_name="主办人")  # fmt: skip
    officers = models.ManyToManyField("enforcement.Officer", related_name="cases", verbose_name="执法人员")
    needs_legal_review = models.BooleanField("须法制审核", default=False)
    legal_review_reason = models.CharField("法制审核情形", max_length=200, blank=True)
    needs_deliberation = models.BooleanField("须集体讨论", default=False)
    notified_on = models.DateField("事先告知送达日", null=True, blank=True)
    defence_until = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_request_until = models.DateField("听证申请期限", null=True, blank=True)
    hearing_requested = models.BooleanField("当事人申请听证", default=False)
    hearing_notified_on = models.DateField("听证通知日", null=True, blank=True)
    hearing_on = models.DateField(
        "通知的听证日期",
        null=True,
        blank=True,
        help_text="应当在举行听证的七日（工作日）前通知当事人（第64、85条）",
    )
    hearing_place = models.CharField("听证地点", max_length=200, blank=True)
    hearing_held_on = models.DateField("听证日", null=True, blank=True)
    decision_kind = models.CharField("决定类型", max_length=20, choices=DecisionKind.choices, blank=True)
    penalty_kind = models.CharField("处罚种类", max_length=20, choices=PenaltyKind.choices, blank=True)
    fine = models.DecimalField("罚款金额", max_digits=12, decimal_places=2, default=Decimal("0"))
    decided_on = models.DateField("决定日", null=True, blank=True)
    decision_no = models.CharField("决定书文号", max_length=100, blank=True)
    access_code = models.CharField(
        "行政行为码", max_length=32, blank=True, help_text="印在决定书上，当事人凭此查询办理进度"
    )
    confidential = models.BooleanField(
        "不予公开", default=False, help_text="涉及国家秘密、商业秘密或个人隐私等"
    )
    confidential_reason = models.CharField("不予公开理由", max_length=200, blank=True)
    revoked_on = models.DateField("决定变更或撤销日", null=True, blank=True)
    revocation_reason = models.CharField("变更或撤销理由", max_length=500, blank=True)
    decision_due = models.DateField("决定期限", null=True, blank=True)
    handed_over = models.BooleanField("当场交付", default=False)
    service_due = models.DateField("送达期限", null=True, blank=True)
    served_on = models.DateField("送达日", null=True, blank=True)
    payment_status = models.CharField("缴款状态", max_length=16, choices=PaymentStatus.choices,
                                      default=PaymentStatus.NONE)  # fmt: skip
    payment_due = models.DateField("缴款期限", null=True, blank=True)
    paid_amount = models.DecimalField("已缴金额", max_digits=12, decimal_places=2, default=Decimal("0"))
    surcharge = models.DecimalField("加处罚款", max_digits=12, decimal_places=2, default=Decimal("0"))
    paid_on = models.DateField("缴款日", null=True, blank=True)
    collected_on_spot = models.BooleanField("当场收缴", default=False)
    closed_on = models.DateField("结案日", null=True, blank=True)
    archived_on = models.DateField("归档日", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="登记人")  # fmt: skip

    DEADLINES = [
        DeadlineSpec("decide", "作出处罚决定", due=lambda c: c.decision_due, owner=lambda c: c.handler,
                     done=lambda c: c.decided_on is not None or c.status == CaseStatus.WITHDRAWN,
                     citation="行政处罚法第六十条"),
        DeadlineSpec("serve", "送达处罚决定书", due=lambda c: c.service_due, owner=lambda c: c.handler,
                     done=lambda c: c.served_on is not None, citation="行政处罚法第六十一条"),
        DeadlineSpec("pay", "当事人缴纳罚款", due=lambda c: c.payment_due, owner=lambda c: c.handler,
                     done=lambda c: c.payment_status not in OPEN_PAYMENT, citation="行政处罚法第六十七条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "执法案件"
        verbose_name_plural = "执法案件"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["org_unit", "decided_on"], name="enf_case_org_decided"),
            models.Index(fields=["org_unit", "status"], name="enf_case_org_status"),
            models.Index(fields=["handler", "status"], name="enf_case_handler_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["access_code"], condition=~models.Q(access_code=""),
                                    name="enf_case_access_code_unique"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.decision_no or f"案件{self.pk}：{self.matter.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:cases-detail", args=[self.pk])


class CaseStep(models.Model):
    """One step of the full-process record (执法全过程记录, 第47条): who, when, where,
    what, with its files (attachments owned by the step)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps", verbose_name="案件")
    action = models.CharField("环节代码", max_length=40)
    label = models.CharField("环节", max_length=60)
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="操作人")
    place = models.CharField("地点", max_length=200, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    note = models.TextField("记录", blank=True)

    class Meta:
        verbose_name = "办案环节"
        verbose_name_plural = "办案环节"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    @property
    def org_unit_id(self):
        return self.case.org_unit_id

    @property
    def org_unit(self):
        return self.case.org_unit


class LegalReview(models.Model):
    """A legal review (法制审核) of a major enforcement decision (第58条). The reviewer
    may not be a handler of the case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="legal_reviews", verbose_name="案件"
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="审核人")
    opinion = models.TextField("审核意见")
    passed = models.BooleanField("审核通过")
    reviewed_on = models.DateField("审核日")

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {'通过' if self.passed else '未通过'}"


class DecisionExtension(models.Model):
    """An approved extension of the 90-day decision period (第60条)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions", verbose_name="案件")
    days = models.PositiveIntegerField("延长天数")
    reason = models.CharField("理由", max_length=200)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="批准人")
    approved_on = models.DateField("批准日")

    class Meta:
        verbose_name = "延长办案期限"
        verbose_name_plural = "延长办案期限"

    def __str__(self) -> str:
        return f"{self.case} +{self.days}日"
