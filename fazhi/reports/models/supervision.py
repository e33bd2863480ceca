"""The supervision models' flags (监督预警模型): a record a model flagged for the
legal reviewer, with the model, the reason and its threshold; confirmed or
dismissed with a note."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.models import OrgScopedModel
from fazhi.reports.choices import FlagStatus


class SupervisionFlag(OrgScopedModel):
    model_code = models.CharField("预警模型", max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+",
                                     verbose_name="记录类型")  # fmt: skip
    object_id = models.CharField("记录ID", max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField("记录", max_length=200)
    url = models.CharField("链接", max_length=300, blank=True)
    reason = models.TextField("预警原因")
    detected_on = models.DateField("发现日期")
    status = models.CharField("状态", max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    note = models.TextField("处理说明", blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="处理人")  # fmt: skip
    handled_on = models.DateField("处理日期", null=True, blank=True)

    class Meta:
        verbose_name = "监督预警"
        verbose_name_plural = "监督预警"
        ordering = ["-detected_on", "-id"]
        permissions = [("handle_supervisionflag", "核实处理监督预警")]
        constraints = [
            models.UniqueConstraint(
                fields=["model_code", "content_type", "object_id"], name="rep_flag_unique"
            )
        ]
        indexes = [
            models.Index(fields=["org_unit", "status"], name="rep_flag_org_status"),
            models.Index(fields=["org_unit", "detected_on"], name="rep_flag_org_detected"),
        ]

    def __str__(self) -> str:
        return f"{self.target_label}：{self.reason[:40]}"
