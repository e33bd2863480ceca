"""The year-over-year appendix of the annual report."""

from __future__ import annotations

from fazhi.core.models import OrgUnit
from fazhi.reports.document import Block


def annual_comparison(unit: OrgUnit, year: int) -> Block | None:
    return None
