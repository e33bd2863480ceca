"""The demo step of reconsideration and litigation: four 2023 cases against the town's
2023 decisions (two upheld, one withdrawn, one revoked whose rectification was closed
out), no lawsuit in 2023, and this year a reply and a defence due soon. A second run
adds nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.deadlines import due_soon_for
from fazhi.core.models import AuditEvent, Deadline, User
from fazhi.disputes.actions.remedies import rectifications_of
from fazhi.disputes.choices import ReconsiderationOutcome, ReconsiderationStatus
from fazhi.disputes.demo import remedies as demo
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.statistics.remedies import remedy_figures
from fazhi.enforcement import demo as enforcement_demo
from fazhi.oversight.choices import RectificationSource, RectificationStatus

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation and its 2023 enforcement cases."""
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    enforcement_demo.enforcement(context)
    return context


def test_the_demo_has_the_reports_cases_and_this_years_open_ones(ctx):
    demo.remedies(ctx)
    town = ctx.objects["town"]
    cases = Reconsideration.objects.filter(org_unit=town, copy_served_on__year=2023)
    assert cases.count() == 4
    assert all(c.enforcement_case is not None and c.enforcement_case.decided_on.year == 2023 for c in cases)
    assert sorted(c.outcome for c in cases) == sorted(["upheld", "upheld", "withdrawn", "revoked"])
    assert all(c.replied_on is not None and c.replied_on <= c.reply_due_on for c in cases)
    assert not Litigation.objects.filter(complaint_received_on__year=2023).exists()
    figures = remedy_figures(town, 2023)
    assert figures.reconsideration.received == 4 and figures.litigation.received == 0

    revoked = cases.get(outcome=ReconsiderationOutcome.REVOKED)
    assert revoked.enforcement_case.revoked_on is not None
    assert revoked.decided_on <= revoked.enforcement_case.revoked_on
    item = rectifications_of(revoked).get()
    assert item.source == RectificationSource.RECONSIDERATION and item.status == RectificationStatus.CLOSED
    assert item.closed_on_time

    today = timezone.localdate()
    waiting = Reconsideration.objects.get(org_unit=town, status=ReconsiderationStatus.RECEIVED)
    assert today <= waiting.reply_due_on <= today + dt.timedelta(days=10)
    suit = Litigation.objects.get(org_unit=town)
    assert today <= suit.defence_due_on <= today + dt.timedelta(days=10)
    _overdue, soon = due_soon_for(User.objects.get(username="fazhiban"), today=today, working_days=10)
    keys = set(soon.values_list("key", flat=True))
    assert {"reply", "defence"} <= keys
    assert Deadline.objects.filter(key="reply", closed_at__isnull=True).count() == 1

    counts = (Reconsideration.objects.count(), Litigation.objects.count(), AuditEvent.objects.count())
    demo.remedies(ctx)
    assert (Reconsideration.objects.count(), Litigation.objects.count(), AuditEvent.objects.count()) == counts
