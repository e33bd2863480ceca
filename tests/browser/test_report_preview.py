"""The annual report in a real browser (issue 10 acceptance): on Jiangkou's demo
enforcement data (the foundation and the enforcement step of `fazhi demo`), the
rule-of-law office opens the preview of the 2023 report, clicks the figure 1120
(summary penalties) and lands on the list of exactly those cases."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from fazhi.core.demo import DEMO_PASSWORD
from fazhi.core.demo import load as load_demo


def test_the_office_clicks_1120_and_sees_those_cases(live_server, page, login, screenshot):
    load_demo(out=lambda line: None, up_to=30)  # the org tree, people, accounts and the 2023 cases
    login(page, live_server, "fazhiban", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/reports/preview/annual/2023/")
    document = page.get_by_test_id("report-document")
    expect(document).to_contain_text("关于2023年度法治政府建设情况的报告")
    figure = document.locator("a.report-figure[data-figure=简易程序处罚]")
    expect(figure).to_have_text("1120起，罚款133970元")
    screenshot(page, "report-preview")
    figure.click()
    expect(page).to_have_url(re.compile(r"/enforcement/cases/\?"))
    expect(page.get_by_text(re.compile(r"共 1120 条"))).to_be_visible()
    screenshot(page, "report-preview-1120-cases")
