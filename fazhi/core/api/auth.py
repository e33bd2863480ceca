"""The API's token endpoints, behind the same lock-out and second factor as the login page."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in, user_login_failed
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import otp
from fazhi.core.auth_forms import GENERIC_ERROR
from fazhi.core.middleware import PASSWORD_CHANGE_FIRST
from fazhi.core.passwords import password_change_required


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    password = serializers.CharField(label="密码", style={"input_type": "password"}, trim_whitespace=False)
    otp_token = serializers.CharField(label="动态验证码", required=False, allow_blank=True)


class ObtainTokenView(APIView):
    """Exchange a username, password (and TOTP code for administrators and leaders)
    for an API token. A new token replaces the old one."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        summary="获取接口令牌",
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        user = authenticate(request._request, username=username, password=data.validated_data["password"])
        if user is None:
            raise exceptions.AuthenticationFailed(GENERIC_ERROR)
        if otp.requires_totp(user) and otp.verify(user, data.validated_data.get("otp_token", "")) is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": username}, request=request._request
            )
            raise exceptions.AuthenticationFailed(GENERIC_ERROR)
        if password_change_required(user):
            raise exceptions.PermissionDenied(PASSWORD_CHANGE_FIRST)
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token.key})


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="注销接口令牌")
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=204)
