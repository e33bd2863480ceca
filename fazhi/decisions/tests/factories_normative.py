"""Normative documents for tests, made through the actions (never saved by hand), so
that each has its steps, deadlines and audit events like a real one."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import ReviewOpinion, StepState
from fazhi.decisions.models import NormativeDocument

_seq = itertools.count(1)


def _user(username: str, role: str, town, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def office_of(town) -> User:
    """The town's rule-of-law office (法治办): drafts and runs the procedure."""
    return _user(f"nd_office_{town.code}", "rule_of_law_office", town, "赵法治")


def reviewer_of(town) -> User:
    return _user(f"nd_reviewer_{town.code}", "legal_reviewer", town, "李审核")


def leader_of(town) -> User:
    return _user(f"nd_leader_{town.code}", "leader", town, "周领导")


def make_draft(town, *, affects_public: bool = True, **extra) -> NormativeDocument:
    n = next(_seq)
    data = {"org_unit": town, "title": f"江口镇测试管理办法{n}", "affects_public": affects_public,
            "summary": "起草说明", "text": f"第一条　为规范管理，制定本办法。（测试{n}）", **extra}  # fmt: skip
    return actions.register_document(actor=office_of(town), data=data)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def make_commenting(town, *, starts_on: dt.date | None = None, ends_on: dt.date | None = None, **extra):
    """A draft open for comment, by default from 5 days ago for 30 days."""
    doc = make_draft(town, **extra)
    starts_on = starts_on or days_ago(5)
    ends_on = ends_on or actions.comment_minimum_end(starts_on)
    return actions.open_comment(doc, actor=office_of(town), starts_on=starts_on, ends_on=ends_on,
                                on=min(starts_on, timezone.localdate()))  # fmt: skip


def make_reviewing(town, *, requested_on: dt.date | None = None) -> NormativeDocument:
    doc = make_draft(town, affects_public=False)
    return actions.send_review(
        doc, actor=office_of(town), reviewer="司法所", requested_on=requested_on or days_ago(2)
    )


def make_approved(town, *, start: dt.date | None = None) -> NormativeDocument:
    """Commented, reviewed and deliberated, ready to issue; the steps start on `start`
    (default 120 days ago) and end about 50 days later."""
    start = start or days_ago(120)
    office, reviewer, leader = office_of(town), reviewer_of(town), leader_of(town)
    ends = actions.comment_minimum_end(start)
    doc = make_draft(town)
    doc = actions.open_comment(doc, actor=office, starts_on=start, ends_on=ends, on=start)
    doc = actions.close_comment(doc, actor=office, on=ends)
    doc = actions.send_review(doc, actor=office, reviewer="司法所", requested_on=ends + dt.timedelta(days=1))
    doc = actions.record_review(
        doc, actor=reviewer, opinion=ReviewOpinion.LAWFUL, on=ends + dt.timedelta(days=8)
    )
    return actions.deliberate(doc, actor=leader, meeting="镇政府常务会议", on=ends + dt.timedelta(days=12))


def make_published(town, *, published_on: dt.date | None = None, number: str | None = None, filed_on=None,
                   valid_until=None) -> NormativeDocument:  # fmt: skip
    """A published document (by default 30 days ago), filed when `filed_on` is given."""
    published_on = published_on or days_ago(30)
    doc = make_approved(town, start=published_on - dt.timedelta(days=90))
    leader = leader_of(town)
    doc = actions.issue(doc, actor=leader, doc_number=number or f"江府发〔2026〕{next(_seq)}号",
                        issued_on=published_on - dt.timedelta(days=2))  # fmt: skip
    doc = actions.publish(doc, actor=leader, published_on=published_on, valid_until=valid_until,
                          filing_authority="云阳县人民政府")  # fmt: skip
    if filed_on is not None:
        doc = actions.record_filing(doc, actor=office_of(town), filed_on=filed_on, filing_no="备2026-1")
    return doc


def make_historical(town, *, number: str | None = None, published_on=dt.date(2023, 6, 1), **extra):
    """A document issued before Fazhi, registered with its number and dates."""
    n = next(_seq)
    data = {"org_unit": town, "title": f"江口镇历史文件{n}", "text": "第一条　历史文件正文。",
            "doc_number": number or f"江府发〔2023〕{n}号", "issued_on": published_on - dt.timedelta(days=3),
            "published_on": published_on, "filing_authority": "云阳县人民政府", **extra}  # fmt: skip
    return actions.register_document(actor=office_of(town), data=data)


def make_decision_in_participation(town, *, starts_on=None, ends_on=None, state=StepState.STARTED):
    """A major decision of this year whose public participation step is under way (or,
    with `state`, not begun or already closed), made through the decisions' actions."""
    from fazhi.decisions.actions import major
    from fazhi.decisions.tests.factories_major import make_decision

    decision = make_decision(town, year=timezone.localdate().year, title=f"集镇改造方案{next(_seq)}",
                             summary="对集镇主街道进行改造提升。")  # fmt: skip
    if state == StepState.PENDING:
        return decision
    office = office_of(town)
    if state == StepState.DONE:
        starts_on, ends_on = days_ago(40), days_ago(5)
    starts_on = starts_on or days_ago(3)
    ends_on = ends_on or starts_on + dt.timedelta(days=30)
    major.start_public_participation(decision, actor=office, comment_starts_on=starts_on, comment_ends_on=ends_on,
                                     short_reason="" if (ends_on - starts_on).days >= 30 else "测试")  # fmt: skip
    if state == StepState.DONE:
        major.complete_public_participation(decision, actor=office, on=days_ago(4), summary="收到意见2条")
    return decision
