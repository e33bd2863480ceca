"""Audit events for authentication, and the separation of the three
administrators enforced on every path that changes a user's roles."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed

from fazhi.core import audit
from fazhi.core.choices import AuditResult
from fazhi.core.roles import ADMIN_ROLES


def _logged_in(sender, request, user, **kwargs) -> None:
    from fazhi.core.middleware import AccountPolicyMiddleware
    from fazhi.core.models import UserSession

    session = getattr(request, "session", None)
    if session is not None:
        session[AccountPolicyMiddleware.LOGIN_AT] = time.time()
        if session.session_key is None:
            session.save()
        UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})
    audit.record(actor=user, action="core.user.logged_in", target=user, target_repr=user.get_username())


def _logged_out(sender, request, user, **kwargs) -> None:
    from fazhi.core.models import UserSession

    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()
    if user is not None:
        audit.record(actor=user, action="core.user.logged_out", target=user, target_repr=user.get_username())


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the name that was tried: never the password.
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        actor=None,
        action="core.user.login_failed",
        result=AuditResult.FAILURE,
        target_repr=username,
        new={"username": username},
    )


def check_admin_separation(role_names: set[str]) -> None:
    """The three administrators are three accounts, and each does only its own work
    (三员分立): no account holds two of the roles, nor one of them beside a business role."""
    held = sorted(role_names.intersection(ADMIN_ROLES))
    if len(held) > 1:
        raise ValidationError(
            f"系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立，GB/T 22239-2019 8.1.4.2），不能同时授予：{'、'.join(held)}",
            code="admin_roles_separated",
        )
    if held and len(role_names) > 1:
        raise ValidationError("三员账号不能兼任业务角色（三员分立）", code="admin_roles_separated")


def _roles_changing(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """Refuse, on any path, an account that would hold two administrator roles."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...)
        group = instance
        for user in get_user_model().objects.filter(pk__in=pk_set):
            check_admin_separation(set(user.groups.values_list("name", flat=True)) | {group.name})
        return
    adding = set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    check_admin_separation(set(instance.groups.values_list("name", flat=True)) | adding)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="fazhi.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="fazhi.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="fazhi.audit.login_failed")
    m2m_changed.connect(
        _roles_changing, sender=get_user_model().groups.through, dispatch_uid="fazhi.admin_roles"
    )
