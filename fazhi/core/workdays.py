"""Working days and due dates, by the counting rules of the rulebook.

The counting itself (start day excluded, month ends, moving past rest days) is
law and lives in `fazhi.law.counting`; this module supplies the calendar: the
Holiday table, seeded from the State Council notices through `chinesecalendar`.
A year without a CalendarYear row is not covered and raises CalendarNotCovered.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from fazhi.law import RuleError, counting
from fazhi.law.base import DAYS, MONTHS, UNITS, WORKING_DAYS

__all__ = [
    "DAYS",
    "MONTHS",
    "UNITS",
    "WORKING_DAYS",
    "CalendarNotCovered",
    "add_working_days",
    "due_date",
    "is_working_day",
    "period_due",
]

_CACHE_SECONDS = 300
_lock = threading.Lock()
_years: dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]] = {}
_loaded_at = 0.0


class CalendarNotCovered(RuleError):
    def __init__(self, year: int):
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法计算工作日，请系统管理员先录入{year}年国务院放假通知",
            code="calendar_not_covered",
        )
        self.year = year


def clear_cache(**kwargs) -> None:
    global _loaded_at
    with _lock:
        _years.clear()
        _loaded_at = 0.0


def _year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(holidays, adjusted working days) of a covered year."""
    global _loaded_at
    from fazhi.core.models import CalendarYear, Holiday

    with _lock:
        if time.monotonic() - _loaded_at > _CACHE_SECONDS:
            _years.clear()
            _loaded_at = time.monotonic()
        if year in _years:
            return _years[year]
    if not CalendarYear.objects.filter(year=year).exists():
        raise CalendarNotCovered(year)
    rows = Holiday.objects.filter(date__year=year).values_list("date", "kind")
    holidays = frozenset(d for d, k in rows if k == "holiday")
    workdays = frozenset(d for d, k in rows if k == "workday")
    with _lock:
        _years[year] = (holidays, workdays)
    return holidays, workdays


def is_working_day(day: dt.date) -> bool:
    holidays, workdays = _year(day.year)
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (start itself not counted)."""
    return counting.add_working_days(start, n, is_working_day)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days after `start` up to and including `end` (0 when end <= start):
    the days a paused clock does not count."""
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        n += is_working_day(day)
    return n


def due_date(start: dt.date, amount: int, unit: str, strict: bool = False) -> dt.date:
    """Due date of a period of `amount` `unit`s from `start` (民事诉讼法 第85条).

    `strict=True` keeps a calendar-day or month period on its own last day even if
    that is a rest day: used for the agency's own duties."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}")
    return counting.due_date(start, amount, unit, is_working_day=is_working_day, strict=strict)


class _Calendar:
    is_working_day = staticmethod(is_working_day)


CALENDAR = _Calendar()


def period_due(period, start: dt.date, *, on: dt.date | None = None) -> dt.date:
    """Due date of a rulebook Period, with the version in force on `on` (default: start)."""
    return period.due(start, CALENDAR, on=on)


def seed_from_package(first_year: int = 2004, last_year: int | None = None) -> int:
    """Load the holiday notices that `chinesecalendar` carries. Days entered by an
    administrator are kept as they are. Returns the number of years covered."""
    import chinese_calendar

    from fazhi.core.choices import CalendarSource, HolidayKind
    from fazhi.core.models import CalendarYear, Holiday

    names = {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
    }
    days: dict[dt.date, tuple[str, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        days[day] = (HolidayKind.HOLIDAY, names.get(str(name), str(name)))
    for day, name in chinese_calendar.workdays.items():
        days[day] = (HolidayKind.WORKDAY, f"{names.get(str(name), str(name))}调休")
    years = sorted({d.year for d in days})
    if last_year is not None:
        years = [y for y in years if y <= last_year]
    years = [y for y in years if y >= first_year]
    manual = set(Holiday.objects.filter(source=CalendarSource.MANUAL).values_list("date", flat=True))
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        [
            Holiday(date=d, kind=k, name=n, source=CalendarSource.PACKAGE)
            for d, (k, n) in sorted(days.items())
            if d.year in years and d not in existing and d not in manual
        ]
    )
    covered = set(CalendarYear.objects.values_list("year", flat=True))
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source=CalendarSource.PACKAGE) for y in years if y not in covered]
    )
    clear_cache()
    return len(years)
