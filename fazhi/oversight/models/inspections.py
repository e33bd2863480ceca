"""Inspections, appraisals and other supervision of the town (督查、评议、司法建议):
who looked at what and when. What they found becomes rectification items
(`Rectification`, pointing back here by content type and id)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import InspectionKind, RectificationSource
from fazhi.oversight.models.disclosure import _state

# The rectification source each kind of supervision gives its findings.
SOURCE_OF_KIND = {
    InspectionKind.APPRAISAL: RectificationSource.APPRAISAL,
    InspectionKind.JUDICIAL: RectificationSource.JUDICIAL_SUGGESTION,
}
# Every source the inspections register gives: its findings, counted together (report row 22).
SUPERVISION_SOURCES = (
    RectificationSource.INSPECTION,
    RectificationSource.APPRAISAL,
    RectificationSource.JUDICIAL_SUGGESTION,
)


class Inspection(OrgScopedModel):
    """One act of supervision of the town: an inspection by the county or by the
    town itself (督查检查), an appraisal to which deputies were invited (人大代表评议),
    or a court's judicial suggestion (司法建议) to be answered by the date it sets.
    Its findings are rectification items with their own lead leader, due date and
    close-out (销号)."""

    kind = models.CharField("类型", max_length=12, choices=InspectionKind.choices)
    title = models.CharField("名称", max_length=200)
    by_whom = models.CharField("督查（评议）机关", max_length=100)
    held_on = models.DateField("日期")
    reference = models.CharField("文号", max_length=60, blank=True)
    scope = models.TextField("范围和内容", blank=True)
    summary = models.TextField("情况摘要", blank=True)
    participants = models.PositiveSmallIntegerField("参加评议的代表人数", null=True, blank=True)
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="牵头领导")  # fmt: skip
    answer_due_on = models.DateField("反馈期限", null=True, blank=True,
                                     help_text="督查通知或司法建议书要求反馈整改情况的日期")  # fmt: skip
    answered_on = models.DateField("反馈日期", null=True, blank=True)

    DEADLINES = [
        DeadlineSpec("answer", "反馈督查（司法建议）整改情况", due=lambda i: i.answer_due_on,
                     owner=lambda i: i.lead_leader, done=lambda i: i.answered_on is not None),
    ]  # fmt: skip

    class Meta:
        verbose_name = "督查评议"
        verbose_name_plural = "督查评议"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "held_on"], name="ovs_inspection_org_held")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:inspections-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.answer_due_on and self.held_on and self.answer_due_on < self.held_on:
            errors["answer_due_on"] = "反馈期限不能早于督查（评议）日期"
        if self.answered_on and self.held_on and self.answered_on < self.held_on:
            errors["answered_on"] = "反馈日期不能早于督查（评议）日期"
        if self.participants is not None and self.kind != InspectionKind.APPRAISAL:
            errors["participants"] = "只有人大代表评议填写参加评议的代表人数"
        if errors:
            raise ValidationError(errors)

    @property
    def finding_source(self) -> str:
        """The rectification source of this record's findings."""
        return SOURCE_OF_KIND.get(self.kind, RectificationSource.INSPECTION)

    def answer_state(self, today=None) -> str:
        if self.answer_due_on is None:
            return "已反馈" if self.answered_on else "—"
        return _state(self.answer_due_on, self.answered_on, "反馈", today)
