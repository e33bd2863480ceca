"""The rules of the Administrative Penalty Law that a case must pass, each refused
with the article it comes from: the summary caps (第51条), the surcharge (第72条),
two certified officers (第42条), the limitation (第36条), on-the-spot collection
(第68条) and entrusted enforcement (第20条)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.enforcement import actions
from fazhi.enforcement.choices import Authority, CaseStatus, DecisionKind, PenaltyKind
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import (
    county_body,
    entrusted_matter,
    individual_party,
    make_matter,
    make_officer,
    make_ordinary_case,
    officer_pair,
    summary_data,
    summary_matter,
    town_body,
)
from fazhi.law import RuleError
from fazhi.law.penalty import check_summary_procedure, late_payment_surcharge

ON = dt.date(2023, 6, 1)


# -- 第51条: the summary caps ----------------------------------------------------------


def test_summary_fine_of_200_to_an_individual_passes():
    check_summary_procedure("individual", "fine", Decimal("200"))


def test_summary_fine_above_200_to_an_individual_is_refused_citing_article_51():
    with pytest.raises(RuleError) as exc:
        check_summary_procedure("individual", "fine", Decimal("200.01"))
    assert "第五十一条" in str(exc.value)
    assert exc.value.code == "summary_fine_cap"


def test_summary_fine_of_3000_to_an_organisation_passes():
    check_summary_procedure("organisation", "fine", Decimal("3000"))


def test_summary_fine_above_3000_to_an_organisation_is_refused():
    with pytest.raises(RuleError, match="第五十一条"):
        check_summary_procedure("organisation", "fine", Decimal("3001"))


def test_summary_warning_passes():
    check_summary_procedure("individual", "warning")


# -- 第72条: the late-payment surcharge ------------------------------------------------


def test_surcharge_is_three_percent_of_the_fine_a_day():
    assert late_payment_surcharge(Decimal("100"), 10) == Decimal("30")


def test_surcharge_never_exceeds_the_fine():
    assert late_payment_surcharge(Decimal("100"), 40) == Decimal("100")


def test_no_surcharge_when_paid_in_time():
    assert late_payment_surcharge(Decimal("100"), 0) == Decimal("0")


# -- 第42条: two certified officers ----------------------------------------------------


@pytest.mark.django_db
def test_summary_case_with_one_officer_is_refused(town_a, officer_town_a):
    data = summary_data(town_a, officers=[make_officer(town_a)])
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "too_few_officers" and "第四十二条" in str(exc.value)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_summary_case_with_an_expired_certificate_is_refused(town_a, officer_town_a):
    expired = make_officer(town_a, valid_to=dt.date(2023, 5, 31), name="过期人")
    data = summary_data(town_a, officers=[make_officer(town_a), expired])
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "certificate_invalid"
    assert "过期人" in str(exc.value) and "第四十二条" in str(exc.value)


@pytest.mark.django_db
def test_summary_case_with_a_suspended_certificate_is_refused(town_a, officer_town_a):
    suspended = make_officer(town_a)
    suspended.status = "suspended"
    suspended.save()
    data = summary_data(town_a, officers=[make_officer(town_a), suspended])
    with pytest.raises(RuleError, match="第四十二条"):
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)


@pytest.mark.django_db
def test_filing_with_a_certificate_not_yet_valid_is_refused(town_a, officer_town_a):
    late = make_officer(town_a, valid_from=dt.date(2023, 8, 1))
    case = make_ordinary_case(town_a, officer_town_a, "registered", officers=[make_officer(town_a), late])
    with pytest.raises(RuleError) as exc:
        actions.file_case(case, actor=officer_town_a, on=dt.date(2023, 7, 5))
    assert exc.value.code == "certificate_invalid"


@pytest.mark.django_db
def test_one_officer_named_twice_is_not_two_officers(town_a, officer_town_a):
    officer = make_officer(town_a)
    data = summary_data(town_a, officers=[officer, officer])
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "too_few_officers"


# -- 第36条: the limitation ------------------------------------------------------------


@pytest.mark.django_db
def test_act_discovered_more_than_two_years_later_cannot_be_filed(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "registered", occurred_on=dt.date(2021, 7, 4))
    with pytest.raises(RuleError) as exc:
        actions.file_case(case, actor=officer_town_a, on=case.discovered_on)
    assert exc.value.code == "time_barred" and "第三十六条" in str(exc.value)
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED and case.filed_on is None


@pytest.mark.django_db
def test_act_discovered_on_the_last_day_of_two_years_can_be_filed(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "registered", occurred_on=dt.date(2021, 7, 5))
    case = actions.file_case(case, actor=officer_town_a, on=case.discovered_on)
    assert case.status == CaseStatus.FILED


@pytest.mark.django_db
def test_a_recorded_serious_harm_allows_filing_within_five_years(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a,
        officer_town_a,
        "registered",
        occurred_on=dt.date(2019, 1, 10),
        limitation_override="销售变质食品致多人食物中毒，危害公民生命健康",
    )
    case = actions.file_case(case, actor=officer_town_a, on=case.discovered_on)
    assert case.status == CaseStatus.FILED


@pytest.mark.django_db
def test_serious_harm_does_not_reach_past_five_years(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a,
        officer_town_a,
        "registered",
        occurred_on=dt.date(2018, 7, 4),
        limitation_override="危害生命健康",
    )
    with pytest.raises(RuleError, match="5年"):
        actions.file_case(case, actor=officer_town_a, on=case.discovered_on)


@pytest.mark.django_db
def test_a_continuing_act_counts_from_its_end(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a,
        officer_town_a,
        "registered",
        occurred_on=dt.date(2020, 1, 1),
        act_ended_on=dt.date(2022, 12, 31),
    )
    case = actions.file_case(case, actor=officer_town_a, on=case.discovered_on)
    assert case.status == CaseStatus.FILED


# -- 第68条: on-the-spot collection ----------------------------------------------------


@pytest.mark.django_db
def test_collecting_more_than_100_on_the_spot_is_refused(town_a, officer_town_a):
    data = summary_data(town_a, fine=Decimal("150"), collected_on_spot=True)
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "on_the_spot_collection_cap" and "第六十八条" in str(exc.value)
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_collecting_100_on_the_spot_is_allowed(town_a, officer_town_a):
    data = summary_data(town_a, fine=Decimal("100"), collected_on_spot=True)
    case = actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    case.refresh_from_db()
    assert case.collected_on_spot and case.paid_amount == Decimal("100")


# -- 第51条 on cases: the procedure and the matter's range ------------------------------


@pytest.mark.django_db
def test_summary_case_above_the_cap_is_refused(town_a, officer_town_a):
    data = summary_data(town_a, fine=Decimal("201"))
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "summary_fine_cap"


@pytest.mark.django_db
def test_summary_case_for_a_matter_without_summary_procedure_is_refused(town_a, officer_town_a):
    data = summary_data(town_a, matter=make_matter(town_a, summary_allowed=False))
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "summary_not_allowed"


@pytest.mark.django_db
def test_fine_outside_the_matters_range_is_refused(town_a, officer_town_a):
    matter = summary_matter(town_a, individual=(Decimal("50"), Decimal("100")))
    data = summary_data(town_a, matter=matter, fine=Decimal("150"))
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "fine_out_of_range"


# -- 第20条: entrusted enforcement -----------------------------------------------------


@pytest.mark.django_db
def test_entrusted_case_in_the_entrusting_bodys_name_is_allowed(town_a, officer_town_a):
    matter = entrusted_matter(town_a)
    case = actions.record_summary_case(actor=officer_town_a, data=summary_data(town_a, matter=matter), on=ON)
    assert case.body == county_body(town_a) and case.authority == Authority.ENTRUSTED
    assert case.decision_no.startswith("云环委罚〔2023〕")


@pytest.mark.django_db
def test_entrusted_case_in_the_towns_name_is_refused(town_a, officer_town_a):
    data = summary_data(town_a, matter=entrusted_matter(town_a))
    data["body"] = town_body(town_a)
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "entrusted_body" and "第二十条" in str(exc.value)


@pytest.mark.django_db
def test_entrusted_case_without_an_entrustment_in_force_is_refused(town_a, officer_town_a):
    matter = entrusted_matter(town_a, valid_from=dt.date(2023, 7, 1))
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=summary_data(town_a, matter=matter), on=ON)
    assert exc.value.code == "no_entrustment"


@pytest.mark.django_db
def test_entrusted_matter_cannot_be_filed_after_the_entrustment_ends(town_a, officer_town_a):
    matter = entrusted_matter(town_a, valid_to=dt.date(2023, 6, 30))
    case = make_ordinary_case(town_a, officer_town_a, "registered", matter=matter)
    with pytest.raises(RuleError) as exc:
        actions.file_case(case, actor=officer_town_a, on=dt.date(2023, 7, 5))
    assert exc.value.code == "no_entrustment"


@pytest.mark.django_db
def test_own_matter_in_a_county_bodys_name_is_refused(town_a, officer_town_a):
    data = summary_data(town_a)
    data["body"] = county_body(town_a)
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "town_body"


@pytest.mark.django_db
def test_case_authority_must_match_the_matters(town_a, officer_town_a):
    data = summary_data(town_a)
    data["authority"] = Authority.STATUTORY  # the matter is an assigned power
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "authority_mismatch"


@pytest.mark.django_db
def test_entrusted_penalty_cannot_be_decided_after_the_entrustment_ends(town_a, officer_town_a):
    matter = entrusted_matter(town_a, valid_to=dt.date(2023, 7, 31))
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", matter=matter, party=individual_party(town_a)
    )
    with pytest.raises(RuleError) as exc:
        actions.decide_case(
            case,
            actor=officer_town_a,
            decision_kind=DecisionKind.PENALTY,
            penalty_kind=PenaltyKind.FINE,
            fine=case.fine,
            on=dt.date(2023, 8, 1),
        )
    assert exc.value.code == "no_entrustment"


@pytest.mark.django_db
def test_a_case_of_another_town_cannot_be_recorded(town_a, town_b, officer_town_b):
    data = summary_data(town_a, officers=officer_pair(town_a))
    with pytest.raises(PermissionDenied, match="本单位"):
        actions.record_summary_case(actor=officer_town_b, data=data, on=ON)


@pytest.mark.django_db
def test_summary_case_for_an_act_older_than_two_years_is_refused(town_a, officer_town_a):
    data = summary_data(town_a)
    data["occurred_on"] = dt.date(2020, 5, 1)
    with pytest.raises(RuleError) as exc:
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    assert exc.value.code == "time_barred"


@pytest.mark.django_db
def test_summary_warning_with_a_fine_is_a_rule_error(town_a, officer_town_a):
    data = summary_data(town_a, fine=Decimal("50"))
    data["penalty_kind"] = PenaltyKind.WARNING
    with pytest.raises(RuleError):
        actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
