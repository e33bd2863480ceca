"""Figures of the supervision records for a unit and a year: the items of
government information proactively published (report-figures row 19), the
proposals replied and the deputies' satisfaction (row 20), the on-time close-out
of inspection findings (row 22), and the statistics of the annual report on
government information disclosure (政府信息公开条例第50条).

Every count is bounded by the unit's subtree (one prefix match on OrgUnit.path, as
a subquery) and by the year as a date range, so that it reads the (org unit,
date) index of its table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.oversight import selectors
from fazhi.oversight.choices import TOWN_INFO_CATEGORIES, InfoCategory, RequestReply, Satisfaction
from fazhi.oversight.models import InfoItem, InfoRequest, Proposal
from fazhi.oversight.models.inspections import SUPERVISION_SOURCES

SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASIC)


def _units(unit: OrgUnit) -> QuerySet:
    return subtree_ids(unit.path)


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass(frozen=True)
class Share:
    """A part of a whole: `part` of `whole`, with the share (None when nothing to count)."""

    part: int
    whole: int

    @property
    def rate(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def percent(self) -> str:
        if self.rate is None:
            return "—"
        text = f"{self.rate * 100:.1f}".removesuffix(".0")
        return f"{text}%"


# -- row 19: proactive disclosure ------------------------------------------------------------------


def published_items(unit: OrgUnit, year: int) -> QuerySet:
    """Items of `unit` and the units under it published in `year` (whatever became of
    them afterwards: a later withdrawal does not undo the publication)."""
    start, end = _year(year)
    return InfoItem.objects.filter(org_unit__in=_units(unit), published_on__gte=start, published_on__lte=end)


def proactive_published(unit: OrgUnit, year: int) -> int:
    """Row 19: items of government information proactively published in the year."""
    return published_items(unit, year).count()


def proactive_by_category(unit: OrgUnit, year: int) -> list[tuple[str, int, bool]]:
    """(category label, items published in the year, whether a town category of 第21条),
    for every category that has items, in the order of the choices."""
    counts = dict(
        published_items(unit, year).values("category").annotate(n=Count("id")).values_list("category", "n")
    )
    return [
        (c.label, counts[c.value], c in TOWN_INFO_CATEGORIES) for c in InfoCategory if counts.get(c.value)
    ]


# -- row 20: deputies' suggestions and CPPCC proposals ---------------------------------------------


def replied_proposals(unit: OrgUnit, year: int) -> QuerySet:
    start, end = _year(year)
    return Proposal.objects.filter(org_unit__in=_units(unit), replied_on__gte=start, replied_on__lte=end)


def proposals_replied(unit: OrgUnit, year: int) -> int:
    """Row 20: suggestions and proposals replied in the year."""
    return replied_proposals(unit, year).count()


def proposal_satisfaction(unit: OrgUnit, year: int) -> Share:
    """Row 20: the usual 满意率 of the proposals replied in the year: those whose
    deputy or member was satisfied or basically satisfied, of those rated."""
    row = replied_proposals(unit, year).aggregate(
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED)),
    )
    return Share(row["satisfied"], row["rated"])


@dataclass(frozen=True)
class ProposalFigures:
    year: int
    replied: int
    deputies: int  # of them, deputies' suggestions
    cppcc: int  # of them, CPPCC proposals
    satisfaction: Share


def proposal_figures(unit: OrgUnit, year: int) -> ProposalFigures:
    """Row 20 in one read: replied (by kind) and the satisfaction rate."""
    row = replied_proposals(unit, year).aggregate(
        replied=Count("id"),
        deputies=Count("id", filter=Q(kind="deputy")),
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED)),
    )
    return ProposalFigures(year, row["replied"], row["deputies"], row["replied"] - row["deputies"],
                           Share(row["satisfied"], row["rated"]))  # fmt: skip


# -- row 22: inspection findings closed out on time ------------------------------------------------


def inspection_close_out(unit: OrgUnit, year: int) -> selectors.OnTimeRate:
    """Row 22: the findings of inspections, appraisals and judicial suggestions closed
    out in the year, and the share closed out on or before their due date."""
    start, end = _year(year)
    return selectors.on_time_rate(unit, start, end, source__in=SUPERVISION_SOURCES)


# -- the annual report on government information disclosure (第50条) -------------------------------


@dataclass(frozen=True)
class RequestFigures:
    received: int  # new requests received in the year
    carried_over: int  # received earlier, still unanswered on 1 January
    replies: list[tuple[str, int]]  # replies given in the year, by kind (every kind, in order)
    replied: int
    carried_forward: int  # received by 31 December, still unanswered at the year's end


def request_figures(unit: OrgUnit, year: int) -> RequestFigures:
    start, end = _year(year)
    qs = InfoRequest.objects.filter(org_unit__in=_units(unit))
    received = qs.filter(received_on__gte=start, received_on__lte=end).count()
    open_at = qs.filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
    carried_over = open_at.filter(received_on__lt=start).count()
    by_kind = dict(
        qs.filter(replied_on__gte=start, replied_on__lte=end)
        .values("reply_kind")
        .annotate(n=Count("id"))
        .values_list("reply_kind", "n")
    )
    forward = (
        qs.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end)).count()
    )
    replies = [(k.label, by_kind.get(k.value, 0)) for k in RequestReply]
    return RequestFigures(received, carried_over, replies, sum(by_kind.values()), forward)


@dataclass(frozen=True)
class DisclosureReport:
    """The figures of the five parts of the annual report (第50条): proactive
    disclosure, requests, reconsideration and litigation over disclosure, the
    problems and improvements (written by people: no figure), and other matters
    (fees charged)."""

    year: int
    proactive_total: int
    proactive: list[tuple[str, int, bool]]
    requests: RequestFigures
    reconsiderations: int = 0
    litigations: int = 0
    fees: int = 0
    notes: list[str] = field(default_factory=list)


def _remedies_about_disclosure(unit: OrgUnit, year: int, model_name: str, date_field: str) -> int:
    from django.apps import apps

    model = apps.get_model("disputes", model_name)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return model.objects.filter(
        org_unit__in=subtree_ids(unit.path),
        about_disclosure=True, **{f"{date_field}__gte": start, f"{date_field}__lte": end},
    ).count()  # fmt: skip


def disclosure_report(unit: OrgUnit, year: int) -> DisclosureReport:
    by_category = proactive_by_category(unit, year)
    return DisclosureReport(
        year=year,
        proactive_total=sum(n for _, n, _ in by_category),
        proactive=by_category,
        requests=request_figures(unit, year),
        # Cases received in the year that the disputes registers mark as about disclosure.
        reconsiderations=_remedies_about_disclosure(unit, year, "Reconsideration", "copy_served_on"),
        litigations=_remedies_about_disclosure(unit, year, "Litigation", "complaint_received_on"),
        # The town charges no fee for answering requests (第42条); no register records one.
        fees=0,
        notes=[
            "因政府信息公开被申请行政复议、提起行政诉讼的件数，取自行政复议、行政诉讼台账中标注“涉及政府信息公开”的案件。"
        ],
    )
