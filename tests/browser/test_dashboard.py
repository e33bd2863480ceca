"""The dashboard (驾驶舱) in a real browser, on Jiangkou's demo data: the rule-of-law
office opens the 2023 dashboard, every chart is drawn by ECharts in the page's CJK
font (installed: document.fonts.check and a width measure agree), a screenshot is
kept for review (test-artifacts/dashboard.png, and the phone layout), and a click
on May's summary-procedure bar of the enforcement chart opens exactly those cases."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from fazhi.core.demo import DEMO_PASSWORD
from fazhi.core.demo import load as load_demo
from fazhi.core.models import OrgUnit
from fazhi.enforcement.statistics import penalty_figures

FONT = "Noto Sans CJK SC"  # the first family of the page's font stack (fazhi/static/fazhi/app.css)
CHARTS = ("enforcement", "disputes_village", "disputes_category", "window_ratings", "window_visits",
          "taskboard", "rectifications", "training")  # fmt: skip

# Is the family really there? Latin text set in it is wider or narrower than in
# monospace; were it missing, the browser would fall back to monospace and the
# widths would be equal.
FONT_PRESENT = """family => {
  const ctx = document.createElement("canvas").getContext("2d");
  const text = "Fazhi dashboard 2023 法治政府";
  ctx.font = `40px monospace`;
  const plain = ctx.measureText(text).width;
  ctx.font = `40px "${family}", monospace`;
  return Math.abs(ctx.measureText(text).width - plain) > 1;
}"""

# The pixel (relative to the chart's box) of the middle of the first series' bar in
# category `index`: the summary procedure sits at the bottom of the stack.
BAR_CENTRE = """([key, index]) => {
  const chart = echarts.getInstanceByDom(document.querySelector(`.chart[data-chart="${key}"]`));
  const value = chart.getOption().series[0].data[index].value;
  return [...chart.convertToPixel({seriesIndex: 0}, [index, value / 2]), value];
}"""


def test_the_office_sees_the_charts_and_clicks_into_the_cases(live_server, page, login, screenshot):
    # The org tree and accounts, enforcement, oversight, disputes, services and the duty
    # steps: everything the dashboard draws (not the reports themselves, step 90).
    load_demo(out=lambda line: None, up_to=68)
    login(page, live_server, "fazhiban", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/reports/dashboard/?year=2023")
    expect(page.get_by_role("heading", level=1)).to_contain_text("驾驶舱 · 江口镇 · 2023年")

    for key in CHARTS:
        chart = page.locator(f'.chart[data-chart="{key}"]')
        expect(chart.locator("canvas").first).to_be_attached()
        expect(chart).to_have_attribute("data-rendered", "true")
    assert page.evaluate(f"document.fonts.check('16px \"{FONT}\"')") is True
    assert page.evaluate(FONT_PRESENT, FONT) is True
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font.startswith(f'"{FONT}"')
    chart_font = page.evaluate(
        "echarts.getInstanceByDom(document.querySelector('.chart[data-chart=enforcement]'))"
        ".getOption().textStyle.fontFamily"
    )
    assert chart_font == body_font
    # The numbers beside the charts are the statistics' own: the penalties decided in 2023.
    town = OrgUnit.objects.get(name="江口镇")
    penalties = sum(f.cases for f in penalty_figures(town, 2023).values())
    expect(page.locator("[data-number=penalties]")).to_contain_text(str(penalties))
    screenshot(page, "dashboard")

    # On a phone the cards stack in one column and the charts follow the width.
    page.set_viewport_size({"width": 375, "height": 740})
    page.wait_for_function(
        "() => document.querySelector('.chart[data-chart=training] canvas').getBoundingClientRect().width < 375"
    )
    screenshot(page, "dashboard-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(
        "() => document.querySelector('.chart[data-chart=enforcement] canvas').getBoundingClientRect().width > 600"
    )

    # A click on May's summary-procedure bar opens those cases.
    enforcement = page.locator('.chart[data-chart="enforcement"]')
    enforcement.scroll_into_view_if_needed()
    x, y, may = page.evaluate(BAR_CENTRE, ["enforcement", 4])
    assert may > 0
    box = enforcement.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page).to_have_url(re.compile(r"/enforcement/cases/\?procedure=summary&.*decided_from=2023-05-01"))
    assert "decided_to=2023-05-31" in page.url
    expect(page.get_by_text(re.compile(rf"共 {may} 条"))).to_be_visible()
