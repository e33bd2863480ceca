"""执法决定实时推送: a leader's workbench, left open, shows a decision made
elsewhere without being reloaded: through the stream, and by polling when the
server refuses a stream (issue 5, item 3)."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from fazhi.core import live, otp
from fazhi.enforcement.tests.factories import make_summary_case


@pytest.fixture(autouse=True)
def _quick_live(settings):
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_STREAM_SECONDS = 4  # streams end and the browser reconnects during the test
    settings.FAZHI_LIVE_DB_POLL_SECONDS = 0.2
    settings.FAZHI_LIVE_POLL_SECONDS = 1
    settings.FAZHI_LIVE_MAX_STREAMS = 8
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    yield
    _wait_for_streams_to_end()


def _wait_for_streams_to_end(seconds: float = 15) -> None:
    # A stream ends on its own within FAZHI_LIVE_STREAM_SECONDS: wait for it, so that
    # no stream thread still reads the database while the test's data is removed.
    deadline = time.monotonic() + seconds
    while live.open_streams() and time.monotonic() < deadline:
        time.sleep(0.1)


def _leader_opens_the_workbench(page, live_server, leader):
    otp.enrol(leader)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", leader.username)
    page.fill("#id_password", "Test#Pass2023")
    page.fill("#id_otp_token", otp.current_code(leader))
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    page.evaluate("window.fazhiNotReloaded = true")  # gone if the page reloads


def test_a_leaders_workbench_receives_a_new_decision_without_reloading(
    live_server, page, town_a, officer_town_a, leader, screenshot
):
    earlier = make_summary_case(town_a, officer_town_a, on=dt.date(2023, 6, 1))
    _leader_opens_the_workbench(page, live_server, leader)
    panel = page.locator("[data-live-panel]")
    expect(panel.locator("[data-testid=latest-decisions]")).to_contain_text(earlier.decision_no)
    expect(panel).to_have_attribute("data-live-mode", "stream")

    case = make_summary_case(
        town_a, officer_town_a, on=dt.date(2023, 6, 2)
    )  # the officer's decision, elsewhere

    row = panel.locator(f'li[data-case-id="{case.pk}"]')
    expect(row).to_contain_text(case.decision_no)
    expect(row).to_contain_text("2023-06-02 · 简易程序")
    expect(row).to_contain_text("罚款100.00元")
    expect(row.locator("a")).to_have_attribute("href", f"/enforcement/cases/{case.pk}/")
    expect(panel.locator("li").first).to_have_attribute("data-case-id", str(case.pk))  # newest first
    assert page.evaluate("window.fazhiNotReloaded") is True
    screenshot(page, "leader-workbench-live-decision")

    # Still listening after the stream has ended and the browser reconnected (Last-Event-ID).
    time.sleep(4.5)
    later = make_summary_case(town_a, officer_town_a, on=dt.date(2023, 6, 3))
    expect(panel.locator("li").first).to_have_attribute("data-case-id", str(later.pk))
    expect(panel.locator(f'li[data-case-id="{case.pk}"]')).to_have_count(1)  # each decision once
    assert page.evaluate("window.fazhiNotReloaded") is True
    page.goto("about:blank")


def test_the_workbench_polls_when_the_server_refuses_a_stream(
    live_server, page, town_a, officer_town_a, leader, monkeypatch
):
    monkeypatch.setattr(live, "max_streams", lambda: 0)  # every stream is answered 204
    _leader_opens_the_workbench(page, live_server, leader)
    panel = page.locator("[data-live-panel]")
    expect(panel).to_have_attribute("data-live-mode", "poll")
    expect(panel.locator("[data-live-empty]")).to_be_visible()

    case = make_summary_case(town_a, officer_town_a)

    expect(panel.locator(f'li[data-case-id="{case.pk}"]')).to_contain_text(
        re.compile(re.escape(case.decision_no))
    )
    expect(panel.locator("[data-live-empty]")).to_be_hidden()
    assert page.evaluate("window.fazhiNotReloaded") is True
    page.goto("about:blank")
