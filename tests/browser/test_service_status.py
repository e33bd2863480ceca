"""The applicant's side of the single window on a phone: following an application by
the receipt code printed on the receipt (typed as it comes: lower case, spaces), seeing
only that application with the name masked, and rating the service once."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from fazhi.core.tests.factories import town, valid_resident_id
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationOutcome, DeliveryMethod
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import accepted, clerk_of, make_application, make_item, reviewer_of

PHONE_WIDTH = 375
D = dt.date


def fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def delivered(town_unit) -> Application:
    item = make_item(town_unit, review_posts=1, name="农村村民宅基地和建房（规划许可）审批")
    app = accepted(item, on=D(2023, 9, 25), applicant="谭德明", id_number=valid_resident_id(7),
                   phone="13987654321", address="重庆市云阳县江口镇滨江路88号")  # fmt: skip
    clerk = clerk_of(town_unit)
    actions.route(app, actor=clerk, on=D(2023, 9, 26))
    task = app.reviews.select_related("post").get()
    actions.give_opinion(task, actor=reviewer_of(task.post), agree=True, on=D(2023, 9, 27))
    actions.decide(app, actor=clerk, outcome=ApplicationOutcome.APPROVED, on=D(2023, 9, 28))
    return actions.deliver(app, actor=clerk, method=DeliveryMethod.WINDOW, on=D(2023, 10, 9))


def look_up(page, live_server, typed: str) -> None:
    page.goto(f"{live_server.url}/portal/services/status/")
    page.fill("#id_code", typed)
    page.get_by_role("button", name="查询").click()


def test_an_applicant_follows_an_application_by_its_code_and_rates_it(phone_page, live_server, screenshot):
    town_a = town("500235131", "江口镇")
    first = delivered(town_a)
    second = make_application(make_item(town_a, name="困难群众临时救助申请"), applicant="林秀英",
                              submitted_on=D(2023, 9, 26))  # fmt: skip
    typed = " ".join(first.receipt_code_display.lower().split("-"))  # e.g. "abcd efgh jkmn"
    assert typed != first.receipt_code

    look_up(phone_page, live_server, typed)
    expect(phone_page.get_by_test_id("status-number")).to_have_text(first.number)
    expect(phone_page.get_by_test_id("status-applicant")).to_have_text("谭**")
    expect(phone_page.get_by_test_id("status-state")).to_contain_text("已送达办结")
    expect(phone_page.get_by_test_id("service-status")).to_contain_text(
        "农村村民宅基地和建房（规划许可）审批"
    )
    html = phone_page.content()
    for absent in (
        second.number,
        "林秀英",
        "林**",
        "困难群众临时救助申请",
        "谭德明",
        "13987654321",
        "滨江路",
    ):
        assert absent not in html, absent
    fits(phone_page)
    screenshot(phone_page, "portal-service-status-phone")

    phone_page.get_by_label("满意", exact=True).check()
    phone_page.fill("#id_comment", "窗口一次办好")
    phone_page.get_by_role("button", name="提交评价").click()
    expect(phone_page.get_by_test_id("rating-message")).to_contain_text("感谢您对政务服务工作的评价和监督")
    expect(phone_page.get_by_role("button", name="提交评价")).to_have_count(0)
    first.refresh_from_db()
    assert (first.rating, first.rating_comment) == (4, "窗口一次办好")
    screenshot(phone_page, "portal-service-rated-phone")

    # Reloading the answer sends the rating again: refused, and still no form.
    phone_page.once("dialog", lambda dialog: dialog.accept())
    phone_page.reload()
    expect(phone_page.get_by_test_id("rating-error")).to_contain_text("该办件已经评价过")
    expect(phone_page.get_by_role("button", name="提交评价")).to_have_count(0)
    first.refresh_from_db()
    assert first.rating == 4

    # Back another day: the same code, typed again, shows the rating taken and no form.
    look_up(phone_page, live_server, first.receipt_code_display)
    expect(phone_page.get_by_test_id("rating-done")).to_contain_text("该办件已评价")
    expect(phone_page.get_by_role("button", name="提交评价")).to_have_count(0)
    expect(phone_page.get_by_test_id("status-number")).to_have_text(first.number)
