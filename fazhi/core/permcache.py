"""A user's roles and permissions, read once per process instead of on every request.

Django's ModelBackend keeps them on the user object, which lives for one request;
a phone posting cases would pay two joins of four tables each time. Here they are
kept per process under the key (user id, when the account was made,
`User.perm_stamp`): an id reused after a rolled-back insert is another key. Every change of a
user's roles or direct permissions, or of a role's permissions, raises the stamp
of the users concerned in the database (in the same transaction as the change),
so the next request of any process reads a new key and loads them afresh: a
revoked role takes effect on the user's next request, as before.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import F, QuerySet

_MAX_ENTRIES = 20_000  # a city's staff; the cache is dropped whole when it grows past this
_perms: dict[tuple, frozenset[str]] = {}
_roles: dict[tuple, frozenset[str]] = {}


def _key(user: Any) -> tuple:
    return (user.pk, user.date_joined, user.perm_stamp)


def _remember(cache: dict, key: tuple, value: frozenset[str]) -> frozenset[str]:
    if len(cache) >= _MAX_ENTRIES:
        cache.clear()
    cache[key] = value
    return value


def role_codes(user: Any) -> frozenset[str]:
    key = _key(user)
    found = _roles.get(key)
    if found is None:
        found = _remember(_roles, key, frozenset(user.groups.values_list("name", flat=True)))
    return found


class CachedModelBackend(ModelBackend):
    """ModelBackend whose permission sets outlive the request (see the module)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = _key(user_obj)
            found = _perms.get(key)
            if found is None:
                found = _remember(_perms, key, frozenset(super().get_all_permissions(user_obj)))
            user_obj._perm_cache = found
        return user_obj._perm_cache


def clear() -> None:
    """Drop this process's entries (the stamps in the database stay as they are)."""
    _perms.clear()
    _roles.clear()


def forget(users: Any) -> None:
    """Raise the stamp of `users` (a queryset or ids) and drop this process's entries."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    qs = users if isinstance(users, QuerySet) else User.objects.filter(pk__in=list(users))
    qs.update(perm_stamp=F("perm_stamp") + 1)
    clear()


def _changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    if isinstance(instance, User):  # user.groups / user.user_permissions changed
        forget([instance.pk])
        fresh = User.objects.filter(pk=instance.pk).values_list("perm_stamp", flat=True).first()
        instance.perm_stamp = fresh if fresh is not None else instance.perm_stamp
        for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_role_codes"):
            instance.__dict__.pop(attr, None)
    elif isinstance(instance, Group):  # group.user_set or group.permissions changed
        forget(User.objects.filter(groups=instance))
        if model is User and pk_set:  # users removed from the group are no longer its members
            forget(pk_set)
    elif model is User and pk_set:  # permission.user_set / permission.group_set, reversed
        forget(pk_set)
    else:  # a permission's groups changed: the members of those groups
        forget(User.objects.filter(groups__in=pk_set or []))


def _group_deleted(sender, instance, **kwargs) -> None:
    from django.contrib.auth import get_user_model

    forget(get_user_model().objects.filter(groups=instance))


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, pre_delete

    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"fazhi.permcache.{through._meta.label}")
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="fazhi.permcache.group_deleted")
