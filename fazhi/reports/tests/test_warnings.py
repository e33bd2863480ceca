"""The warnings board: yellow exactly while due within the configured working days,
red from the day after the due date, across the National Day holiday of 2023;
mine and my unit's; only registers the user may read; the badge and the export."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core.registers.actions import create_record
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.testapp.models import Chore
from fazhi.reports import actions, warnings

pytestmark = pytest.mark.django_db

# Wed 27 Sep 2023. Rest days: 29 Sep - 6 Oct (Mid-Autumn and National Day); 7 and
# 8 Oct (Sat, Sun) are adjusted working days. The working days after 27 Sep are
# 28 Sep (1), 7 Oct (2), 8 Oct (3), 9 Oct (4), 10 Oct (5), 11 Oct (6).
TODAY = dt.date(2023, 9, 27)
WORKING_DAYS_AWAY = {
    dt.date(2023, 9, 27): 0, dt.date(2023, 9, 28): 1, dt.date(2023, 9, 29): 1, dt.date(2023, 10, 6): 1,
    dt.date(2023, 10, 7): 2, dt.date(2023, 10, 8): 3, dt.date(2023, 10, 9): 4, dt.date(2023, 10, 11): 6,
}  # fmt: skip


def _chore(actor, town, title, due, owner=None):
    return create_record(Chore, actor=actor, data={"org_unit": town, "title": title, "due_on": due,
                                                   "owner": owner or actor})  # fmt: skip


@pytest.mark.parametrize("window", [0, 1, 3, 5])
def test_yellow_exactly_while_due_within_the_window_across_the_holiday(officer_town_a, town_a, window):
    for due in WORKING_DAYS_AWAY:
        _chore(officer_town_a, town_a, f"{due:%m%d}", due)
    items = {i.deadline.due_date: i for i in warnings.board(officer_town_a, today=TODAY, window=window)}
    for due, n in WORKING_DAYS_AWAY.items():
        assert warnings.level(due, TODAY, window) == (warnings.YELLOW if n <= window else None), due
        if n <= window:
            assert items[due].level == warnings.YELLOW and items[due].days == n
        else:
            assert due not in items
    assert warnings.counts(officer_town_a, today=TODAY, window=window) == (0, sum(
        1 for n in WORKING_DAYS_AWAY.values() if n <= window))  # fmt: skip


def test_red_from_the_day_after_the_due_date_even_on_a_holiday(officer_town_a, town_a):
    _chore(officer_town_a, town_a, "节前到期", dt.date(2023, 9, 28))
    on_due_day = warnings.board(officer_town_a, today=dt.date(2023, 9, 28), window=0)
    assert [i.level for i in on_due_day] == [warnings.YELLOW] and on_due_day[0].when == "今天到期"
    next_day = warnings.board(officer_town_a, today=dt.date(2023, 9, 29), window=0)  # a holiday
    assert [i.level for i in next_day] == [warnings.RED] and next_day[0].when == "已逾期1天"
    assert warnings.counts(officer_town_a, today=dt.date(2023, 10, 3)) == (1, 0)


def test_mine_is_what_i_own_and_others_items_are_not_mine(
    officer_town_a, reviewer, officer_town_b, town_a, town_b
):
    _chore(officer_town_a, town_a, "我的", dt.date(2023, 9, 28))
    _chore(officer_town_a, town_a, "审核员的", dt.date(2023, 9, 28), owner=reviewer)
    _chore(officer_town_b, town_b, "乙镇的", dt.date(2023, 9, 26))
    assert [i.deadline.record_label for i in warnings.board(officer_town_a, today=TODAY)] == ["我的"]
    assert [i.deadline.record_label for i in warnings.board(officer_town_b, today=TODAY)] == ["乙镇的"]


def test_the_unit_scope_shows_only_registers_the_user_may_read(town_a, officer_town_a):
    office = user_with_role("fzb_w", "rule_of_law_office", town_a)
    actions.create_report(town_a, "annual", 2023, actor=office)  # due 1 March 2024
    _chore(officer_town_a, town_a, "测试台账", dt.date(2024, 2, 1))  # a register the office cannot read
    late = dt.date(2024, 3, 5)
    labels = [i.deadline.label for i in warnings.board(office, scope="unit", today=late)]
    assert labels == ["向上级党委政府报送法治政府建设年度报告"]
    officer_sees = [i.deadline.label for i in warnings.board(officer_town_a, scope="unit", today=late)]
    assert "向上级党委政府报送法治政府建设年度报告" not in officer_sees


def test_the_page_the_badge_and_the_export(client, officer_town_a, town_a, settings):
    settings.FAZHI_WARNING_DAYS = 3
    today = dt.date.today()
    _chore(officer_town_a, town_a, "已逾期事项", today - dt.timedelta(days=3))
    login(client, officer_town_a)
    page = client.get(reverse("reports:warnings"))
    text = page.content.decode()
    assert page.status_code == 200 and "已逾期事项" in text and 'data-level="red"' in text
    badge = client.get(reverse("reports:warnings-badge")).content.decode()
    assert 'data-testid="warnings-red" title="逾期">1<' in badge
    export = client.get(reverse("reports:warnings") + "?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in sheet[2]][:3] == ["逾期", "办理期限", "已逾期事项"]
    assert client.get(reverse("reports:warnings") + "?unit=999999&scope=unit").status_code == 404


def test_the_workbench_page_loads_the_badge_without_a_query_of_its_own(client, officer_town_a):
    login(client, officer_town_a)
    text = client.get("/").content.decode()
    assert 'hx-get="/reports/warnings/badge/"' in text


def test_the_api_lists_my_warnings(client, officer_town_a, town_a):
    _chore(officer_town_a, town_a, "接口逾期", dt.date.today() - dt.timedelta(days=1))
    login(client, officer_town_a)
    rows = client.get("/api/v1/reports/warnings/?level=red").json()
    assert [(r["level"], r["record"]) for r in rows] == [("red", "接口逾期")]
    assert client.get("/api/v1/reports/warnings/?level=yellow").json() == []


def test_the_board_has_a_fixed_query_count(client, officer_town_a, town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, officer_town_a)
    today = dt.date.today()
    _chore(officer_town_a, town_a, "第一件", today - dt.timedelta(days=1))
    client.get(reverse("reports:warnings"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:warnings"))
    for n in range(6):
        _chore(officer_town_a, town_a, f"又一件{n}", today - dt.timedelta(days=n + 2))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reports:warnings"))
    assert page.content.decode().count('data-level="red"') == 7
    assert len(many) == len(few)
