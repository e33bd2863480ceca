"""Staff accounts. A user belongs to an org unit (which decides what they see)
and is usually linked to a person of the people register."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Accounts a user may see: the security administrator of the installation
        (no org unit) sees all; anyone else, the accounts of their own scope."""
        from fazhi.core.models.scoped import visible_unit_ids

        if user is None or not user.is_authenticated:
            return self.none()
        if user.org_unit_id is None and user.has_role("secadmin"):
            return self.all()
        return self.filter(org_unit__in=visible_unit_ids(user))


class FazhiUserManager(UserManager.from_queryset(UserQuerySet)):
    def get_queryset(self):
        # Every request reads the user's org unit for scoping: fetch it with the user.
        return super().get_queryset().select_related("org_unit")


class User(AbstractUser):
    org_unit = models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="所属单位",
    )
    person = models.ForeignKey(
        "core.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name="人员",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    # Raised by every change of the user's roles or permissions (fazhi.core.permcache).
    perm_stamp = models.PositiveIntegerField("权限版本", default=0, editable=False)

    objects = FazhiUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def org_unit_path(self) -> str:
        return self.org_unit.path if self.org_unit_id else "\0"

    @property
    def role_codes(self) -> set[str]:
        if not hasattr(self, "_role_codes"):
            from fazhi.core import permcache

            if not self.pk:
                self._role_codes = set()
            elif "groups" in getattr(self, "_prefetched_objects_cache", {}):
                # A list that prefetched the groups: no query per row.
                self._role_codes = {g.name for g in self.groups.all()}
            else:
                self._role_codes = set(permcache.role_codes(self))
        return self._role_codes

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes.intersection(codes))

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:accounts-detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        return type(self).objects.visible_to(user).filter(pk=self.pk).exists() if self.pk else True

    def role_names(self) -> str:
        from fazhi.core.roles import ROLES

        return "、".join(ROLES.get(c, c) for c in sorted(self.role_codes))


class UserSession(models.Model):
    """The sessions a user signed in with, so that disabling the account ends
    every one of them at once (GB/T 22239 8.1.4.1b)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="login_sessions", verbose_name="用户"
    )
    session_key = models.CharField("会话", max_length=40, unique=True)
    created_at = models.DateTimeField("登录时间", auto_now_add=True)

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
