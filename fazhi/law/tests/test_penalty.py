from datetime import date
from decimal import Decimal

import pytest

from fazhi.law import RuleError, penalty
from fazhi.law.penalty import (
    check_limitation,
    check_officer_count,
    check_on_the_spot_collection,
    check_summary_procedure,
    hearing_required_for_fine,
    last_day_to_penalise,
    late_surcharge,
)
from fazhi.law.tests.calendars import CALENDAR


def test_summary_fine_of_200_for_an_individual_is_allowed():
    check_summary_procedure("individual", "fine", Decimal("200"))


def test_summary_fine_above_200_for_an_individual_is_refused():
    with pytest.raises(RuleError, match="第五十一条") as caught:
        check_summary_procedure("individual", "fine", Decimal("200.01"))
    assert caught.value.code == "summary_fine_cap"
    assert str(caught.value) == "简易程序对公民罚款不得超过200元（行政处罚法第五十一条）"


def test_summary_fine_of_3000_for_an_organisation_is_allowed():
    check_summary_procedure("organisation", "fine", Decimal("3000"))


def test_summary_fine_above_3000_for_an_organisation_is_refused():
    with pytest.raises(RuleError, match="3000"):
        check_summary_procedure("organisation", "fine", Decimal("3001"))


def test_summary_warning_is_allowed():
    check_summary_procedure("individual", "warning")


@pytest.mark.parametrize("kind", ["confiscation", "licence_revocation", "detention", ""])
def test_summary_procedure_refuses_other_penalties(kind):
    with pytest.raises(RuleError) as caught:
        check_summary_procedure("individual", kind, Decimal("50"))
    assert caught.value.code == "summary_penalty_kind"
    assert caught.value.article == 51


def test_summary_procedure_refuses_an_unknown_party_kind():
    with pytest.raises(ValueError):
        check_summary_procedure("company", "fine", Decimal("50"))


def test_a_warning_with_a_fine_is_a_programming_error():
    with pytest.raises(ValueError):
        check_summary_procedure("individual", "warning", Decimal("50"))


def test_two_officers_are_enough_and_one_is_not():
    check_officer_count(2)
    with pytest.raises(RuleError, match="第四十二条"):
        check_officer_count(1)


def test_on_the_spot_collection_up_to_100_yuan():
    check_on_the_spot_collection(Decimal("100"), summary=True)


def test_on_the_spot_collection_above_100_only_if_hard_to_collect_later():
    with pytest.raises(RuleError, match="第六十八条"):
        check_on_the_spot_collection(Decimal("150"), summary=True)
    check_on_the_spot_collection(Decimal("150"), summary=True, hard_to_collect_later=True)


def test_on_the_spot_collection_needs_a_summary_decision():
    with pytest.raises(RuleError) as caught:
        check_on_the_spot_collection(Decimal("50"), summary=False)
    assert caught.value.code == "on_the_spot_collection_not_summary"


def test_late_surcharge_is_three_percent_a_day():
    assert late_surcharge(Decimal("200"), 1) == Decimal("6.00")
    assert late_surcharge(Decimal("200"), 10) == Decimal("60.00")


def test_late_surcharge_never_exceeds_the_fine():
    assert late_surcharge(Decimal("200"), 34) == Decimal("200.00")
    assert late_surcharge(Decimal("200"), 1000) == Decimal("200.00")


def test_late_surcharge_rounds_to_the_fen():
    assert late_surcharge(Decimal("33.33"), 1) == Decimal("1.00")


def test_no_surcharge_when_not_late():
    assert late_surcharge(Decimal("200"), 0) == Decimal("0.00")


def test_negative_days_late_are_refused():
    with pytest.raises(ValueError):
        late_surcharge(Decimal("200"), -1)


def test_limitation_is_two_years():
    assert last_day_to_penalise(date(2021, 3, 1)) == date(2023, 3, 1)
    check_limitation(date(2021, 3, 1), date(2023, 3, 1))
    with pytest.raises(RuleError, match="第三十六条") as caught:
        check_limitation(date(2021, 3, 1), date(2023, 3, 2))
    assert caught.value.code == "time_barred"


def test_limitation_is_five_years_where_life_health_or_finance_was_harmed():
    check_limitation(date(2021, 3, 1), date(2026, 3, 1), serious=True)
    with pytest.raises(RuleError):
        check_limitation(date(2021, 3, 1), date(2026, 3, 2), serious=True)


def test_hearing_threshold_chongqing_default():
    assert hearing_required_for_fine("individual", Decimal("5000"))
    assert not hearing_required_for_fine("individual", Decimal("4999.99"))
    assert hearing_required_for_fine("organisation", Decimal("50000"))
    assert not hearing_required_for_fine("organisation", Decimal("49999"))


def test_hearing_threshold_can_be_configured():
    assert hearing_required_for_fine("individual", Decimal("2000"), threshold=Decimal("2000"))


def test_hearing_thresholds_are_marked_configurable():
    assert penalty.HEARING_FINE_INDIVIDUAL.configurable
    assert penalty.HEARING_FINE_ORGANISATION.configurable


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        (penalty.EVIDENCE_PRESERVATION_DECISION, date(2023, 9, 28), date(2023, 10, 13)),
        (penalty.HEARING_REQUEST, date(2023, 9, 28), date(2023, 10, 11)),
        (penalty.DECISION_SERVICE, date(2023, 9, 28), date(2023, 10, 13)),
        (penalty.CASH_HANDOVER, date(2023, 9, 28), date(2023, 10, 8)),
        (penalty.CASH_DEPOSIT, date(2023, 10, 8), date(2023, 10, 10)),
        (penalty.PUBLICATION_WITHDRAWAL, date(2024, 2, 8), date(2024, 2, 19)),
        (penalty.PENALTY_LICENSING_PUBLICATION, date(2024, 9, 27), date(2024, 10, 12)),
        (penalty.ENFORCEMENT_PUBLICATION, date(2024, 9, 27), date(2024, 10, 30)),
        (penalty.PAYMENT, date(2023, 9, 20), date(2023, 10, 7)),
        (penalty.PUBLICATION_TERM_MINOR, date(2023, 11, 30), date(2024, 2, 29)),
    ],
)
def test_penalty_periods(rule, start, due):
    assert rule.due(start, CALENDAR) == due


def test_every_figure_of_the_penalty_table():
    figures = {
        p.code: (p.versions[0].amount, p.versions[0].unit, p.versions[0].article) for p in penalty.PERIODS
    }
    assert figures["penalty_limitation"] == (24, "months", 36)
    assert figures["penalty_limitation_serious"] == (60, "months", 36)
    assert figures["penalty_evidence_preservation_decision"] == (7, "working_days", 56)
    assert figures["penalty_hearing_request"] == (5, "working_days", 64)
    assert figures["penalty_hearing_notice"] == (7, "working_days", 64)
    assert figures["penalty_decision"] == (90, "days", 60)
    assert figures["penalty_decision_service"] == (7, "working_days", 61)
    assert figures["penalty_payment"] == (15, "days", 67)
    assert figures["penalty_cash_handover"] == (2, "working_days", 71)
    assert figures["penalty_cash_deposit"] == (2, "working_days", 71)
    assert figures["penalty_publication_withdrawal"] == (3, "working_days", 48)
    assert figures["penalty_publication_term_other"][:2] == (36, "months")
