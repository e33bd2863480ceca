"""Lawful decision-making in a real browser: a leader records the collective
deliberation of a major decision on its page and sees its complete step list
(issue 6 acceptance)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from playwright.sync_api import expect

from fazhi.core import live, otp
from fazhi.decisions.models import MajorDecision
from fazhi.decisions.tests.factories_major import leader_of, make_decision, through_review


@pytest.fixture(autouse=True)
def _short_streams(settings):
    """The workbench opens a live stream at login; let it end before the data goes."""
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_STREAM_SECONDS = 2
    yield
    deadline = time.monotonic() + 10
    while live.open_streams() and time.monotonic() < deadline:
        time.sleep(0.1)


def _login_with_totp(page, live_server, user):
    otp.enrol(user)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "Test#Pass2023")
    page.fill("#id_otp_token", otp.current_code(user))
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_a_leader_records_the_deliberation_and_sees_every_step(live_server, page, town_a, screenshot):
    decision = through_review(make_decision(town_a, title="场镇停车秩序管理办法"))
    leader = leader_of(town_a)
    reviewed_on = decision.steps.get(code="legality_review").completed_on
    _login_with_totp(page, live_server, leader)

    page.goto(f"{live_server.url}{decision.get_absolute_url()}")
    steps = page.locator("[data-testid=decision-steps]")
    expect(steps.locator("[data-step=legality_review]")).to_have_attribute("data-state", "done")
    expect(steps.locator("[data-step=collective_deliberation]")).to_have_attribute("data-state", "pending")
    page.get_by_role("link", name="登记集体讨论决定").click()

    expect(page.get_by_role("heading", name="集体讨论决定：场镇停车秩序管理办法")).to_be_visible()
    page.get_by_label("会议名称").fill("江口镇人民政府第5次常务会议")
    page.get_by_label("会议日期").fill((reviewed_on + dt.timedelta(days=3)).isoformat())
    page.get_by_label("出席人员").fill("镇长、副镇长、党政办负责人")
    page.get_by_label("讨论结果").select_option("changes")
    page.get_by_label("行政首长决定意见").fill("原则通过，按审查意见修改后实施")
    page.get_by_label("不同意见（如实记录）").fill("郑副镇长建议先行试点")
    rows = [("吴副镇长", "副镇长", "agree", False), ("郑副镇长", "副镇长", "disagree", False),
            ("周镇长", "镇长", "agree", True)]  # fmt: skip
    for i, (name, role, position, head) in enumerate(rows):
        page.fill(f"#id_members-{i}-member", name)
        page.fill(f"#id_members-{i}-role", role)
        page.select_option(f"#id_members-{i}-position", position)
        if head:
            page.check(f"#id_members-{i}-is_head")
    page.get_by_role("button", name="保存集体讨论决定").click()

    expect(page.get_by_text("集体讨论决定已登记")).to_be_visible()
    for code in ("public_participation", "expert_argumentation", "risk_assessment", "legality_review",
                 "collective_deliberation"):  # fmt: skip
        expect(steps.locator(f"[data-step={code}]")).to_have_attribute("data-state", "done")
    opinions = page.locator("[data-testid=member-opinions] li")
    expect(opinions).to_have_count(3)
    expect(opinions.last).to_contain_text("周镇长")
    expect(opinions.last).to_contain_text("行政首长")
    expect(page.get_by_text("不同意见：郑副镇长建议先行试点")).to_be_visible()
    screenshot(page, "decision-deliberation")
    assert MajorDecision.objects.get(pk=decision.pk).status == "decided"


def test_a_refused_deliberation_keeps_what_was_typed_and_says_why(live_server, page, town_a):
    decision = through_review(make_decision(town_a, title="农贸市场迁建方案"))
    reviewed_on = decision.steps.get(code="legality_review").completed_on
    _login_with_totp(page, live_server, leader_of(town_a))
    page.goto(f"{live_server.url}{decision.get_absolute_url()}deliberation/")
    page.get_by_label("会议名称").fill("常务会议")
    page.get_by_label("会议日期").fill((reviewed_on + dt.timedelta(days=3)).isoformat())
    page.get_by_label("出席人员").fill("全体")
    page.get_by_label("行政首长决定意见").fill("同意")
    page.fill("#id_members-0-member", "周镇长")
    page.select_option("#id_members-0-position", "agree")
    page.check("#id_members-0-is_head")
    page.fill("#id_members-1-member", "吴副镇长")
    page.select_option("#id_members-1-position", "agree")
    page.get_by_role("button", name="保存集体讨论决定").click()
    expect(page.get_by_test_id("deliberation-error")).to_contain_text("行政首长应当在集体讨论的最后发表意见")
    expect(page.locator("#id_members-1-member")).to_have_value("吴副镇长")
    assert MajorDecision.objects.get(pk=decision.pk).status == "in_procedure"
