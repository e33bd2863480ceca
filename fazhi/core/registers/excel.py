"""Excel ledgers (台账): export with xlsxwriter, import with openpyxl read-only.

Import checks every row first and imports all rows or none; each problem comes
back as (row, column, message) in Chinese, on the page and as a workbook that
repeats the rows with an error column, to fix and upload again.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit
from fazhi.core.registers.base import ID_HEADER, Register
from fazhi.law import RuleError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(title: str, headers: list[str], rows, widths: list[int], error_col: bool = False) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet(title[:31])
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    err_fmt = wb.add_format({"font_color": "#C00000", "text_wrap": True})
    for i, h in enumerate(headers):
        ws.write_string(0, i, h, head)
        ws.set_column(i, i, widths[i] if i < len(widths) else 14)
    if error_col:
        ws.set_column(len(headers) - 1, len(headers) - 1, 50)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                ws.write_number(r, c, value)
            elif error_col and c == len(headers) - 1:
                ws.write_string(r, c, str(value), err_fmt)
            else:
                # Text is written as text: an ID number must never become a number
                # or a formula (CSV/formula injection).
                ws.write_string(r, c, str(value))
    ws.freeze_panes(1, 0)
    wb.close()
    return buf.getvalue()


def export_headers(register: Register) -> list[str]:
    return [ID_HEADER] + [c.header for c in register.excel_columns]


def export_rows(register: Register, queryset) -> list[list[Any]]:
    return [[obj.pk] + [c.export_value(obj) for c in register.excel_columns] for obj in queryset]


def export_workbook(register: Register, queryset) -> bytes:
    widths = [10] + [c.width for c in register.excel_columns]
    return _workbook(register.label, export_headers(register), export_rows(register, queryset), widths)


def template_workbook(register: Register) -> bytes:
    """An empty ledger with the importable headers (系统编号 left blank for new rows)."""
    return export_workbook(register, [])


@dataclass
class RowError:
    row: int  # 1-based row number as Excel shows it
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_workbook(self) -> bytes:
        """The uploaded rows again, with a column that says what is wrong in each."""
        by_row: dict[int, list[str]] = {}
        for e in self.errors:
            by_row.setdefault(e.row, []).append(f"{e.column}：{e.message}" if e.column else e.message)
        rows = [[*values, "；".join(by_row.get(n, []))] for n, values in self.rows]
        if not rows:
            rows = [["；".join(by_row.get(n, [])) for n in sorted(by_row)]]
        headers = [*self.headers, "错误说明"]
        return _workbook("导入错误", headers, rows, [14] * len(headers), error_col=True)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


# A sheet wider than this is not a ledger: each row would be padded to its width.
MAX_COLUMNS = 200
# The parts of an .xlsx may expand to at most this many times the upload limit
# (a ledger's XML compresses about ten to one; a zip bomb a thousand to one).
MAX_EXPANSION = 10


class ImportRefused(ValueError):
    """A workbook that cannot be imported at all, with the Chinese reason."""


def size_text(n: int) -> str:
    """A byte limit as people read it: 10MB, 1.5MB, 4KB."""
    mb = 1024 * 1024
    if n >= mb:
        return f"{n // mb}MB" if n % mb == 0 else f"{n / mb:.1f}MB"
    return f"{max(n // 1024, 1)}KB" if n >= 1024 else f"{n}字节"


def _check_expansion(upload) -> None:
    """Refuse a zip whose parts declare more than the expansion limit: openpyxl reads
    some parts (shared strings, styles) whole, and zipfile never yields more than a
    part's declared size, so the declared sizes bound what is read."""
    import zipfile

    limit = settings.FAZHI_IMPORT_MAX_BYTES * MAX_EXPANSION
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as z:
            expanded = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportRefused("无法读取文件，请上传 Excel（.xlsx）文件：文件已损坏或不是 .xlsx 格式") from exc
    finally:
        upload.seek(0)
    if expanded > limit:
        raise ImportRefused(f"文件解压后超过{size_text(limit)}的上限（疑似压缩炸弹），请检查文件或分批导入")


def read_workbook(upload) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The first sheet's headers and non-empty rows. Refuses (ImportRefused, a
    ValueError with the Chinese rule) a file over the size limit, one that is not an
    .xlsx or expands too much, a sheet over the row or column limits, and formulas:
    a ledger holds values, and a formula's cached value is whatever the last program
    to save the file left there."""
    from openpyxl import load_workbook

    max_bytes, max_rows = settings.FAZHI_IMPORT_MAX_BYTES, settings.FAZHI_IMPORT_MAX_ROWS
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ImportRefused(f"文件超过{size_text(max_bytes)}，请分批导入")
    _check_expansion(upload)
    try:
        wb = load_workbook(upload, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise ImportRefused("无法读取文件，请上传 Excel（.xlsx）文件") from exc
    try:
        return _read_sheet(wb, max_rows)
    except ImportRefused:
        raise
    except Exception as exc:  # a broken part shows only while the sheet is read
        raise ImportRefused("无法读取文件，请上传 Excel（.xlsx）文件：表格内容已损坏") from exc
    finally:
        wb.close()


def _read_sheet(wb, max_rows: int) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    ws = wb.worksheets[0]
    # The stored dimension is the file's word, not a fact: a forged A1:XFD1048576
    # would pad every row to 16384 cells and add a million empty rows.
    ws.reset_dimensions()
    header_row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
    if not header_row or all(h in (None, "") for h in header_row):
        raise ImportRefused("文件为空：第1行应为列标题")
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ImportRefused(f"列数超过{MAX_COLUMNS}列的上限：第1行应只有台账的列标题")
    # Blank rows in between are skipped, but a sheet may not run on for ever.
    last_row = 2 * max_rows + 1
    rows: list[tuple[int, list[Any]]] = []
    formulas: list[str] = []
    for n, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(headers)), start=2):
        if n > last_row:
            raise ImportRefused(f"表格行数超过上限（含空行最多{last_row}行），请删除多余的空行或分批导入")
        values = []
        for i, c in enumerate(cells):
            if getattr(c, "data_type", None) == "f":
                formulas.append(f"第{n}行“{headers[i] or i + 1}”列")
                values.append(None)
            else:
                values.append(_cell(c.value))
        if all(v in (None, "") for v in values):
            continue
        rows.append((n, values + [None] * (len(headers) - len(values))))
        if len(rows) > max_rows:
            raise ImportRefused(f"一次最多导入{max_rows}行，请分批导入")
    if formulas:
        more = f"等{len(formulas)}处" if len(formulas) > 5 else ""
        raise ImportRefused(
            f"{'、'.join(formulas[:5])}{more}是公式：导入只接受数值和文字，不接受公式"
            "（请复制后“选择性粘贴为数值”再导入）"
        )
    return headers, rows


def _field_header(register: Register, field_name: str) -> str:
    for c in register.importable_columns:
        if c.field == field_name:
            return c.header
    return ""


def _messages(exc: Exception) -> list[tuple[str, str]]:
    """(field, message) pairs from a validation or rule error."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [(f if f != "__all__" else "", m) for f, msgs in exc.message_dict.items() for m in msgs]
    if isinstance(exc, ValidationError):
        return [("", m) for m in exc.messages]
    return [("", str(exc))]


class _Abort(Exception):
    pass


def open_import(register: Register, upload) -> tuple[ImportResult, dict[str, int] | None]:
    """Read an upload for `register`: the result with its headers and rows, and the
    column index by header; None instead of the index when the file cannot be
    imported at all (unreadable, a required column missing, no rows), the reason
    already in the result's errors. Importers of their own start here too."""
    result = ImportResult()
    try:
        headers, rows = read_workbook(upload)
    except ValueError as exc:
        result.errors.append(RowError(1, "", str(exc)))
        return result, None
    result.headers, result.rows = headers, rows
    index = {h: i for i, h in enumerate(headers)}
    missing = [c.header for c in register.importable_columns if c.required and c.header not in index]
    if missing:
        result.errors.append(RowError(1, "", f"缺少必需的列：{'、'.join(missing)}"))
        return result, None
    if not rows:
        result.errors.append(RowError(2, "", "没有可导入的数据行"))
        return result, None
    return result, index


def import_workbook(register: Register, user, upload) -> ImportResult:
    result, index = open_import(register, upload)
    if index is None:
        return result
    rows = result.rows
    visible = register.queryset(user)
    ids = [values[index[ID_HEADER]] for _, values in rows if ID_HEADER in index and values[index[ID_HEADER]]]
    existing = {str(o.pk): o for o in visible.filter(pk__in=[i for i in ids if str(i).isdigit()])}
    planned: list[tuple[int, Any, dict]] = []
    seen_ids: dict[str, int] = {}
    for n, values in rows:
        instance = None
        if ID_HEADER in index and values[index[ID_HEADER]] not in (None, ""):
            key = str(values[index[ID_HEADER]])
            instance = existing.get(key)
            if instance is None:
                result.errors.append(RowError(n, ID_HEADER, "系统编号不存在或不属于本单位；新增记录请留空"))
                continue
            if key in seen_ids:
                result.errors.append(RowError(n, ID_HEADER, f"与第{seen_ids[key]}行的系统编号重复"))
                continue
            seen_ids[key] = n
        data: dict[str, Any] = {}
        row_ok = True
        for col in register.importable_columns:
            raw = values[index[col.header]] if col.header in index else None
            if col.header not in index and instance is not None:
                continue  # a column left out of the file keeps its current value
            if instance is not None and col.mask and raw not in (None, ""):
                current = getattr(instance, col.field) or ""
                if current and str(raw) == col.mask(current):
                    raw = current
            try:
                value = col.parse(raw, user) if col.parse else ("" if raw is None else raw)
            except ValueError as exc:
                result.errors.append(RowError(n, col.header, str(exc)))
                row_ok = False
                continue
            data[col.field] = value
        if not row_ok:
            continue
        if instance is not None:
            merged = register.form_class.initial_for(instance)
            merged.update(data)
            data = merged
        form = register.form_class(data=data, instance=instance, user=user)
        if not form.is_valid():
            for fname, errs in form.errors.items():
                header = _field_header(register, fname) if fname != "__all__" else ""
                for msg in errs:
                    result.errors.append(RowError(n, header, str(msg)))
            continue
        planned.append((n, instance, form.cleaned_data))
    if result.errors:
        return result

    try:
        with transaction.atomic():
            for n, instance, cleaned in planned:
                try:
                    if instance is None:
                        register.do_create(actor=user, data=cleaned)
                        result.created += 1
                    else:
                        obj = register.do_update(instance, actor=user, data=cleaned)
                        if getattr(obj, "fazhi_changed", True):
                            result.updated += 1
                        else:
                            result.unchanged += 1
                except (ValidationError, RuleError, PermissionDenied) as exc:
                    for fname, msg in _messages(exc):
                        result.errors.append(RowError(n, _field_header(register, fname), msg))
            if result.errors:
                raise _Abort
            audit.record(
                actor=user,
                action=f"{register.model._meta.app_label}.{register.model._meta.model_name}.imported",
                target=None,
                new={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                target_repr=register.label,
            )
    except _Abort:
        result.created = result.updated = result.unchanged = 0
    return result
