"""Accounts and roles: the security administrator's work (三员分立).

The security administrator creates accounts, grants roles and disables
accounts, and sees no register data. Every step is an audit event. An initial
password and a TOTP secret are shown once, to the administrator who made them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token

from fazhi.core import audit, otp
from fazhi.core.management.commands.init import random_password
from fazhi.core.models import User, UserSession
from fazhi.core.signals import check_admin_separation


def _check_actor(actor: Any) -> None:
    if not actor.has_perm("core.change_user"):
        raise PermissionDenied("只有安全管理员可以管理账号和角色")


def _set_roles(user: User, roles: list[str]) -> tuple[list[str], list[str]]:
    before = sorted(user.groups.values_list("name", flat=True))
    check_admin_separation(set(roles))
    user.groups.set(Group.objects.filter(name__in=roles))
    user.__dict__.pop("_role_codes", None)
    getattr(user, "_prefetched_objects_cache", {}).pop("groups", None)
    return before, sorted(roles)


@audit.audited
def create_account(*, actor: Any, data: dict[str, Any]) -> tuple[User, str, str]:
    """Returns the account, its initial password and (for roles that need it) the
    otpauth:// URI of its second factor, both to be shown once."""
    _check_actor(actor)
    roles = list(data.pop("roles", []))
    password = random_password()
    user = User(**data, must_change_password=True)
    user.full_clean(exclude=["password"])
    user.set_password(password)
    user.save()
    _, after = _set_roles(user, roles)
    uri = otp.enrol(user) if otp.requires_totp(user) else ""
    audit.record(
        actor=actor, action="core.user.created", target=user, target_repr=user.username,
        new={"username": user.username, "org_unit": user.org_unit_id, "roles": after, "totp": bool(uri)},
    )  # fmt: skip
    return user, password, uri


@audit.audited
def update_account(user: User, *, actor: Any, data: dict[str, Any]) -> User:
    _check_actor(actor)
    roles = data.pop("roles", None)
    before = audit.raw_values(user)
    for name, value in data.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    changed = audit.changed_fields(before, audit.raw_values(user))
    if changed:
        audit.record(
            actor=actor, action="core.user.changed", target=user, target_repr=user.username,
            old={k: before[k] for k in changed}, new={k: audit.raw_values(user)[k] for k in changed},
        )  # fmt: skip
    if roles is not None:
        old_roles, new_roles = _set_roles(user, list(roles))
        if old_roles != new_roles:
            audit.record(
                actor=actor, action="core.user.roles_changed", target=user, target_repr=user.username,
                old={"roles": old_roles}, new={"roles": new_roles},
            )  # fmt: skip
        if otp.requires_totp(user) and otp.device_for(user) is None:
            user.fazhi_new_totp_uri = otp.enrol(user)
    return user


def end_sessions(user: User) -> int:
    """End every web session and API token of the user."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    return len(keys)


@audit.audited
def set_active(user: User, active: bool, *, actor: Any) -> User:
    _check_actor(actor)
    if user.pk == actor.pk:
        raise PermissionDenied("不能停用自己的账号")
    user.is_active = active
    user.save(update_fields=["is_active"])
    ended = 0 if active else end_sessions(user)
    audit.record(
        actor=actor, action="core.user.enabled" if active else "core.user.disabled", target=user,
        target_repr=user.username, new={"is_active": active, "sessions_ended": ended},
    )  # fmt: skip
    return user


@audit.audited
def reset_password(user: User, *, actor: Any) -> str:
    _check_actor(actor)
    password = random_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    end_sessions(user)
    audit.record(actor=actor, action="core.user.password_reset", target=user, target_repr=user.username)
    return password


@audit.audited
def reset_totp(user: User, *, actor: Any) -> str:
    _check_actor(actor)
    uri = otp.enrol(user)
    end_sessions(user)
    audit.record(actor=actor, action="core.user.totp_reset", target=user, target_repr=user.username)
    return uri
