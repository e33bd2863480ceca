"""The portal's one write: an anonymous conduct rating, audited with no actor."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from fazhi.core import audit
from fazhi.enforcement.models import Case
from fazhi.law import RuleError
from fazhi.portal.models import ConductRating

ALREADY_RATED = "该案件已经评价过，感谢您的参与"


@audit.audited
def rate_conduct(case: Case, *, score: int, comment: str = "") -> ConductRating:
    """Record the public's rating of the officers in `case` (1–5 stars), once per case.
    The audit event keeps the score and the comment's length, not its text: a
    comment may hold personal data, and the audit record is append-only."""
    if not 1 <= int(score) <= 5:
        raise RuleError("评分应为1至5星", code="rating_score")
    comment = (comment or "").strip()[:500]
    if ConductRating.objects.filter(case=case).exists():
        raise RuleError(ALREADY_RATED, code="already_rated")
    try:
        with transaction.atomic():
            rating = ConductRating.objects.create(
                org_unit_id=case.org_unit_id, case=case, score=int(score), comment=comment
            )
    except IntegrityError as exc:  # rated by another request a moment ago
        raise RuleError(ALREADY_RATED, code="already_rated") from exc
    audit.record(
        actor=None,
        action="portal.conductrating.created",
        target=rating,
        new={"case": case.pk, "score": rating.score, "comment_chars": len(comment)},
    )
    return rating
