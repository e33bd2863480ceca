"""The officers' yearly training and exam (年度培训考试) as a register: it keeps the
register contract, is scoped by the officer's unit (another town's row is a 404,
another town's officer cannot be chosen, by page, import or API), validates
hours, year and one row a year with Chinese messages, and audits every write."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.enforcement import definitions
from fazhi.enforcement.models import OfficerYear
from fazhi.enforcement.tests.factories import make_officer

pytestmark = pytest.mark.django_db

REGISTER = definitions.officer_years
API = "/api/v1/enforcement/officer-years/"
HEADERS = ["执法证号", "年度", "培训学时", "完成年度培训", "考试合格"]


def make_year(town, *, year: int = 2023, officer=None, **fields) -> OfficerYear:
    """A row as the demo writes it (test data; the register's writes are tested below)."""
    fields = {"training_hours": Decimal("40"), "training_completed": True, "exam_passed": True, **fields}
    return OfficerYear.objects.create(officer=officer or make_officer(town), year=year, **fields)


class TestOfficerYearsRegister(RegisterContract):
    register = REGISTER

    def make(self, town, n):
        return [make_year(town) for _ in range(n)]


@pytest.fixture
def office_a(town_a):
    """The town's rule-of-law office keeps the ledger."""
    return user_with_role("office_a", "rule_of_law_office", town_a)


def _form(officer, **over) -> dict:
    data = {"officer": officer.pk, "year": "2023", "training_hours": "40", "training_completed": "on",
            "exam_passed": "true"}  # fmt: skip
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def _upload(rows) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("years.xlsx", buf.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


# -- the pages -------------------------------------------------------------------------


def test_the_register_is_in_the_enforcement_navigation(client, officer_town_a):
    client.force_login(officer_town_a)
    page = client.get("/m/enforcement/").content.decode()
    assert "年度培训考试" in page and REGISTER.list_url in page


def test_creating_a_year_through_the_page_is_audited(client, town_a, office_a):
    officer = make_officer(town_a)
    client.force_login(office_a)
    r = client.post(REGISTER.url("create"), _form(officer, training_hours="32.5"))
    assert r.status_code == 302, r.context["form"].errors
    row = OfficerYear.objects.get(officer=officer)
    assert (row.year, row.training_hours, row.training_completed, row.exam_passed) == (
        2023,
        Decimal("32.5"),
        True,
        True,
    )
    event = AuditEvent.objects.get(action="enforcement.officeryear.created")
    assert event.target_id == str(row.pk) and event.new["training_hours"] == "32.5"


def test_a_county_users_change_is_recorded_in_the_officers_town(client, town_a, county_unit):
    county_office = user_with_role("county_office", "rule_of_law_office", county_unit)
    officer = make_officer(town_a)
    client.force_login(county_office)
    assert client.post(REGISTER.url("create"), _form(officer)).status_code == 302
    assert AuditEvent.objects.get(action="enforcement.officeryear.created").org_unit_id == town_a.pk


def test_editing_records_only_the_changed_fields(client, town_a, office_a):
    row = make_year(town_a, exam_passed=None)
    client.force_login(office_a)
    r = client.post(REGISTER.url("edit", row.pk), _form(row.officer, exam_passed="false"))
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.exam_passed is False
    event = AuditEvent.objects.get(action="enforcement.officeryear.changed")
    assert (event.old, event.new) == ({"exam_passed": None}, {"exam_passed": False})


def test_saving_without_changes_writes_no_event(client, town_a, office_a):
    row = make_year(town_a)
    client.force_login(office_a)
    assert (
        client.post(REGISTER.url("edit", row.pk), _form(row.officer, training_hours="40.0")).status_code
        == 302
    )
    assert not AuditEvent.objects.filter(action="enforcement.officeryear.changed").exists()


def test_the_exam_may_be_not_yet_taken(client, town_a, office_a):
    officer = make_officer(town_a)
    client.force_login(office_a)
    assert client.post(REGISTER.url("create"), _form(officer, exam_passed="unknown")).status_code == 302
    assert OfficerYear.objects.get(officer=officer).exam_passed is None
    assert "未考" in client.get(REGISTER.list_url).content.decode()


def test_negative_hours_are_refused(client, town_a, office_a):
    client.force_login(office_a)
    r = client.post(REGISTER.url("create"), _form(make_officer(town_a), training_hours="-1"))
    assert r.status_code == 200
    assert r.context["form"].errors["training_hours"] == ["培训学时不能为负数"]
    assert not OfficerYear.objects.exists()


@pytest.mark.parametrize("year", ["1999", "2999"])
def test_a_year_out_of_range_is_refused(client, town_a, office_a, year):
    client.force_login(office_a)
    r = client.post(REGISTER.url("create"), _form(make_officer(town_a), year=year))
    assert r.status_code == 200
    assert "年度应在2000年至" in r.context["form"].errors["year"][0]
    assert not OfficerYear.objects.exists()


def test_a_second_row_for_the_same_year_is_refused(client, town_a, office_a):
    row = make_year(town_a, year=2023)
    client.force_login(office_a)
    r = client.post(REGISTER.url("create"), _form(row.officer, year="2023"))
    assert r.status_code == 200
    assert r.context["form"].errors["year"] == ["该执法人员2023年度的培训考试记录已存在，请编辑原记录"]
    assert OfficerYear.objects.count() == 1


def test_another_towns_officer_cannot_be_chosen(client, town_b, office_a):
    client.force_login(office_a)
    r = client.post(REGISTER.url("create"), _form(make_officer(town_b)))
    assert r.status_code == 200 and "officer" in r.context["form"].errors
    assert not OfficerYear.objects.exists()


def test_another_towns_row_cannot_be_edited(client, town_b, office_a):
    row = make_year(town_b)
    client.force_login(office_a)
    assert client.get(REGISTER.url("edit", row.pk)).status_code == 404
    assert client.post(REGISTER.url("edit", row.pk), _form(row.officer, year="2022")).status_code == 404
    row.refresh_from_db()
    assert row.year == 2023


def test_an_officer_may_read_but_not_write(client, town_a, officer_town_a):
    make_year(town_a)
    client.force_login(officer_town_a)
    assert client.get(REGISTER.list_url).status_code == 200
    assert client.get(REGISTER.url("create")).status_code == 403


def test_the_officer_page_lists_their_years(client, town_a, officer_town_a):
    officer = make_officer(town_a)
    make_year(town_a, officer=officer, year=2022, exam_passed=False)
    make_year(town_a, officer=officer, year=2023, exam_passed=None)
    client.force_login(officer_town_a)
    page = client.get(definitions.officers.url("detail", officer.pk)).content.decode()
    assert "年度培训考试" in page and "2022" in page and "不合格" in page and "未考" in page


# -- the filters ---------------------------------------------------------------------------


@pytest.fixture
def ledger(town_a):
    zhang = make_officer(town_a, name="张培训")
    li = make_officer(town_a, name="李培训")
    return {
        "zhang_2022": make_year(
            town_a, officer=zhang, year=2022, exam_passed=False, training_completed=False
        ),
        "zhang_2023": make_year(town_a, officer=zhang, year=2023, exam_passed=True),
        "li_2023": make_year(town_a, officer=li, year=2023, exam_passed=None),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2023"}, {"zhang_2023", "li_2023"}),
        ({"q": "张培训"}, {"zhang_2022", "zhang_2023"}),
        ({"training_completed": "false"}, {"zhang_2022"}),
        ({"exam": "passed"}, {"zhang_2023"}),
        ({"exam": "failed"}, {"zhang_2022"}),
        ({"exam": "none"}, {"li_2023"}),
    ],
)
def test_the_list_filters(client, ledger, officer_town_a, params, expected):
    client.force_login(officer_town_a)
    shown = {obj.pk for obj in client.get(REGISTER.list_url, params).context["page"].object_list}
    assert shown == {ledger[k].pk for k in expected}


def test_the_list_filters_by_certificate_number(client, ledger, officer_town_a):
    client.force_login(officer_town_a)
    number = ledger["li_2023"].officer.certificate_no
    shown = [obj.pk for obj in client.get(REGISTER.list_url, {"q": number}).context["page"].object_list]
    assert shown == [ledger["li_2023"].pk]


# -- Excel ---------------------------------------------------------------------------------


def test_the_export_has_the_ledger_columns_and_is_audited(client, ledger, officer_town_a):
    client.force_login(officer_town_a)
    wb = load_workbook(io.BytesIO(client.get(REGISTER.url("export"), {"exam": "none"}).content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0] == ("系统编号", "执法证号", "姓名", "年度", "培训学时", "完成年度培训", "考试合格")
    li = ledger["li_2023"]
    assert rows[1:] == [(li.pk, li.officer.certificate_no, li.officer.person.name, 2023, 40, "是", "未考")]
    assert AuditEvent.objects.filter(action="enforcement.officeryear.exported").count() == 1


def test_export_then_import_changes_nothing(client, ledger, office_a):
    client.force_login(office_a)
    exported = client.get(REGISTER.url("export")).content
    r = client.post(REGISTER.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302
    assert AuditEvent.objects.get(action="enforcement.officeryear.imported").new == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
    }
    assert not AuditEvent.objects.filter(action="enforcement.officeryear.changed").exists()


def test_import_creates_rows_by_certificate_number(town_a, office_a):
    first, second = make_officer(town_a), make_officer(town_a)
    upload = _upload([HEADERS, [first.certificate_no, 2023, 40, "是", "是"],
                      [second.certificate_no, "2023年", 12.5, "否", ""]])  # fmt: skip
    result = excel.import_workbook(REGISTER, office_a, upload)
    assert result.ok, result.errors
    assert result.created == 2
    assert OfficerYear.objects.get(officer=first).exam_passed is True
    row = OfficerYear.objects.get(officer=second)
    assert (row.training_hours, row.training_completed, row.exam_passed) == (Decimal("12.5"), False, None)
    assert AuditEvent.objects.filter(action="enforcement.officeryear.created").count() == 2


def test_import_updates_a_row_by_its_system_number(town_a, office_a):
    row = make_year(town_a, exam_passed=None)
    upload = _upload([["系统编号", *HEADERS], [row.pk, row.officer.certificate_no, 2023, 40, "是", "合格"]])
    result = excel.import_workbook(REGISTER, office_a, upload)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 1)
    row.refresh_from_db()
    assert row.exam_passed is True


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a, town_b, office_a):
    ours, theirs = make_officer(town_a), make_officer(town_b)
    upload = _upload([HEADERS, [ours.certificate_no, 2023, 40, "是", "是"],
                      [theirs.certificate_no, 2023, 40, "是", "是"],
                      [ours.certificate_no, 2022, -3, "是", "也许"]])  # fmt: skip
    result = excel.import_workbook(REGISTER, office_a, upload)
    assert {(e.row, e.column) for e in result.errors} == {(3, "执法证号"), (4, "考试合格")}
    assert "不在本单位的执法人员台账中" in result.errors[0].message
    assert not OfficerYear.objects.exists()


def test_negative_hours_in_a_file_are_a_row_error(town_a, office_a):
    upload = _upload([HEADERS, [make_officer(town_a).certificate_no, 2023, -3, "是", "是"]])
    result = excel.import_workbook(REGISTER, office_a, upload)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(2, "培训学时", "培训学时不能为负数")]


def test_the_same_officer_and_year_twice_in_a_file_imports_nothing(town_a, office_a):
    number = make_officer(town_a).certificate_no
    upload = _upload([HEADERS, [number, 2023, 40, "是", "是"], [number, 2023, 20, "是", "否"]])
    result = excel.import_workbook(REGISTER, office_a, upload)
    assert [(e.row, e.column) for e in result.errors] == [(3, "年度")]
    assert not OfficerYear.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="enforcement.officeryear.").exists()


# -- the API -------------------------------------------------------------------------------


def test_the_api_lists_the_towns_rows_only(client, town_a, town_b, officer_town_a):
    ours = make_year(town_a)
    make_year(town_b)
    client.force_login(officer_town_a)
    body = client.get(API).json()
    assert [r["id"] for r in body["results"]] == [ours.pk]
    assert body["results"][0]["certificate_no"] == ours.officer.certificate_no
    assert body["results"][0]["exam_result"] == "合格"


def test_the_api_filters_by_year(client, ledger, officer_town_a):
    client.force_login(officer_town_a)
    ids = {r["id"] for r in client.get(API, {"year": 2022}).json()["results"]}
    assert ids == {ledger["zhang_2022"].pk}


def test_creating_through_the_api_is_audited(client, town_a, office_a):
    officer = make_officer(town_a)
    client.force_login(office_a)
    r = client.post(API, {"officer": officer.pk, "year": 2024, "training_hours": "16", "exam_passed": None},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.content
    assert r.json()["exam_result"] == "未考" and r.json()["training_hours"] == "16.0"
    assert AuditEvent.objects.filter(
        action="enforcement.officeryear.created", target_id=str(r.json()["id"])
    ).exists()


def test_the_api_applies_the_forms_rules(client, town_a, office_a):
    row = make_year(town_a, year=2023)
    client.force_login(office_a)
    r = client.post(API, {"officer": row.officer.pk, "year": 2023, "training_hours": "-2"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400
    assert "培训学时不能为负数" in str(r.json())
    r = client.post(API, {"officer": row.officer.pk, "year": 2023, "training_hours": "2"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "已存在" in str(r.json())
    assert OfficerYear.objects.count() == 1


def test_another_towns_officer_does_not_exist_for_the_api(client, town_a, town_b, office_a):
    client.force_login(office_a)
    theirs = make_officer(town_b)
    r = client.post(API, {"officer": theirs.pk, "year": 2023, "training_hours": "8"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "officer" in r.json()
    assert not OfficerYear.objects.exists()


def test_partial_update_through_the_api(client, town_a, office_a):
    row = make_year(town_a, exam_passed=None)
    client.force_login(office_a)
    r = client.patch(f"{API}{row.pk}/", {"exam_passed": True}, content_type="application/json")
    assert r.status_code == 200, r.content
    row.refresh_from_db()
    assert row.exam_passed is True and row.training_hours == Decimal("40")
    assert AuditEvent.objects.get(action="enforcement.officeryear.changed").new == {"exam_passed": True}


def test_another_towns_row_is_not_found_through_the_api(client, town_b, office_a):
    row = make_year(town_b)
    client.force_login(office_a)
    assert client.get(f"{API}{row.pk}/").status_code == 404
    assert client.patch(f"{API}{row.pk}/", {"year": 2022}, content_type="application/json").status_code == 404


def test_an_officer_cannot_write_through_the_api(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    r = client.post(API, {"officer": make_officer(town_a).pk, "year": 2023, "training_hours": "8"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403
