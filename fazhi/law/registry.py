"""Every period, threshold and annual deadline of the rulebook, by its stable code.

The rule modules list their rules in `PERIODS` and `THRESHOLDS` (and `reports` its
`ANNUAL_DEADLINES`); this module gathers them once and refuses a duplicate code.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import TypeVar

from fazhi.law import (
    decisions,
    deputies,
    disclosure,
    licensing,
    litigation,
    mediation,
    penalty,
    reconsideration,
    reports,
)
from fazhi.law.base import AnnualDeadline, Period, Threshold

__all__ = ["MODULES", "all_annual_deadlines", "all_periods", "all_thresholds", "period", "threshold"]

MODULES: tuple[ModuleType, ...] = (
    penalty,
    reconsideration,
    litigation,
    disclosure,
    licensing,
    decisions,
    mediation,
    deputies,
    reports,
)

T = TypeVar("T", Period, Threshold, AnnualDeadline)


def _collect(attribute: str, kind: type[T]) -> dict[str, T]:
    found: dict[str, T] = {}
    for module in MODULES:
        for rule in getattr(module, attribute, ()):
            if not isinstance(rule, kind):
                raise TypeError(f"{module.__name__}.{attribute} holds a {type(rule).__name__}")
            if rule.code in found:
                raise ValueError(f"duplicate rule code {rule.code!r} in {module.__name__}")
            found[rule.code] = rule
    return found


@cache
def _periods() -> dict[str, Period]:
    return _collect("PERIODS", Period)


@cache
def _thresholds() -> dict[str, Threshold]:
    return _collect("THRESHOLDS", Threshold)


@cache
def _annual_deadlines() -> dict[str, AnnualDeadline]:
    return _collect("ANNUAL_DEADLINES", AnnualDeadline)


def all_periods() -> dict[str, Period]:
    """Every period by code (a fresh dict: callers may not change the registry)."""
    return dict(_periods())


def all_thresholds() -> dict[str, Threshold]:
    return dict(_thresholds())


def all_annual_deadlines() -> dict[str, AnnualDeadline]:
    return dict(_annual_deadlines())


def period(code: str) -> Period:
    try:
        return _periods()[code]
    except KeyError:
        raise KeyError(f"no period with code {code!r}") from None


def threshold(code: str) -> Threshold:
    try:
        return _thresholds()[code]
    except KeyError:
        raise KeyError(f"no threshold with code {code!r}") from None
