"""The audit record (执法全过程记录, 行政处罚法 第47条; GB/T 22239 8.1.4.3).

Append-only: written only by `fazhi.core.audit.record`, inside the transaction
of the action it records, so that an action without its event cannot exist.
The actor and org unit are kept as plain values, not foreign keys, so that no
later change to a user or unit ever rewrites an event.
"""

from django.db import models

from fazhi.core.choices import AuditResult


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor_id = models.BigIntegerField("操作人ID", null=True, blank=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    roles = models.CharField("角色", max_length=200, blank=True)
    org_unit_id = models.BigIntegerField("所属单位ID", null=True, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象ID", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    old = models.JSONField("修改前", null=True, blank=True)
    new = models.JSONField("修改后", null=True, blank=True)
    result = models.CharField("结果", max_length=16, choices=AuditResult.choices, default=AuditResult.SUCCESS)
    message = models.CharField("说明", max_length=500, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    request_id = models.CharField("请求ID", max_length=64, blank=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["org_unit_id", "at"], name="core_audit_org_at"),
            models.Index(fields=["target_type", "target_id"], name="core_audit_target"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"
