"""Oversight records for tests, made through the actions (never saved by hand),
so that each has its deadline and audit events like a real one."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile

from fazhi.core import files
from fazhi.core.models import Attachment, User
from fazhi.core.tests.factories import user_with_role
from fazhi.enforcement.tests.factories import (
    individual_party,
    make_summary_case,
    officer_pair,
    summary_matter,
)
from fazhi.oversight import actions
from fazhi.oversight.choices import RectificationSource
from fazhi.oversight.models import Campaign, CaseFileReview, Rectification, ReviewRubric

_seq = itertools.count(1)
DUE = dt.date(2023, 9, 30)


def _user(username: str, role: str, town, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def office_of(town) -> User:
    """The town's rule-of-law office (法治办): keeps campaigns, rubrics and reviews."""
    return _user(f"office_{town.code}", "rule_of_law_office", town, "赵法治")


def leader_of(town) -> User:
    return _user(f"leader_{town.code}", "leader", town, "周领导")


def worker_of(town) -> User:
    """An officer who works on rectification items."""
    return _user(f"worker_{town.code}", "officer", town, "陈整改")


def make_rectification(
    town, *, due_on: dt.date = DUE, lead_leader=None, actor=None, **extra
) -> Rectification:
    data = {
        "org_unit": town,
        "source": RectificationSource.INSPECTION,
        "problem": f"督查发现的问题{next(_seq)}",
        "measures": "制定整改方案，按期整改",
        "lead_leader": lead_leader or leader_of(town),
        "due_on": due_on,
        **extra,
    }
    return actions.create_rectification(actor=actor or office_of(town), data=data)


def make_campaign(town, *, categories=("逐利执法", "执法不规范"), name: str | None = None) -> Campaign:
    return actions.create_campaign(actor=office_of(town), data={
        "org_unit": town, "name": name or f"专项整治{next(_seq)}", "starts_on": dt.date(2023, 4, 1),
        "ends_on": dt.date(2023, 10, 31), "description": "", "categories": list(categories),
    })  # fmt: skip


def campaign_problem(campaign: Campaign, category: str, **extra) -> Rectification:
    return make_rectification(campaign.org_unit, source=RectificationSource.CAMPAIGN, campaign=campaign,
                              category=campaign.categories.get(name=category), **extra)  # fmt: skip


# Enough of a PNG for the attachment check, which reads the type from the first bytes.
EVIDENCE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def attach_evidence(item: Rectification, *, actor=None, name: str = "整改照片.png") -> Attachment:
    """A file of evidence (佐证材料) on the item, as an officer uploads it: a submission needs one."""
    return files.store(ContentFile(EVIDENCE, name=name), actor=actor or worker_of(item.org_unit),
                       org_unit=item.org_unit, owner=item, description="整改佐证材料")  # fmt: skip


def close_out(item: Rectification, *, on: dt.date, town=None) -> Rectification:
    """Start, attach evidence and submit (by an officer), and close out (by a leader)
    on the day `on`."""
    town = town or item.org_unit
    item = actions.start_rectification(item, actor=worker_of(town), on=on)
    attach_evidence(item, actor=worker_of(town))
    item = actions.submit_rectification(item, actor=worker_of(town), on=on, result="已整改到位")
    return actions.close_out_rectification(item, actor=leader_of(town), on=on)


def rubric_of(town) -> ReviewRubric:
    return actions.create_default_rubric(actor=office_of(town), org_unit=town)


def handler_of(town) -> User:
    return _user(f"handler_{town.code}", "officer", town, "办案人")


def closed_cases(town, n: int, *, handler=None, officers=None, on: dt.date = dt.date(2023, 6, 1)) -> list:
    """`n` on-the-spot fines of 50 yuan collected on the spot: closed the same day."""
    handler = handler or handler_of(town)
    officers = officers or officer_pair(town, user=handler)
    matter, party = summary_matter(town), individual_party(town)
    return [
        make_summary_case(town, handler, on=on, matter=matter, party=party, officers=officers, fine=Decimal("50"),
                          collected_on_spot=True)
        for _ in range(n)
    ]  # fmt: skip


def start_review(town, case=None, *, evaluator=None, rubric=None, on: dt.date = dt.date(2023, 11, 6)):
    case = case or closed_cases(town, 1)[0]
    office = office_of(town)
    return actions.start_review(actor=office, data={"case": case, "rubric": rubric or rubric_of(town),
                                                    "evaluator": evaluator or office, "reviewed_on": on})  # fmt: skip


def answer_all(review: CaseFileReview, *, failed: tuple[str, ...] = (), deductions=()) -> CaseFileReview:
    """Record findings: every veto item passed but those titled in `failed`;
    `deductions` as (document title, kind, count)."""
    items = {i.title: i for i in review.rubric.items.all()}
    vetoes = [{"item": i, "passed": i.title not in failed, "note": "问题说明" if i.title in failed else ""}
              for i in review.rubric.items.filter(kind="veto")]  # fmt: skip
    rows = [{"item": items[t], "kind": k, "count": c, "note": ""} for t, k, c in deductions]
    return actions.record_findings(review, actor=office_of(review.org_unit), vetoes=vetoes, deductions=rows)
