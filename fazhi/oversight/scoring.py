"""How a case file is scored (案卷评查, the Chongqing standard), in one place.

Pure Python. A file starts from full marks and loses points per finding in its
documents; any failed veto item fails the whole file: score 0, grade 不合格.
The grade cut-offs are the rubric's (`ReviewRubric.cutoffs()`); DEFAULT_CUTOFFS
are the common ones, which the Chongqing standard does not fix (reference-data.md
marks them unconfirmed), and the defaults of a new rubric.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fazhi.oversight.choices import DeductionKind, ReviewGrade

FULL_MARKS = 100

# Points lost per finding of each kind, unless the rubric says otherwise.
DEFAULT_POINTS = {
    DeductionKind.MISSING_DOCUMENT: 5,
    DeductionKind.MISSING_ELEMENT: 1,
    DeductionKind.WORDING_ERROR: 1,
}


@dataclass(frozen=True)
class Cutoffs:
    """The lowest score of each grade: 优秀 ≥ excellent, 良好 ≥ good, 合格 ≥ passing."""

    excellent: int = 90
    good: int = 80
    passing: int = 60

    def problems(self) -> list[str]:
        """What is wrong with these cut-offs, in Chinese (empty when they are usable)."""
        if not 0 < self.passing < self.good < self.excellent <= FULL_MARKS:
            return [f"等次分数线应满足 0 < 合格 < 良好 < 优秀 ≤ {FULL_MARKS}"]
        return []


DEFAULT_CUTOFFS = Cutoffs()


def total_score(deductions: Iterable[int]) -> int:
    """Full marks less the points deducted, never below zero."""
    return max(0, FULL_MARKS - sum(deductions))


def grade_for(score: int, *, vetoed: bool = False, cutoffs: Cutoffs = DEFAULT_CUTOFFS) -> str:
    if vetoed or score < cutoffs.passing:
        return ReviewGrade.FAIL
    if score >= cutoffs.excellent:
        return ReviewGrade.EXCELLENT
    if score >= cutoffs.good:
        return ReviewGrade.GOOD
    return ReviewGrade.PASS


def evaluate(
    *, vetoed: bool, deductions: Iterable[int], cutoffs: Cutoffs = DEFAULT_CUTOFFS
) -> tuple[int, str]:
    """(score, grade) of a file: a failed veto item scores 0 and fails whatever the documents."""
    score = 0 if vetoed else total_score(deductions)
    return score, grade_for(score, vetoed=vetoed, cutoffs=cutoffs)
