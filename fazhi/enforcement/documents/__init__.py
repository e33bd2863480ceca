"""The documents of a penalty case (执法文书), rendered from the .docx templates in
`templates/` (made by `build_templates.py`, then editable in Word).

Only the two decisions carry a 文号, both from the enforcement body's own
sequence (scheme "<body id>:decision", the one `actions._decision_number` uses),
so that summary and ordinary decisions of a body share one run of numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fazhi.core.models import GeneratedDocument
    from fazhi.enforcement.models import Case

# Django is imported inside the functions: `python -m ...build_templates` imports
# this package without settings.

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    title: str
    template: str
    numbered: bool = False

    @property
    def path(self) -> Path:
        return TEMPLATE_DIR / self.template


DOCUMENTS: dict[str, DocumentKind] = {
    d.kind: d
    for d in (
        DocumentKind("filing_approval", "立案审批表", "filing_approval.docx"),
        DocumentKind("summary_decision", "当场行政处罚决定书", "summary_decision.docx", numbered=True),
        DocumentKind("advance_notice", "行政处罚事先告知书", "advance_notice.docx"),
        DocumentKind("hearing_notice", "听证告知书", "hearing_notice.docx"),
        DocumentKind("legal_review", "法制审核意见书", "legal_review.docx"),
        DocumentKind("decision", "行政处罚决定书", "decision.docx", numbered=True),
        DocumentKind("service_receipt", "送达回证", "service_receipt.docx"),
        DocumentKind("closing_approval", "结案审批表", "closing_approval.docx"),
    )
}


def decision_scheme(case: Case) -> str:
    return f"{case.body_id}:decision"


def _document_number(case: Case, *, take: bool) -> str:
    """The decision's 文号: the case's own once decided; before that, the number an
    earlier draft of this case's decision already took; else (when `take`) the
    body's next number, else ""."""
    from django.utils import timezone

    from fazhi.core import documents
    from fazhi.core.models import GeneratedDocument

    if case.decision_no:
        return case.decision_no
    earlier = (
        GeneratedDocument.objects.filter(
            content_type__app_label="enforcement",
            content_type__model="case",
            object_id=str(case.pk),
            kind__in=[k for k, d in DOCUMENTS.items() if d.numbered],
        )
        .exclude(doc_number="")
        .order_by("-id")
        .values_list("doc_number", flat=True)
        .first()
    )
    if earlier or not take:
        return earlier or ""
    year = (case.decided_on or timezone.localdate()).year
    return case.body.number(year, documents.next_number(decision_scheme(case), year))


def generate_for_case(case: Case, kind: str, *, actor: Any) -> GeneratedDocument:
    """Render, keep and audit one document of `case`.

    Numbering: a decision takes case.decision_no when the case has one. A case not
    yet decided gets a number for the document only (the case is NOT saved here);
    the founder's `decide_case` action is what sets case.decision_no, and it should
    take the number from this document (`GeneratedDocument.doc_number`) rather than
    drawing a second one from the sequence. Until then, drafts of the same case's
    decision reuse the first number they took, so regenerating does not waste numbers.
    """
    from fazhi.core import documents
    from fazhi.core.registers.actions import ensure_in_scope
    from fazhi.enforcement.documents.context import case_context
    from fazhi.law import RuleError

    try:
        spec = DOCUMENTS[kind]
    except KeyError as exc:
        raise RuleError(f"没有这种文书：{kind}", code="document_kind_unknown") from exc
    ensure_in_scope(actor, case)
    context = case_context(case)
    # The header line shows this document's own number: blank on forms that have none.
    # Forms that cite the decision (送达回证, 结案审批表) get its number, never a new one.
    doc_number = _document_number(case, take=True) if spec.numbered else ""
    context["doc_number"] = doc_number
    context["decision_no"] = doc_number or _document_number(case, take=False)
    return documents.generate(
        case, kind=spec.kind, title=spec.title, template=spec.path, context=context, actor=actor,
        doc_number=doc_number,
    )  # fmt: skip
