import datetime as dt

import pytest

from fazhi.core import workdays
from fazhi.core.models import CalendarYear, Holiday
from fazhi.law.registry import period

pytestmark = pytest.mark.django_db


def test_adjusted_working_saturday_is_a_working_day():
    assert workdays.is_working_day(dt.date(2023, 10, 7))
    assert not workdays.is_working_day(dt.date(2023, 10, 2))
    assert not workdays.is_working_day(dt.date(2023, 9, 30))


def test_add_working_days_excludes_the_start():
    assert workdays.add_working_days(dt.date(2023, 9, 28), 5) == dt.date(2023, 10, 11)
    assert workdays.add_working_days(dt.date(2024, 2, 8), 1) == dt.date(2024, 2, 9)


def test_uncovered_year_is_an_explicit_error():
    with pytest.raises(workdays.CalendarNotCovered, match="2031年"):
        workdays.is_working_day(dt.date(2031, 5, 6))


def test_an_administrator_can_enter_a_new_year():
    CalendarYear.objects.create(year=2031, source="manual", notice="国办发明电〔2030〕1号（测试）")
    Holiday.objects.create(date=dt.date(2031, 1, 1), kind="holiday", name="元旦")
    assert not workdays.is_working_day(dt.date(2031, 1, 1))
    assert workdays.due_date(dt.date(2030, 12, 31), 1, "working_days") == dt.date(2031, 1, 2)


def test_reconsideration_reply_follows_the_law_in_force_on_service():
    reply = period("reconsideration_reply")
    assert workdays.period_due(reply, dt.date(2023, 9, 27)) == dt.date(2023, 10, 7)
    assert workdays.period_due(reply, dt.date(2024, 9, 27)) == dt.date(2024, 10, 16)


def test_seeding_keeps_manual_entries():
    Holiday.objects.filter(date=dt.date(2023, 10, 2)).delete()
    Holiday.objects.create(date=dt.date(2023, 10, 2), kind="workday", name="手工更正", source="manual")
    workdays.seed_from_package(2023, 2023)
    assert Holiday.objects.get(date=dt.date(2023, 10, 2)).name == "手工更正"
