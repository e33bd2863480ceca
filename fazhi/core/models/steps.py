"""The history of a record's workflow: one row a step taken, with who took it, on
which day and what they wrote. Each register with a workflow keeps its own table
(`…Step`), built on this abstract model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class StepRecord(models.Model):
    action = models.CharField("环节代码", max_length=24)
    label = models.CharField("环节", max_length=24)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="操作人")  # fmt: skip
    note = models.TextField("说明", blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.on:%Y-%m-%d}"
