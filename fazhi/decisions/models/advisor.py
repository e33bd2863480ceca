"""The town's legal advisor (法律顾问): engagements, what the advisor did, and the
contract review register (合同审查)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core import masking
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.decisions.choices import ActivityKind, ContractOpinion

# Words that mark a counterparty as an organisation: a company, a cooperative, a
# village committee, an office, a shop… A short name of Chinese characters without
# any of them is taken for a natural person's name and masked.
ORGANISATION_WORDS = ("公司", "合作社", "中心", "委员会", "村委", "居委", "协会", "集团", "银行", "学校",
                      "医院", "事务所", "政府", "工作室")  # fmt: skip
ORGANISATION_ENDINGS = tuple("局所厂店部院校站社队会处室馆场办府司组村镇")


def looks_like_person_name(text: str | None) -> bool:
    """2–4 Chinese characters and no word of an organisation: "张三", "欧阳小明"."""
    name = (text or "").strip()
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return False
    return not any(w in name for w in ORGANISATION_WORDS) and not name.endswith(ORGANISATION_ENDINGS)


def mask_counterparty(text: str | None) -> str:
    """A natural person's name masked ("张*"); an organisation's name as it is."""
    if not text:
        return ""
    return masking.mask_name(text) if looks_like_person_name(text) else text


class LegalAdvisor(OrgScopedModel):
    """An engagement of a law firm (or a lawyer) as the town's legal advisor for a term."""

    firm = models.CharField("法律顾问单位", max_length=100)
    lawyers = models.TextField("顾问律师", help_text="每行一人，可写明执业证号")
    contract_no = models.CharField("聘用合同编号", max_length=60, blank=True)
    starts_on = models.DateField("聘期开始")
    ends_on = models.DateField("聘期结束")
    fee = models.DecimalField("顾问费（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    scope = models.TextField("服务范围", blank=True)
    contact = models.CharField("联系方式", max_length=60, blank=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="dec_advisor_org_start")]

    def __str__(self) -> str:
        return f"{self.firm}（{self.starts_on:%Y-%m-%d}至{self.ends_on:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("decisions:advisors-detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "聘期结束日期不能早于开始日期"})

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class AdvisorActivity(OrgScopedModel):
    """One piece of the advisor's work: a training or lecture, a decision meeting
    attended, a consultation, litigation handled… Contract reviews have their own
    register (ContractReview) and are not repeated here."""

    advisor = models.ForeignKey(LegalAdvisor, on_delete=models.PROTECT, related_name="activities",
                                verbose_name="法律顾问")  # fmt: skip
    kind = models.CharField("类型", max_length=20, choices=ActivityKind.choices)
    on = models.DateField("日期")
    title = models.CharField("事项", max_length=200)
    lawyers = models.CharField("参与律师", max_length=200, blank=True)
    audience = models.PositiveIntegerField("参加人数", null=True, blank=True)
    note = models.TextField("情况说明", blank=True)

    class Meta:
        verbose_name = "法律顾问履职"
        verbose_name_plural = "法律顾问履职"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["org_unit", "kind", "on"], name="dec_activity_org_kind_on")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:activities-detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind == ActivityKind.CONTRACT_REVIEW:
            raise ValidationError({"kind": "合同审查请登记在合同审查台账中"})


class ContractReview(OrgScopedModel):
    """A contract the town means to sign, reviewed for legality before signing. The
    counterparty may be a natural person (a villager leasing land): their name is
    masked in lists, exports, API reads and audit events."""

    PII_FIELDS = {"counterparty": mask_counterparty}

    advisor = models.ForeignKey(LegalAdvisor, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="contract_reviews", verbose_name="审查的法律顾问",
                                help_text="由司法所等内部人员审查的可不选")  # fmt: skip
    title = models.CharField("合同名称", max_length=200)
    counterparty = models.CharField("合同相对方", max_length=200)
    amount = models.DecimalField("合同金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    submitting_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name="送审岗位")  # fmt: skip
    submitted_on = models.DateField("送审日期")
    due_on = models.DateField("审查期限", help_text="留空按本镇设置的审查工作日数计算")
    reviewer = models.CharField("审查人", max_length=60, blank=True)
    reviewed_on = models.DateField("审查完成日期", null=True, blank=True)
    opinion = models.CharField("审查结论", max_length=16, choices=ContractOpinion.choices, blank=True)
    opinion_text = models.TextField("审查意见", blank=True)
    risk_points = models.TextField("风险提示", blank=True)

    DEADLINES = [
        DeadlineSpec("review", "完成合同合法性审查", due=lambda c: c.due_on,
                     done=lambda c: c.reviewed_on is not None, post=lambda c: c.submitting_post),
    ]  # fmt: skip

    class Meta:
        verbose_name = "合同审查"
        verbose_name_plural = "合同审查"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "submitted_on"], name="dec_contract_org_submitted"),
            models.Index(fields=["org_unit", "reviewed_on"], name="dec_contract_org_reviewed"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:contracts-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.submitted_on and self.due_on and self.due_on < self.submitted_on:
            errors["due_on"] = "审查期限不能早于送审日期"
        if self.reviewed_on is not None:
            if self.submitted_on and self.reviewed_on < self.submitted_on:
                errors["reviewed_on"] = "审查完成日期不能早于送审日期"
            if not self.opinion:
                errors["opinion"] = "审查完成的，须填写审查结论"
        elif self.opinion:
            errors["reviewed_on"] = "填写审查结论的，须填写审查完成日期"
        if errors:
            raise ValidationError(errors)

    def state(self, today=None) -> str:
        from django.utils import timezone

        if self.reviewed_on is not None:
            return "按期审查" if self.reviewed_on <= self.due_on else "逾期审查"
        today = today or timezone.localdate()
        return "已逾期" if self.due_on < today else "审查中"
