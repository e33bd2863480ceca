"""The webhook registers of the system administrator: subscriptions (推送订阅)
and the log of their deliveries (推送记录). The signing secret is made by
Fazhi, shown once, and from then on only masked; a delivery's content stays
out of the pages and exports, which say only when, what kind, and how it went
(the system administrator keeps the integration, not the cases it carries)."""

from __future__ import annotations

from urllib.parse import urlsplit

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from fazhi.core import live, webhooks
from fazhi.core.choices import DeliveryStatus
from fazhi.core.definitions import parse_text
from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit, WebhookDelivery, WebhookSubscription
from fazhi.core.registers import Column, ExcelColumn, Register, registry


def _local(value):
    return timezone.localtime(value) if value else None


def _kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in live.KINDS.values()]


class WebhookForm(RegisterForm):
    url = forms.URLField(
        label="接收地址",
        max_length=500,
        assume_scheme="https",
        help_text="对方系统接收推送的 http(s) 地址；不能指向本机、内网、链路本地或组播地址（保存时和每次推送时检查）",
    )
    kinds = forms.MultipleChoiceField(
        label="推送的消息类型",
        choices=_kind_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="所属单位及其下级单位的这些消息推送到接收地址",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["org_unit", "name", "url", "kinds", "active"]

    def clean_url(self) -> str:
        url = (self.cleaned_data.get("url") or "").strip()
        if urlsplit(url).scheme not in ("http", "https"):
            raise forms.ValidationError("接收地址须以 http:// 或 https:// 开头")
        return url


class WebhookFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或地址", method="search")
    org_unit = django_filters.ModelChoiceFilter(
        label="所属单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )
    active = yes_no_filter("启用")

    class Meta:
        model = WebhookSubscription
        fields = ["q", "org_unit", "active"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(url__contains=value)) if value else queryset


class DeliveryFilter(RegisterFilterSet):
    subscription = django_filters.ModelChoiceFilter(
        label="推送订阅", queryset=WebhookSubscription.objects.none()
    )
    status = django_filters.ChoiceFilter(label="状态", choices=DeliveryStatus.choices)
    kind = django_filters.ChoiceFilter(label="消息类型", choices=_kind_choices)

    class Meta:
        model = WebhookDelivery
        fields = ["subscription", "status", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["subscription"].queryset = WebhookSubscription.objects.visible_to(kwargs.get("user"))


class DeliveryForm(RegisterForm):
    """Deliveries are made by the news, never by hand: no page uses this form."""

    class Meta:
        model = WebhookDelivery
        fields: list[str] = []


webhook_subscriptions = registry.add(
    Register(
        key="webhooks",
        namespace="core",
        model=WebhookSubscription,
        label="推送订阅",
        module="system",
        importable=False,
        description="向其他系统（如县级平台）推送执法决定等消息：带签名，失败时按退避间隔重试，每次投递留有记录。",
        form_class=WebhookForm,
        filterset_class=WebhookFilter,
        select_related=("org_unit",),
        ordering=("org_unit__path", "name"),
        columns=[
            Column("name", "名称", link=True, sort="name"),
            Column("url", "接收地址"),
            Column("kind_labels", "消息类型"),
            Column("org_unit.name", "所属单位", sort="org_unit__path"),
            Column("active", "启用"),
        ],
        detail_fields=[
            Column("name", "名称"),
            Column("url", "接收地址"),
            Column("kind_labels", "消息类型"),
            Column("org_unit.name", "所属单位"),
            Column("masked_secret", "签名密钥"),
            Column("active", "启用"),
            Column("created_at", "创建时间"),
        ],
        excel_columns=[
            ExcelColumn("名称", "name", parse=parse_text, required=True, width=20),
            ExcelColumn("接收地址", "url", parse=parse_text, required=True, width=40),
            ExcelColumn("消息类型", None, export=lambda s: s.kind_labels(), width=30),
            ExcelColumn("所属单位代码", None, export=lambda s: s.org_unit.code, width=16),
            ExcelColumn("所属单位", None, export=lambda s: s.org_unit.name, width=16),
            ExcelColumn("签名密钥", None, export=lambda s: s.masked_secret, width=14),
            ExcelColumn("启用", None, export=lambda s: s.active, width=6),
        ],
        create=lambda *, actor, data: webhooks.create_subscription(actor=actor, data=data)[0],
        update=webhooks.update_subscription,
    )
)

webhook_deliveries = registry.add(
    Register(
        key="webhook-deliveries",
        namespace="core",
        model=WebhookDelivery,
        label="推送记录",
        module="system",
        importable=False,
        description="每条消息向每个订阅的投递：尝试次数、对方应答和错误。对方返回2xx即为送达。",
        form_class=DeliveryForm,
        filterset_class=DeliveryFilter,
        select_related=("subscription", "subscription__org_unit"),
        ordering=("-id",),
        columns=[
            Column("uuid", "投递编号", link=True),
            Column("subscription.name", "推送订阅"),
            Column("kind_label", "消息类型"),
            Column("status", "状态", sort="status"),
            Column("attempts", "尝试次数"),
            Column("last_status_code", "最近响应码"),
            Column("created_at", "创建时间", sort="id"),
        ],
        detail_fields=[
            Column("uuid", "投递编号"),
            Column("subscription.name", "推送订阅"),
            Column("subscription.url", "接收地址"),
            Column("kind_label", "消息类型"),
            Column("event_id", "消息编号"),
            Column("status", "状态"),
            Column("attempts", "尝试次数"),
            Column("last_status_code", "最近响应码"),
            Column("last_error", "最近错误"),
            Column("signature", "最近一次签名"),
            Column("created_at", "创建时间"),
            Column("next_attempt_at", "下次尝试时间"),
            Column("delivered_at", "送达时间"),
        ],
        excel_columns=[
            ExcelColumn("投递编号", None, export=lambda d: str(d.uuid), width=38),
            ExcelColumn("推送订阅", None, export=lambda d: d.subscription.name, width=20),
            ExcelColumn("消息类型", None, export=lambda d: d.kind_label(), width=16),
            ExcelColumn("消息编号", None, export=lambda d: d.event_id, width=10),
            ExcelColumn("状态", None, export=lambda d: d.get_status_display(), width=10),
            ExcelColumn("尝试次数", None, export=lambda d: d.attempts, width=8),
            ExcelColumn("最近响应码", None, export=lambda d: d.last_status_code, width=10),
            ExcelColumn("最近错误", None, export=lambda d: d.last_error, width=30),
            ExcelColumn("创建时间", None, export=lambda d: _local(d.created_at), width=18),
            ExcelColumn("送达时间", None, export=lambda d: _local(d.delivered_at), width=18),
        ],
    )
)
