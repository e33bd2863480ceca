"""The applications register (政务服务办件): every application made at the single
window for a listed item, with its steps (fazhi/services/actions/window.py).

The list, the detail page, the Excel export and the API show the applicant's name,
ID number, phone and address masked (Application.PII_FIELDS). The Excel import only
receives new applications (收件), through `receive_application` as the page does:
a batch of applications that village agents (村（社区）代办员) took, the item named
by its code and the materials received one per line in their cell. An application
already registered changes only through its steps on its page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from fazhi.core import audit, masking
from fazhi.core.definitions import parse_choice, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.core.registers.base import ID_HEADER
from fazhi.core.registers.excel import ImportResult, RowError, open_import
from fazhi.law import RuleError
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicantKind, ApplicationChannel
from fazhi.services.definitions.market import parse_day, parse_village
from fazhi.services.filters.applications import OPEN_STATES, ApplicationFilter
from fazhi.services.forms.applications import ApplicationForm
from fazhi.services.models import Application, ServiceItem
from fazhi.services.models.window import split_materials

IMPORTED = "services.application.imported"


class DecisionDueColumn(Column):
    """The date the town keeps (the earlier of the statutory and promised limits), red
    once an open application is past it, marked while the clock is stopped."""

    def value(self, obj: Application) -> Any:
        due = obj.decision_due_on
        if due is None:
            return ""
        paused = obj.is_paused
        if obj.status in OPEN_STATES and due < timezone.localdate() and not paused:
            return format_html('<span class="text-danger fw-semibold" data-state="overdue">{}（已超期）</span>',
                               f"{due:%Y-%m-%d}")  # fmt: skip
        if paused:
            return format_html('{} <span class="badge text-bg-warning" data-state="paused">中止计时</span>',
                               f"{due:%Y-%m-%d}")  # fmt: skip
        return f"{due:%Y-%m-%d}"


# -- cells ---------------------------------------------------------------------------------------


def parse_item(raw: Any, user: Any) -> int | None:
    """A service item by its code, among the items of the user's units."""
    code = parse_text(raw, user)
    if not code:
        return None
    found = list(ServiceItem.objects.visible_to(user).filter(code=code).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"事项编码“{code}”不在本单位的政务服务事项清单中")
    if len(found) > 1:
        raise ValueError(f"事项编码“{code}”在多个单位重复，请在页面上收件")
    return found[0]


def parse_materials(raw: Any, user: Any) -> list[str]:
    """The materials received, one per line in the cell (or separated by 、 or ；)."""
    text = parse_text(raw, user)
    for sep in ("；", ";", "、"):
        text = text.replace(sep, "\n")
    return split_materials(text)


def _materials_cell(app: Application) -> str:
    return "\n".join(app.received_materials or [])


def _date(day) -> Any:
    return day or ""


# -- the register --------------------------------------------------------------------------------

MASKED = [
    Column("masked_applicant", "申请人"),
    Column("id_number", "证件号码", mask=masking.mask_resident_id),
    Column("phone", "联系电话", mask=masking.mask_phone),
    Column("address", "联系地址", mask=masking.mask_address),
]

applications = registry.add(Register(
    key="applications", namespace="services", model=Application, label="一窗受理办件", module="services",
    description="窗口收件、受理、联审会签、决定和送达的全过程；申请人姓名、证件号码、联系电话和地址脱敏显示。"
                "决定期限为法定和承诺办结期限中较早的一个，超期的以红色标出。",
    form_class=ApplicationForm, filterset_class=ApplicationFilter,
    select_related=("org_unit", "item", "village"), prefetch_related=("pauses",),
    ordering=("-submitted_on", "-id"), create=actions.receive_application, update=actions.update_application,
    import_note="导入只用于批量收件（如村（社区）代办员代收的申请），“系统编号”须留空；已登记的办件请在办件页面办理。"
                "“事项编码”须为本单位已公布的事项；“已收材料”每行一项，须与事项的申请材料名称一致；"
                "“申请方式”留空的，按“村（社区）代办”登记。",
    columns=[
        Column("number", "办件编号", link=True, sort="number"), Column("item.name", "申请事项"),
        Column("masked_applicant", "申请人"), Column("submitted_on", "收件日期", sort="submitted_on"),
        Column("status", "办理状态", sort="status"), DecisionDueColumn("decision_due_on", "决定期限"),
        Column("visit_count", "到现场次数", sort="visit_count"), Column("org_unit.name", "所属单位", sort="org_unit__path"),
    ],
    detail_fields=[
        Column("number", "办件编号"), Column("item.name", "申请事项"), Column("item.get_kind_display", "事项类型"),
        Column("applicant_kind", "申请人类型"), *MASKED, Column("village.name", "所在村（社区）"),
        Column("channel", "申请方式"), Column("content", "申请内容"), Column("submitted_on", "收件日期"),
        Column("status", "办理状态"), Column("handler", "受理人"), Column("accepted_on", "受理日期"),
        Column("refused_on", "不予受理日期"), Column("refusal_reason", "不予受理理由"),
        Column("routed_on", "分送会签日期"), Column("decided_on", "决定日期"), Column("outcome", "办理结果"),
        Column("decided_by", "决定人"), Column("decision_note", "决定内容及理由"), Column("delivered_on", "送达日期"),
        Column("delivery_method", "送达方式"), Column("withdrawn_on", "撤回日期"), Column("visit_count", "到现场次数"),
        Column("working_days_used", "实际办理工作日"), Column("rating", "评价"), Column("org_unit.name", "所属单位"),
    ],
    excel_columns=[
        ExcelColumn("办件编号", None, export=lambda a: a.number, width=13),
        ExcelColumn("事项编码", "item", export=lambda a: a.item.code, parse=parse_item, required=True, width=16),
        ExcelColumn("申请事项", None, export=lambda a: a.item.name, width=28),
        ExcelColumn("申请人类型", "applicant_kind", parse=parse_choice(ApplicantKind), width=14),
        ExcelColumn("申请人", "applicant", export=lambda a: a.masked_applicant, parse=parse_text, required=True),
        ExcelColumn("证件号码", "id_number", parse=parse_text, mask=masking.mask_resident_id, width=20),
        ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone),
        ExcelColumn("联系地址", "address", parse=parse_text, mask=masking.mask_address, width=24),
        ExcelColumn("所在村（社区）", "village", export=lambda a: a.village.name if a.village_id else "",
                    parse=parse_village),
        ExcelColumn("申请方式", "channel", parse=parse_choice(ApplicationChannel)),
        ExcelColumn("申请内容", "content", parse=parse_text, width=30),
        ExcelColumn("收件日期", "submitted_on", parse=parse_day, required=True, width=12),
        ExcelColumn("已收材料", "received_materials", export=_materials_cell, parse=parse_materials, width=36),
        ExcelColumn("办理状态", None, export=lambda a: a.get_status_display()),
        ExcelColumn("受理日期", None, export=lambda a: _date(a.accepted_on), width=12),
        ExcelColumn("法定办结期限", None, export=lambda a: _date(a.due_on), width=12),
        ExcelColumn("承诺办结期限", None, export=lambda a: _date(a.promised_due_on), width=12),
        ExcelColumn("决定日期", None, export=lambda a: _date(a.decided_on), width=12),
        ExcelColumn("办理结果", None, export=lambda a: a.get_outcome_display()),
        ExcelColumn("送达日期", None, export=lambda a: _date(a.delivered_on), width=12),
        ExcelColumn("送达方式", None, export=lambda a: a.get_delivery_method_display()),
        ExcelColumn("到现场次数", None, export=lambda a: a.visit_count, width=10),
        ExcelColumn("实际办理工作日", None, export=lambda a: a.working_days_used, width=10),
        ExcelColumn("评价", None, export=lambda a: a.get_rating_display() if a.rating else "", width=10),
        ExcelColumn("所属单位", None, export=lambda a: a.org_unit.name, width=16),
    ],
))  # fmt: skip


# -- the import (批量收件) -------------------------------------------------------------------------

DEFAULTS = {"channel": ApplicationChannel.AGENT, "applicant_kind": ApplicantKind.PERSON}


def _header_of(field: str) -> str:
    for c in applications.importable_columns:
        if c.field == field:
            return c.header
    return ""


def import_applications(user: Any, upload: Any) -> ImportResult:
    """Check every row, then receive all of them or none (one transaction), each through
    `receive_application`, and record one `services.application.imported` event."""
    result, index = open_import(applications, upload)
    if index is None:
        return result
    planned: list[tuple[int, dict[str, Any]]] = []
    for n, values in result.rows:
        if ID_HEADER in index and values[index[ID_HEADER]] not in (None, ""):
            result.errors.append(
                RowError(
                    n, ID_HEADER, "导入只能新增办件（收件），系统编号请留空；已登记的办件请在办件页面办理"
                )
            )
            continue
        data: dict[str, Any] = {}
        ok = True
        for col in applications.importable_columns:
            raw = values[index[col.header]] if col.header in index else None
            try:
                data[col.field] = col.parse(raw, user) if col.parse else raw
            except ValueError as exc:
                result.errors.append(RowError(n, col.header, str(exc)))
                ok = False
        if not ok:
            continue
        for name, default in DEFAULTS.items():
            data[name] = data.get(name) or default
        form = ApplicationForm(data={k: v for k, v in data.items() if v not in (None, "")}, user=user)
        if not form.is_valid():
            for name, errors in form.errors.items():
                header = _header_of(name) if name != "__all__" else ""
                result.errors.extend(RowError(n, header, str(e)) for e in errors)
            continue
        planned.append((n, form.cleaned_data))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for n, cleaned in planned:
                try:
                    applications.do_create(actor=user, data=cleaned)
                except (ValidationError, RuleError, PermissionDenied) as exc:
                    result.errors.append(RowError(n, "", _error(exc)))
                else:
                    result.created += 1
            if result.errors:
                raise _Abort
            audit.record(actor=user, action=IMPORTED, target=None, target_repr=applications.label,
                         new={"created": result.created, "updated": 0, "unchanged": 0})  # fmt: skip
    except _Abort:
        result.created = 0
    return result


class _Abort(Exception):
    pass


def _error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or "您的角色无权进行此操作"
