"""The demo step: the 2023 road traffic and transport campaign with the seven
aspects the seed report counts, its problem list in every state, and four
evaluated case files, one failed on a veto item. A second run adds nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.deadlines import due_soon_for
from fazhi.core.models import AuditEvent, User
from fazhi.oversight import demo, selectors
from fazhi.oversight.choices import RectificationSource, RectificationStatus, ReviewGrade
from fazhi.oversight.models import Campaign, CaseFileReview, Rectification
from fazhi.oversight.tests.factories import closed_cases

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation (org tree, people, accounts) and a few 2023 cases closed by `officer`."""
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    closed_cases(context.objects["town"], 6, handler=User.objects.get(username="officer"))
    return context


def test_the_campaign_has_the_seven_aspects_of_the_report(ctx):
    demo.oversight(ctx)
    campaign = Campaign.objects.get(name=demo.CAMPAIGN)
    assert campaign.category_names() == [
        "逐利执法", "执法不规范", "执法方式简单僵化", "执法粗暴", "执法“寻租”", "投诉举报", "新闻曝光",
    ]  # fmt: skip
    figures = selectors.campaign_figures(campaign)
    assert len(figures["rows"]) == 7 and all(r.total >= 2 for r in figures["rows"])
    assert figures["totals"].total == len(demo.PROBLEMS) == 15


def test_the_problems_are_in_every_state_with_one_overdue_and_one_due_soon(ctx):
    demo.oversight(ctx)
    problems = Rectification.objects.filter(source=RectificationSource.CAMPAIGN)
    counts = {s: problems.filter(status=s).count() for s in RectificationStatus.values}
    assert counts == {"open": 1, "in_progress": 1, "submitted": 1, "closed": 12}
    today = timezone.localdate()
    late = [p for p in problems if p.status != RectificationStatus.CLOSED and p.due_on < today]
    assert len(late) == 1 and late[0].status == RectificationStatus.IN_PROGRESS
    soon = problems.get(status=RectificationStatus.OPEN)
    assert today < soon.due_on <= today + dt.timedelta(days=7)
    overdue, due_soon = due_soon_for(User.objects.get(username="leader"), today=today, working_days=10)
    assert overdue.count() >= 1 and due_soon.filter(object_id=str(soon.pk)).exists()
    rate = selectors.on_time_of(problems)
    assert (rate.closed, rate.on_time) == (12, 10)


def test_four_case_files_are_evaluated_one_failed_on_a_veto_item(ctx):
    demo.oversight(ctx)
    reviews = CaseFileReview.objects.all()
    assert reviews.count() == 4
    failed = reviews.get(vetoed=True)
    assert (failed.score, failed.grade) == (0, ReviewGrade.FAIL)
    assert {r.grade for r in reviews} >= {ReviewGrade.EXCELLENT, ReviewGrade.GOOD, ReviewGrade.FAIL}
    from_reviews = Rectification.objects.filter(source=RectificationSource.CASE_FILE_REVIEW)
    assert from_reviews.exists() and all(r.status == RectificationStatus.CLOSED for r in from_reviews)
    assert from_reviews.filter(object_id=str(failed.pk)).exists()


def test_a_second_run_adds_nothing(ctx):
    demo.oversight(ctx)
    counts = (Campaign.objects.count(), Rectification.objects.count(), CaseFileReview.objects.count())
    events = AuditEvent.objects.count()
    demo.oversight(ctx)
    assert (Campaign.objects.count(), Rectification.objects.count(), CaseFileReview.objects.count()) == counts
    assert AuditEvent.objects.count() == events


def test_every_item_submitted_for_close_out_has_a_file_of_evidence(ctx):
    from fazhi.core import files
    from fazhi.core.models import Attachment

    demo.oversight(ctx)
    submitted = Rectification.objects.filter(submitted_on__isnull=False)
    assert (
        submitted.count()
        == 1 + 12 + Rectification.objects.filter(source=RectificationSource.CASE_FILE_REVIEW).count()
    )
    assert all(selectors.evidence_count(item) == 1 for item in submitted)
    assert selectors.evidence_count(Rectification.objects.get(status=RectificationStatus.OPEN)) == 0
    # A real picture, kept and checked like any upload.
    attachment = Attachment.objects.filter(original_name="整改佐证材料.png").first()
    assert (
        attachment.mime == "image/png" and files.verified_path(attachment).read_bytes() == demo.evidence_png()
    )
