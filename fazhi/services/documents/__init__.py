"""The single window's documents (文书): the acceptance receipt (受理回执), the one-time
notice of missing materials (一次性告知书) and the refusal notice (不予受理通知书).

Each is a docxtpl template in `templates/` (made by `build_templates.py`, then
editable in Word), rendered through `fazhi.core.documents.generate` (stored by its
SM3 digest, its generation audited), and a print-friendly page with the same
values (`context.py`). They are handed to the applicant and name them in full:
only those who take applications at the window may make them.

Django is imported only in `context.py`: `python -m ...build_templates` imports this
package without settings."""

from __future__ import annotations

from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

RECEIPT, NOTICE, REFUSAL = "receipt", "notice", "refusal"
# kind -> (title, template file, GeneratedDocument.kind)
KINDS: dict[str, tuple[str, str, str]] = {
    RECEIPT: ("受理回执", "application_receipt.docx", "svc_receipt"),
    NOTICE: ("一次性告知书", "completeness_notice.docx", "svc_notice"),
    REFUSAL: ("不予受理通知书", "refusal_notice.docx", "svc_refusal"),
}


def title_of(kind: str) -> str:
    return KINDS[kind][0]


def template_of(kind: str) -> Path:
    return TEMPLATE_DIR / KINDS[kind][1]
