"""Meetings on the rule of law: the special meetings the principal leaders hold
every quarter (法治建设专题会议), party committee and government executive
meetings that study or decide rule-of-law matters, and the leading group's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import MeetingKind


class Meeting(OrgScopedModel):
    """A meeting that studied, planned or decided rule-of-law work, chaired by a
    leader (党政主要负责人履行推进法治建设第一责任人职责规定: the principal leaders
    deploy and follow up the work in person). Minutes and materials are attached."""

    on = models.DateField("会议日期")
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("会议名称", max_length=200)
    chaired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="主持人")  # fmt: skip
    attendees = models.TextField("参会人员", blank=True)
    decisions = models.TextField("议定事项", blank=True)

    class Meta:
        verbose_name = "法治会议"
        verbose_name_plural = "法治会议"
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "on"], name="ovs_meeting_org_on"),
            models.Index(fields=["org_unit", "kind", "on"], name="ovs_meeting_org_kind_on"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:meetings-detail", args=[self.pk])

    @property
    def quarter(self) -> int:
        return (self.on.month - 1) // 3 + 1
