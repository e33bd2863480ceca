"""Where the records behind each figure are: the address of the register list
(filtered to the unit's year) that a figure of the preview links to."""

from __future__ import annotations

from fazhi.core.models import OrgUnit


def figure_link(key: str, unit: OrgUnit, year: int) -> str:
    """The list of the records counted by figure `key` ("" when there is none)."""
    return ""
