"""The rectification list's filters for the annual report's row 22: the findings of
inspections, appraisals and judicial suggestions (supervision), and the items closed
out in a year (closed_year); together they select what inspection_close_out counts."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.factories import login
from fazhi.oversight.choices import RectificationSource
from fazhi.oversight.filters import RectificationFilter
from fazhi.oversight.models import Rectification
from fazhi.oversight.statistics_supervision import inspection_close_out
from fazhi.oversight.tests.factories import close_out, make_rectification, office_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(town_a, town_b):
    return {
        "inspection": close_out(make_rectification(town_a), on=dt.date(2023, 9, 1)),
        "appraisal_late": close_out(
            make_rectification(town_a, source=RectificationSource.APPRAISAL, due_on=dt.date(2023, 3, 31)),
            on=dt.date(2023, 12, 29),
        ),
        "judicial": close_out(
            make_rectification(town_a, source=RectificationSource.JUDICIAL_SUGGESTION), on=dt.date(2023, 1, 3)
        ),
        "other": close_out(
            make_rectification(town_a, source=RectificationSource.OTHER), on=dt.date(2023, 9, 1)
        ),
        "next_year": close_out(
            make_rectification(town_a, due_on=dt.date(2024, 3, 31)), on=dt.date(2024, 1, 2)
        ),
        "open": make_rectification(town_a),
        "town_b": close_out(make_rectification(town_b), on=dt.date(2023, 9, 1)),
    }


def _filtered(params: dict, user) -> set[int]:
    fs = RectificationFilter(params, queryset=Rectification.objects.visible_to(user), user=user)
    assert fs.is_valid(), fs.errors
    return set(fs.qs.values_list("pk", flat=True))


def _pks(items: dict, *names: str) -> set[int]:
    return {items[n].pk for n in names}


def test_supervision_is_inspections_appraisals_and_judicial_suggestions(items, town_a):
    office = office_of(town_a)
    found = _pks(items, "inspection", "appraisal_late", "judicial", "next_year", "open")
    assert _filtered({"supervision": "true"}, office) == found
    assert _filtered({"supervision": "false"}, office) == _pks(items, "other")


def test_closed_year_is_the_items_closed_out_in_the_year(items, town_a):
    office = office_of(town_a)
    assert _filtered({"closed_year": 2023}, office) == _pks(items, "inspection", "appraisal_late", "judicial",
                                                            "other")  # fmt: skip
    assert _filtered({"closed_year": 2024}, office) == _pks(items, "next_year")


def test_together_they_are_the_reports_row_22(items, town_a):
    office = office_of(town_a)
    shown = _filtered({"supervision": "true", "closed_year": 2023, "org_unit": town_a.pk}, office)
    assert shown == _pks(items, "inspection", "appraisal_late", "judicial")
    figure = inspection_close_out(town_a, 2023)
    assert (len(shown), figure.closed, figure.on_time) == (3, 3, 2)


def test_a_year_out_of_range_is_refused(items, town_a):
    office = office_of(town_a)
    fs = RectificationFilter(
        {"closed_year": 3000}, queryset=Rectification.objects.visible_to(office), user=office
    )
    assert not fs.is_valid()


def test_the_list_page_offers_and_applies_them(items, town_a, client):
    office = office_of(town_a)
    login(client, office)
    r = client.get("/oversight/rectifications/", {"supervision": "true", "closed_year": "2023"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "督查、评议或司法建议发现" in body and "销号年度" in body
    assert {obj.pk for obj in r.context["page"].object_list} == _pks(
        items, "inspection", "appraisal_late", "judicial"
    )
