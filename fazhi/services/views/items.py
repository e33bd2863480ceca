"""Pages of the service list (政务服务事项清单) and the power and responsibility list
(权责清单): the generic register pages with the item's own page (the whole guide, and
the publish and withdraw steps for who may take them), the two step endpoints, and
the power list of the user's town with its Excel export."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import audit
from fazhi.core.registers import excel
from fazhi.core.registers.views import detail_context, error_text, form_error_text, register_urls, require
from fazhi.law import RuleError
from fazhi.services import selectors_guides as selectors
from fazhi.services.actions import window as actions
from fazhi.services.choices import ItemStatus
from fazhi.services.definitions.items import service_items
from fazhi.services.forms.items import PublishForm, WithdrawForm

ERRORS = (RuleError, ValidationError, PermissionDenied)
PUBLISH = "services.publish_serviceitem"
POWER_LIST = "权责清单"


def _item(request, pk: int):
    require(service_items, request, "view")
    return get_object_or_404(
        service_items.queryset(request.user).select_related("responsible_post__org_unit"), pk=pk
    )


def item_detail(request, pk: int):
    """The item's whole guide, and its publish and withdraw steps for who may take them."""
    item = _item(request, pk)
    ctx = detail_context(request, service_items, item)
    may_publish = request.user.has_perm(PUBLISH)
    statutory, promised = selectors.limits_text(item)
    ctx.update(
        item=item,
        materials=item.material_list(),
        statutory=statutory,
        promised=promised,
        responsible_post=selectors.post_label(item.responsible_post),
        review_posts=[selectors.post_label(p) for p in item.review_posts.select_related("org_unit")],
        can_publish=may_publish and item.status != ItemStatus.PUBLISHED,
        can_withdraw=may_publish and item.status == ItemStatus.PUBLISHED,
        publish_form=PublishForm(initial={"on": timezone.localdate()}),
        withdraw_form=WithdrawForm(),
        on_portal=item.status == ItemStatus.PUBLISHED,
    )
    return render(request, "services/item_detail.html", ctx)


def _step(request, pk: int, form_class, run, done: str):
    item = _item(request, pk)
    if not request.user.has_perm(PUBLISH):
        raise PermissionDenied("您的角色无权公布或停用政务服务事项")
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(item.get_absolute_url())
    try:
        run(item, form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(item.get_absolute_url())


@require_POST
def item_publish(request, pk: int):
    return _step(request, pk, PublishForm,
                 lambda item, d: actions.publish_item(item, actor=request.user, on=d.get("on")),
                 "已公布：该事项列入政务服务事项清单，办事指南已在公开平台公布，可以受理申请")  # fmt: skip


@require_POST
def item_withdraw(request, pk: int):
    return _step(request, pk, WithdrawForm,
                 lambda item, d: actions.withdraw_item(item, actor=request.user, reason=d["reason"]),
                 "已停用：该事项不再受理新的申请，公开平台不再展示其办事指南；已受理的办件继续办理")  # fmt: skip


# -- the power and responsibility list (权责清单) -------------------------------------------------


def _power_params(request) -> tuple[str, str]:
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(selectors.POWER_KINDS) else ""
    return kind, (request.GET.get("q") or "").strip()[:50]


def _scope_label(user) -> str:
    unit = user.org_unit
    town = unit.town if unit is not None else None
    return (town or unit).name if (town or unit) is not None else ""


@require_GET
def power_list(request):
    """Every power of the user's town in one table: its published service items and its
    active enforcement matters, each with basis and responsible post."""
    require(service_items, request, "view")
    kind, q = _power_params(request)
    items, matters = selectors.staff_powers(request.user)
    rows = selectors.power_rows(items, matters, kind=kind, q=q)
    query = urlencode([(k, v) for k, v in (("kind", kind), ("q", q)) if v])
    return render(request, "services/power_list.html", {
        "rows": rows, "kinds": selectors.POWER_KINDS, "kind": kind, "q": q, "query": query,
        "counts": selectors.power_counts(rows), "scope": _scope_label(request.user),
        "with_matters": request.user.has_perm("enforcement.view_matter"),
        "items_url": service_items.list_url,
    })  # fmt: skip


@require_GET
def power_export(request):
    """The same table as an Excel workbook (an audited export)."""
    require(service_items, request, "view")
    kind, q = _power_params(request)
    items, matters = selectors.staff_powers(request.user)
    rows = selectors.power_rows(items, matters, kind=kind, q=q)
    title = f"{_scope_label(request.user)}{POWER_LIST}"
    data = excel._workbook(
        title, selectors.POWER_HEADERS, selectors.power_sheet_rows(rows), selectors.POWER_WIDTHS
    )
    audit.record(
        actor=request.user, action="services.serviceitem.exported", target_repr=POWER_LIST,
        new={"rows": len(rows), "filters": {k: v for k, v in (("kind", kind), ("q", q)) if v}},
    )  # fmt: skip
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    filename = f"{title}_{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


urlpatterns = [
    path("powers/", power_list, name="power-list"),
    path("powers/export/", power_export, name="power-export"),
    path("service-items/<int:pk>/publish/", item_publish, name="service-items-publish"),
    path("service-items/<int:pk>/withdraw/", item_withdraw, name="service-items-withdraw"),
    *register_urls(service_items, detail=item_detail),
]
