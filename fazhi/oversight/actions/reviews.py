"""Case-file evaluation (案卷评查): the default rubric, a review started on a
closed case, its findings, and its completion, which fixes the score and grade
and turns the findings into rectification items in the same transaction.

The enforcement case is read, never written."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import User
from fazhi.core.registers.actions import action_name, clean_record, ensure_in_scope, update_record
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import Case
from fazhi.law import RuleError
from fazhi.oversight import rubric_defaults, rules, scoring
from fazhi.oversight.actions.rectifications import create_rectification
from fazhi.oversight.choices import RectificationSource, ReviewStatus, RubricItemKind
from fazhi.oversight.models import (
    CaseFileReview,
    ReviewDeduction,
    ReviewRubric,
    ReviewVetoResult,
    RubricItem,
)

REVIEWABLE = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)


# -- the rubric ------------------------------------------------------------------------


@audit.audited
def create_default_rubric(*, actor: Any, org_unit) -> ReviewRubric:
    """The Chongqing standard as the unit's rubric, with its veto items and
    documents; the unit's existing copy when it has one."""
    found = ReviewRubric.objects.filter(org_unit=org_unit, name=rubric_defaults.CHONGQING_NAME).first()
    if found is not None:
        return found
    rubric = ReviewRubric(org_unit=org_unit, name=rubric_defaults.CHONGQING_NAME,
                          source_note=rubric_defaults.CHONGQING_NOTE)  # fmt: skip
    ensure_in_scope(actor, rubric)
    clean_record(rubric)
    rubric.save()
    items = [
        RubricItem(rubric=rubric, kind=RubricItemKind.VETO, position=n, title=t, guidance=g)
        for n, (t, g) in enumerate(rubric_defaults.VETO_ITEMS, start=1)
    ]
    items += [RubricItem(rubric=rubric, kind=RubricItemKind.DOCUMENT, position=n, title=t, guidance=g)
              for n, (t, g) in enumerate(rubric_defaults.DOCUMENT_ITEMS, start=1)]  # fmt: skip
    RubricItem.objects.bulk_create(items)
    new = {**audit.snapshot(rubric), "veto_items": len(rubric_defaults.VETO_ITEMS),
           "document_items": len(rubric_defaults.DOCUMENT_ITEMS)}  # fmt: skip
    audit.record(actor=actor, action=action_name(ReviewRubric, "created"), target=rubric, new=new)
    return rubric


# -- checks ----------------------------------------------------------------------------


def _check(actor: Any, *, case: Case, rubric: ReviewRubric, evaluator: Any) -> None:
    ensure_in_scope(actor, case)
    if case.status not in REVIEWABLE:
        raise RuleError("只能评查已结案或已归档的案卷", code="case_not_closed")
    if not rubric.is_active:
        raise RuleError("该评查标准已停用", code="rubric_inactive")
    if not case.org_unit.path.startswith(rubric.org_unit.path):
        raise RuleError("该评查标准不适用于案卷所属单位", code="rubric_out_of_scope")
    if not User.objects.visible_to(actor).filter(pk=evaluator.pk, is_active=True).exists():
        raise RuleError("评查人不存在或不在本单位管辖范围内", code="evaluator_out_of_scope")
    if not rules.may_evaluate(evaluator, case):
        raise RuleError("案件的主办人和执法人员不能评查本案卷，请另行指定评查人", code="evaluator_is_handler")


def _require_draft(review: CaseFileReview) -> None:
    if not review.is_draft:
        raise RuleError("该案卷评查已完成，不能再修改", code="review_completed")


# -- the review ------------------------------------------------------------------------


@audit.audited
def start_review(*, actor: Any, data: dict[str, Any]) -> CaseFileReview:
    """A draft review of a closed case by an evaluator who did not handle it."""
    case, rubric, evaluator = data["case"], data["rubric"], data["evaluator"]
    _check(actor, case=case, rubric=rubric, evaluator=evaluator)
    if CaseFileReview.objects.filter(case=case, status=ReviewStatus.DRAFT).exists():
        raise RuleError("该案卷已有正在进行的评查", code="review_in_progress")
    review = CaseFileReview(
        org_unit_id=case.org_unit_id, case=case, rubric=rubric, evaluator=evaluator, status=ReviewStatus.DRAFT,
        reviewed_on=data.get("reviewed_on") or timezone.localdate(), created_by=actor,
    )  # fmt: skip
    ensure_in_scope(actor, review)
    clean_record(review)
    review.save()
    audit.record(actor=actor, action=action_name(CaseFileReview, "created"), target=review,
                 new=audit.snapshot(review))  # fmt: skip
    return review


@audit.audited
def update_review(review: CaseFileReview, *, actor: Any, data: dict[str, Any]) -> CaseFileReview:
    """Change a draft's case, rubric, evaluator or date; the case and rubric only
    while no finding is recorded against them."""
    _require_draft(review)
    case, rubric = data.get("case", review.case), data.get("rubric", review.rubric)
    _check(actor, case=case, rubric=rubric, evaluator=data.get("evaluator", review.evaluator))
    has_findings = review.veto_results.exists() or review.deductions.exists()
    if has_findings and (case.pk != review.case_id or rubric.pk != review.rubric_id):
        raise RuleError("已录入评查结果的，不能更换案卷或评查标准", code="review_has_findings")
    if case.pk != review.case_id:
        if CaseFileReview.objects.filter(case=case, status=ReviewStatus.DRAFT).exclude(pk=review.pk).exists():
            raise RuleError("该案卷已有正在进行的评查", code="review_in_progress")
        data = {**data, "org_unit": case.org_unit}
    return update_record(review, actor=actor, data=data)


def _findings(review: CaseFileReview) -> dict[str, Any]:
    """The findings as the audit event keeps them."""
    return {
        "veto": {str(r.item_id): [r.passed, r.note] for r in review.veto_results.all()},
        "deductions": [[d.item_id, d.kind, d.count, d.points, d.note] for d in review.deductions.all()],
        "summary": review.summary,
    }


@audit.audited
def record_findings(review: CaseFileReview, *, actor: Any, vetoes: list[dict[str, Any]],
                    deductions: list[dict[str, Any]], summary: str = "") -> CaseFileReview:  # fmt: skip
    """Replace a draft's findings: `vetoes` [{item, passed, note}] for veto items,
    `deductions` [{item, kind, count, note}] for documents. A deduction costs
    count × the rubric's points for its kind."""
    ensure_in_scope(actor, review)
    review = CaseFileReview.objects.select_for_update().select_related("rubric").get(pk=review.pk)
    _require_draft(review)
    rubric = review.rubric
    items = {i.pk: i for i in rubric.items.filter(is_active=True)}
    veto_rows, deduction_rows, seen = [], [], set()
    for v in vetoes:
        item = items.get(getattr(v["item"], "pk", v["item"]))
        if item is None or item.kind != RubricItemKind.VETO:
            raise RuleError("否决项不属于本案卷评查所用的评查标准", code="item_not_in_rubric")
        if item.pk in seen:
            raise RuleError(f"否决项“{item.title}”重复评查", code="item_duplicate")
        seen.add(item.pk)
        veto_rows.append(ReviewVetoResult(review=review, item=item, passed=bool(v["passed"]),
                                          note=(v.get("note") or "").strip()[:500]))  # fmt: skip
    for d in deductions:
        item = items.get(getattr(d["item"], "pk", d["item"]))
        if item is None or item.kind != RubricItemKind.DOCUMENT:
            raise RuleError("扣分的文书不属于本案卷评查所用的评查标准", code="item_not_in_rubric")
        count = int(d.get("count") or 1)
        if count < 1:
            raise RuleError("扣分处数至少为1", code="count_invalid")
        deduction_rows.append(ReviewDeduction(review=review, item=item, kind=d["kind"], count=count,
                                              points=count * rubric.points_for(d["kind"]),
                                              note=(d.get("note") or "").strip()[:500]))  # fmt: skip
    before = _findings(review)
    review.veto_results.all().delete()
    review.deductions.all().delete()
    ReviewVetoResult.objects.bulk_create(veto_rows)
    ReviewDeduction.objects.bulk_create(deduction_rows)
    review.summary = (summary or "").strip()
    review.save(update_fields=["summary", "updated_at"])
    audit.record(actor=actor, action=action_name(CaseFileReview, "findings_recorded"), target=review,
                 old=before, new=_findings(review))  # fmt: skip
    return review


def _problems(review: CaseFileReview) -> list[str]:
    """One rectification problem per failed veto item and per document that lost points."""
    ref = review.case.decision_no or f"案件{review.case_id}"
    problems = [
        f"案卷{ref}评查否决项不通过：{r.item.title}" + (f"。{r.note}" if r.note else "")
        for r in review.veto_results.select_related("item").filter(passed=False)
    ]
    by_item: dict[RubricItem, list[ReviewDeduction]] = defaultdict(list)
    for d in review.deductions.select_related("item"):
        by_item[d.item].append(d)
    for item, found in sorted(by_item.items(), key=lambda pair: pair[0].position):
        details = "；".join(
            f"{d.get_kind_display()}{d.count}处" + (f"（{d.note}）" if d.note else "") for d in found
        )
        problems.append(f"案卷{ref}文书扣分：{item.title}，{details}，共扣{sum(d.points for d in found)}分")
    return problems


@audit.audited
def complete_review(review: CaseFileReview, *, actor: Any, lead_leader: Any = None, responsible_post: Any = None,
                    on: dt.date | None = None) -> CaseFileReview:  # fmt: skip
    """Fix the score and grade (scoring.evaluate: a failed veto item scores 0,
    不合格) and, when the file has findings, create their rectification items
    (source 案卷评查, due the rubric's days after completion, led by `lead_leader`)."""
    on = on or timezone.localdate()
    ensure_in_scope(actor, review)
    review = (
        CaseFileReview.objects.select_for_update()
        .select_related("rubric", "case__org_unit")
        .get(pk=review.pk)
    )
    _require_draft(review)
    rubric = review.rubric
    _check(actor, case=review.case, rubric=rubric, evaluator=review.evaluator)
    if on < review.reviewed_on:
        raise RuleError("完成日期不能早于评查日期", code="date_before_review")
    if on > timezone.localdate():
        raise RuleError("日期不能晚于今天", code="date_in_future")
    answered = set(review.veto_results.values_list("item_id", flat=True))
    missing = [
        i.title for i in rubric.items.filter(kind=RubricItemKind.VETO, is_active=True) if i.pk not in answered
    ]
    if missing:
        raise RuleError(f"尚有{len(missing)}个否决项未评查：{'、'.join(missing)}", code="vetoes_incomplete")
    vetoed = review.veto_results.filter(passed=False).exists()
    points = list(review.deductions.values_list("points", flat=True))
    score, grade = scoring.evaluate(vetoed=vetoed, deductions=points, cutoffs=rubric.cutoffs())
    problems = _problems(review) if vetoed or points else []
    if problems:
        if lead_leader is None:
            raise RuleError("案卷存在问题，须指定整改牵头领导", code="lead_leader_required")
        if not User.objects.visible_to(actor).filter(pk=lead_leader.pk, is_active=True).exists():
            raise RuleError("整改牵头领导不存在或不在本单位管辖范围内", code="lead_leader_out_of_scope")
    before = {"status": review.status, "score": None, "grade": "", "vetoed": False, "completed_on": None}
    review.status, review.completed_on, review.score, review.grade, review.vetoed = (
        ReviewStatus.COMPLETED,
        on,
        score,
        grade,
        vetoed,
    )
    review.lead_leader = lead_leader if problems else None
    clean_record(review)
    review.save()
    audit.record(actor=actor, action=action_name(CaseFileReview, "completed"), target=review, old=before,
                 new={"status": review.status, "score": score, "grade": grade, "vetoed": vetoed,
                      "completed_on": on.isoformat(), "rectifications": len(problems)})  # fmt: skip
    due = on + dt.timedelta(days=rubric.rectification_days)
    content_type = ContentType.objects.get_for_model(CaseFileReview)
    for problem in problems:
        create_rectification(actor=actor, data={
            "org_unit": review.org_unit, "source": RectificationSource.CASE_FILE_REVIEW,
            "content_type": content_type, "object_id": str(review.pk), "source_label": str(review)[:200],
            "problem": problem, "lead_leader": lead_leader, "responsible_post": responsible_post, "due_on": due,
        })  # fmt: skip
    return review
