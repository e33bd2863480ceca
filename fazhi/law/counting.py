"""How periods are counted (民事诉讼法 第85条, applied by 行政诉讼法 第101条 and 行政复议法 第88条).

- The day on which a period starts is not counted.
- A period in working days counts only working days (行政处罚法 第85条,
  行政复议法 第88条, 行政许可法 第82条, 政府信息公开条例).
- A month period ends on the corresponding day of the last month, or on that
  month's last day when it has no such day.
- When the last day of a calendar-day or month period is a rest day, the period
  ends on the next working day, unless `strict` asks for the day itself (the
  agency's own duties, see `base.Period.strict`).

Pure functions: the calendar is passed in as `is_working_day`, which may raise
for a year whose holidays are not known; that error is never swallowed here.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

__all__ = [
    "DAYS",
    "MONTHS",
    "UNITS",
    "WORKING_DAYS",
    "add_months",
    "add_working_days",
    "due_date",
    "next_working_day",
]

WORKING_DAYS = "working_days"
DAYS = "days"
MONTHS = "months"
UNITS = (WORKING_DAYS, DAYS, MONTHS)

IsWorkingDay = Callable[[date], bool]

# No holiday notice has ever closed more than a few weeks in a row; a calendar that
# finds no working day within this many days is broken, and looping on it forever
# would hang a request.
_MAX_SEARCH_DAYS = 366


def _check_amount(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"period length must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"period length must not be negative: {n}")


def next_working_day(day: date, is_working_day: IsWorkingDay) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    current = day
    for _ in range(_MAX_SEARCH_DAYS):
        if is_working_day(current):
            return current
        current += timedelta(days=1)
    raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {day.isoformat()}")


def add_working_days(start: date, n: int, is_working_day: IsWorkingDay) -> date:
    """The n-th working day after `start` (start itself is not counted); `start` when n == 0."""
    _check_amount(n)
    current = start
    remaining = n
    idle = 0
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
            idle = 0
        else:
            idle += 1
            if idle > _MAX_SEARCH_DAYS:
                raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {start.isoformat()}")
    return current


def add_months(start: date, n: int) -> date:
    """The corresponding day n months after `start`, or that month's last day when it
    has none (2023-01-31 + 1 = 2023-02-28; 2023-11-30 + 3 = 2024-02-29)."""
    _check_amount(n)
    months = start.month - 1 + n
    year = start.year + months // 12
    month = months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def due_date(
    start: date,
    amount: int,
    unit: str,
    *,
    is_working_day: IsWorkingDay,
    strict: bool = False,
) -> date:
    """The last day of a period of `amount` `unit`s that starts on `start` (start excluded).

    For calendar days and months, a last day that is not a working day moves to the
    next working day, unless `strict`. Working-day periods always end on a working day.
    """
    _check_amount(amount)
    if unit == WORKING_DAYS:
        return add_working_days(start, amount, is_working_day)
    if unit == DAYS:
        end = start + timedelta(days=amount)
    elif unit == MONTHS:
        end = add_months(start, amount)
    else:
        raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    if strict:
        return end
    return next_working_day(end, is_working_day)
