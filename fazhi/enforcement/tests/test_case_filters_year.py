"""The case list's filters for the annual report's penalty figures (rows 8–10): the
authority source (the town's own powers, statutory or assigned, against entrusted
ones), the kind of decision, with the decision dates of a year; and the officers'
list filtered to the officers certified in a year (row 7). Each selects exactly
what its statistics function counts, on the list page and through the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.tests.factories import login, user_with_role
from fazhi.enforcement import actions
from fazhi.enforcement.choices import Authority, DecisionKind, OfficerStatus, Procedure
from fazhi.enforcement.filters import CaseFilter, OfficerFilter
from fazhi.enforcement.models import Case, Officer
from fazhi.enforcement.statistics import penalty_figures
from fazhi.enforcement.tests.factories import (
    entrusted_matter,
    make_matter,
    make_officer,
    make_ordinary_case,
    make_summary_case,
)

pytestmark = pytest.mark.django_db

YEAR = {"decided_from": "2023-01-01", "decided_to": "2023-12-31"}


@pytest.fixture
def office(town_a):
    return user_with_role("office_filters", "rule_of_law_office", town_a, display_name="赵法治")


@pytest.fixture
def cases(town_a, officer_town_a):
    """One case of each kind the filters tell apart, all decided in 2023 but one."""
    handler = officer_town_a
    made = {
        "assigned": make_summary_case(town_a, handler, on=dt.date(2023, 2, 1)),
        "statutory": make_summary_case(town_a, handler, on=dt.date(2023, 2, 2),
                                       matter=make_matter(town_a, authority=Authority.STATUTORY)),
        "entrusted_summary": make_summary_case(town_a, handler, on=dt.date(2023, 2, 3),
                                               matter=entrusted_matter(town_a)),
        "ordinary": make_ordinary_case(town_a, handler, until="decided"),
        "entrusted_ordinary": make_ordinary_case(town_a, handler, until="decided",
                                                 matter=entrusted_matter(town_a, summary_allowed=False)),
        "last_year": make_summary_case(town_a, handler, on=dt.date(2022, 12, 31)),
    }  # fmt: skip
    case = make_ordinary_case(town_a, handler, until="notified")
    made["no_penalty"] = actions.decide_case(case, actor=handler, decision_kind=DecisionKind.NO_PENALTY,
                                             penalty_kind="", fine=Decimal("0"), on=dt.date(2023, 8, 31))  # fmt: skip
    made["open"] = make_ordinary_case(town_a, handler, until="filed")
    return {name: Case.objects.get(pk=c.pk) for name, c in made.items()}


def _filtered(params: dict, user) -> set[int]:
    fs = CaseFilter(params, queryset=Case.objects.visible_to(user), user=user)
    assert fs.is_valid(), fs.errors
    return set(fs.qs.values_list("pk", flat=True))


def _pks(cases: dict, *names: str) -> set[int]:
    return {cases[n].pk for n in names}


def test_the_cases_are_what_the_fixture_says(cases):
    assert cases["entrusted_ordinary"].authority == Authority.ENTRUSTED
    assert cases["entrusted_ordinary"].procedure == Procedure.ORDINARY
    assert cases["no_penalty"].decided_on == dt.date(2023, 8, 31)
    assert cases["ordinary"].decided_on.year == 2023 and cases["open"].decided_on is None


def test_authority_source_own_is_statutory_or_assigned_and_entrusted_is_entrusted(cases, office):
    own = _pks(cases, "assigned", "statutory", "ordinary", "last_year", "no_penalty", "open")
    assert _filtered({"authority_source": "own"}, office) == own
    assert _filtered({"authority_source": "entrusted"}, office) == _pks(cases, "entrusted_summary",
                                                                        "entrusted_ordinary")  # fmt: skip
    assert _filtered({}, office) == set(c.pk for c in cases.values())


def test_decision_kind_selects_the_decisions_of_that_kind(cases, office):
    assert _filtered({"decision_kind": DecisionKind.NO_PENALTY}, office) == _pks(cases, "no_penalty")
    penalties = set(c.pk for c in cases.values()) - _pks(cases, "no_penalty", "open")
    assert _filtered({"decision_kind": DecisionKind.PENALTY}, office) == penalties


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        ("summary", {"procedure": "summary", "authority_source": "own"}, ("assigned", "statutory")),
        ("ordinary", {"procedure": "ordinary", "authority_source": "own"}, ("ordinary",)),
        ("entrusted", {"authority_source": "entrusted"}, ("entrusted_summary", "entrusted_ordinary")),
    ],
)
def test_the_filters_together_select_what_penalty_figures_counts(
    cases, office, town_a, kind, params, expected
):
    shown = _filtered({**params, "decision_kind": "penalty", **YEAR, "org_unit": town_a.pk}, office)
    assert shown == _pks(cases, *expected)
    assert len(shown) == penalty_figures(town_a, 2023)[kind].cases


def test_an_unknown_authority_source_empties_the_list(cases, office):
    fs = CaseFilter({"authority_source": "county"}, queryset=Case.objects.visible_to(office), user=office)
    assert not fs.is_valid()


def test_the_list_page_offers_the_filters_and_applies_them(cases, office, client):
    login(client, office)
    r = client.get(
        "/enforcement/cases/", {"authority_source": "entrusted", "decision_kind": "penalty", **YEAR}
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "职权类别" in body and "决定类型" in body and "本镇职权（法定职权或赋权）" in body
    assert {obj.pk for obj in r.context["page"].object_list} == _pks(
        cases, "entrusted_summary", "entrusted_ordinary"
    )


def test_the_api_list_takes_the_same_filters(cases, office, client, town_a):
    client.force_login(office)
    r = client.get("/api/v1/enforcement/cases/", {"procedure": "summary", "authority_source": "own",
                                                  "decision_kind": "penalty", **YEAR})  # fmt: skip
    assert r.status_code == 200
    data = r.json()
    rows = data["results"] if isinstance(data, dict) else data
    assert {row["id"] for row in rows} == _pks(cases, "assigned", "statutory")


# -- the officers certified in a year (row 7) -----------------------------------------------------------


def test_certified_year_is_the_officers_the_report_counts(town_a, town_b, office):
    from fazhi.oversight.statistics_duty import certified_in

    counted = {
        make_officer(town_a).pk,  # 2021–2030
        make_officer(town_a, valid_from=dt.date(2023, 12, 31), valid_to=dt.date(2028, 12, 30)).pk,
        make_officer(town_a, valid_from=dt.date(2018, 1, 1), valid_to=dt.date(2023, 1, 1)).pk,
    }
    make_officer(town_a, valid_from=dt.date(2018, 1, 1), valid_to=dt.date(2022, 12, 31))
    make_officer(town_a, valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2029, 12, 31))
    suspended = make_officer(town_a)
    Officer.objects.filter(pk=suspended.pk).update(status=OfficerStatus.SUSPENDED)
    make_officer(town_b)  # another town: out of the reader's scope
    fs = OfficerFilter({"certified_year": 2023}, queryset=Officer.objects.visible_to(office), user=office)
    assert fs.is_valid()
    shown = set(fs.qs.values_list("pk", flat=True))
    assert shown == counted == set(certified_in(town_a, 2023).values_list("pk", flat=True))
    everyone = OfficerFilter({}, queryset=Officer.objects.visible_to(office), user=office).qs
    assert everyone.count() == len(counted) + 3


def test_certified_year_out_of_range_is_refused(office):
    fs = OfficerFilter({"certified_year": 1999}, queryset=Officer.objects.visible_to(office), user=office)
    assert not fs.is_valid()
