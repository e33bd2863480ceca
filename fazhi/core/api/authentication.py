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
        from rest_framework.authtoken.models import Token

        from fazhi.core.middleware import PASSWORD_CHANGE_FIRST
        from fazhi.core.passwords import password_change_required

        # The user's org unit decides what they see: read it with the token, in
        # the one query of the authentication (DRF's own reads only the user).
        try:
            token = Token.objects.select_related("user__org_unit").get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed("令牌无效，请重新登录") from None
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed("账号已停用")
        age = timezone.now() - token.created
        if age > dt.timedelta(seconds=settings.FAZHI_SESSION_ABSOLUTE_SECONDS):
            token.delete()
            raise exceptions.AuthenticationFailed("登录已过期，请重新登录")
        if password_change_required(user):
            raise exceptions.PermissionDenied(PASSWORD_CHANGE_FIRST)
        return user, token
