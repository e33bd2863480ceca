"""My notices (我的提醒: the in-app inbox, newest first, unread highlighted, marked
read by POST) and my channels (我的提醒设置). A user only ever sees their own
notices: another user's is 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.registers.views import error_text
from fazhi.reports.choices import NoticeChannel
from fazhi.reports.models.notify import Notice
from fazhi.reports.notify import actions
from fazhi.reports.notify.channels import preference_of
from fazhi.reports.notify.forms import PreferenceForm

PAGE_SIZE = 30


@require_GET
def inbox(request):
    actions.require_receiver(request.user)
    mine = Notice.objects.filter(user=request.user)
    page = Paginator(
        mine.filter(channel=NoticeChannel.IN_APP).select_related("deadline"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "reports/notify/inbox.html", {
        "page": page,
        "unread": mine.filter(channel=NoticeChannel.IN_APP, read_at__isnull=True).count(),
        "others": mine.exclude(channel=NoticeChannel.IN_APP)[:20],
        "preference": preference_of(request.user),
    })  # fmt: skip


@require_POST
def read(request, pk: int | None = None):
    """Mark one notice read (pk), or all of them."""
    notice = get_object_or_404(Notice, pk=pk, user=request.user) if pk is not None else None
    try:
        count = actions.mark_read(actor=request.user, notice=notice)
    except PermissionDenied as exc:
        messages.error(request, error_text(exc))
        return redirect("reports:notices")
    if notice is None:
        messages.success(request, f"已将{count}条提醒标为已读" if count else "没有未读的提醒")
    page = request.POST.get("page", "")
    return redirect(_inbox_url(page))


def _inbox_url(page: str) -> str:
    from django.urls import reverse

    url = reverse("reports:notices")
    return f"{url}?page={int(page)}" if page.isdigit() else url


@require_http_methods(["GET", "POST"])
def preference(request):
    actions.require_receiver(request.user)
    current = preference_of(request.user)
    form = PreferenceForm(request.POST or None, instance=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.save_preference(actor=request.user, data=form.cleaned_data)
        messages.success(request, "提醒设置已保存")
        return redirect("reports:notice-settings")
    return render(request, "reports/notify/settings.html", {"form": form})
