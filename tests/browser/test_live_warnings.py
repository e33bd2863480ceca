"""预警实时刷新 (issue 11, item 5): an officer's workbench and the 预警 count in the
navigation, left open, show an item that turned up elsewhere without a reload:
the change of the unit's deadlines comes as server-sent news, and htmx reloads
the lists and the badge."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from playwright.sync_api import expect

from fazhi.core import context, live
from fazhi.core.registers.actions import create_record
from fazhi.core.tests.testapp.models import Chore


@pytest.fixture(autouse=True)
def _quick_live(settings):
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_STREAM_SECONDS = 4
    settings.FAZHI_LIVE_DB_POLL_SECONDS = 0.2
    settings.FAZHI_LIVE_POLL_SECONDS = 1
    settings.FAZHI_LIVE_MAX_STREAMS = 8
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    yield
    deadline = time.monotonic() + 15
    while live.open_streams() and time.monotonic() < deadline:
        time.sleep(0.1)


def _chore_through_the_site(officer, town, title: str, due: dt.date) -> Chore:
    token = context.activate(context.RequestContext(channel="web"))
    try:
        return create_record(Chore, actor=officer, data={"org_unit": town, "title": title, "due_on": due,
                                                         "owner": officer})  # fmt: skip
    finally:
        context.deactivate(token)


def test_the_workbench_and_the_badge_refresh_when_an_item_turns_up(
    live_server, page, town_a, officer_town_a, login, screenshot
):
    login(page, live_server, officer_town_a.username)
    expect(page.get_by_test_id("warnings-badge")).to_have_text("预警")  # nothing due
    listener = page.get_by_test_id("live-deadlines")
    expect(listener).to_have_attribute("data-live-mode", "stream")
    page.evaluate("window.fazhiNotReloaded = true")

    _chore_through_the_site(officer_town_a, town_a, "逾期的测试事项", dt.date.today() - dt.timedelta(days=2))

    expect(page.get_by_test_id("overdue-count")).to_have_text("1")
    expect(page.locator("#workbench-deadlines")).to_contain_text("逾期的测试事项")
    expect(page.get_by_test_id("warnings-red")).to_have_text("1")
    assert page.evaluate("window.fazhiNotReloaded") is True
    screenshot(page, "workbench-live-warning")
    page.goto("about:blank")
