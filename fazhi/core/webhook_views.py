"""Pages of the webhook registers: a new subscription's secret is shown once, in
the answer to the form (never in a message or the session), like an account's
initial password; afterwards only masked."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import webhooks
from fazhi.core.registers import views as register_views
from fazhi.core.webhook_registers import webhook_deliveries, webhook_subscriptions
from fazhi.law import RuleError

register = webhook_subscriptions


def _require(request, verb: str) -> None:
    if not register.can(request.user, verb):
        raise PermissionDenied("只有系统管理员可以管理推送订阅")


def _secret_page(request, subscription, secret: str, title: str):
    response = render(
        request, "core/webhook_secret.html", {"subscription": subscription, "secret": secret, "title": title}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def create(request):
    _require(request, "add")
    form = register.form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = webhooks.create_subscription(actor=request.user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            register_views.apply_errors(form, exc)
        else:
            return _secret_page(request, subscription, secret, "推送订阅已创建")
    return render(request, "core/register/form.html", {"register": register, "form": form, "object": None})


@require_POST
def regenerate_secret(request, pk: int):
    _require(request, "change")
    subscription = get_object_or_404(register.queryset(request.user), pk=pk)
    secret = webhooks.regenerate_secret(subscription, actor=request.user)
    return _secret_page(request, subscription, secret, "签名密钥已重新生成")


@require_POST
def resend_delivery(request, pk: int):
    """重新推送 a failed delivery (the system administrator, who may change subscriptions)."""
    _require(request, "change")
    delivery = get_object_or_404(webhook_deliveries.queryset(request.user), pk=pk)
    try:
        webhooks.resend_delivery(delivery, actor=request.user)
    except (RuleError, PermissionDenied) as exc:
        messages.error(request, register_views.error_text(exc))
    else:
        messages.success(request, "已重新推送：本条消息已重新排入推送队列，结果见下方每次尝试")
    return redirect(delivery.get_absolute_url())


def urls() -> list:
    subs = {"register": register}
    deliveries = {"register": webhook_deliveries}
    return [
        path("webhooks/", register_views.list_view, subs, name="webhooks-list"),
        path("webhooks/new/", create, name="webhooks-create"),
        path("webhooks/export/", register_views.export_view, subs, name="webhooks-export"),
        path("webhooks/<int:pk>/", register_views.detail_view, subs, name="webhooks-detail"),
        path("webhooks/<int:pk>/edit/", register_views.form_view, subs, name="webhooks-edit"),
        path("webhooks/<int:pk>/secret/", regenerate_secret, name="webhooks-secret"),
        path("webhook-deliveries/", register_views.list_view, deliveries, name="webhook-deliveries-list"),
        path(
            "webhook-deliveries/export/",
            register_views.export_view,
            deliveries,
            name="webhook-deliveries-export",
        ),
        path(
            "webhook-deliveries/<int:pk>/",
            register_views.detail_view,
            deliveries,
            name="webhook-deliveries-detail",
        ),
        path("webhook-deliveries/<int:pk>/resend/", resend_delivery, name="webhook-deliveries-resend"),
    ]
