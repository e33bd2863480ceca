"""The portal's pages of government information disclosure (政务公开): each town's
items proactively disclosed (政府信息公开条例第19至21条), as a list and one page
per item.

As everywhere on the portal, templates get plain dicts built here from an
allow-list of fields, never a model. Only items whose status is published and
whose publication date has come are read: a draft, a withdrawn or an expired item
is a 404. Requests for information (依申请公开) are never shown here."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.oversight.choices import InfoCategory, InfoItemStatus
from fazhi.oversight.models import InfoItem
from fazhi.portal import selectors
from fazhi.portal.forms import SearchForm

PAGE_SIZE = 20


def public(view):
    return login_not_required(require_GET(view))


def published_items(today: dt.date) -> QuerySet[InfoItem]:
    """Items on the portal today (reads the (status, published_on) index)."""
    return InfoItem.objects.filter(status=InfoItemStatus.PUBLISHED, published_on__lte=today)


def _row(item: InfoItem) -> dict[str, Any]:
    return {
        "pk": item.pk,
        "title": item.title,
        "category": item.get_category_display(),
        "unit": selectors.unit_label(item.org_unit),
        "published_on": item.published_on,
        "channel": item.get_channel_display(),
    }


class DisclosureSearchForm(SearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, placeholder="标题", **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label="公开类别", required=False, choices=[("", "全部类别"), *InfoCategory.choices]
        )
        self.fields["category"].widget.attrs["class"] = "form-select form-select-sm"


@public
def disclosures(request):
    today = timezone.localdate()
    form = DisclosureSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = published_items(today).select_related("org_unit__parent").order_by("-published_on", "-id")
    town = selectors.town_by_code(data.get("town"))
    if town is not None:
        qs = qs.filter(org_unit__path__startswith=town.path)
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    q = (data.get("q") or "").strip()
    if q:
        qs = qs.filter(title__contains=q)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(request, "oversight/portal/disclosures.html", {
        "form": form, "page": page, "query": query, "items": [_row(i) for i in page],
    })  # fmt: skip


@public
def disclosure(request, pk: int):
    item = published_items(timezone.localdate()).select_related("org_unit__parent").filter(pk=pk).first()
    if item is None:
        raise Http404("没有该公开信息")
    row = _row(item)
    row["content"] = selectors.scrub(item.content)
    return render(request, "oversight/portal/disclosure_detail.html", {"item": row})
