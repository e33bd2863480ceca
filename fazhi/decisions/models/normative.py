"""Normative documents (行政规范性文件) from draft to record filing and clean-up, and
the public comments on them and on major decisions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel, ScopedQuerySet
from fazhi.core.validators import is_valid_phone
from fazhi.decisions.choices import CleanupOutcome, CommentChannel, DocumentStatus, ReviewOpinion

# A document in these states is in force and may be cited as a basis.
IN_FORCE = (DocumentStatus.PUBLISHED,)


class NormativeDocumentQuerySet(ScopedQuerySet):
    def citable(self, on=None):
        """Published documents in force on `on` (default today): the only ones that may be
        the basis of an enforcement matter or a decision (国办发〔2018〕37号)."""
        on = on or timezone.localdate()
        return self.filter(status__in=IN_FORCE, published_on__lte=on).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on)
        )


class NormativeDocument(OrgScopedModel):
    title = models.CharField("文件名称", max_length=200)
    drafting_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="起草岗位")  # fmt: skip
    summary = models.TextField("起草说明", blank=True)
    text = models.TextField("文件正文", blank=True, help_text="征求意见和公布时在门户网站上显示")
    affects_public = models.BooleanField("涉及群众切身利益", default=True,
                                         help_text="涉及的须公开征求意见")  # fmt: skip
    status = models.CharField(
        "状态", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFTING
    )
    # Public comment.
    comment_starts_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_short_reason = models.TextField("征求意见期限少于30日的理由", blank=True)
    no_comment_reason = models.TextField("不公开征求意见的理由", blank=True)
    # Legality review (合法性审核).
    review_requested_on = models.DateField("送请合法性审核日期", null=True, blank=True)
    review_due_on = models.DateField("合法性审核期限", null=True, blank=True)
    reviewer = models.CharField("审核机构或人员", max_length=100, blank=True)
    reviewed_on = models.DateField("审核完成日期", null=True, blank=True)
    review_opinion = models.CharField("审核结论", max_length=16, choices=ReviewOpinion.choices, blank=True)
    review_text = models.TextField("审核意见", blank=True)
    # Collective deliberation.
    meeting = models.CharField("审议会议", max_length=100, blank=True)
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    deliberation_note = models.TextField("审议意见", blank=True)
    # Issue, publication and filing.
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filing_authority = models.CharField("备案机关", max_length=100, blank=True)
    filing_due_on = models.DateField("报送备案期限", null=True, blank=True)
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    filing_no = models.CharField("备案登记号", max_length=60, blank=True)
    # End of life.
    ended_on = models.DateField("废止或失效日期", null=True, blank=True)
    end_reason = models.TextField("废止或终止理由", blank=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    objects = NormativeDocumentQuerySet.as_manager()

    DEADLINES = [
        DeadlineSpec("legality_review", "完成规范性文件合法性审核", due=lambda d: d.review_due_on,
                     done=lambda d: d.reviewed_on is not None or d.status == DocumentStatus.ABANDONED,
                     post=lambda d: d.drafting_post, citation="国办发〔2018〕115号"),
        DeadlineSpec("filing", "规范性文件报送备案", due=lambda d: d.filing_due_on,
                     done=lambda d: d.filed_on is not None or d.status in (DocumentStatus.REPEALED,
                                                                          DocumentStatus.EXPIRED),
                     post=lambda d: d.drafting_post, citation="国办发〔2018〕37号"),
        DeadlineSpec("cleanup", "规范性文件有效期届满前评估清理", due=lambda d: d.valid_until,
                     done=lambda d: d.status != DocumentStatus.PUBLISHED,
                     post=lambda d: d.drafting_post, citation="国办发〔2018〕37号"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("review_normativedocument", "合法性审核规范性文件"),
            ("issue_normativedocument", "审议、印发、公布规范性文件"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "status"], name="dec_doc_org_status"),
            models.Index(fields=["org_unit", "published_on"], name="dec_doc_org_published"),
            models.Index(fields=["org_unit", "filing_due_on"], name="dec_doc_org_filing_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "doc_number"], condition=~models.Q(doc_number=""),
                                    name="dec_doc_unique_number"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:documents-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.comment_starts_on and self.comment_ends_on and self.comment_ends_on < self.comment_starts_on:
            errors["comment_ends_on"] = "征求意见截止日期不能早于开始日期"
        if self.effective_on and self.valid_until and self.valid_until < self.effective_on:
            errors["valid_until"] = "有效期不能早于施行日期"
        if self.issued_on and self.published_on and self.published_on < self.issued_on:
            errors["published_on"] = "公布日期不能早于印发日期"
        if errors:
            raise ValidationError(errors)

    @property
    def comment_period(self) -> str:
        if not (self.comment_starts_on and self.comment_ends_on):
            return ""
        return f"{self.comment_starts_on:%Y-%m-%d}至{self.comment_ends_on:%Y-%m-%d}"

    @property
    def is_citable(self) -> bool:
        today = timezone.localdate()
        return (
            self.status in IN_FORCE
            and self.published_on is not None
            and self.published_on <= today
            and (self.valid_until is None or self.valid_until >= today)
        )

    def filing_state(self, today=None) -> str:
        if self.filing_due_on is None:
            return ""
        if self.filed_on is not None:
            return "按期备案" if self.filed_on <= self.filing_due_on else "逾期备案"
        today = today or timezone.localdate()
        return "逾期未备案" if self.filing_due_on < today else "待备案"


class DocumentStep(models.Model):
    """One step taken on a normative document (comment opened, review recorded, issued,
    filed, …) with its day, who took it and what they wrote: the document's own
    history, read on its page."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="steps",
                                 verbose_name="规范性文件")  # fmt: skip
    action = models.CharField("环节代码", max_length=20)
    label = models.CharField("环节", max_length=30)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name="操作人")  # fmt: skip
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "规范性文件办理环节"
        verbose_name_plural = "规范性文件办理环节"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.on:%Y-%m-%d}"


class DocumentCleanup(models.Model):
    """One clean-up review of a published document (清理): keep, amend or repeal."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="cleanups",
                                 verbose_name="规范性文件")  # fmt: skip
    on = models.DateField("清理日期")
    outcome = models.CharField("清理结论", max_length=10, choices=CleanupOutcome.choices)
    reason = models.TextField("理由")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="登记人")  # fmt: skip
    at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_outcome_display()}"


def mask_contact(value: str | None) -> str:
    """A commenter's contact as lists, exports and audit events show it: a phone number
    masked as phones are; an e-mail address keeps its first character and its domain
    ("z***@example.com"); anything else keeps its first and last character."""
    if not value:
        return ""
    text = value.strip()
    if is_valid_phone(text) or text.replace("-", "").isdigit():
        return masking.mask_phone(text)
    local, at, domain = text.partition("@")
    if at:
        return (local[:1] + "***" if local else "***") + "@" + domain
    return text[:1] + "***" + (text[-1:] if len(text) > 2 else "")


class PublicComment(OrgScopedModel):
    """A comment from the public on a draft normative document or on a major decision
    in public participation: from the portal page or registered by staff. The
    commenter's contact details are kept for a reply and never published."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="comments", verbose_name="规范性文件")  # fmt: skip
    decision = models.ForeignKey("decisions.MajorDecision", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="comments", verbose_name="重大行政决策")  # fmt: skip
    channel = models.CharField(
        "渠道", max_length=10, choices=CommentChannel.choices, default=CommentChannel.OTHER
    )
    received_on = models.DateField("收到日期")
    commenter = models.CharField("提出人", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=60, blank=True)
    content = models.TextField("意见内容")
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    response = models.TextField("采纳情况说明", blank=True)

    PII_FIELDS = {"contact": mask_contact}

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "received_on"], name="dec_comment_org_received")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(document__isnull=False, decision__isnull=True)
                           | models.Q(document__isnull=True, decision__isnull=False)),
                name="dec_comment_one_subject",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 30 else text[:29] + "…"

    def get_absolute_url(self) -> str:
        return reverse("decisions:comments-detail", args=[self.pk])

    @property
    def subject(self):
        return self.document if self.document_id else self.decision

    @property
    def subject_kind(self) -> str:
        return "规范性文件" if self.document_id else "重大行政决策"

    @property
    def adopted_label(self) -> str:
        return {True: "采纳", False: "不采纳"}.get(self.adopted, "待研究")

    @property
    def masked_contact(self) -> str:
        return mask_contact(self.contact)
