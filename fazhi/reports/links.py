"""Where the records behind each figure are: the address of the register list
(filtered to the unit's year) that a figure of the preview links to.

Each link uses the filters the register's own figures page links with, so that
the list shows exactly the records the figure counts (its total is the figure):

    figure_link("summary_penalties", town, 2023)
    # "/enforcement/cases/?procedure=summary&authority_source=own&decision_kind=penalty
    #  &decided_from=2023-01-01&decided_to=2023-12-31&org_unit=7"

A list is already limited to what the reader may see; where it has a unit filter
(the unit and everything under it), the link names the figure's unit too, so that
a county reader previewing one town's report sees that town's records only. Two entries are not one list: the reconsiderations and lawsuits (remedies) and
the leaders' duty link to their registers' figures page for the year."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from fazhi.core.models import OrgUnit


def _figures_page(name: str, year: int) -> str:
    return f"{reverse(name)}?year={year}"


def _study_sessions(unit: OrgUnit, year: int) -> str:
    from fazhi.education.definitions import study_sessions

    return study_sessions.filtered_url(counted="true", year=year, org_unit=unit.pk)


def _market_entities(unit: OrgUnit, year: int) -> str:
    from fazhi.services.definitions.market import entities

    return entities.filtered_url(registered_year=year, org_unit=unit.pk)


def _legal_advisor(unit: OrgUnit, year: int) -> str:
    from fazhi.decisions.definitions.advisor import advisors

    return advisors.filtered_url(year=year, org_unit=unit.pk)


def _contracts_reviewed(unit: OrgUnit, year: int) -> str:
    from fazhi.decisions.definitions.advisor import contracts

    return contracts.filtered_url(reviewed_year=year, org_unit=unit.pk)


def _advisor_trainings(unit: OrgUnit, year: int) -> str:
    from fazhi.decisions.definitions.advisor import activities
    from fazhi.decisions.statistics import TRAINING_KINDS

    return activities.filtered_url(kind=[str(k) for k in TRAINING_KINDS], year=year, org_unit=unit.pk)


def _advisor_meetings(unit: OrgUnit, year: int) -> str:
    from fazhi.decisions.choices import ActivityKind
    from fazhi.decisions.definitions.advisor import activities

    return activities.filtered_url(kind=str(ActivityKind.DECISION_MEETING), year=year, org_unit=unit.pk)


def _officers_trained(unit: OrgUnit, year: int) -> str:
    # The officers certified in the year (the figure's number).
    from fazhi.enforcement.definitions import officers

    return officers.filtered_url(certified_year=year, org_unit=unit.pk)


def _penalties(kind: str) -> Callable[[OrgUnit, int], str]:
    """The cases `penalty_figures` counts as `kind`: penalties decided in the year,
    summary or ordinary procedure of the town's own powers, or entrusted (either
    procedure)."""

    def link(unit: OrgUnit, year: int) -> str:
        from fazhi.enforcement.choices import DecisionKind
        from fazhi.enforcement.definitions import cases

        scope = (
            {"procedure": kind, "authority_source": "own"}
            if kind != "entrusted"
            else {"authority_source": "entrusted"}
        )
        return cases.filtered_url(
            **scope,
            decision_kind=str(DecisionKind.PENALTY),
            decided_from=f"{year:04d}-01-01",
            decided_to=f"{year:04d}-12-31",
            org_unit=unit.pk,
        )

    return link


def _campaign_aspects(unit: OrgUnit, year: int) -> str:
    # The campaigns of the year, whose problem categories the figure adds up.
    from fazhi.oversight.definitions import campaigns

    return campaigns.filtered_url(year=year, org_unit=unit.pk)


def _drills(unit: OrgUnit, year: int) -> str:
    from fazhi.emergency.definitions import drills

    return drills.filtered_url(year=year, org_unit=unit.pk)


def _mediation_committees(unit: OrgUnit, year: int) -> str:
    from fazhi.disputes.definitions.mediation import committees

    return committees.filtered_url(year=year, org_unit=unit.pk)


def _mediation_rooms(unit: OrgUnit, year: int) -> str:
    from fazhi.disputes.choices import RoomKind
    from fazhi.disputes.definitions.mediation import rooms

    return rooms.filtered_url(kind=[str(RoomKind.COURT), str(RoomKind.POLICE)], year=year, org_unit=unit.pk)


def _disputes_resolved(unit: OrgUnit, year: int) -> str:
    from fazhi.disputes.definitions.disputes import disputes

    return disputes.filtered_url(closed_year=year, org_unit=unit.pk)


def _remedies(unit: OrgUnit, year: int) -> str:
    # Two registers (reconsiderations and lawsuits): their figures page links to both.
    return _figures_page("disputes:remedy-figures", year)


def _outreach(unit: OrgUnit, year: int) -> str:
    from fazhi.education.definitions import outreach_events

    return outreach_events.filtered_url(year=year, org_unit=unit.pk)


def _legal_services(unit: OrgUnit, year: int) -> str:
    from fazhi.education.definitions import legal_services

    return legal_services.filtered_url(year=year, org_unit=unit.pk)


def _proactive_disclosure(unit: OrgUnit, year: int) -> str:
    from fazhi.oversight.supervision.definitions import disclosures

    return disclosures.filtered_url(published_year=year, org_unit=unit.pk)


def _proposals(unit: OrgUnit, year: int) -> str:
    # The proposals replied in the year: the satisfaction rate is of these.
    from fazhi.oversight.supervision.definitions import proposals

    return proposals.filtered_url(replied_year=year, org_unit=unit.pk)


def _rule_of_law_meetings(unit: OrgUnit, year: int) -> str:
    from fazhi.oversight.choices import MeetingKind
    from fazhi.oversight.duty.definitions import meetings

    return meetings.filtered_url(year=year, kind=str(MeetingKind.SPECIAL), org_unit=unit.pk)


def _rectifications(unit: OrgUnit, year: int) -> str:
    from fazhi.oversight.definitions import rectifications

    return rectifications.filtered_url(supervision="true", closed_year=year, org_unit=unit.pk)


def _leaders_duty(unit: OrgUnit, year: int) -> str:
    # Several numbers from several registers (duty_summary): the duty overview links each.
    return _figures_page("oversight:duty-overview", year)


LINKS: dict[str, Callable[[OrgUnit, int], str]] = {
    "study_sessions": _study_sessions,
    "market_entities": _market_entities,
    "legal_advisor": _legal_advisor,
    "contracts_reviewed": _contracts_reviewed,
    "advisor_trainings": _advisor_trainings,
    "advisor_meetings": _advisor_meetings,
    "officers_trained": _officers_trained,
    "summary_penalties": _penalties("summary"),
    "ordinary_penalties": _penalties("ordinary"),
    "entrusted_penalties": _penalties("entrusted"),
    "campaign_aspects": _campaign_aspects,
    "drills": _drills,
    "mediation_committees": _mediation_committees,
    "mediation_rooms": _mediation_rooms,
    "disputes_resolved": _disputes_resolved,
    "remedies": _remedies,
    "outreach": _outreach,
    "legal_services": _legal_services,
    "proactive_disclosure": _proactive_disclosure,
    "proposals": _proposals,
    "rule_of_law_meetings": _rule_of_law_meetings,
    "rectifications": _rectifications,
    "leaders_duty": _leaders_duty,
}


def figure_link(key: str, unit: OrgUnit, year: int) -> str:
    """The list of the records counted by figure `key` ("" when there is none)."""
    link = LINKS.get(key)
    return link(unit, year) if link is not None else ""
