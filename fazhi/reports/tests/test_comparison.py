"""The annual report's year-over-year appendix: two years of records give the right
numbers, differences and percentages, written exactly; the report carries it when asked."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.tests.factories_disputes import advance, make_dispute
from fazhi.enforcement.tests.factories import make_summary_case, officer_pair, summary_matter
from fazhi.oversight.tests.factories import close_out, make_rectification
from fazhi.oversight.tests.factories_supervision import make_item
from fazhi.reports import annual, markdown
from fazhi.reports.comparison import (
    ROWS,
    annual_comparison,
    change_text,
    comparison_rows,
    number_text,
    rate_text,
)
from fazhi.reports.figures import FIGURES_BY_KEY, compute_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(town_a, officer_town_a):
    matter = summary_matter(town_a)
    officers = officer_pair(town_a, user=officer_town_a)

    def penalty(on: dt.date, fine: str) -> None:
        make_summary_case(town_a, officer_town_a, on=on, matter=matter, officers=officers, fine=Decimal(fine))

    penalty(dt.date(2022, 5, 10), "100")
    for on, fine in (
        (dt.date(2023, 3, 6), "100"),
        (dt.date(2023, 6, 1), "50"),
        (dt.date(2023, 9, 4), "150.50"),
    ):
        penalty(on, fine)
    for registered in (dt.date(2022, 3, 1), dt.date(2022, 8, 1), dt.date(2023, 4, 3)):
        advance(make_dispute(town_a, registered_on=registered), DisputeStatus.CLOSED)
    make_item(town_a, made_on=dt.date(2023, 9, 27), published_on=dt.date(2023, 10, 10))
    make_item(town_a, made_on=dt.date(2023, 9, 28), published_on=dt.date(2023, 10, 11))
    for due, closed in (
        (dt.date(2022, 7, 31), dt.date(2022, 7, 20)),
        (dt.date(2022, 7, 31), dt.date(2022, 8, 5)),
    ):
        close_out(make_rectification(town_a, due_on=due), on=closed)
    return town_a


def _rows(block) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in block.rows}


def test_two_years_of_records_give_the_right_differences(two_years):
    block = annual_comparison(two_years, 2023)
    assert block.kind == "table"
    assert block.header == ["指标", "2022年", "2023年", "增减", "增减幅度"]
    rows = _rows(block)
    assert rows["简易程序处罚（起）"] == ["1", "3", "+2", "+200%"]
    assert rows["简易程序罚款（元）"] == ["100", "300.5", "+200.5", "+200.5%"]
    assert rows["矛盾纠纷排查化解（件）"] == ["2", "1", "-1", "-50%"]
    assert rows["主动公开政府信息（条）"] == ["0", "2", "+2", "—"]  # no percentage of nothing
    assert rows["督查发现问题整改销号（个）"] == ["2", "0", "-2", "-100%"]
    assert rows["其中：按期整改销号（个）"] == ["1", "0", "-1", "-100%"]
    assert rows["一般程序处罚（起）"] == ["0", "0", "0", "—"]
    assert rows["持证执法人员（名）"][:3] == ["2", "2", "0"]


def test_every_row_reads_a_figure_that_is_a_number(two_years):
    block = annual_comparison(two_years, 2023)
    assert [row[0] for row in block.rows] == [label for label, _, _ in ROWS]
    for _, key, name in ROWS:
        assert name in FIGURES_BY_KEY[key].compute_values(two_years, 2023)


def test_the_numbers_are_exact_where_the_body_rounds(town_a):
    """The body may write 1200余场次; the appendix writes 1234."""
    before, after = compute_all(town_a, 2022), compute_all(town_a, 2023)
    after["outreach"].values.update(events=1234, audience=56789)
    rows = {row[0]: row[1:] for row in comparison_rows(before, after)}
    assert rows["普法宣传活动（场次）"] == ["0", "1234", "+1234", "—"]
    assert rows["普法宣传覆盖（人次）"] == ["0", "56789", "+56789", "—"]


def test_the_change_is_written_with_its_sign():
    assert (change_text(3, 15), change_text(15, 12), change_text(7, 7)) == ("+12", "-3", "0")
    assert change_text(Decimal("100.00"), Decimal("350.50")) == "+250.5"
    assert (rate_text(0, 5), rate_text(4, 5), rate_text(3, 2), rate_text(5, 5)) == (
        "—",
        "+25%",
        "-33.3%",
        "0%",
    )
    assert (number_text(Decimal("133970.00")), number_text(Decimal("12.50")), number_text(0)) == (
        "133970",
        "12.5",
        "0",
    )


def test_the_report_carries_the_appendix_when_asked(two_years):
    built = annual.build(two_years, 2023, comparison=True)
    assert built.appendix is not None and built.appendix_title == "附表：2023年与2022年主要数据对比"
    assert "| 简易程序处罚（起） | 1 | 3 | +2 | +200% |" in markdown.write(built)
    assert annual.build(two_years, 2023).appendix is None
