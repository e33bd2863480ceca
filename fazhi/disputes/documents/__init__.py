"""The mediation agreement (人民调解协议书) of a dispute resolved with a written
agreement, rendered from `templates/mediation_agreement.docx` (made by
`build_templates.py`, then editable in Word) through `fazhi.core.documents.generate`:
stored by its SM3 digest, numbered with the dispute's number, its generation audited.

The agreement is signed by the parties and carries their full particulars (name,
sex, age, ID number, address, phone): it is for the parties and the committee's
file, never a public page. Only those who mediate may generate it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fazhi.core.models import GeneratedDocument
    from fazhi.disputes.models import Dispute, DisputeParty

# Django is imported inside the functions: `python -m ...build_templates` imports
# this package without settings.

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
AGREEMENT_TEMPLATE = TEMPLATE_DIR / "mediation_agreement.docx"
KIND = "mediation_agreement"
TITLE = "人民调解协议书"


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def party_text(party: DisputeParty, n: int, on: dt.date) -> str:
    """One party's particulars as the agreement gives them, in full."""
    from fazhi.core.validators import birth_date_from_resident_id, sex_from_resident_id
    from fazhi.disputes.choices import PartyKind

    label = f"当事人{n}"
    if party.kind == PartyKind.ORGANISATION:
        parts = [f"{label}：{party.name}"]
        if party.address:
            parts.append(f"住所：{party.address}")
    else:
        parts = [f"{label}：{party.name}"]
        if party.resident_id:
            sex = {"male": "男", "female": "女"}.get(sex_from_resident_id(party.resident_id) or "", "")
            birth = birth_date_from_resident_id(party.resident_id)
            if sex:
                parts.append(sex)
            if birth:
                parts.append(f"{_age(birth, on)}岁")
            parts.append(f"公民身份号码：{party.resident_id}")
        if party.address:
            parts.append(f"住址：{party.address}")
    if party.phone:
        parts.append(f"联系电话：{party.phone}")
    return "，".join(parts) + "。"


def agreement_context(dispute: Dispute) -> dict[str, Any]:
    from fazhi.core import workdays
    from fazhi.law import RuleError

    parties = list(dispute.parties.all())
    on = dispute.resolved_on
    terms = [t.strip() for t in dispute.agreement_text.splitlines() if t.strip()]
    if dispute.confirmation_due_on:
        confirmation = (f"当事人认为有必要的，可以自本协议生效之日起三十日内（{chinese_date(dispute.confirmation_due_on)}前）"
                        "共同向人民法院申请司法确认（《中华人民共和国人民调解法》第三十三条）。")  # fmt: skip
    else:
        try:
            due = workdays.period_due(_period(), on)
            when = f"（{chinese_date(due)}前）"
        except RuleError:  # a year the calendar does not cover: the rule without the day
            when = ""
        confirmation = (f"当事人认为有必要的，可以自本协议生效之日起三十日内{when}共同向人民法院申请司法确认"
                        "（《中华人民共和国人民调解法》第三十三条）。")  # fmt: skip
    return {
        "body_name": dispute.committee.name if dispute.committee_id else "",
        "committee_name": dispute.committee.name if dispute.committee_id else "",
        "doc_number": f"编号：{dispute.number}",
        "parties": [party_text(p, i, on) for i, p in enumerate(parties, start=1)],
        "signers": [p.name for p in parties],
        "summary": " ".join(dispute.summary.split()),
        "terms": terms or [dispute.agreement_text.strip()],
        "mediators": "、".join(m.name for m in dispute.mediators.all()),
        "confirmation_text": confirmation,
        "copies": len(parties) + 1,
        "signed_on": chinese_date(on),
    }


def _period():
    from fazhi import law

    return law.period("mediation_judicial_confirmation")


def generate_agreement(dispute: Dispute, *, actor: Any) -> GeneratedDocument:
    """Render, keep and audit the dispute's mediation agreement."""
    from django.core.exceptions import PermissionDenied

    from fazhi.core import documents
    from fazhi.core.registers.actions import ensure_in_scope
    from fazhi.disputes.choices import AgreementForm
    from fazhi.disputes.workflow.disputes import MEDIATE
    from fazhi.law import RuleError

    if not actor.has_perm(MEDIATE):
        raise PermissionDenied("您的角色不能生成人民调解协议书")
    ensure_in_scope(actor, dispute)
    if dispute.agreement_form != AgreementForm.WRITTEN or dispute.resolved_on is None:
        raise RuleError("只有达成书面调解协议的纠纷可以生成人民调解协议书", code="no_written_agreement")
    return documents.generate(dispute, kind=KIND, title=TITLE, template=AGREEMENT_TEMPLATE,
                              context=agreement_context(dispute), actor=actor, doc_number=dispute.number)  # fmt: skip


def agreements_of(dispute: Dispute) -> list[GeneratedDocument]:
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import GeneratedDocument

    ct = ContentType.objects.get_for_model(dispute)
    return list(GeneratedDocument.objects.filter(content_type=ct, object_id=str(dispute.pk), kind=KIND)
                .order_by("-id")[:20])  # fmt: skip
