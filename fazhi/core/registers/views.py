"""Generic pages of a register. `register_urls(register)` gives the URL patterns:
list, detail, create, edit, export, import and the import template."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import audit
from fazhi.core.registers import excel
from fazhi.core.registers.base import Register
from fazhi.law import RuleError


def require(register: Register, request, verb: str) -> None:
    """The request's user may `verb` the register, or 403 (scope is the queryset's: 404)."""
    if not register.can(request.user, verb):
        raise PermissionDenied("您的角色无权进行此操作")


FIRST_FIGURE_YEAR = 2000
LAST_FIGURE_YEAR = 2100


def figures_year(request, *, last: int | None = None) -> int:
    """The `?year=` of a figures page: this year when it is absent, not a number, or
    outside 2000..`last` (default 2100)."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        return this_year
    return year if FIRST_FIGURE_YEAR <= year <= (last or LAST_FIGURE_YEAR) else this_year


def figures_years(first: int = 2020) -> range:
    """The years a figures page's picker offers, this year first."""
    return range(timezone.localdate().year, first - 1, -1)


def figures_scope(request, *registers: Register, last: int | None = None):
    """The (unit, year) of a figures page: the user may read every register counted
    (or 403), the figures are of the user's own unit and the units under it (an
    account without a unit: 403), the year as `figures_year` reads it."""
    for register in registers:
        require(register, request, "view")
    unit = request.user.org_unit
    if unit is None:
        raise PermissionDenied("没有所属单位的账号不能查看统计")
    return unit, figures_year(request, last=last)


def error_text(exc: Exception) -> str:
    """A refusal (rule, validation, permission) as one line for a message banner."""
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    if isinstance(exc, PermissionDenied):
        return str(exc) or "您的角色无权进行此操作"
    return str(exc)


def step_posted(request, obj, form, take, done: str):
    """A workflow step posted from a record's page: the form's errors, or the
    action's refusal, as a message banner; `done` when `take(cleaned_data)` went
    through; back to the record either way."""
    if not form.is_valid():
        messages.error(request, form_error_text(form))
    else:
        try:
            take(form.cleaned_data)
        except (RuleError, ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done)
    return redirect(obj.get_absolute_url())


def form_error_text(form) -> str:
    """A form's errors as one line for a message banner: each field's first error
    after its label, and the form's own (non-field) errors as they are."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{errors[0]}" if label else errors[0])
    return "；".join(parts)


def detail_context(request, register: Register, obj) -> dict:
    """What a register's detail page shows: the generic page and apps' own pages."""
    ctx = {
        "register": register,
        "object": obj,
        "fields": [(c.label, c.value(obj)) for c in (register.detail_fields or register.columns)],
        # A register without a form (its rows are made by other actions) has no edit page.
        "can_change": register.form_class is not None and register.can(request.user, "change"),
    }
    if register.attachments:
        from fazhi.core.file_views import attachments_of

        ctx.update(
            attachments=attachments_of(obj),
            owner_label=f"{obj._meta.label_lower}:{obj.pk}",
            upload_limit_mb=settings.FAZHI_UPLOAD_MAX_BYTES // (1024 * 1024),
        )
    return ctx


def _sorted(register: Register, qs, sort: str):
    allowed = {c.sort for c in register.columns if c.sort}
    key = sort.lstrip("-")
    if key in allowed:
        return qs.order_by(sort, "id")
    return qs


class IdsFirstPaginator(Paginator):
    """A page of a register's list as two steps in one query: the page's ids, in
    the list's order, without the joins the columns need; then those rows with
    their joins. The joins (select_related) then cost 50 rows, not every row the
    town holds before the sort: a town with five years of cases (5,680) read its
    first page in 31 ms, its ids alone take a few (docs/performance.md)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        return self._get_page(rows.filter(pk__in=rows.values("pk")[bottom:top]), number, self)


def list_view(request, register: Register):
    require(register, request, "view")
    fs, qs = register.filtered(request.user, request.GET)
    sort = request.GET.get("sort", "")
    qs = _sorted(register, qs, sort)
    paginator = IdsFirstPaginator(qs, register.page_size)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "register": register,
        "filter": fs,
        "page": page,
        "rows": [(obj, [c.value(obj) for c in register.columns]) for obj in page.object_list],
        "query": query.urlencode(),
        "sort": sort,
        "can_add": register.form_class is not None and register.can(request.user, "add"),
        "can_change": register.can(request.user, "change"),
        "can_import": register.importable
        and register.can(request.user, "add")
        and register.can(request.user, "change"),
    }
    template = "core/register/_table.html" if request.htmx else "core/register/list.html"
    return render(request, template, ctx)


def detail_view(request, pk: int, register: Register):
    require(register, request, "view")
    obj = get_object_or_404(register.queryset(request.user), pk=pk)
    ctx = detail_context(request, register, obj)
    return (
        render(request, f"{register.namespace}/{register.key}_detail.html", ctx)
        if _has_template(f"{register.namespace}/{register.key}_detail.html")
        else render(request, "core/register/detail.html", ctx)
    )


def _has_template(name: str) -> bool:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def apply_errors(form, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for msg in errs:
                form.add_error(field if field in form.fields else None, msg)
    elif isinstance(exc, ValidationError):
        for msg in exc.messages:
            form.add_error(None, msg)
    else:
        form.add_error(None, str(exc))


@require_http_methods(["GET", "POST"])
def form_view(request, register: Register, pk: int | None = None):
    instance = None
    if pk is not None:
        require(register, request, "change")
        instance = get_object_or_404(register.queryset(request.user), pk=pk)
    else:
        require(register, request, "add")
    # A new record may be started from a link that fills some fields (?catalogue=3):
    # only the form's own fields are taken, and the form still validates them.
    initial = {} if instance is not None else {
        k: v for k, v in request.GET.items() if k in register.form_class.base_fields and v}  # fmt: skip
    form = register.form_class(request.POST or None, instance=instance, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                obj = register.do_create(actor=request.user, data=form.cleaned_data)
                messages.success(request, f"已新增{register.label}：{obj}")
            else:
                obj = register.do_update(instance, actor=request.user, data=form.cleaned_data)
                messages.success(request, f"已保存{register.label}：{obj}")
            return redirect(register.url("detail", obj.pk))
        except (ValidationError, RuleError, PermissionDenied) as exc:
            apply_errors(form, exc)
    return render(
        request, "core/register/form.html", {"register": register, "form": form, "object": instance}
    )


def export_view(request, register: Register):
    require(register, request, "view")
    _, qs = register.filtered(request.user, request.GET)
    data = excel.export_workbook(register, qs)
    audit.record(
        actor=request.user,
        action=f"{register.model._meta.app_label}.{register.model._meta.model_name}.exported",
        target_repr=register.label,
        new={"rows": qs.count(), "filters": {k: v for k, v in request.GET.items() if v}},
    )
    name = f"{register.label}_{timezone.localdate():%Y%m%d}.xlsx"
    return _xlsx(data, name)


def template_view(request, register: Register):
    if not register.importable:
        raise Http404("该台账不提供 Excel 导入")
    require(register, request, "add")
    return _xlsx(excel.template_workbook(register), f"{register.label}_导入模板.xlsx")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


ERROR_FILE_HOURS = 24


def _error_dir() -> Path:
    """Error workbooks repeat the uploaded rows, ID numbers included: each is read
    once, and none is kept longer than a day."""
    import time

    d = Path(settings.MEDIA_ROOT) / "import-errors"
    d.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - ERROR_FILE_HOURS * 3600
    for old in d.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return d


def import_page(request, register: Register, *, importer=None, verbs=("add", "change"), done=None):
    """The import page of a register: the upload form, the workbook read by `importer`
    (default: the generic `excel.import_workbook`), and on failure the rows again with
    an error column, downloadable once. `done(result)` words the success message."""
    if not register.importable:
        raise Http404("该台账不提供 Excel 导入")
    for verb in verbs:
        require(register, request, verb)
    if request.method == "GET":
        return render(request, "core/register/import.html", {"register": register})
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的 Excel 文件")
        return render(request, "core/register/import.html", {"register": register}, status=400)
    result = (importer or (lambda user, f: excel.import_workbook(register, user, f)))(request.user, upload)
    ctx = {"register": register, "result": result}
    if result.ok:
        messages.success(request, done(result) if done else (
            f"导入完成：新增{result.created}条，更新{result.updated}条，未变化{result.unchanged}条"))  # fmt: skip
        return redirect(register.url("list"))
    token = uuid.uuid4().hex
    (_error_dir() / f"{token}.xlsx").write_bytes(result.error_workbook())
    request.session[f"import-errors-{token}"] = register.key
    ctx["token"] = token
    return render(request, "core/register/import.html", ctx, status=400)


@require_http_methods(["GET", "POST"])
def import_view(request, register: Register):
    return import_page(request, register)


def import_errors_view(request, token: str, register: Register):
    require(register, request, "add")
    if request.session.get(f"import-errors-{token}") != register.key or not token.isalnum():
        raise Http404
    path_ = _error_dir() / f"{token}.xlsx"
    if not path_.exists():
        raise Http404
    data = path_.read_bytes()
    path_.unlink()
    del request.session[f"import-errors-{token}"]
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(register.label + '_导入错误.xlsx')}"
    )
    return response


def register_urls(register: Register, **own) -> list:
    """The register's generic pages; those named in `own` ("detail", "create", "list",
    "edit", …) are served by the app's own views under the same URL and name."""
    k = register.key
    patterns = [
        path(f"{k}/", list_view, {"register": register}, name=f"{k}-list"),
        path(f"{k}/new/", form_view, {"register": register}, name=f"{k}-create"),
        path(f"{k}/export/", export_view, {"register": register}, name=f"{k}-export"),
        path(f"{k}/import/", import_view, {"register": register}, name=f"{k}-import"),
        path(f"{k}/import/template/", template_view, {"register": register}, name=f"{k}-template"),
        path(
            f"{k}/import/errors/<str:token>/",
            import_errors_view,
            {"register": register},
            name=f"{k}-import-errors",
        ),
        path(f"{k}/<int:pk>/", detail_view, {"register": register}, name=f"{k}-detail"),
        path(f"{k}/<int:pk>/edit/", form_view, {"register": register}, name=f"{k}-edit"),
    ]
    unknown = set(own) - {p.name.removeprefix(f"{k}-") for p in patterns}
    if unknown:
        raise ValueError(f"register {k!r} has no pages named {sorted(unknown)}")
    return [
        p if p.name.removeprefix(f"{k}-") not in own else path(str(p.pattern), own[p.name.removeprefix(f"{k}-")],
                                                               name=p.name)
        for p in patterns
    ]  # fmt: skip
