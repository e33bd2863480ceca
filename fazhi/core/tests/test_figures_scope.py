"""The figures pages read their unit and year through one helper (figures_scope)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from fazhi.core.registers.views import figures_scope, figures_year, figures_years
from fazhi.core.tests.factories import login, user_with_role
from fazhi.enforcement.definitions import cases

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


@pytest.mark.parametrize(
    ("raw", "last", "expected"),
    [("", None, THIS_YEAR), ("abc", None, THIS_YEAR), ("1999", None, THIS_YEAR), ("2023", None, 2023),
     ("2100", None, 2100), ("99999", None, THIS_YEAR), (str(THIS_YEAR + 1), THIS_YEAR, THIS_YEAR)],
)  # fmt: skip
def test_the_year_is_this_year_unless_a_sensible_one_is_asked(raw, last, expected):
    request = RequestFactory().get("/", {"year": raw})
    assert figures_year(request, last=last) == expected


def test_the_scope_is_the_users_unit_and_needs_every_register(town_a, officer_town_a):
    request = RequestFactory().get("/", {"year": "2023"})
    request.user = officer_town_a
    assert figures_scope(request, cases) == (town_a, 2023)
    request.user = user_with_role("no_unit", "officer", None)
    with pytest.raises(PermissionDenied, match="没有所属单位"):
        figures_scope(request, cases)


def test_the_picker_offers_this_year_first():
    years = figures_years()
    assert years[0] == THIS_YEAR and years[-1] == 2020


def test_an_absurd_year_on_a_figures_page_is_not_a_server_error(client, officer_town_a):
    login(client, officer_town_a)
    r = client.get(reverse("enforcement:statistics"), {"year": "99999"})
    assert r.status_code == 200
