from __future__ import annotations

import re
import time
import uuid

from django.contrib.auth import middleware as auth_middleware
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.core import context

PASSWORD_CHANGE_FIRST = "须先在网页上修改初始密码或已到期的密码"  # noqa: S105  (a message, not a password)
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def client_ip(request) -> str | None:
    """The client's address. Behind a reverse proxy listed in FAZHI_TRUSTED_PROXIES,
    the last address in X-Forwarded-For that is not one of those proxies; a header
    from anyone else is ignored, since clients can write it too."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR") or None
    trusted = settings.FAZHI_TRUSTED_PROXIES
    if remote not in trusted:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address[:45]
    return remote


class RequestContextMiddleware:
    """Gives every request an id (kept in audit events and echoed in a header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A client may name its request (mobile retries), but only with a plain token:
        # the id goes into hashed audit events.
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        channel = "api" if request.path.startswith("/api/") else "web"
        token = context.activate(
            context.RequestContext(request_id=request_id, ip=client_ip(request), channel=channel)
        )
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """A strict content security policy: every asset is vendored, so nothing
    needs another origin, and no page uses inline script."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()")
        return response


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Deny by default: every page needs a login except those marked
    `login_not_required` (login, the public portal). The API answers 401/403
    through its own permission classes instead of redirecting."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class AccountPolicyMiddleware:
    """What a signed-in user must satisfy on every request:
    - a session lives at most FAZHI_SESSION_ABSOLUTE_SECONDS (12 hours), however
      active (the 30-minute idle limit is the session cookie's age, renewed here
      at most every FAZHI_SESSION_RENEW_SECONDS instead of a session write on
      every request);
    - administrators and leaders have passed the TOTP second factor;
    - a user with an initial or expired password may do nothing but change it."""

    ALLOWED = ("password-change", "logout")
    LOGIN_AT = "fazhi_login_at"
    RENEWED_AT = "fazhi_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The user of the session; API calls with a token are checked by
        # fazhi.core.api.authentication instead (the user is anonymous here).
        user = getattr(request, "user", None)
        if not user or not user.is_authenticated or request.path.startswith("/static/"):
            return None
        from django.conf import settings
        from django.contrib.auth import logout

        from fazhi.core import otp
        from fazhi.core.passwords import password_change_required

        api = request.path.startswith("/api/")
        login_at = request.session.get(self.LOGIN_AT)
        if login_at is None or time.time() - login_at > settings.FAZHI_SESSION_ABSOLUTE_SECONDS:
            logout(request)
            if api:
                return JsonResponse(
                    {"code": "session_expired", "detail": "登录已过期，请重新登录"}, status=401
                )
            return redirect(f"{reverse('login')}?next={request.path}")
        if otp.requires_totp(user) and not user.is_verified():
            logout(request)
            if api:
                return JsonResponse(
                    {"code": "second_factor_required", "detail": "须通过动态验证码登录"}, status=401
                )
            return redirect(reverse("login"))
        now = time.time()
        if now - request.session.get(self.RENEWED_AT, 0) >= settings.FAZHI_SESSION_RENEW_SECONDS:
            request.session[self.RENEWED_AT] = now  # saved, with a new expiry, by SessionMiddleware
        match = request.resolver_match
        if match and match.url_name in self.ALLOWED:
            return None
        if password_change_required(user):
            if api:
                return JsonResponse(
                    {"code": "password_change_required", "detail": PASSWORD_CHANGE_FIRST}, status=403
                )
            return redirect(reverse("password-change"))
        return None
