"""The on-the-spot penalty ledger (当场处罚台账) in Excel: a town's old ledger imports
as cases decided on their days, under the same rules as a phone; a bad row stops
the whole file; an exported ledger imports back unchanged; a registered case is
never changed by a ledger."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.registers import excel
from fazhi.core.tests.factories import valid_resident_id
from fazhi.enforcement import statistics
from fazhi.enforcement.choices import CaseStatus, PaymentStatus
from fazhi.enforcement.models import Case, EnforcementBody
from fazhi.enforcement.tests.factories import make_summary_case, officer_pair, summary_matter, town_body

pytestmark = pytest.mark.django_db

URL = "/enforcement/cases/import/"
HEADERS = ["决定书文号", "执法事项编码", "当事人类型", "当事人", "证件号码", "处罚种类", "罚款（元）", "执法证号",
           "违法事实", "地点", "违法行为发生日", "决定日", "当场收缴", "缴款日"]  # fmt: skip


def _book(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


@pytest.fixture
def town(town_a, officer_town_a):
    body = town_body(town_a)
    matter = summary_matter(town_a)
    officers = officer_pair(town_a, user=officer_town_a)
    certs = "、".join(o.certificate_no for o in officers)
    return {"body": body, "matter": matter, "certs": certs}


def _row(town, over: dict | None = None):
    row = {
        "决定书文号": "", "执法事项编码": town["matter"].code, "当事人类型": "自然人", "当事人": "张三",
        "证件号码": valid_resident_id(), "处罚种类": "罚款", "罚款（元）": 50, "执法证号": town["certs"],
        "违法事实": "当事人在滨江路占道经营。", "地点": "江口镇滨江路", "违法行为发生日": "2023-03-06",
        "决定日": "2023-03-06", "当场收缴": "是", "缴款日": "",
    }  # fmt: skip
    row.update(over or {})
    return [row[h] for h in HEADERS]


def test_a_ledger_becomes_cases_decided_on_their_days(client, officer_town_a, town):
    client.force_login(officer_town_a)
    rows = [
        _row(town),  # collected on the spot: paid and closed at once
        _row(town, {"当事人": "李四", "罚款（元）": 150, "当场收缴": "否", "决定日": "2023-03-07", "违法行为发生日": "2023-03-07", "缴款日": "2023-03-15"}),  # paid a week later: closed that day
        _row(town, {"当事人": "王五", "处罚种类": "警告", "罚款（元）": "", "当场收缴": "否"}),  # a warning: closed at once
        _row(town, {"当事人": "赵六", "罚款（元）": 200, "当场收缴": "否"}),  # not paid yet: still open
    ]  # fmt: skip
    r = client.post(URL, {"file": _book(rows)})
    assert r.status_code == 302, r.content.decode()[:2000]
    cases = list(Case.objects.order_by("id"))
    assert [c.status for c in cases] == [CaseStatus.CLOSED] * 3 + [CaseStatus.SERVED]
    assert [c.decided_on for c in cases] == [dt.date(2023, 3, 6), dt.date(2023, 3, 7), dt.date(2023, 3, 6),
                                             dt.date(2023, 3, 6)]  # fmt: skip
    assert cases[1].paid_on == dt.date(2023, 3, 15) and cases[1].closed_on == dt.date(2023, 3, 15)
    assert cases[3].payment_status == PaymentStatus.DUE and cases[3].payment_due == dt.date(2023, 3, 21)
    assert [c.decision_no for c in cases] == [f"云江执罚〔2023〕{n}号" for n in (1, 2, 3, 4)]
    figures = statistics.penalty_figures(town["body"].org_unit, 2023)["summary"]
    assert (figures.cases, figures.fines) == (4, Decimal("400"))


def test_a_ledgers_own_numbers_are_kept_and_the_sequence_moves_past_them(
    client, officer_town_a, town_a, town
):
    client.force_login(officer_town_a)
    r = client.post(URL, {"file": _book([_row(town, {"决定书文号": "云江执罚〔2023〕41号"})])})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Case.objects.get().decision_no == "云江执罚〔2023〕41号"
    later = make_summary_case(town_a, officer_town_a)
    assert later.decision_no == "云江执罚〔2023〕42号"


def test_a_number_already_used_is_refused(client, officer_town_a, town_a, town):
    taken = make_summary_case(town_a, officer_town_a).decision_no
    client.force_login(officer_town_a)
    r = client.post(URL, {"file": _book([_row(town, {"决定书文号": taken})])})
    assert r.status_code == 400 and "已被本主体的另一案件使用" in r.content.decode()
    assert Case.objects.count() == 1


def test_a_row_past_the_summary_cap_stops_the_whole_ledger_citing_article_51(client, officer_town_a, town):
    client.force_login(officer_town_a)
    rows = [_row(town), _row(town, {"当事人": "李四", "罚款（元）": 250, "当场收缴": "否"})]
    r = client.post(URL, {"file": _book(rows)})
    page = r.content.decode()
    assert r.status_code == 400 and "第五十一条" in page
    assert not Case.objects.exists()


def test_unknown_certificates_and_matters_are_named(client, officer_town_a, town):
    client.force_login(officer_town_a)
    r = client.post(
        URL, {"file": _book([_row(town, {"执法证号": "99999999、" + town["certs"], "执法事项编码": "NOPE"})])}
    )
    page = r.content.decode()
    assert r.status_code == 400 and "99999999" in page and "NOPE" in page
    assert not Case.objects.exists()


def test_another_towns_matter_cannot_be_used(client, officer_town_b, town):
    client.force_login(officer_town_b)
    r = client.post(URL, {"file": _book([_row(town)])})
    assert r.status_code == 400 and town["matter"].code in r.content.decode()
    assert not Case.objects.exists()


def test_an_exported_ledger_imports_back_unchanged(client, officer_town_a, town_a, town):
    make_summary_case(town_a, officer_town_a, collected_on_spot=True, fine=Decimal("50"))
    make_summary_case(town_a, officer_town_a, fine=Decimal("150"))
    client.force_login(officer_town_a)
    exported = client.get("/enforcement/cases/export/").content
    upload = SimpleUploadedFile("cases.xlsx", exported, content_type=excel.XLSX_CONTENT_TYPE)
    before = list(Case.objects.values_list("id", "version", "status"))
    r = client.post(URL, {"file": upload})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert list(Case.objects.values_list("id", "version", "status")) == before


def test_an_exported_ledger_masks_the_party(client, officer_town_a, town_a, town):
    case = make_summary_case(town_a, officer_town_a)
    client.force_login(officer_town_a)
    sheet = load_workbook(io.BytesIO(client.get("/enforcement/cases/export/").content)).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert case.party.resident_id not in values and case.party.name not in values
    assert case.party.masked_name in values


def test_a_registered_case_is_not_changed_by_a_ledger(client, officer_town_a, town_a, town):
    make_summary_case(town_a, officer_town_a, fine=Decimal("150"))
    client.force_login(officer_town_a)
    wb = load_workbook(io.BytesIO(client.get("/enforcement/cases/export/").content))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("罚款（元）") + 1, value=180)
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("cases.xlsx", buf.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)
    r = client.post(URL, {"file": upload})
    assert r.status_code == 400 and "已登记的案件不能通过导入修改（罚款（元）" in r.content.decode()
    assert Case.objects.get().fine == Decimal("150")


def test_a_bodys_number_is_read_back_from_its_format():
    body = EnforcementBody(short_code="云江执罚", number_format="{code}〔{year}〕{n}号")
    assert body.sequence_number(2023, body.number(2023, 12)) == 12
    assert body.sequence_number(2023, "云江执罚〔2022〕12号") is None
    assert body.sequence_number(2023, "某文号") is None
