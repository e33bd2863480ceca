"""The portal's service guides (办事指南) and the power and responsibility list (权责清单):
public pages, no login, read only through fazhi/services/selectors_guides.py (plain
dicts from an allow-list, published items only)."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, render

from fazhi.portal import selectors as portal_selectors
from fazhi.portal.forms import TownForm
from fazhi.portal.views import _page, _town, _valid, public
from fazhi.services import selectors_guides as selectors
from fazhi.services.choices import ItemKind


class GuideSearchForm(TownForm):
    q = forms.CharField(label="事项名称", required=False, max_length=50)
    kind = forms.ChoiceField(label="事项类型", required=False, choices=[("", "全部类型"), *ItemKind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            placeholder="如：宅基地、低保", **{"class": "form-control form-control-sm"}
        )
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"


class PowerSearchForm(TownForm):
    kind = forms.ChoiceField(
        label="权力类型", required=False, choices=[("", "全部类型"), *selectors.POWER_KINDS]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [
            ("", "请选择乡镇"),
            *self.fields["town"].choices[1:],
        ]  # one town a list
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"


@public
def guide_list(request):
    """The published items, of a chosen town, by name and kind, each with its limits,
    visits and whether it can be done online."""
    form = GuideSearchForm(request.GET or None)
    town = _town(form)
    qs = selectors.guides(town, (_valid(form, "q") or "").strip(), _valid(form, "kind") or "")
    page, query = _page(request, qs)
    return render(request, "services/portal/guides.html", {
        "form": form, "page": page, "query": query, "guides": [selectors.guide_row(i) for i in page],
        "town": portal_selectors.unit_label(town) if town is not None else "",
        "town_code": town.code if town is not None else "",
    })  # fmt: skip


@public
def guide_detail(request, pk: int):
    """One published item's guide; a draft or a withdrawn item does not exist here."""
    item = get_object_or_404(
        selectors.published_items().select_related("org_unit__parent", "responsible_post__org_unit"), pk=pk
    )
    return render(request, "services/portal/guide_detail.html", {"guide": selectors.guide_detail(item)})


@public
def power_list(request):
    """A chosen town's power list: its published items and its public enforcement matters."""
    form = PowerSearchForm(request.GET or None)
    town = _town(form)
    towns = portal_selectors.towns()
    if town is None and len(towns) == 1:  # an installation of one town needs no choice
        town = portal_selectors.town_by_code(towns[0]["code"])
    kind = _valid(form, "kind") or ""
    rows = selectors.portal_power_rows(town, kind) if town is not None else []
    return render(request, "services/portal/powers.html", {
        "form": form, "rows": rows, "counts": selectors.power_counts(rows),
        "town": portal_selectors.unit_label(town) if town is not None else "",
        "town_code": town.code if town is not None else "",
        "towns": towns if town is None else [],
    })  # fmt: skip
