"""The published reports on the public portal: the list and one page per report,
read from the snapshot kept when it was published (never rebuilt: later
corrections of the registers do not change a published report), and its .docx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.portal import selectors
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.document import BuiltReport
from fazhi.reports.models import Report


def public(view):
    return login_not_required(require_GET(view))


def _published():
    return Report.objects.filter(status=ReportStatus.PUBLISHED, published_snapshot__isnull=False)


@public
def report_list(request):
    qs = _published().select_related("org_unit__parent").order_by("-year", "kind", "org_unit__path")
    town = selectors.town_by_code(request.GET.get("town"))
    if town is not None:
        qs = qs.filter(org_unit__path__startswith=town.path)
    rows = [{"pk": r.pk, "title": f"{r.org_unit.name}{r.year}年{ReportKind(r.kind).label}",
             "unit": selectors.unit_label(r.org_unit), "published_on": r.published_on} for r in qs[:200]]  # fmt: skip
    return render(request, "reports/portal/reports.html", {"items": rows})


def _report(pk: int) -> Report:
    report = _published().filter(pk=pk).first()
    if report is None:
        raise Http404("没有这份报告")
    return report


@public
def report_detail(request, pk: int):
    report = _report(pk)
    built = BuiltReport.from_dict(report.published_snapshot)
    return render(request, "reports/portal/report.html", {
        "built": built, "links": False, "suggestions": False, "published_on": report.published_on, "pk": pk,
    })  # fmt: skip


@public
def report_docx(request, pk: int):
    from fazhi.reports.views import file_response

    report = _report(pk)
    return file_response(BuiltReport.from_dict(report.published_snapshot), "docx", draft=False)
