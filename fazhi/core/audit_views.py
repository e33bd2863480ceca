"""The audit log viewer: the auditor's page, and only the auditor's.

Every search and every export the auditor makes is itself an audit event."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.choices import AuditResult
from fazhi.core.filters import style_filter_form
from fazhi.core.models import AuditEvent, OrgUnit
from fazhi.core.models.scoped import subtree_ids, visible_unit_ids
from fazhi.core.registers import excel
from fazhi.core.registers.views import _xlsx


def events_for(user):
    """Events the auditor may read: all of them for the installation's auditor
    (no org unit), else those of the auditor's own scope."""
    if not user.has_perm("core.view_auditevent"):
        raise PermissionDenied("只有审计管理员可以查看审计日志")
    qs = AuditEvent.objects.all()
    if user.org_unit_id is not None:
        qs = qs.filter(org_unit_id__in=visible_unit_ids(user))
    return qs.order_by("-id")


class AuditFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        label="起始日期",
        method="filter_since",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = django_filters.DateFilter(
        label="截止日期",
        method="filter_until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    actor = django_filters.CharFilter(label="操作人", field_name="actor_name", lookup_expr="exact")
    action = django_filters.CharFilter(label="操作", field_name="action", lookup_expr="startswith")
    target = django_filters.CharFilter(label="对象", method="filter_target")
    org_unit = django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.all(), method="filter_org_unit"
    )
    result = django_filters.ChoiceFilter(label="结果", choices=AuditResult.choices)

    class Meta:
        model = AuditEvent
        fields = ["since", "until", "actor", "action", "target", "org_unit", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self.form)

    def _day(self, value: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(value, dt.time()))

    def filter_since(self, qs, name, value):
        return qs.filter(at__gte=self._day(value)) if value else qs

    def filter_until(self, qs, name, value):
        return qs.filter(at__lt=self._day(value + dt.timedelta(days=1))) if value else qs

    def filter_target(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(target_repr__contains=value) | Q(target_id=value) | Q(target_type=value))

    def filter_org_unit(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(org_unit_id__in=subtree_ids(value.path))


def _filters(request) -> dict:
    return {k: v for k, v in request.GET.items() if v and k != "page"}


def audit_log(request):
    qs = events_for(request.user)
    fs = AuditFilter(request.GET, queryset=qs)
    if request.user.org_unit_id is not None:
        fs.filters["org_unit"].queryset = OrgUnit.objects.visible_to(request.user)
    events = fs.qs if fs.is_valid() else qs.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read the page before this search adds its own event
    audit.record(
        actor=request.user,
        action="core.audit.searched",
        target_repr="审计日志",
        new={"filters": _filters(request), "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"filter": fs, "page": page, "query": query.urlencode()})


def audit_event(request, pk: int):
    event = get_object_or_404(events_for(request.user), pk=pk)
    return render(request, "core/audit_event.html", {"event": event})


EXPORT_HEADERS = ["链", "序号", "时间", "操作人", "角色", "单位ID", "操作", "对象类型", "对象ID", "对象", "结果",
                  "说明", "IP地址", "请求ID", "修改前", "修改后", "哈希"]  # fmt: skip
EXPORT_LIMIT = 100_000


def audit_export(request):
    qs = events_for(request.user)
    fs = AuditFilter(request.GET, queryset=qs)
    events = (fs.qs if fs.is_valid() else qs.none())[:EXPORT_LIMIT]
    rows = [
        [e.chain, e.seq, timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor_name, e.roles, e.org_unit_id,
         e.action, e.target_type, e.target_id, e.target_repr, e.get_result_display(), e.message, e.ip, e.request_id,
         e.old_values, e.new_values, e.hash]
        for e in events.iterator(chunk_size=2000)
    ]  # fmt: skip
    audit.record(
        actor=request.user,
        action="core.audit.exported",
        target_repr="审计日志",
        new={"filters": _filters(request), "rows": len(rows)},
    )
    data = excel._workbook(
        "审计日志", EXPORT_HEADERS, rows, [8, 8, 20, 12, 14, 8, 28, 16, 10, 20, 6, 20, 14, 14, 30, 30, 20]
    )
    return _xlsx(data, f"审计日志_{timezone.localdate():%Y%m%d}.xlsx")
