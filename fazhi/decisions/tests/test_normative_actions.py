"""The steps of a normative document: each rule with its citation, the dates the
steps compute, and one audit event per step."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.models import AuditEvent, Deadline
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CleanupOutcome, DocumentStatus, ReviewOpinion
from fazhi.decisions.models import DecisionPolicy, NormativeDocument
from fazhi.decisions.tests.factories_normative import (
    days_ago,
    leader_of,
    make_approved,
    make_commenting,
    make_draft,
    make_historical,
    make_published,
    make_reviewing,
    office_of,
    reviewer_of,
)
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _events(doc):
    return list(
        AuditEvent.objects.filter(target_type="decisions.normativedocument", target_id=str(doc.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_document_goes_from_draft_to_publication_with_a_step_and_an_event_each(town_a):
    doc = make_published(town_a, filed_on=days_ago(5))
    assert doc.status == DocumentStatus.PUBLISHED
    assert [s.action for s in doc.steps.all()] == [
        "open_comment", "close_comment", "send_review", "pass_review", "deliberate", "issue", "publish", "file",
    ]  # fmt: skip
    verbs = ["created", "comment_opened", "comment_closed", "review_requested", "reviewed", "deliberated", "issued",
             "published", "filed"]  # fmt: skip
    assert _events(doc) == [f"decisions.normativedocument.{v}" for v in verbs]


def test_a_comment_period_under_30_days_is_refused_without_a_reason(town_a):
    doc = make_draft(town_a)
    start = TODAY()
    with pytest.raises(RuleError) as exc:
        actions.open_comment(
            doc, actor=office_of(town_a), starts_on=start, ends_on=start + dt.timedelta(days=20)
        )
    assert exc.value.code == "comment_period_too_short"
    assert "国办发〔2018〕37号" in str(exc.value) and "30日" in str(exc.value)
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocumentStatus.DRAFTING


def test_a_shorter_comment_period_is_accepted_with_its_reason(town_a):
    doc = make_draft(town_a)
    start = TODAY()
    doc = actions.open_comment(doc, actor=office_of(town_a), starts_on=start, ends_on=start + dt.timedelta(days=15),
                               short_reason="汛期安全需要尽快施行")  # fmt: skip
    assert doc.status == DocumentStatus.COMMENTING and doc.comment_short_reason == "汛期安全需要尽快施行"


def test_a_30_day_period_needs_no_reason(town_a):
    doc = make_draft(town_a)
    start = TODAY()
    doc = actions.open_comment(
        doc, actor=office_of(town_a), starts_on=start, ends_on=start + dt.timedelta(days=30)
    )
    assert doc.comment_ends_on == actions.comment_minimum_end(start) == start + dt.timedelta(days=30)


def test_comment_cannot_close_before_its_last_day(town_a):
    doc = make_commenting(town_a)
    with pytest.raises(RuleError) as exc:
        actions.close_comment(doc, actor=office_of(town_a))
    assert exc.value.code == "comment_still_open"


def test_a_document_affecting_the_public_needs_comment_or_a_recorded_reason(town_a):
    doc = make_draft(town_a, affects_public=True)
    with pytest.raises(RuleError) as exc:
        actions.send_review(doc, actor=office_of(town_a))
    assert exc.value.code == "comment_required" and "国办发〔2018〕37号" in str(exc.value)
    doc = actions.send_review(doc, actor=office_of(town_a), no_comment_reason="仅调整内部工作分工")
    assert doc.status == DocumentStatus.REVIEWING and doc.no_comment_reason == "仅调整内部工作分工"


def test_the_review_is_due_after_the_maximum_working_days_by_default(town_a):
    doc = make_reviewing(town_a, requested_on=days_ago(2))
    assert doc.review_due_on == workdays.add_working_days(days_ago(2), 15)
    assert Deadline.objects.filter(
        object_id=str(doc.pk), key="legality_review", due_date=doc.review_due_on
    ).exists()


@pytest.mark.parametrize("working_days", [4, 16])
def test_a_review_due_date_outside_the_towns_window_is_refused(town_a, working_days):
    doc = make_draft(town_a, affects_public=False)
    requested = days_ago(1)
    with pytest.raises(RuleError) as exc:
        actions.send_review(doc, actor=office_of(town_a), requested_on=requested,
                            due_on=workdays.add_working_days(requested, working_days))  # fmt: skip
    assert exc.value.code == "review_window" and "国办发〔2018〕115号" in str(exc.value)


def test_the_review_window_follows_the_towns_policy(town_a):
    DecisionPolicy.objects.create(org_unit=town_a, review_min_working_days=3, review_max_working_days=10)
    doc = make_draft(town_a, affects_public=False)
    requested = days_ago(1)
    doc = actions.send_review(doc, actor=office_of(town_a), requested_on=requested,
                              due_on=workdays.add_working_days(requested, 3))  # fmt: skip
    assert doc.review_due_on == workdays.add_working_days(requested, 3)


def test_an_unlawful_review_sends_the_draft_back_to_drafting(town_a):
    doc = make_reviewing(town_a)
    doc = actions.record_review(
        doc, actor=reviewer_of(town_a), opinion=ReviewOpinion.UNLAWFUL, text="超越职权"
    )
    assert doc.status == DocumentStatus.DRAFTING and doc.review_opinion == ReviewOpinion.UNLAWFUL


def test_only_the_reviewer_side_records_a_review(town_a, officer_town_a):
    doc = make_reviewing(town_a)
    with pytest.raises(PermissionDenied):
        actions.record_review(doc, actor=leader_of(town_a), opinion=ReviewOpinion.LAWFUL)


def test_only_a_leader_deliberates_and_only_after_a_lawful_review(town_a):
    doc = make_reviewing(town_a)
    with pytest.raises(RuleError) as exc:
        actions.deliberate(doc, actor=leader_of(town_a), meeting="常务会议")
    assert exc.value.code == "transition_forbidden"
    doc = actions.record_review(doc, actor=reviewer_of(town_a), opinion=ReviewOpinion.LAWFUL)
    with pytest.raises(PermissionDenied):
        actions.deliberate(doc, actor=office_of(town_a), meeting="常务会议")
    doc = actions.deliberate(doc, actor=leader_of(town_a), meeting="常务会议")
    assert doc.status == DocumentStatus.APPROVED


def test_a_document_number_is_unique_in_the_town(town_a):
    make_published(town_a, number="江府发〔2026〕1号")
    doc = make_approved(town_a)
    with pytest.raises(RuleError) as exc:
        actions.issue(doc, actor=leader_of(town_a), doc_number="江府发〔2026〕1号")
    assert exc.value.code == "doc_number_taken"


def test_publication_sets_the_filing_due_date_and_the_validity(town_a):
    published = dt.date(2026, 3, 2)
    doc = make_published(town_a, published_on=published)
    assert doc.filing_due_on == published + dt.timedelta(days=30)
    assert doc.valid_until == dt.date(2031, 3, 2) and doc.effective_on == published
    assert Deadline.objects.filter(object_id=str(doc.pk), key="filing", due_date=doc.filing_due_on).exists()


def test_the_filing_period_is_the_towns_own(town_a):
    DecisionPolicy.objects.create(org_unit=town_a, filing_days=15, validity_years=3)
    doc = make_published(town_a, published_on=dt.date(2026, 3, 2))
    assert doc.filing_due_on == dt.date(2026, 3, 17) and doc.valid_until == dt.date(2029, 3, 2)


def test_an_unfiled_document_past_its_due_date_is_overdue_and_a_late_filing_stays_late(town_a):
    doc = make_published(town_a, published_on=days_ago(40))
    assert doc.filing_state() == "逾期未备案"
    doc = actions.record_filing(doc, actor=office_of(town_a), filed_on=days_ago(1), filing_no="备1")
    assert doc.filing_state() == "逾期备案"
    assert Deadline.objects.get(object_id=str(doc.pk), key="filing").closed_at is not None
    with pytest.raises(RuleError) as exc:
        actions.record_filing(doc, actor=office_of(town_a))
    assert exc.value.code == "already_filed"


def test_a_clean_up_that_repeals_ends_the_document(town_a):
    doc = make_published(town_a)
    doc = actions.clean_up(doc, actor=office_of(town_a), outcome=CleanupOutcome.REPEAL, reason="已被替代")
    assert doc.status == DocumentStatus.REPEALED and doc.ended_on == TODAY() and not doc.is_citable
    assert doc.cleanups.get().outcome == CleanupOutcome.REPEAL
    assert _events(doc)[-1] == "decisions.normativedocument.repealed"


def test_a_clean_up_that_keeps_may_extend_the_validity(town_a):
    doc = make_published(town_a)
    later = doc.valid_until + dt.timedelta(days=365)
    doc = actions.clean_up(doc, actor=office_of(town_a), outcome=CleanupOutcome.KEEP, reason="继续适用",
                           valid_until=later)  # fmt: skip
    assert doc.status == DocumentStatus.PUBLISHED and doc.valid_until == later


def test_a_draft_can_be_abandoned_with_a_reason(town_a):
    doc = make_draft(town_a)
    with pytest.raises(RuleError):
        actions.abandon(doc, actor=leader_of(town_a), reason=" ")
    doc = actions.abandon(doc, actor=leader_of(town_a), reason="上级已出台规定")
    assert doc.status == DocumentStatus.ABANDONED and doc.end_reason == "上级已出台规定"


def test_a_draft_is_edited_but_a_published_document_changes_only_by_its_steps(town_a):
    office = office_of(town_a)
    draft = make_draft(town_a)
    draft = actions.update_document(draft, actor=office, data={"title": "新标题"})
    assert draft.title == "新标题"
    with pytest.raises(RuleError) as exc:
        actions.update_document(draft, actor=office, data={"doc_number": "江府发〔2026〕9号"})
    assert exc.value.code == "draft_has_issue_fields"
    doc = make_published(town_a)
    with pytest.raises(RuleError) as exc:
        actions.update_document(doc, actor=office, data={"title": "改名"})
    assert exc.value.code == "document_locked"
    same = actions.update_document(doc, actor=office, data={"title": doc.title, "source_note": "更正来源"})
    assert same.source_note == "更正来源"


def test_a_historical_document_is_registered_as_published_with_its_dates(town_a):
    doc = make_historical(town_a, published_on=dt.date(2023, 6, 1), filed_on=dt.date(2023, 6, 20))
    assert doc.status == DocumentStatus.PUBLISHED
    assert doc.filing_due_on == dt.date(2023, 7, 1) and doc.filing_state() == "按期备案"
    assert doc.valid_until == dt.date(2028, 6, 1)
    assert [s.action for s in doc.steps.all()] == ["issue", "publish", "file"]


def test_step_dates_cannot_be_in_the_future(town_a):
    doc = make_draft(town_a, affects_public=False)
    with pytest.raises(RuleError) as exc:
        actions.send_review(doc, actor=office_of(town_a), requested_on=TODAY() + dt.timedelta(days=1))
    assert exc.value.code == "date_in_future"
