from datetime import date

import pytest

from fazhi.law import (
    AnnualDeadline,
    Period,
    Threshold,
    all_annual_deadlines,
    all_periods,
    all_thresholds,
    period,
    threshold,
)
from fazhi.law.registry import MODULES, _collect


def _has_article(article) -> bool:
    if isinstance(article, tuple):
        return bool(article) and all(isinstance(n, int) and n > 0 for n in article)
    if isinstance(article, str):
        return bool(article.strip())
    return isinstance(article, int) and article > 0


def test_period_codes_are_unique_across_modules():
    codes = [p.code for module in MODULES for p in getattr(module, "PERIODS", ())]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(all_periods())


def test_threshold_codes_are_unique_across_modules():
    codes = [t.code for module in MODULES for t in getattr(module, "THRESHOLDS", ())]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(all_thresholds())


def test_codes_are_snake_case():
    for code in [*all_periods(), *all_thresholds(), *all_annual_deadlines()]:
        assert code.replace("_", "").isalnum() and code == code.lower() and code.isascii(), code


@pytest.mark.parametrize("rule", list(all_periods().values()), ids=lambda p: p.code)
def test_every_period_version_cites_a_law_and_an_article(rule: Period):
    assert rule.name
    for version in rule.versions:
        assert version.law.short
        assert _has_article(version.article)
        assert version.citation.startswith(version.law.short)


@pytest.mark.parametrize("rule", list(all_thresholds().values()), ids=lambda t: t.code)
def test_every_threshold_cites_a_law_and_an_article(rule: Threshold):
    assert rule.law.short and _has_article(rule.article)


@pytest.mark.parametrize("rule", list(all_annual_deadlines().values()), ids=lambda d: d.code)
def test_every_annual_deadline_cites_a_law_and_an_article(rule: AnnualDeadline):
    assert rule.law.short and _has_article(rule.article)


def test_every_period_applies_today_or_says_why_not():
    today = date(2025, 1, 1)
    for rule in all_periods().values():
        rule.version_on(today)


def test_look_up_by_code():
    assert period("reconsideration_reply").name == "被申请人提出书面答复"
    assert threshold("penalty_summary_cap_individual").value == 200


def test_unknown_codes_raise_key_error():
    with pytest.raises(KeyError):
        period("no_such_period")
    with pytest.raises(KeyError):
        threshold("no_such_threshold")


def test_the_registry_cannot_be_changed_through_its_answers():
    periods = all_periods()
    periods.clear()
    assert all_periods()


def test_a_duplicate_code_is_refused(monkeypatch):
    from fazhi.law import mediation, registry

    monkeypatch.setattr(registry, "MODULES", (mediation, mediation))
    with pytest.raises(ValueError, match="duplicate"):
        _collect("PERIODS", Period)


def test_annual_report_deadlines():
    deadlines = all_annual_deadlines()
    assert deadlines["annual_report_submission"].due_for(2023) == date(2024, 3, 1)
    assert deadlines["annual_report_publication"].due_for(2023) == date(2024, 4, 1)
