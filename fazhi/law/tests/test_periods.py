from datetime import date

import pytest

from fazhi.law import (
    AGENCY,
    DAYS,
    PARTY,
    WORKING_DAYS,
    Law,
    Period,
    RuleError,
    Version,
    WorkingDayCalendar,
    deputies,
    disclosure,
    licensing,
    litigation,
    mediation,
    penalty,
    reconsideration,
)
from fazhi.law.tests.calendars import CALENDAR

REPLY = reconsideration.REPLY


def test_fake_calendar_is_a_working_day_calendar():
    assert isinstance(CALENDAR, WorkingDayCalendar)


# --- versions by date -----------------------------------------------------------------


def test_reply_after_a_copy_served_in_2023_follows_the_2017_law():
    version = REPLY.version_on(date(2023, 9, 27))
    assert (version.amount, version.unit, version.article) == (10, DAYS, 23)
    assert version.law is reconsideration.RECONSIDERATION_LAW_2017


def test_reply_after_a_copy_served_in_2024_follows_the_2023_revision():
    version = REPLY.version_on(date(2024, 9, 27))
    assert (version.amount, version.unit, version.article) == (10, WORKING_DAYS, 48)
    assert version.law is reconsideration.RECONSIDERATION_LAW_2023


def test_the_last_day_of_the_old_law_and_the_first_of_the_new():
    assert REPLY.version_on(date(2023, 12, 31)).unit == DAYS
    assert REPLY.version_on(date(2024, 1, 1)).unit == WORKING_DAYS


def test_reply_2023_is_ten_calendar_days_ending_on_an_adjusted_working_saturday():
    assert REPLY.due(date(2023, 9, 27), CALENDAR) == date(2023, 10, 7)


def test_reply_2024_is_ten_working_days_over_national_day():
    assert REPLY.due(date(2024, 9, 27), CALENDAR) == date(2024, 10, 16)


def test_the_day_that_picks_the_version_can_differ_from_the_start():
    start = date(2024, 1, 5)
    assert REPLY.due(start, CALENDAR, on=date(2023, 12, 20)) == date(2024, 1, 15)
    assert REPLY.due(start, CALENDAR) == date(2024, 1, 19)


def test_a_day_no_version_covers_is_a_rule_error():
    with pytest.raises(RuleError) as caught:
        REPLY.version_on(date(2017, 6, 1))
    assert caught.value.code == "no_rule_in_force"
    assert "被申请人提出书面答复" in str(caught.value)


def test_simple_procedure_does_not_exist_before_2024():
    with pytest.raises(RuleError):
        reconsideration.SIMPLE_REPLY.due(date(2023, 11, 1), CALENDAR)
    assert reconsideration.SIMPLE_REPLY.due(date(2024, 9, 27), CALENDAR) == date(2024, 10, 10)


def test_citation_of_each_version():
    assert REPLY.citation_on(date(2023, 9, 27)) == "2017年修正的行政复议法第二十三条"
    assert REPLY.citation_on(date(2024, 9, 27)) == "行政复议法第四十八条"


def test_describe_names_length_and_article():
    assert REPLY.describe(date(2024, 9, 27)) == "被申请人提出书面答复：10个工作日（行政复议法第四十八条）"


def test_reconsideration_thresholds_pick_by_date():
    cap = reconsideration.SIMPLE_PROCEDURE_AMOUNT_CAP
    assert cap.value_on(date(2024, 1, 1)) == 3000
    with pytest.raises(RuleError):
        cap.value_on(date(2023, 12, 31))


# --- strict or extended ------------------------------------------------------------------


def test_agency_duty_under_the_penalty_law_is_strict():
    assert penalty.DECISION.strict
    # 2023-11-12 + 90 days = 2024-02-10, a Spring Festival holiday: the agency's date stays.
    assert penalty.DECISION.due(date(2023, 11, 12), CALENDAR) == date(2024, 2, 10)


def test_party_period_is_extended_past_rest_days():
    assert not penalty.PAYMENT.strict
    assert penalty.PAYMENT.due(date(2024, 1, 26), CALENDAR) == date(2024, 2, 18)


def test_agency_period_under_the_reconsideration_law_is_extended():
    decision = reconsideration.DECISION
    assert decision.holder == AGENCY and decision.civil_rule_applies and not decision.strict
    assert decision.due(date(2023, 12, 12), CALENDAR) == date(2024, 2, 18)


def test_defendant_defence_period_is_extended_under_the_litigation_law():
    assert not litigation.DEFENCE.strict
    assert litigation.DEFENCE.due(date(2024, 1, 26), CALENDAR) == date(2024, 2, 18)


def test_deputies_reply_is_an_agency_duty_shown_by_its_strict_date():
    assert deputies.SUGGESTION_REPLY.due(date(2023, 11, 10), CALENDAR) == date(2024, 2, 10)


def test_suing_within_six_months():
    # 2023-08-30 + 6 months = 2024-02-29, a Thursday.
    assert litigation.FILING.due(date(2023, 8, 30), CALENDAR) == date(2024, 2, 29)


def test_judicial_confirmation_of_a_mediation_agreement():
    # 2024-01-11 + 30 days = 2024-02-10, a holiday: the parties have until 2024-02-18.
    assert mediation.JUDICIAL_CONFIRMATION.due(date(2024, 1, 11), CALENDAR) == date(2024, 2, 18)


def test_working_day_periods_are_the_same_strict_or_not():
    # 20 working days from 2023-09-28, over the National Day holiday and its two adjusted days.
    assert disclosure.REQUEST_REPLY.due(date(2023, 9, 28), CALENDAR) == date(2023, 11, 1)
    assert licensing.DECISION.due(date(2023, 9, 28), CALENDAR) == date(2023, 11, 1)


def test_the_hearing_notice_gives_the_earliest_hearing_day():
    assert penalty.HEARING_NOTICE.minimum
    assert penalty.HEARING_NOTICE.due(date(2024, 9, 27), CALENDAR) == date(2024, 10, 12)


def test_hearing_request_five_working_days():
    assert penalty.HEARING_REQUEST.due(date(2023, 9, 28), CALENDAR) == date(2023, 10, 11)


# --- building periods ---------------------------------------------------------------------

_LAW = Law("测试法", "测试法", in_force=date(2020, 1, 1))


def test_a_period_needs_a_version():
    with pytest.raises(ValueError):
        Period("x", "x", holder=PARTY)


def test_a_period_needs_a_known_holder():
    with pytest.raises(ValueError):
        Period("x", "x", Version(1, DAYS, _LAW, 1), holder="court")


def test_versions_may_not_overlap():
    with pytest.raises(ValueError):
        Period(
            "x",
            "x",
            Version(1, DAYS, _LAW, 1, until=date(2022, 1, 1)),
            Version(2, DAYS, _LAW, 1, since=date(2022, 1, 1)),
            holder=PARTY,
        )


def test_an_open_ended_version_before_another_overlaps():
    with pytest.raises(ValueError):
        Period(
            "x",
            "x",
            Version(1, DAYS, _LAW, 1),
            Version(2, DAYS, _LAW, 1, since=date(2022, 1, 1)),
            holder=PARTY,
        )


def test_a_version_needs_a_known_unit_and_a_non_negative_amount():
    with pytest.raises(ValueError):
        Version(1, "weeks", _LAW, 1)
    with pytest.raises(ValueError):
        Version(-1, DAYS, _LAW, 1)


def test_a_version_defaults_to_the_dates_of_its_law():
    old = Law("旧法", "旧法", in_force=date(2010, 1, 1), until=date(2019, 12, 31))
    version = Version(10, DAYS, old, 5)
    assert version.in_force_on(date(2010, 1, 1))
    assert version.in_force_on(date(2019, 12, 31))
    assert not version.in_force_on(date(2009, 12, 31))
    assert not version.in_force_on(date(2020, 1, 1))


def test_periods_are_immutable():
    with pytest.raises(AttributeError):
        REPLY.holder = PARTY  # type: ignore[misc]
