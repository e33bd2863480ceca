"""Live news and webhooks (docs/adr/0003-live-updates.md).

`LiveEvent` is a piece of news for the pages that are open and for the systems
that subscribe: a decision was made, published or withdrawn. It is not a
register and not the audit record: it is kept for a day, so that a page that
reconnects or polls gets what it missed, and then pruned.

`WebhookSubscription` is another system (the county's platform, say) that
asks to be told of some kinds of news in an org unit and the units under it;
`WebhookDelivery` is one piece of news sent to one subscriber, with every
attempt kept (推送记录).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models.functions import Now
from django.urls import reverse

from fazhi.core.choices import DeliveryStatus
from fazhi.core.models.org import _installation_admin
from fazhi.core.models.scoped import OrgScopedModel, ScopedQuerySet, visible_unit_ids


class LiveEvent(models.Model):
    kind = models.CharField("类型", max_length=64)
    org_unit = models.ForeignKey(
        "core.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name="所属单位"
    )
    # The unit's path when the news was made: streams match it against a user's
    # path without a query, also for news that reaches them through Redis.
    org_path = models.CharField("单位路径", max_length=400)
    payload = models.JSONField("内容", default=dict)
    # The database's clock, not the web process's: readers compare it with the
    # database's own now() (fazhi.core.live.latest_id), whatever machine wrote it.
    created_at = models.DateTimeField("时间", db_default=Now(), db_index=True)

    class Meta:
        verbose_name = "实时消息"
        verbose_name_plural = "实时消息"

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"


def mask_secret(value: str) -> str:
    """A signing secret as pages, exports and audit events show it: its last four
    characters, enough to tell which one a receiver holds."""
    return f"******{value[-4:]}" if value else ""


class WebhookQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        # The installation's system administrator (no org unit) keeps the
        # subscriptions of every unit, as they keep the org tree.
        if _installation_admin(user):
            return self.all()
        return self.filter(**{f"{self.scope_field}__in": visible_unit_ids(user)})


class WebhookSubscription(OrgScopedModel):
    name = models.CharField("名称", max_length=100)
    url = models.URLField("接收地址", max_length=500, help_text="对方系统接收推送的 http(s) 地址")
    secret = models.CharField("签名密钥", max_length=128, editable=False)
    kinds = models.JSONField("推送的消息类型", default=list)
    active = models.BooleanField("启用", default=True)

    objects = WebhookQuerySet.as_manager()

    PII_FIELDS = {"secret": mask_secret}  # never in an audit event in full

    class Meta:
        verbose_name = "推送订阅"
        verbose_name_plural = "推送订阅"
        ordering = ["org_unit__path", "name"]
        indexes = [models.Index(fields=["active", "org_unit"], name="core_webhook_active_unit")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:webhooks-detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        return _installation_admin(user) or super().is_visible_to(user)

    @property
    def masked_secret(self) -> str:
        return mask_secret(self.secret)

    def kind_labels(self) -> str:
        from fazhi.core.live import KINDS

        return "、".join(KINDS[k].label if k in KINDS else k for k in self.kinds)


class DeliveryQuerySet(WebhookQuerySet):
    scope_field = "subscription__org_unit"


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries", verbose_name="推送订阅"
    )
    uuid = models.UUIDField("投递编号", default=uuid.uuid4, unique=True, editable=False,
                            help_text="X-Fazhi-Delivery：每次重试都相同，接收方据此去重")  # fmt: skip
    kind = models.CharField("消息类型", max_length=64)
    event_id = models.BigIntegerField("消息编号")
    # The exact bytes sent (and signed) on every attempt, as text.
    payload = models.TextField("推送内容")
    signature = models.CharField("最近一次签名", max_length=80, blank=True)
    status = models.CharField("状态", max_length=16, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)  # fmt: skip
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    last_status_code = models.PositiveSmallIntegerField("最近响应码", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    attempt_log = models.JSONField("每次尝试", default=list)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    next_attempt_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    # While an attempt is under way: no other worker takes the delivery before then.
    leased_until = models.DateTimeField("处理中至", null=True, blank=True)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_id"], name="core_delivery_once_per_event")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_delivery_due")]

    def __str__(self) -> str:
        return f"{self.kind}#{self.event_id} → {self.subscription.name}"

    def get_absolute_url(self) -> str:
        return reverse("core:webhook-deliveries-detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        return self.subscription.is_visible_to(user)

    def kind_label(self) -> str:
        from fazhi.core.live import KINDS

        return KINDS[self.kind].label if self.kind in KINDS else self.kind
