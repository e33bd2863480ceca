"""On a 375-px phone: an officer files an on-the-spot penalty with a photo; a
leader then sees the decision on the workbench (issue: enforcement cases)."""

import datetime as dt
import re

from playwright.sync_api import expect

from fazhi.core import otp
from fazhi.core.models import Person
from fazhi.core.tests.factories import PersonFactory
from fazhi.enforcement.choices import Authority, BodyKind
from fazhi.enforcement.models import Case, EnforcementBody, Matter, Officer

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 300


def _enforcement_setup(town, officer_user):
    EnforcementBody.objects.create(
        org_unit=town, name="云阳县江口镇人民政府", kind=BodyKind.TOWN, short_code="云江执罚"
    )
    Matter.objects.create(
        org_unit=town, code="JK-004", name="随地吐痰、乱扔废弃物", violation_basis="重庆市市容环境卫生管理条例第四十五条",
        penalty_basis="重庆市市容环境卫生管理条例第四十五条", penalty_kinds="罚款", fine_min_individual=50,
        fine_max_individual=200, authority=Authority.ASSIGNED, summary_allowed=True,
    )  # fmt: skip
    for i, name in enumerate(["陈建国", "李明华"]):
        person = PersonFactory(org_unit=town, name=name)
        Officer.objects.create(org_unit=town, person=person, user=officer_user if i == 0 else None,
                               certificate_no=f"5002351300{i + 1}", issuer="重庆市人民政府",
                               valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2030, 12, 31))  # fmt: skip


def test_officer_files_a_summary_penalty_on_a_phone_and_the_leader_sees_it(
    live_server, phone_page, page, town_a, officer_town_a, leader, login, screenshot, tmp_path
):
    _enforcement_setup(town_a, officer_town_a)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(JPEG)
    p = phone_page
    login(p, live_server, "officer_a")
    p.goto(f"{live_server.url}/enforcement/cases/new/")
    p.select_option("#id_matter", label="随地吐痰、乱扔废弃物")
    p.fill("#id_party_name", "张三")
    p.fill("#id_party_id", Person.objects.first().resident_id)
    p.select_option("#id_penalty_kind", "fine")
    p.fill("#id_fine", "100")
    for box in p.locator("input[name=officers]").all():
        box.check()
    p.fill("#id_facts", "当事人在滨江路随地乱扔废弃物，经劝阻后承认。")
    p.fill("#id_place", "江口镇滨江路")
    p.check("#id_collected_on_spot")
    p.set_input_files("#id_photos", str(photo))
    assert p.evaluate("document.documentElement.scrollWidth") <= 376, "the form scrolls sideways on a phone"
    screenshot(p, "phone-summary-form")
    p.get_by_role("button", name="作出当场处罚决定").click()
    expect(p.locator("[data-testid=case-status]")).to_have_text("已结案")
    year = dt.date.today().year
    expect(p.locator("h1")).to_contain_text(re.compile(rf"云江执罚〔{year}〕\d+号"))
    expect(p.locator("[data-testid=timeline]")).to_contain_text("现场.jpg")
    screenshot(p, "phone-summary-case")
    case = Case.objects.get()
    assert case.fine == 100 and case.collected_on_spot and case.steps.count() >= 4

    otp.enrol(leader)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", leader.username)
    page.fill("#id_password", "Test#Pass2023")
    page.fill("#id_otp_token", otp.current_code(leader))
    page.get_by_role("button", name="登录").click()
    expect(page.locator("[data-testid=latest-decisions]")).to_contain_text(case.decision_no)
    screenshot(page, "leader-workbench")
