"""The answer to a locked-out login attempt: a page for people, JSON for the API."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    failures = settings.AXES_FAILURE_LIMIT
    message = f"连续{failures}次登录失败，账号已锁定{minutes}分钟（GB/T 22239-2019 8.1.4.1）"
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "locked_out", "detail": message}, status=429)
    return render(request, "core/locked_out.html", {"message": message}, status=429)
