"""On a 375-px phone: a grid worker placed on a grid registers a dispute found in
their village, with one party, in a few fields, and sees it registered with its
number; the page never scrolls sideways (issue: disputes)."""

import re

from playwright.sync_api import expect

from fazhi.core.choices import OrgKind
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.disputes.models import Dispute


def test_grid_worker_registers_a_dispute_on_a_phone(live_server, phone_page, town_a, login, screenshot):
    village = OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town_a, name="团滩村")
    OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town_a, name="千丘村")
    grid = OrgUnitFactory(kind=OrgKind.GRID, parent=village, name="团滩村第1网格")
    user_with_role("grid_phone", "grid_worker", grid, display_name="刘红梅")
    p = phone_page
    login(p, live_server, "grid_phone")
    p.goto(f"{live_server.url}/disputes/disputes/new/phone/")
    expect(p.locator("#id_village option:checked")).to_have_text("团滩村")
    p.select_option("#id_category", label="邻里纠纷")
    p.select_option("#id_risk_level", label="较大")
    p.fill("#id_summary", "两户因房前排水沟堵塞发生争吵，已劝开。")
    p.fill("#id_party_name", "王大山")
    p.fill("#id_party_phone", "13812345678")
    p.fill("#id_other_name", "李小河")
    assert p.evaluate("document.documentElement.scrollWidth") <= 376, "the form scrolls sideways on a phone"
    screenshot(p, "phone-dispute-form")
    p.get_by_role("button", name="登记纠纷").click()
    expect(p.locator("[data-testid=dispute-status]")).to_have_text("已登记")
    expect(p.locator("h1")).to_contain_text(re.compile(r"江口调〔\d{4}〕1号"))
    expect(p.locator("[data-testid=parties]")).to_contain_text("王**")
    expect(p.locator("[data-testid=parties]")).to_contain_text("138****5678")
    assert p.evaluate("document.documentElement.scrollWidth") <= 376, (
        "the dispute page scrolls sideways on a phone"
    )
    screenshot(p, "phone-dispute-registered")
    dispute = Dispute.objects.get()
    assert dispute.village == village and dispute.org_unit == grid and dispute.source == "grid"
    assert [x.name for x in dispute.parties.all()] == ["王大山", "李小河"]
