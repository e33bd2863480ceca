"""The reports' pages beyond the register list: a report's preview with its steps,
its editing page, its downloads, the town's template, and the preview of a year
for which no report has been created yet."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.registers.views import error_text, figures_years, form_error_text, require, step_posted
from fazhi.law import RuleError
from fazhi.reports import actions, workflow
from fazhi.reports.builder import build, build_current, build_for
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.definitions import reports
from fazhi.reports.document import BuiltReport
from fazhi.reports.forms import ReportTextForm, StepForm, TemplateDaysForm
from fazhi.reports.kinds import kind as kind_spec
from fazhi.reports.models import Report
from fazhi.reports.text import TemplateError

ERRORS = (RuleError, ValidationError, PermissionDenied, TemplateError)
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def report_unit(user):
    """The unit whose reports a user writes: their town, or their county."""
    unit = getattr(user, "org_unit", None)
    if unit is None:
        raise PermissionDenied("没有所属单位的账号不能编写报告")
    return unit.town or unit


def _published(report: Report) -> BuiltReport | None:
    if report.status == ReportStatus.PUBLISHED and report.published_snapshot:
        return BuiltReport.from_dict(report.published_snapshot)
    return None


def report_detail(request, pk: int):
    require(reports, request, "view")
    report = get_object_or_404(reports.queryset(request.user), pk=pk)
    spec = kind_spec(report.kind)
    published = _published(report)
    live = published is None or request.GET.get("live") == "1"
    built = build_for(report) if live else published
    allowed = [(a, workflow.ACTION_LABELS[a])
               for a in workflow.allowed_actions(report.status, needs_submission=spec.needs_submission)
               if workflow.may(request.user, a)]  # fmt: skip
    return render(request, "reports/report_detail.html", {
        "register": reports,
        "object": report,
        "spec": spec,
        "built": built,
        "live": live,
        "has_snapshot": published is not None,
        "links": True,
        "suggestions": report.editable,
        "allowed": allowed,
        "step_form": StepForm(initial={"on": timezone.localdate()}),
        "default_recipient": actions.default_recipient(report),
        "steps": list(report.steps.select_related("actor")),
        "can_edit": report.editable and request.user.has_perm(workflow.EDIT_PERMISSION),
        "formats": [("docx", "Word（公文格式）"), ("pdf", "PDF"), ("md", "Markdown"), ("html", "网页")],
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    require(reports, request, "change")
    report = get_object_or_404(reports.queryset(request.user), pk=pk)
    if not report.editable:
        messages.error(
            request, f"报告已{report.status_label}，只有草稿可以修改；需要修改的，请审核人或领导先退回"
        )
        return redirect(report.get_absolute_url())
    spec = kind_spec(report.kind)
    form = ReportTextForm(request.POST or None, spec=spec, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_report(report, actor=request.user, data=form.values())
        except ERRORS as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已保存；数字按最新台账重新生成")
            return redirect(report.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, form_error_text(form))
    return render(request, "reports/report_edit.html", {
        "register": reports, "object": report, "form": form, "spec": spec,
        "names": _names(spec, build_for(report)),
    })  # fmt: skip


def _names(spec, built: BuiltReport) -> list[tuple[str, str, str]]:
    """(name, what it is, its words this year) for the editing page's list."""
    described = dict(spec.names())
    names = list(described) or list(built.quoted)
    return [(n, described.get(n, ""), built.quoted[n].text if n in built.quoted else "") for n in names]


@require_POST
def report_step(request, pk: int, action: str):
    report = get_object_or_404(reports.queryset(request.user), pk=pk)
    if action not in workflow.ACTION_LABELS:
        raise Http404("未知的办理环节")

    def take(data):
        actions.take_step(report, action, actor=request.user, on=data["on"], note=data["note"],
                          submitted_to=data["submitted_to"], submission_ref=data["submission_ref"])  # fmt: skip

    return step_posted(
        request, report, StepForm(request.POST), take, f"已完成：{workflow.ACTION_LABELS[action]}"
    )


def file_response(built: BuiltReport, fmt: str, *, draft: bool) -> HttpResponse:
    """The report as a downloaded file; a draft's name says it is a draft."""
    from django.core.management.base import CommandError

    from fazhi.reports.management.commands.report import render as render_format

    try:
        data = render_format(built, fmt)
    except CommandError as exc:  # the PDF step: no LibreOffice, or it failed
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    name = f"{built.unit_name}{built.year}年{ReportKind(built.kind).label}{'（草稿）' if draft else ''}.{fmt}"
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def report_download(request, pk: int, fmt: str):
    require(reports, request, "view")
    report = get_object_or_404(reports.queryset(request.user), pk=pk)
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    published = _published(report)
    return file_response(published or build_for(report), fmt, draft=published is None)


def preview(request, kind: str, year: int):
    """A year's report as it would be built now, for a year without a report."""
    require(reports, request, "view")
    if kind not in ReportKind.values or not 2000 <= year <= 2100:
        raise Http404("没有这种报告")
    unit = report_unit(request.user)
    existing = Report.objects.filter(org_unit=unit, kind=kind, year=year).first()
    if existing is not None:
        return redirect(existing.get_absolute_url())
    return render(request, "reports/preview.html", {
        "register": reports, "built": build_current(unit, kind, year), "links": True, "suggestions": True,
        "kind": kind, "year": year, "unit": unit, "years": figures_years(),
        "can_create": reports.can(request.user, "add"),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def template_edit(request, kind: str):
    """The town's template of a kind: its narrative, order, rounding and deadline days."""
    require(reports, request, "view")
    if kind not in ReportKind.values:
        raise Http404("没有这种报告")
    unit = report_unit(request.user)
    spec = kind_spec(kind)
    template = actions.template_for(unit, kind)
    can_change = request.user.has_perm("reports.change_reporttemplate")
    form = ReportTextForm(request.POST or None, spec=spec, instance=template)
    days = TemplateDaysForm(
        request.POST or None,
        initial={
            "submit_by": template.submit_by if template else "",
            "publish_by": template.publish_by if template else "",
        },
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("您的角色不能修改报告模板")
        if form.is_valid() and days.is_valid():
            try:
                actions.save_template(
                    unit, kind, actor=request.user, data={**form.values(), **days.cleaned_data}
                )
            except ERRORS as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, "模板已保存；此后新建的报告按新模板生成，已建立的报告不变")
                return redirect(reverse("reports:template", args=[kind]))
        else:
            messages.error(request, form_error_text(form) or form_error_text(days))
    year = timezone.localdate().year - 1
    built = build(spec, unit, year, texts=template.texts if template else None,
                  order=(template.order or None) if template else None,
                  rounding=template.rounding if template else None)  # fmt: skip
    rules = spec.deadlines
    return render(request, "reports/template_edit.html", {
        "register": reports, "spec": spec, "unit": unit, "form": form, "days": days, "can_change": can_change,
        "names": _names(spec, built), "template": template, "year": year,
        "rule_days": [(r.name, f"{r.month:02d}-{r.day:02d}", r.citation) for r in rules],
    })  # fmt: skip
