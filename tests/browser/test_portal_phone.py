"""The public portal on a 375 px phone: scanning an officer's QR code, reading a
published decision, and a party following a case by its code and rating it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.tests.factories import town, user_with_role
from fazhi.enforcement.tests.factories import make_officer
from fazhi.portal.tests.conftest import decided_case, person_party, published

PHONE_WIDTH = 375


def fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_citizen_checks_a_certificate_on_a_phone(phone_page, live_server, screenshot):
    town_a = town("500235131", "江口镇")
    valid = make_officer(town_a, name="陈亮证")
    expired = make_officer(town_a, name="林过期", valid_to=timezone.localdate() - dt.timedelta(days=1))

    phone_page.goto(f"{live_server.url}/portal/certificates/{valid.certificate_no}/")
    expect(phone_page.get_by_test_id("certificate-state")).to_contain_text("有效")
    expect(phone_page.get_by_text("陈亮证")).to_be_visible()
    fits(phone_page)
    screenshot(phone_page, "portal-certificate-valid-phone")

    phone_page.goto(f"{live_server.url}/portal/certificates/{expired.certificate_no}/")
    expect(phone_page.get_by_test_id("certificate-state")).to_contain_text("已过期")
    fits(phone_page)
    screenshot(phone_page, "portal-certificate-expired-phone")


def test_a_party_follows_a_case_by_its_code_and_rates_it(phone_page, live_server, screenshot):
    town_a = town("500235131", "江口镇")
    officer = user_with_role("officer_a", "officer", town_a)
    party = person_party(town_a)
    item = published(decided_case(town_a, officer, party=party), officer, on=timezone.localdate())

    phone_page.goto(f"{live_server.url}/portal/")
    fits(phone_page)
    screenshot(phone_page, "portal-home-phone")
    phone_page.get_by_role("link", name="处罚决定", exact=True).click()
    phone_page.get_by_text(item.content["decision_no"]).click()
    expect(phone_page.get_by_text(party.masked_name, exact=False)).to_be_visible()
    fits(phone_page)
    screenshot(phone_page, "portal-decision-phone")

    phone_page.goto(f"{live_server.url}/portal/case/")
    phone_page.fill("#id_code", item.case.access_code)
    phone_page.get_by_role("button", name="查询").click()
    expect(phone_page.get_by_test_id("case-progress")).to_contain_text(item.case.decision_no)
    fits(phone_page)
    phone_page.get_by_label("★★★★★", exact=True).check()
    phone_page.get_by_role("button", name="提交评价").click()
    expect(phone_page.get_by_test_id("rating-message")).to_contain_text("评价已提交")
    screenshot(phone_page, "portal-case-progress-phone")
