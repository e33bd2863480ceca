"""API authentication classes (imported by DRF's settings: no DRF views here)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    """A token lives as long as a web session at most (FAZHI_SESSION_ABSOLUTE_SECONDS)."""

    def authenticate_credentials(self, key):
        from fazhi.core.middleware import PASSWORD_CHANGE_FIRST
        from fazhi.core.passwords import password_change_required

        user, token = super().authenticate_credentials(key)
        age = timezone.now() - token.created
        if age > dt.timedelta(seconds=settings.FAZHI_SESSION_ABSOLUTE_SECONDS):
            token.delete()
            raise exceptions.AuthenticationFailed("登录已过期，请重新登录")
        if password_change_required(user):
            raise exceptions.PermissionDenied(PASSWORD_CHANGE_FIRST)
        return user, token
