"""The answer to a locked-out login attempt: a page for people, JSON for the API."""

from django.http import JsonResponse
from django.shortcuts import render

MESSAGE = "登录失败次数过多，账号已锁定15分钟（GB/T 22239-2019 8.1.4.1）"


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "locked_out", "detail": MESSAGE}, status=429)
    return render(request, "core/locked_out.html", status=429)
