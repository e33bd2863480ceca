"""The public portal's pages of major decisions (第4、32条): each town's published
catalogue of decision matters and, for a decision that has been published, what
was decided and when each required step was taken. Built from allow-lists as
plain dicts: no member's opinion, reviewer's text or commenter appears here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.decisions.choices import CatalogueStatus, StepState
from fazhi.decisions.models import DecisionCatalogue, MajorDecision
from fazhi.portal import selectors
from fazhi.portal.forms import TownForm


def public(view):
    return login_not_required(require_GET(view))


def _decision_row(d: MajorDecision) -> dict:
    return {"pk": d.pk, "title": d.title, "status": d.get_status_display(),
            "published": d.published_on is not None,
            "published_on": d.published_on.isoformat() if d.published_on else ""}  # fmt: skip


def published_catalogues(town=None) -> list[dict]:
    qs = DecisionCatalogue.objects.filter(status=CatalogueStatus.PUBLISHED).select_related("org_unit")
    if town is not None:
        qs = qs.filter(org_unit__path__startswith=town.path)
    catalogues = list(qs.order_by("-year", "org_unit__path")[:50])
    decisions: dict[int, list[dict]] = {}
    for d in MajorDecision.objects.filter(catalogue__in=catalogues).order_by("id"):
        decisions.setdefault(d.catalogue_id, []).append(_decision_row(d))
    return [{"title": str(c), "town": c.org_unit.name, "year": c.year,
             "published_on": c.published_on.isoformat(), "decisions": decisions.get(c.pk, [])}
            for c in catalogues]  # fmt: skip


def published_catalogue_count() -> int:
    return DecisionCatalogue.objects.filter(status=CatalogueStatus.PUBLISHED).count()


def published_decision(pk: int) -> dict:
    d = (MajorDecision.objects.filter(pk=pk, published_on__isnull=False, catalogue__status=CatalogueStatus.PUBLISHED)
         .select_related("org_unit").first())  # fmt: skip
    if d is None:
        raise Http404("该决策未公开")
    steps = [{"name": s.get_code_display(),
              "state": "依法不适用" if s.state == StepState.NOT_APPLICABLE else s.get_state_display(),
              "on": s.completed_on.isoformat() if s.completed_on and s.state == StepState.DONE else ""}
             for s in d.steps.order_by("position")]  # fmt: skip
    return {"title": d.title, "town": d.org_unit.name, "summary": selectors.scrub(d.summary),
            "decision_text": selectors.scrub(d.decision_text), "decided_on": d.decided_on.isoformat(),
            "published_on": d.published_on.isoformat(), "where": d.publication_ref, "steps": steps,
            "status": d.get_status_display()}  # fmt: skip


@public
def catalogues(request):
    form = TownForm(request.GET or None)
    form.is_valid()
    town = selectors.town_by_code(form.cleaned_data.get("town") if hasattr(form, "cleaned_data") else None)
    return render(request, "decisions/portal_major/catalogues.html",
                  {"form": form, "catalogues": published_catalogues(town)})  # fmt: skip


@public
def decision(request, pk: int):
    return render(request, "decisions/portal_major/decision.html", {"d": published_decision(pk)})
