"""The audit record (执法全过程记录, 行政处罚法 第47条; GB/T 22239 8.1.4.3).

Append-only: written only by `fazhi.core.audit.record`, inside the transaction
of the action it records, so that an action without its event cannot exist.
Events form one hash chain per town (and one for events of no town): each
event's `hash` is SM3 (HMAC-SM3 with FAZHI_AUDIT_KEY) over its canonical form,
which includes the previous event's hash. Database triggers refuse UPDATE and
DELETE; `fazhi audit verify` names the first event that was changed, removed
or moved. The actor and org unit are kept as plain values, not foreign keys,
so that no later change to a user or unit ever rewrites an event.
"""

import json

from django.db import models

from fazhi.core.choices import AuditResult

GLOBAL_CHAIN = 0  # events that belong to no town


class AuditEvent(models.Model):
    chain = models.BigIntegerField("链", default=GLOBAL_CHAIN, help_text="镇的ID；0为不属于任何镇的事件")
    seq = models.BigIntegerField("序号")
    at = models.DateTimeField("时间", db_index=True)
    actor_id = models.BigIntegerField("操作人ID", null=True, blank=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    roles = models.CharField("角色", max_length=200, blank=True)
    org_unit_id = models.BigIntegerField("所属单位ID", null=True, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象ID", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    # Canonical JSON text (sorted keys): the hash covers exactly these bytes.
    old_values = models.TextField("修改前", blank=True)
    new_values = models.TextField("修改后", blank=True)
    result = models.CharField("结果", max_length=16, choices=AuditResult.choices, default=AuditResult.SUCCESS)
    message = models.CharField("说明", max_length=500, blank=True)
    ip = models.CharField("IP地址", max_length=45, blank=True)
    request_id = models.CharField("请求ID", max_length=64, blank=True)
    prev_hash = models.CharField("前一事件哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="core_audit_chain_seq")]
        indexes = [
            models.Index(fields=["org_unit_id", "at"], name="core_audit_org_at"),
            models.Index(fields=["target_type", "target_id"], name="core_audit_target"),
            models.Index(fields=["chain", "id"], name="core_audit_chain_id"),
            models.Index(fields=["actor_id", "at"], name="core_audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    @property
    def action_label(self) -> str:
        from fazhi.core.audit_labels import label

        return label(self.action)

    @property
    def old(self):
        return json.loads(self.old_values) if self.old_values else None

    @property
    def new(self):
        return json.loads(self.new_values) if self.new_values else None


class AuditHead(models.Model):
    """The last event of each chain. Writers lock this row, so that two
    concurrent writers of one town never fork its chain; towns never wait on
    each other."""

    chain = models.BigIntegerField("链", primary_key=True)
    seq = models.BigIntegerField("序号", default=0)
    hash = models.CharField("哈希", max_length=64)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"链{self.chain}#{self.seq}"


class AuditCheckpoint(models.Model):
    """Where a chain continues after the retention purge removed its oldest
    events: the last removed event's sequence and hash."""

    chain = models.BigIntegerField("链")
    seq = models.BigIntegerField("序号")
    hash = models.CharField("哈希", max_length=64)
    at = models.DateTimeField("事件时间")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "审计检查点"
        verbose_name_plural = "审计检查点"
        ordering = ["chain", "-seq"]

    def __str__(self) -> str:
        return f"链{self.chain}检查点#{self.seq}"
