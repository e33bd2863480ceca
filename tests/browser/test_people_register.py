"""The people register in a real browser: add, mask, export, validate, scope,
phone layout, Excel import and the audited reveal of personal data."""

from __future__ import annotations

import io
import re

import openpyxl
from playwright.sync_api import expect

from fazhi.core.models import AuditEvent, Person
from fazhi.core.tests.factories import PersonFactory, valid_resident_id

PHONE = "13812345678"
ADDRESS = "重庆市云阳县江口镇滨江路18号"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_HEADERS = ["姓名", "性别", "公民身份号码", "联系电话", "住址", "所属单位代码", "备注"]


def masked(resident_id: str) -> str:
    """First 6 and last 4 characters shown, the 8 in between starred."""
    return resident_id[:6] + "*" * 8 + resident_id[-4:]


def with_wrong_check_char(resident_id: str) -> str:
    wrong = next(c for c in "0123456789X" if c != resident_id[-1])
    return resident_id[:-1] + wrong


def xlsx_file(rows: list[list[str]], name: str = "人员导入.xlsx") -> dict:
    """An upload payload for page.set_input_files: a header row, then `rows`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(IMPORT_HEADERS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return {"name": name, "mimeType": XLSX, "buffer": buf.getvalue()}


def workbook_texts(path) -> list[str]:
    with open(path, "rb") as f:  # Playwright keeps downloads under a name without .xlsx
        wb = openpyxl.load_workbook(io.BytesIO(f.read()), read_only=True)
    try:
        return [
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
    finally:
        wb.close()


def people_table(page):
    return page.get_by_test_id("register-table")


# (a) ------------------------------------------------------------------------------


def test_officer_adds_person_sees_masked_id_and_exports(live_server, page, officer_town_a, login, screenshot):
    rid = valid_resident_id()
    login(page, live_server, "officer_a")
    screenshot(page, "workbench")

    # Through the navigation: 基础数据 → 人员.
    page.get_by_role("link", name="基础数据").click()
    expect(page.get_by_role("heading", name="基础数据")).to_be_visible()
    screenshot(page, "module-basic")
    page.locator("a.card").filter(has=page.locator(".h6", has_text=re.compile(r"^人员$"))).click()
    expect(page).to_have_url(f"{live_server.url}/core/people/")
    expect(page.get_by_role("heading", name="人员", exact=True)).to_be_visible()
    expect(people_table(page)).to_contain_text("没有符合条件的记录")

    page.get_by_role("link", name="新增", exact=True).click()
    expect(page.get_by_role("heading", name="新增人员")).to_be_visible()
    page.select_option("#id_org_unit", label="江口镇")
    page.fill("#id_name", "张三丰")
    page.fill("#id_resident_id", rid)
    page.fill("#id_phone", PHONE)
    page.fill("#id_address", ADDRESS)
    screenshot(page, "people-form")
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/core/people/\d+/$"))
    person = Person.objects.get(name="张三丰")
    assert person.resident_id == rid
    assert person.org_unit.name == "江口镇"
    expect(page).to_have_url(f"{live_server.url}/core/people/{person.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("已新增人员：张三丰")
    expect(page.get_by_role("heading", name="张三丰")).to_be_visible()
    pii = page.locator("#pii")
    expect(pii).to_contain_text(f"公民身份号码：{masked(rid)}")
    expect(pii).to_contain_text("联系电话：138****5678")
    expect(page.locator("body")).not_to_contain_text(rid)
    expect(page.locator("body")).not_to_contain_text(PHONE)
    screenshot(page, "people-detail")

    page.locator(".breadcrumb").get_by_role("link", name="人员").click()
    expect(page).to_have_url(f"{live_server.url}/core/people/")
    row = people_table(page).locator("tbody tr", has_text="张三丰")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(masked(rid))
    expect(row).to_contain_text("江口镇")
    expect(people_table(page)).not_to_contain_text(rid)
    screenshot(page, "people-list")

    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.startswith("人员_")
    assert download.suggested_filename.endswith(".xlsx")
    texts = workbook_texts(download.path())
    assert "张三丰" in texts
    assert masked(rid) in texts
    assert not any(rid in t for t in texts), "the export must never hold the full ID number"
    assert not any(PHONE in t for t in texts), "the export must never hold the full phone number"


# (b) ------------------------------------------------------------------------------


def test_bad_resident_id_is_refused_next_to_the_field(live_server, page, officer_town_a, login, screenshot):
    bad = with_wrong_check_char(valid_resident_id())
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/core/people/new/")
    page.select_option("#id_org_unit", label="江口镇")
    page.fill("#id_name", "李四")
    page.fill("#id_resident_id", bad)
    page.fill("#id_phone", PHONE)
    page.get_by_role("button", name="保存").click()

    error = page.locator('[data-field-error="resident_id"]')
    expect(error).to_contain_text("校验码不正确")
    expect(error).to_contain_text("GB 11643")
    # Next to the field: in the same form group as the input.
    expect(
        page.locator(".mb-3", has=page.locator("#id_resident_id")).locator(".invalid-feedback")
    ).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/core/people/new/")
    expect(page.locator("#id_resident_id")).to_have_value(bad)
    screenshot(page, "people-form-error")
    assert Person.objects.count() == 0


# (c) ------------------------------------------------------------------------------


def test_officer_of_town_b_cannot_see_town_a_person(
    live_server, page, town_a, town_b, officer_town_b, login, screenshot
):
    theirs = PersonFactory(org_unit=town_a, name="江口甲")
    PersonFactory(org_unit=town_b, name="双江乙")
    login(page, live_server, "officer_b")

    page.goto(f"{live_server.url}/core/people/")
    table = people_table(page)
    expect(table).to_contain_text("双江乙")  # the list works and shows town B's own person
    expect(table).not_to_contain_text("江口甲")
    expect(page.get_by_text("共 1 条")).to_be_visible()
    screenshot(page, "people-list-town-b")

    response = page.goto(f"{live_server.url}/core/people/{theirs.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("江口甲")


# (d) ------------------------------------------------------------------------------


def _page_scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_phone_login_and_people_list(live_server, phone_page, town_a, officer_town_a, login, screenshot):
    page = phone_page
    PersonFactory(org_unit=town_a, name="欧阳小明", address="重庆市云阳县江口镇滨江路一段很长很长的地址999号")
    login(page, live_server, "officer_a")

    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.get_by_role("link", name="基础数据")).to_be_hidden()  # collapsed behind the toggler
    assert _page_scroll_width(page) <= 375 + 1, "the workbench scrolls sideways on a phone"
    screenshot(page, "phone-workbench")

    toggler.click()
    expect(page.get_by_role("link", name="基础数据")).to_be_visible()
    # Wait for the menu's opening animation to end: a link clicked while it moves may be missed.
    expect(page.locator(".navbar-collapse.collapsing")).to_have_count(0)
    page.get_by_role("link", name="基础数据").click()
    expect(page).to_have_url(f"{live_server.url}/m/basic/")
    page.locator("a.card").filter(has=page.locator(".h6", has_text=re.compile(r"^人员$"))).click()
    expect(page).to_have_url(f"{live_server.url}/core/people/")
    expect(people_table(page)).to_contain_text("欧阳小明")
    expect(page.get_by_role("link", name="新增", exact=True)).to_be_visible()
    screenshot(page, "phone-people-list")

    # The wide table scrolls inside its own box, not the page.
    wrap = page.locator(".table-wrap").first
    widths = wrap.evaluate("el => [el.scrollWidth, el.clientWidth, getComputedStyle(el).overflowX]")
    assert widths[0] > widths[1], f"the table is expected to be wider than a phone: {widths}"
    assert widths[2] == "auto"
    assert _page_scroll_width(page) <= 375 + 1, "the people list scrolls sideways on a phone"


# (e) ------------------------------------------------------------------------------


def test_import_refuses_whole_file_on_one_bad_row_then_imports_good_file(
    live_server, page, officer_town_a, login, screenshot
):
    good_1, good_2 = valid_resident_id(), valid_resident_id()
    bad = with_wrong_check_char(valid_resident_id())
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/core/people/")
    page.get_by_role("link", name="导入Excel").click()
    expect(page.get_by_role("heading", name="从 Excel 导入人员")).to_be_visible()

    page.set_input_files(
        'input[type="file"][name="file"]',
        xlsx_file(
            [
                ["赵一", "", good_1, "13900000001", "重庆市云阳县江口镇一号", "500235131", ""],
                ["钱二", "", bad, "13900000002", "重庆市云阳县江口镇二号", "500235131", ""],
            ]
        ),
    )
    page.get_by_role("button", name="检查并导入").click()

    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("发现 1 处错误，本次未导入任何数据")
    row = errors.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("第3行")
    expect(row.locator("td").nth(1)).to_have_text("公民身份号码")
    expect(row.locator("td").nth(2)).to_contain_text("GB 11643")
    screenshot(page, "people-import-errors")
    assert Person.objects.count() == 0, "a file with a bad row must import nothing, not even its good rows"

    page.set_input_files(
        'input[type="file"][name="file"]',
        xlsx_file(
            [
                ["赵一", "", good_1, "13900000001", "重庆市云阳县江口镇一号", "500235131", ""],
                ["孙三", "", good_2, "13900000003", "重庆市云阳县江口镇三号", "500235131", ""],
            ]
        ),
    )
    page.get_by_role("button", name="检查并导入").click()
    expect(page).to_have_url(f"{live_server.url}/core/people/")
    expect(page.get_by_role("alert")).to_contain_text("导入完成：新增2条")
    table = people_table(page)
    expect(table).to_contain_text("赵一")
    expect(table).to_contain_text("孙三")
    expect(table).to_contain_text(masked(good_2))
    screenshot(page, "people-list-imported")
    assert sorted(Person.objects.values_list("resident_id", flat=True)) == sorted([good_1, good_2])


# (f) ------------------------------------------------------------------------------


def test_reveal_full_id_is_shown_and_audited(live_server, page, town_a, officer_town_a, login, screenshot):
    rid = valid_resident_id()
    person = PersonFactory(org_unit=town_a, name="周五", resident_id=rid, phone=PHONE)
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/core/people/{person.pk}/")
    pii = page.locator("#pii")
    expect(pii).to_contain_text(masked(rid))
    expect(pii).not_to_contain_text(rid)
    assert not AuditEvent.objects.filter(action="core.person.pii_revealed").exists()

    page.get_by_role("button", name="查看完整信息（将留痕）").click()
    expect(pii).to_contain_text(f"公民身份号码：{rid}")
    expect(pii).to_contain_text(f"联系电话：{PHONE}")
    expect(pii).to_contain_text("本次查看已记入审计日志")
    screenshot(page, "people-detail-revealed")

    events = AuditEvent.objects.filter(action="core.person.pii_revealed")
    assert events.count() == 1
    event = events.get()
    assert event.actor_id == officer_town_a.pk
    assert event.target_id == str(person.pk)
