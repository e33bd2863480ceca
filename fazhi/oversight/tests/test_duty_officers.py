"""Row 7 and the enforcement responsibility records: officers holding a valid
certificate in the year, and of them those who finished the yearly online
training and passed the exam ("均" when all did); the officers' posts, the
quarterly trainings and the yearly assessments."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.enforcement.choices import OfficerStatus
from fazhi.enforcement.models import OfficerYear
from fazhi.enforcement.tests.factories import make_officer
from fazhi.oversight.choices import AssessmentResult
from fazhi.oversight.duty import actions
from fazhi.oversight.statistics_duty import officer_training
from fazhi.oversight.tests import factories_duty as f
from fazhi.oversight.tests.factories import office_of

pytestmark = pytest.mark.django_db


def test_all_officers_trained_and_passed_is_all(town_a):
    for _ in range(3):
        f.officer_with_year(town_a)
    figure = officer_training(town_a, 2023)
    assert (figure.certified, figure.trained_and_passed, figure.all_done) == (3, 3, True)


def test_one_officer_missing_the_exam_loses_all(town_a):
    officers = [f.officer_with_year(town_a) for _ in range(3)]
    OfficerYear.objects.filter(officer=officers[0], year=2023).update(exam_passed=None)  # the exam not taken
    figure = officer_training(town_a, 2023)
    assert (figure.certified, figure.trained_and_passed, figure.all_done, figure.missing) == (3, 2, False, 1)


def test_an_officer_without_a_row_for_the_year_or_the_training_is_not_counted_as_done(town_a):
    f.officer_with_year(town_a)
    f.officer_with_year(town_a, year=2022)  # trained in another year only
    f.officer_with_year(town_a, trained=False)
    figure = officer_training(town_a, 2023)
    assert (figure.certified, figure.trained_and_passed, figure.all_done) == (3, 1, False)


def test_only_certificates_valid_in_the_year_count(town_a, town_b):
    f.officer_with_year(town_a)
    f.officer_with_year(
        town_a, valid_from=dt.date(2019, 1, 1), valid_to=dt.date(2022, 12, 31)
    )  # expired before
    f.officer_with_year(
        town_a, valid_from=dt.date(2023, 12, 31), valid_to=dt.date(2028, 12, 30)
    )  # its last day
    revoked = f.officer_with_year(town_a)
    revoked.status = OfficerStatus.REVOKED
    revoked.save(update_fields=["status"])
    f.officer_with_year(town_b)  # another town
    figure = officer_training(town_a, 2023)
    assert (figure.certified, figure.trained_and_passed) == (2, 2)


def test_no_officer_is_not_all(town_a):
    assert not officer_training(town_a, 2023).all_done


# -- the responsibility records ----------------------------------------------------------------------


def test_a_training_takes_the_quarter_of_its_day(town_a):
    training = f.make_training(town_a, on=dt.date(2023, 8, 17))
    assert training.quarter == 3
    training = actions.update_conduct_training(
        training, actor=office_of(town_a), data={"on": dt.date(2023, 11, 2)}
    )
    assert training.quarter == 4


def test_an_officer_has_one_assessment_a_year(town_a):
    officer = make_officer(town_a)
    f.make_assessment(town_a, officer=officer, result=AssessmentResult.EXCELLENT)
    with pytest.raises(ValidationError, match="该年度已有考核记录"):
        f.make_assessment(town_a, officer=officer)


def test_another_towns_officer_cannot_be_given_a_post(town_a, town_b):
    with pytest.raises(ValidationError) as exc:
        f.make_officer_post(town_a, officer=make_officer(town_b))
    assert exc.value.message_dict["officer"] == ["执法人员不属于本单位"]


def test_an_officer_holds_a_post_once_in_a_period(town_a):
    officer, post = make_officer(town_a), f.post_of(town_a)
    f.make_officer_post(town_a, officer=officer, post=post, starts_on=dt.date(2023, 1, 1))
    with pytest.raises(ValidationError, match="已登记该岗位"):
        f.make_officer_post(town_a, officer=officer, post=post, starts_on=dt.date(2024, 1, 1))
