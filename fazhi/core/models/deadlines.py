"""Stored due dates of every register, so that the workbench and the warnings
board list what is due across registers without knowing their internals.

Registers do not write these rows themselves: a model declares its deadlines
(`fazhi.core.deadlines.DeadlineSpec`) and the register actions keep the rows in
step with the record, in the same transaction.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fazhi.core.models.scoped import OrgScopedModel


class Deadline(OrgScopedModel):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="对象类型")
    object_id = models.CharField("对象ID", max_length=64)
    key = models.CharField("期限代码", max_length=64)
    label = models.CharField("事项", max_length=200)
    record_label = models.CharField("记录", max_length=200)
    url = models.CharField("链接", max_length=300, blank=True)
    due_date = models.DateField("到期日")
    citation = models.CharField("依据", max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name="责任人",
    )
    post = models.ForeignKey(
        "core.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name="责任岗位",
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "key"], name="core_deadline_unique")
        ]
        indexes = [
            models.Index(
                fields=["org_unit", "due_date"],
                condition=Q(closed_at__isnull=True),
                name="core_deadline_open_org",
            ),
            models.Index(
                fields=["owner", "due_date"],
                condition=Q(closed_at__isnull=True),
                name="core_deadline_open_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_label}：{self.label}（{self.due_date:%Y-%m-%d}）"
