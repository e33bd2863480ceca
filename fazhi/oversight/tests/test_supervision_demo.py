"""The supervision demo step: Jiangkou's 2023 figures exactly as the report gives
them (row 19: 12 items published; row 20: 35 proposals replied, 100% satisfied;
row 22: inspection findings all closed out on time), this year's items in every
state the workbench warns about, everything written through the actions, and a
second run that adds nothing."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline
from fazhi.oversight import demo_supervision as demo
from fazhi.oversight import statistics_supervision as stats
from fazhi.oversight.choices import RectificationStatus
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal, Rectification
from fazhi.oversight.models.inspections import SUPERVISION_SOURCES

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation (org tree, people, accounts) and the supervision step."""
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    started = time.monotonic()
    demo.supervision(context)
    context.objects["supervision_seconds"] = time.monotonic() - started
    return context


def test_the_2023_figures_are_those_of_the_report(ctx):
    town = ctx.objects["town"]
    assert stats.proactive_published(town, 2023) == 12
    figures = stats.proposal_figures(town, 2023)
    assert (figures.replied, figures.satisfaction.rate) == (35, 1.0)
    rate = stats.inspection_close_out(town, 2023)
    assert rate.closed > 0 and rate.on_time == rate.closed


def test_most_of_the_2023_items_are_matters_of_article_21(ctx):
    by_category = stats.proactive_by_category(ctx.objects["town"], 2023)
    town_items = sum(n for _, n, town in by_category if town)
    assert town_items >= 7 and sum(n for _, n, _ in by_category) == 12


def test_the_2023_requests_include_one_extended(ctx):
    figures = stats.request_figures(ctx.objects["town"], 2023)
    assert (figures.received, figures.replied, figures.carried_forward) == (3, 3, 0)
    extended = InfoRequest.objects.get(extension_approved_on__isnull=False)
    assert extended.received_on.year == 2023 and extended.replied_on <= extended.reply_due_on


def test_this_year_has_an_item_due_soon_a_request_overdue_a_proposal_due_soon_and_an_open_finding(ctx):
    today = timezone.localdate()
    item = InfoItem.objects.get(published_on__isnull=True)
    assert today < item.due_on <= today + dt.timedelta(days=7)
    request = InfoRequest.objects.get(replied_on__isnull=True)
    assert request.reply_due_on < today and request.reply_state() == "已逾期"
    proposal = Proposal.objects.get(replied_on__isnull=True)
    assert today < proposal.reply_due_on <= today + dt.timedelta(days=7)
    finding = Rectification.objects.get(source__in=SUPERVISION_SOURCES, status=RectificationStatus.OPEN)
    assert finding.due_on > today and finding.org_unit == ctx.objects["town"]
    open_deadlines = Deadline.objects.filter(closed_at__isnull=True)
    for record in (item, request, proposal, finding):
        assert open_deadlines.filter(
            object_id=str(record.pk), content_type__model=record._meta.model_name
        ).exists()


def test_every_record_went_through_the_actions(ctx):
    assert AuditEvent.objects.filter(action="oversight.infoitem.created").count() == InfoItem.objects.count()
    assert (
        AuditEvent.objects.filter(action="oversight.inforequest.registered").count()
        == InfoRequest.objects.count()
    )
    assert (
        AuditEvent.objects.filter(action="oversight.proposal.registered").count() == Proposal.objects.count()
    )
    assert (
        AuditEvent.objects.filter(action="oversight.inspection.created").count() == Inspection.objects.count()
    )
    assert AuditEvent.objects.filter(action="oversight.proposal.extended").count() == 1
    closed = Rectification.objects.filter(status=RectificationStatus.CLOSED)
    assert AuditEvent.objects.filter(action="oversight.rectification.closed_out").count() == closed.count()


def test_the_invented_records_say_so(ctx):
    assert all("示例" in t for t in InfoItem.objects.values_list("title", flat=True))
    assert all("示例" in t for t in Proposal.objects.values_list("title", flat=True))
    assert all("示例" in t for t in Inspection.objects.values_list("title", flat=True))


def test_a_second_run_adds_nothing_and_the_step_is_quick(ctx):
    counts = [m.objects.count() for m in (InfoItem, InfoRequest, Proposal, Inspection, Rectification)]
    events = AuditEvent.objects.count()
    demo.supervision(ctx)
    assert [m.objects.count() for m in (InfoItem, InfoRequest, Proposal, Inspection, Rectification)] == counts
    assert AuditEvent.objects.count() == events
    assert ctx.objects["supervision_seconds"] < 30  # a few seconds on a shared two-core machine
