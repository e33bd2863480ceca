"""Pages of the market entity registers: the generic register pages, with the
registrations' import checked in bulk and an entity's page listing its visits,
and the year's figures (市场主体统计) linked to the lists they count."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.registers.views import detail_context, figures_scope, import_page, register_urls, require
from fazhi.services.choices import EntityType
from fazhi.services.definitions.market import entities, visits
from fazhi.services.imports.market import import_entities
from fazhi.services.statistics import market_figures

FIRST_YEAR = 2000


def entity_detail(request, pk: int):
    require(entities, request, "view")
    entity = get_object_or_404(entities.queryset(request.user), pk=pk)
    ctx = detail_context(request, entities, entity)
    ctx["visits"] = None
    if visits.can(request.user, "view"):
        ctx["visits"] = visits.queryset(request.user).filter(entity=entity)[:50]
        ctx["can_add_visit"] = visits.can(request.user, "add")
    return render(request, "services/market_entity_detail.html", ctx)


@require_http_methods(["GET", "POST"])
def entity_import(request):
    """The generic import page, with the county's export checked and written in bulk."""
    return import_page(request, entities, importer=import_entities)


def market_figures_page(request):
    """New market entities of the user's unit in a year, by type, each linked to its list."""
    unit, year = figures_scope(request, entities, last=timezone.localdate().year)
    figures = market_figures(unit, year)
    scope = {"registered_year": year, "org_unit": unit.pk}
    rows = [
        (EntityType.ENTERPRISE.label, figures.enterprises, entities.filtered_url(entity_type="enterprise", **scope)),
        (EntityType.INDIVIDUAL.label, figures.individual_businesses,
         entities.filtered_url(entity_type="individual", **scope)),
        (EntityType.COOPERATIVE.label, figures.cooperatives, entities.filtered_url(entity_type="cooperative", **scope)),
        (EntityType.OTHER.label, figures.others, entities.filtered_url(entity_type="other", **scope)),
    ]  # fmt: skip
    return render(request, "services/market_figures.html", {
        "unit": unit, "year": year, "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
        "figures": figures, "rows": rows, "total_url": entities.filtered_url(**scope),
    })  # fmt: skip


urlpatterns = [
    path("market-entities/figures/", market_figures_page, name="market-figures"),
    *register_urls(entities, detail=entity_detail, **{"import": entity_import}),
    *register_urls(visits),
]
