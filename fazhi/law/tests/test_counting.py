from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.law.counting import DAYS, MONTHS, WORKING_DAYS, add_months, add_working_days, due_date
from fazhi.law.tests.calendars import YearNotCovered, is_working_day


def test_five_working_days_over_national_day_2023():
    assert add_working_days(date(2023, 9, 28), 5, is_working_day) == date(2023, 10, 11)


def test_adjusted_working_saturday_counts():
    assert add_working_days(date(2023, 10, 6), 1, is_working_day) == date(2023, 10, 7)


def test_friday_before_spring_festival_2024_is_a_working_day():
    assert add_working_days(date(2024, 2, 8), 1, is_working_day) == date(2024, 2, 9)


def test_zero_working_days_is_the_start_day():
    assert add_working_days(date(2023, 10, 1), 0, is_working_day) == date(2023, 10, 1)


def test_working_days_from_a_rest_day_start_the_next_working_day():
    assert add_working_days(date(2024, 2, 10), 1, is_working_day) == date(2024, 2, 18)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2023, 10, 6), -1, is_working_day)


def test_month_ends_on_the_corresponding_day():
    assert add_months(date(2023, 3, 15), 6) == date(2023, 9, 15)


def test_month_without_the_day_ends_on_its_last_day_in_a_leap_year():
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_month_without_the_day_ends_on_its_last_day():
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)


def test_months_cross_the_year():
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2023, 10, 15), 24) == date(2025, 10, 15)


def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day():
    # 2024-02-10 is in the Spring Festival holiday; 2024-02-18 is an adjusted working Sunday.
    assert due_date(date(2024, 1, 26), 15, DAYS, is_working_day=is_working_day) == date(2024, 2, 18)


def test_strict_calendar_days_keep_their_last_day():
    due = due_date(date(2024, 1, 26), 15, DAYS, is_working_day=is_working_day, strict=True)
    assert due == date(2024, 2, 10)


def test_calendar_days_ending_on_an_adjusted_working_saturday_do_not_move():
    assert due_date(date(2023, 9, 27), 10, DAYS, is_working_day=is_working_day) == date(2023, 10, 7)


def test_calendar_days_ending_on_a_weekend_move_to_monday():
    # 2024-03-16 is a Saturday.
    assert due_date(date(2024, 3, 1), 15, DAYS, is_working_day=is_working_day) == date(2024, 3, 18)


def test_month_period_ending_on_a_rest_day_moves():
    # 2024-03-30 is a Saturday.
    assert due_date(date(2023, 12, 30), 3, MONTHS, is_working_day=is_working_day) == date(2024, 4, 1)


def test_month_period_on_a_working_day():
    assert due_date(date(2023, 11, 30), 3, MONTHS, is_working_day=is_working_day) == date(2024, 2, 29)


def test_working_day_period_through_due_date():
    assert due_date(date(2024, 9, 27), 10, WORKING_DAYS, is_working_day=is_working_day) == date(2024, 10, 16)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        due_date(date(2024, 1, 2), 3, "weeks", is_working_day=is_working_day)


def test_negative_amount_is_refused():
    with pytest.raises(ValueError):
        due_date(date(2024, 1, 2), -3, DAYS, is_working_day=is_working_day)


def test_a_year_the_calendar_does_not_cover_is_an_error():
    with pytest.raises(YearNotCovered):
        due_date(date(2025, 3, 1), 5, WORKING_DAYS, is_working_day=is_working_day)


def test_a_calendar_without_working_days_does_not_hang():
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 2), 1, lambda d: False)


@given(
    start=st.dates(min_value=date(2023, 1, 3), max_value=date(2024, 10, 31)),
    n=st.integers(min_value=0, max_value=40),
)
def test_the_nth_working_day_has_exactly_n_working_days_after_the_start(start, n):
    end = add_working_days(start, n, is_working_day)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d) for d in days) == n
    assert n == 0 or is_working_day(end)


@given(start=st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)), n=st.integers(0, 120))
def test_add_months_keeps_the_day_or_ends_the_month(start, n):
    end = add_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    assert end.day == start.day or (end + timedelta(days=1)).day == 1
