"""Pages of the security administrator: accounts, roles, passwords, second factors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import accounts
from fazhi.core.definitions import accounts as register
from fazhi.core.registers import views as register_views


def _require(request, verb: str) -> None:
    if not register.can(request.user, verb):
        raise PermissionDenied("只有安全管理员可以管理账号和角色")


def _account(request, pk: int):
    return get_object_or_404(register.queryset(request.user), pk=pk)


def _secret_page(request, user, *, password: str = "", uri: str = "", title: str):
    # Shown once, in this response only: never stored in a message or the session.
    response = render(
        request,
        "core/account_secret.html",
        {"account": user, "password": password, "uri": uri, "title": title},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def create(request):
    _require(request, "add")
    form = register.form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "person" or v}
        try:
            user, password, uri = accounts.create_account(actor=request.user, data=data)
        except (ValidationError, PermissionDenied) as exc:
            register_views.apply_errors(form, exc)
        else:
            return _secret_page(request, user, password=password, uri=uri, title="账号已创建")
    return render(request, "core/register/form.html", {"register": register, "form": form, "object": None})


@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    _require(request, "change")
    account = _account(request, pk)
    form = register.form_class(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("username", "person")}
        try:
            account = accounts.update_account(account, actor=request.user, data=data)
        except (ValidationError, PermissionDenied) as exc:
            register_views.apply_errors(form, exc)
        else:
            uri = getattr(account, "fazhi_new_totp_uri", "")
            if uri:
                return _secret_page(request, account, uri=uri, title="已保存，并为新角色生成动态验证码")
            messages.success(request, f"已保存账号：{account.username}")
            return redirect(register.url("detail", account.pk))
    return render(request, "core/register/form.html", {"register": register, "form": form, "object": account})


@require_POST
def set_active(request, pk: int):
    _require(request, "change")
    account = _account(request, pk)
    active = request.POST.get("active") == "1"
    accounts.set_active(account, active, actor=request.user)
    messages.success(
        request, f"账号{account.username}已{'启用' if active else '停用，其登录会话和接口令牌已全部失效'}"
    )
    return redirect(register.url("detail", account.pk))


@require_POST
def reset_password(request, pk: int):
    _require(request, "change")
    account = _account(request, pk)
    password = accounts.reset_password(account, actor=request.user)
    return _secret_page(request, account, password=password, title="密码已重置")


@require_POST
def reset_totp(request, pk: int):
    _require(request, "change")
    account = _account(request, pk)
    uri = accounts.reset_totp(account, actor=request.user)
    return _secret_page(request, account, uri=uri, title="动态验证码已重置")


def urls() -> list:
    kw = {"register": register}
    return [
        path("accounts/", register_views.list_view, kw, name="accounts-list"),
        path("accounts/new/", create, name="accounts-create"),
        path("accounts/export/", register_views.export_view, kw, name="accounts-export"),
        path("accounts/<int:pk>/", register_views.detail_view, kw, name="accounts-detail"),
        path("accounts/<int:pk>/edit/", edit, name="accounts-edit"),
        path("accounts/<int:pk>/active/", set_active, name="accounts-active"),
        path("accounts/<int:pk>/password/", reset_password, name="accounts-password"),
        path("accounts/<int:pk>/totp/", reset_totp, name="accounts-totp"),
    ]
