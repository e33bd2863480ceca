"""Remedies against the town: administrative reconsideration where the town is the
respondent (行政复议法, the version in force on the day the copy is served), and
administrative litigation where it is the defendant (行政诉讼法), with the history of
the steps taken on each case (RemedyStep)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.disputes.choices import (
    LitigationOutcome,
    LitigationStatus,
    PartyKind,
    ReconsiderationOutcome,
    ReconsiderationStatus,
)


class Reconsideration(OrgScopedModel):
    """A reconsideration case in which the town (or one of its bodies) is the respondent."""

    PII_FIELDS = {"applicant": masking.mask_name}

    case_no = models.CharField("复议案号", max_length=60)
    body = models.CharField("复议机关", max_length=100, default="云阳县人民政府")
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=PartyKind.choices,
                                      default=PartyKind.INDIVIDUAL)  # fmt: skip
    applicant = models.CharField("申请人", max_length=100)
    act = models.TextField("被申请复议的行政行为")
    about_disclosure = models.BooleanField("涉及政府信息公开", default=False,
                                           help_text="因政府信息公开工作被申请复议的，计入政府信息公开年度报告")  # fmt: skip
    enforcement_case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="reconsiderations", verbose_name="关联执法案件")  # fmt: skip
    applied_on = models.DateField("申请日期", null=True, blank=True)
    copy_served_on = models.DateField("收到申请书副本日期")
    simple_procedure = models.BooleanField("适用简易程序", default=False)
    reply_due_on = models.DateField("书面答复期限")
    replied_on = models.DateField("提交答复日期", null=True, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="承办人")  # fmt: skip
    status = models.CharField("状态", max_length=12, choices=ReconsiderationStatus.choices,
                              default=ReconsiderationStatus.RECEIVED)  # fmt: skip
    outcome = models.CharField("复议结果", max_length=12, choices=ReconsiderationOutcome.choices, blank=True)
    decided_on = models.DateField("复议决定日期", null=True, blank=True)
    decision_no = models.CharField("复议决定书文号", max_length=60, blank=True)
    outcome_note = models.TextField("结果说明", blank=True)

    DEADLINES = [
        DeadlineSpec("reply", "提交行政复议书面答复", due=lambda r: r.reply_due_on, owner=lambda r: r.handler,
                     done=lambda r: r.replied_on is not None or r.status in (ReconsiderationStatus.DECIDED,
                                                                             ReconsiderationStatus.ENDED),
                     citation="行政复议法第四十八条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "行政复议"
        verbose_name_plural = "行政复议"
        ordering = ["-copy_served_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "copy_served_on"], name="dsp_recon_org_served"),
            models.Index(fields=["org_unit", "decided_on"], name="dsp_recon_org_decided"),
        ]
        constraints = [models.UniqueConstraint(fields=["org_unit", "case_no"], name="dsp_recon_unique_no")]

    def __str__(self) -> str:
        return self.case_no

    def get_absolute_url(self) -> str:
        return reverse("disputes:reconsiderations-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.applied_on and self.copy_served_on and self.copy_served_on < self.applied_on:
            errors["copy_served_on"] = "收到副本日期不能早于申请日期"
        if self.replied_on and self.copy_served_on and self.replied_on < self.copy_served_on:
            errors["replied_on"] = "答复日期不能早于收到副本日期"
        if (self.outcome == "") != (self.decided_on is None):
            errors["outcome"] = "复议结果和决定日期须同时填写"
        if self.decided_on and self.copy_served_on and self.decided_on < self.copy_served_on:
            errors["decided_on"] = "复议决定日期不能早于收到副本日期"
        if errors:
            raise ValidationError(errors)

    # -- what the pages show -------------------------------------------------
    @property
    def masked_applicant(self) -> str:
        """The applicant as lists, exports and the API show it: a natural person masked."""
        return (
            masking.mask_name(self.applicant)
            if self.applicant_kind == PartyKind.INDIVIDUAL
            else self.applicant
        )

    def reply_state(self, today=None) -> str:
        """按期答复 / 逾期答复 / 已逾期 / 未到期, or 无需答复 for a case ended or decided unanswered."""
        return _deadline_state(self.reply_due_on, self.replied_on, "答复", today,
                               closed=self.status != ReconsiderationStatus.RECEIVED)  # fmt: skip

    @property
    def replied_late(self) -> bool:
        return self.replied_on is not None and self.replied_on > self.reply_due_on

    def reply_rule(self) -> str:
        """The period applied, e.g. 被申请人提出书面答复：10日（2017年修正的行政复议法第二十三条）."""
        return _rule("reconsideration_simple_reply" if self.simple_procedure else "reconsideration_reply",
                     self.copy_served_on)  # fmt: skip


def _rule(code: str, day) -> str:
    from fazhi import law

    if day is None:
        return ""
    try:
        return law.period(code).describe(day)
    except law.RuleError:
        return ""


def _deadline_state(due, done_on, verb: str, today, *, closed: bool) -> str:
    if done_on is not None:
        return f"按期{verb}" if done_on <= due else f"逾期{verb}"
    if closed:
        return f"未{verb}"
    today = today or timezone.localdate()
    return "已逾期" if due < today else "未到期"


class Litigation(OrgScopedModel):
    """An administrative lawsuit in which the town is the defendant (行政应诉)."""

    PII_FIELDS = {"plaintiff": masking.mask_name}

    case_no = models.CharField("案号", max_length=60)
    court = models.CharField("受理法院", max_length=100)
    plaintiff_kind = models.CharField("原告类型", max_length=12, choices=PartyKind.choices,
                                      default=PartyKind.INDIVIDUAL)  # fmt: skip
    plaintiff = models.CharField("原告", max_length=100)
    act = models.TextField("被诉行政行为")
    about_disclosure = models.BooleanField("涉及政府信息公开", default=False,
                                           help_text="因政府信息公开工作被起诉的，计入政府信息公开年度报告")  # fmt: skip
    enforcement_case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="litigations", verbose_name="关联执法案件")  # fmt: skip
    reconsideration = models.ForeignKey(Reconsideration, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="litigations", verbose_name="经过的行政复议")  # fmt: skip
    complaint_received_on = models.DateField("收到起诉状副本日期")
    defence_due_on = models.DateField("答辩期限")
    defence_filed_on = models.DateField("提交答辩状日期", null=True, blank=True)
    hearing_on = models.DateField("开庭日期", null=True, blank=True)
    head_appeared = models.BooleanField("负责人出庭应诉", null=True, blank=True)
    appearing_person = models.CharField("出庭负责人", max_length=60, blank=True)
    non_appearance_reason = models.TextField("负责人未出庭的理由", blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="承办人")  # fmt: skip
    status = models.CharField("状态", max_length=12, choices=LitigationStatus.choices,
                              default=LitigationStatus.RECEIVED)  # fmt: skip
    outcome = models.CharField("裁判结果", max_length=20, choices=LitigationOutcome.choices, blank=True)
    judged_on = models.DateField("裁判日期", null=True, blank=True)
    instance = models.PositiveSmallIntegerField("审级", default=1, help_text="1 一审，2 二审")
    appealed = models.BooleanField("已上诉", default=False)
    appealed_on = models.DateField("上诉日期", null=True, blank=True)
    appeal_outcome = models.CharField(
        "二审结果", max_length=20, choices=LitigationOutcome.choices, blank=True
    )
    appeal_judged_on = models.DateField("二审裁判日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    DEADLINES = [
        DeadlineSpec("defence", "提交答辩状和证据", due=lambda c: c.defence_due_on, owner=lambda c: c.handler,
                     done=lambda c: c.defence_filed_on is not None or c.status == LitigationStatus.ENDED,
                     citation="行政诉讼法第六十七条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "行政诉讼"
        verbose_name_plural = "行政诉讼"
        ordering = ["-complaint_received_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "complaint_received_on"], name="dsp_lit_org_received"),
            models.Index(fields=["org_unit", "judged_on"], name="dsp_lit_org_judged"),
        ]
        constraints = [models.UniqueConstraint(fields=["org_unit", "case_no"], name="dsp_lit_unique_no")]

    def __str__(self) -> str:
        return self.case_no

    def get_absolute_url(self) -> str:
        return reverse("disputes:litigations-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.defence_filed_on
            and self.complaint_received_on
            and self.defence_filed_on < self.complaint_received_on
        ):
            errors["defence_filed_on"] = "答辩日期不能早于收到起诉状副本日期"
        if self.head_appeared is False and self.hearing_on and not self.non_appearance_reason.strip():
            errors["non_appearance_reason"] = (
                "负责人未出庭应诉的，应当说明理由并委托相应工作人员出庭（行政诉讼法第三条）"
            )
        if (self.outcome == "") != (self.judged_on is None):
            errors["outcome"] = "裁判结果和裁判日期须同时填写"
        if (self.appeal_outcome == "") != (self.appeal_judged_on is None):
            errors["appeal_outcome"] = "二审结果和二审裁判日期须同时填写"
        if self.appeal_outcome and not self.appealed:
            errors["appeal_outcome"] = "未上诉的案件没有二审结果"
        if self.appealed and not self.outcome:
            errors["appealed"] = "一审裁判后才能上诉"
        if self.judged_on and self.complaint_received_on and self.judged_on < self.complaint_received_on:
            errors["judged_on"] = "裁判日期不能早于收到起诉状副本日期"
        if self.appeal_judged_on and self.judged_on and self.appeal_judged_on < self.judged_on:
            errors["appeal_judged_on"] = "二审裁判日期不能早于一审裁判日期"
        if errors:
            raise ValidationError(errors)

    # -- what the pages show -------------------------------------------------
    @property
    def masked_plaintiff(self) -> str:
        """The plaintiff as lists, exports and the API show it: a natural person masked."""
        return (
            masking.mask_name(self.plaintiff)
            if self.plaintiff_kind == PartyKind.INDIVIDUAL
            else self.plaintiff
        )

    def defence_state(self, today=None) -> str:
        """按期答辩 / 逾期答辩 / 已逾期 / 未到期, or 未答辩 for a case that ended without one."""
        return _deadline_state(self.defence_due_on, self.defence_filed_on, "答辩", today,
                               closed=self.status != LitigationStatus.RECEIVED)  # fmt: skip

    def defence_rule(self) -> str:
        return _rule("litigation_defence", self.complaint_received_on)

    @property
    def final_outcome(self) -> str:
        """The outcome that stands: the appeal's when there was one, else the first instance's."""
        return self.appeal_outcome or self.outcome

    @property
    def final_outcome_label(self) -> str:
        value = self.final_outcome
        return LitigationOutcome(value).label if value in LitigationOutcome.values else ""

    @property
    def head_appearance(self) -> str:
        if self.hearing_on is None:
            return ""
        if self.head_appeared:
            return f"负责人出庭（{self.appearing_person}）" if self.appearing_person else "负责人出庭"
        return "负责人未出庭" if self.head_appeared is False else "未登记"


class RemedyStep(models.Model):
    """One step taken on a reconsideration or litigation case (its reply, decision,
    hearing, judgement, appeal…), with who recorded it: the case's own history."""

    reconsideration = models.ForeignKey(Reconsideration, on_delete=models.CASCADE, null=True, blank=True,
                                        related_name="steps", verbose_name="行政复议")  # fmt: skip
    litigation = models.ForeignKey(Litigation, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="steps", verbose_name="行政诉讼")  # fmt: skip
    action = models.CharField("环节代码", max_length=24)
    label = models.CharField("环节", max_length=24)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")  # fmt: skip
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "复议应诉办理环节"
        verbose_name_plural = "复议应诉办理环节"
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reconsideration__isnull=False, litigation__isnull=True)
                | models.Q(reconsideration__isnull=True, litigation__isnull=False),
                name="dsp_remedystep_one_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.on:%Y-%m-%d}"
