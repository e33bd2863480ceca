"""The single window in a real browser (issue 9 acceptance): a window clerk receives an
application for an item that two posts review, accepts it and routes it; the holders
of the two posts sign in in turn and give their opinions, and the decision is refused
on the page while one of them is still pending; the clerk then decides and delivers
at the window, and the page shows the application finished with two visits."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from fazhi.core import live
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import clerk_of, make_item, reviewer_of

MATERIALS = ["申请人居民身份证", "申请书", "宅基地申请审批表"]


@pytest.fixture(autouse=True)
def _short_streams(settings):
    """The workbench may open a live stream at login; let it end before the data goes."""
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_STREAM_SECONDS = 2
    yield
    deadline = time.monotonic() + 10
    while live.open_streams() and time.monotonic() < deadline:
        time.sleep(0.1)


def _open(page, step: str):
    """The step's form (each sits in a <details>, opened here)."""
    details = page.locator(f"details[data-step={step}]").first
    details.evaluate("el => { el.open = true; }")
    return details


def _logout(page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def test_a_window_clerks_full_path(live_server, page, town_a, login, screenshot):
    item = make_item(town_a, name="农村村民宅基地审批", review_posts=2, materials="\n".join(MATERIALS))
    post_a, post_b = list(item.review_posts.order_by("id"))
    clerk, holder_a, holder_b = clerk_of(town_a), reviewer_of(post_a), reviewer_of(post_b)

    # 收件: the item first, then the applicant and the materials received
    login(page, live_server, clerk.username)
    page.goto(f"{live_server.url}/services/applications/")
    page.get_by_role("link", name="新增").click()
    page.locator("#choose-item").select_option(str(item.pk))
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_test_id("chosen-item")).to_contain_text("农村村民宅基地审批")
    for name in MATERIALS:
        page.get_by_label(name).check()
    page.locator("#id_applicant").fill("谭德明")
    page.locator("#id_phone").fill("13800001234")
    page.locator("#id_content").fill("申请在原址翻建住房")
    page.locator("#id_submitted_on").fill("2023-09-25")
    page.get_by_role("button", name="收件登记").click()
    expect(page.get_by_test_id("status")).to_have_text("已收件待受理")
    app = Application.objects.get()
    expect(page.get_by_test_id("receipt-code")).to_have_text(app.receipt_code_display)
    expect(page.get_by_test_id("materials").locator("[data-material=missing]")).to_have_count(0)

    # 受理, then 分送会签 to both posts
    form = _open(page, "accept")
    form.locator("#accept-on").fill("2023-09-25")
    form.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("已受理")
    expect(page.get_by_test_id("due-on")).to_contain_text("2023-")
    with page.expect_popup() as opened:  # the receipt to hand over, printed from its own page
        page.get_by_test_id("documents").get_by_role("link", name="打印").click()
    receipt = opened.value
    expect(receipt.get_by_test_id("document")).to_contain_text(app.receipt_code_display)
    expect(receipt.get_by_test_id("lookup")).to_contain_text("/portal/services/status/")
    screenshot(receipt, "window-receipt")
    receipt.close()
    form = _open(page, "route")
    expect(form).to_contain_text(post_a.name)
    form.locator("#route-on").fill("2023-09-26")
    form.get_by_role("button", name="分送会签").click()
    expect(page.get_by_test_id("status")).to_have_text("联审会签中")
    expect(page.get_by_test_id("reviews").locator("[data-state=pending]")).to_have_count(2)
    _logout(page)

    # the first post's holder gives the post's opinion
    login(page, live_server, holder_a.username)
    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    form = _open(page, "opinion")
    expect(form).to_contain_text(post_a.name)
    form.get_by_label("同意", exact=True).check()
    form.get_by_label("审查意见").fill("符合村庄规划，同意")
    form.locator("input[type=date]").fill("2023-09-26")
    form.get_by_role("button", name="提交会签意见").click()
    expect(page.get_by_text("已出具会签意见")).to_be_visible()
    expect(page.locator(f"[data-post='{post_a.name}']")).to_have_attribute("data-state", "agreed")
    _logout(page)

    # the clerk may not decide while the second post is pending: the page says which
    login(page, live_server, clerk.username)
    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    expect(page.get_by_test_id("pending-posts")).to_contain_text(post_b.name)
    form = _open(page, "decide")
    form.locator("#decide-outcome").select_option("approved")
    form.locator("#decide-on").fill("2023-09-27")
    form.get_by_role("button", name="作出决定").click()
    alert = page.get_by_role("alert").filter(has_text="尚未出具意见")
    expect(alert).to_contain_text(post_b.name)
    expect(page.get_by_test_id("status")).to_have_text("联审会签中")
    screenshot(page, "window-decision-refused")
    _logout(page)

    # the second post's holder
    login(page, live_server, holder_b.username)
    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    form = _open(page, "opinion")
    expect(form).to_contain_text(post_b.name)
    form.get_by_label("同意", exact=True).check()
    form.locator("input[type=date]").fill("2023-09-27")
    form.get_by_role("button", name="提交会签意见").click()
    expect(page.locator(f"[data-post='{post_b.name}']")).to_have_attribute("data-state", "agreed")
    _logout(page)

    # the clerk decides and delivers at the window
    login(page, live_server, clerk.username)
    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    expect(page.get_by_test_id("pending-posts")).to_have_count(0)
    form = _open(page, "decide")
    form.locator("#decide-outcome").select_option("approved")
    form.get_by_label("决定内容及理由").fill("准予在原址翻建住房")
    form.locator("#decide-on").fill("2023-09-27")
    form.get_by_role("button", name="作出决定").click()
    expect(page.get_by_test_id("status")).to_have_text("已作出决定")
    form = _open(page, "deliver")
    form.locator("#deliver-method").select_option("window")
    form.locator("#deliver-on").fill("2023-09-27")
    form.get_by_role("button", name="送达").click()
    expect(page.get_by_test_id("status")).to_have_text("已送达办结")
    expect(page.get_by_test_id("visits")).to_have_text("2")
    expect(page.get_by_test_id("history")).to_contain_text("送达")
    screenshot(page, "window-delivered")
    app.refresh_from_db()
    assert app.status == "delivered" and app.visit_count == 2 and app.outcome == "approved"
