"""A small fake of the State Council holiday calendar for 2023 and 2024, for tests.

Weekends are rest days, except the adjusted working weekends (调休); the statutory
holidays are rest days. Any other year raises, as the real calendar does for a year
that is not covered.
"""

from __future__ import annotations

from datetime import date, timedelta


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


HOLIDAYS: frozenset[date] = frozenset(
    # 2023
    _days(date(2022, 12, 31), date(2023, 1, 2))
    | _days(date(2023, 1, 21), date(2023, 1, 27))
    | _days(date(2023, 4, 5), date(2023, 4, 5))
    | _days(date(2023, 4, 29), date(2023, 5, 3))
    | _days(date(2023, 6, 22), date(2023, 6, 24))
    | _days(date(2023, 9, 29), date(2023, 10, 6))
    | _days(date(2023, 12, 30), date(2024, 1, 1))
    # 2024
    | _days(date(2024, 2, 10), date(2024, 2, 17))
    | _days(date(2024, 4, 4), date(2024, 4, 6))
    | _days(date(2024, 5, 1), date(2024, 5, 5))
    | _days(date(2024, 6, 8), date(2024, 6, 10))
    | _days(date(2024, 9, 15), date(2024, 9, 17))
    | _days(date(2024, 10, 1), date(2024, 10, 7))
)

ADJUSTED_WORKING_DAYS: frozenset[date] = frozenset(
    {
        date(2023, 1, 28),
        date(2023, 1, 29),
        date(2023, 4, 23),
        date(2023, 5, 6),
        date(2023, 6, 25),
        date(2023, 10, 7),
        date(2023, 10, 8),
        date(2024, 2, 4),
        date(2024, 2, 18),
        date(2024, 4, 7),
        date(2024, 4, 28),
        date(2024, 5, 11),
        date(2024, 9, 14),
        date(2024, 9, 29),
        date(2024, 10, 12),
    }
)

COVERED_YEARS = frozenset({2023, 2024})


class YearNotCovered(Exception):
    pass


class FakeCalendar:
    """Implements `fazhi.law.base.WorkingDayCalendar`."""

    def is_working_day(self, d: date) -> bool:
        if d.year not in COVERED_YEARS:
            raise YearNotCovered(d.year)
        if d in ADJUSTED_WORKING_DAYS:
            return True
        if d in HOLIDAYS:
            return False
        return d.weekday() < 5


CALENDAR = FakeCalendar()
is_working_day = CALENDAR.is_working_day
