"""The on-the-spot penalty ledger (当场处罚台账) in Excel, both ways.

Before Fazhi a town kept its summary penalties in a spreadsheet: one row a
decision. Importing that ledger turns each row into a case recorded on its
decision day, through the same action as a phone (`actions.record_on_the_spot`),
so every rule holds for it as for a new case: two certificates valid on the
day (第42条), the summary caps (第51条), on-the-spot collection only up to 100
yuan (第68条), the limitation period (第36条) counted to the decision day. A
ledger that gives the decision's 文号 keeps it; the body's sequence then moves
past it, so that no later case takes it again.

Exported, the ledger shows every case with the party masked. A row that
carries a 系统编号 is a case already registered: cases change only through
their steps (the full-process record, 第47条), so such a row imports as
"unchanged" when it matches the record and is refused, naming the columns that
differ, when it does not.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core import audit, masking
from fazhi.core.forms import guard_fields
from fazhi.enforcement.choices import PartyKind, PaymentStatus, PenaltyKind
from fazhi.enforcement.models import Case, Matter, Officer
from fazhi.law import RuleError
from fazhi.law.penalty import PENALTY_LAW

_CERTIFICATE_SEPARATORS = re.compile(r"[、,，;；/\s]+")


# -- cells -----------------------------------------------------------------------


def parse_matter(raw: Any, user: Any) -> int | None:
    """An enforcement matter by its code (执法事项编码)."""
    code = "" if raw is None else str(raw).strip()
    if not code:
        return None
    found = Matter.objects.visible_to(user).filter(code=code).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"执法事项编码“{code}”不在本镇的执法事项清单中")
    return found


def parse_officers(raw: Any, user: Any) -> list[int]:
    """Officers by certificate number, separated by 、 or commas: "50023501、50023502"."""
    numbers = [n for n in _CERTIFICATE_SEPARATORS.split("" if raw is None else str(raw).strip()) if n]
    if not numbers:
        return []
    found = dict(
        Officer.objects.visible_to(user)
        .filter(certificate_no__in=numbers)
        .values_list("certificate_no", "pk")
    )
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ValueError(f"执法证号{'、'.join(missing)}不在本镇的执法人员名册中")
    return list(dict.fromkeys(found[n] for n in numbers))


def party_number(case: Case) -> str:
    """The party's ID number (masked) or credit code, as the ledger shows it."""
    party = case.party
    if party.kind == PartyKind.INDIVIDUAL:
        return masking.mask_resident_id(party.resident_id) if party.resident_id else ""
    return party.uscc


def officer_numbers(case: Case) -> str:
    return "、".join(o.certificate_no for o in case.officers.all())


# -- the row -----------------------------------------------------------------------

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LedgerRowForm(forms.Form):
    """One row of the ledger, checked before anything is written."""

    decision_no = forms.CharField(label="决定书文号", max_length=100, required=False)
    matter = forms.ModelChoiceField(label="执法事项编码", queryset=Matter.objects.none())
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    party_name = forms.CharField(label="当事人", max_length=200)
    party_number = forms.CharField(label="证件号码", max_length=18, required=False)
    penalty_kind = forms.ChoiceField(
        label="处罚种类", choices=[(PenaltyKind.WARNING, "警告"), (PenaltyKind.FINE, "罚款")]
    )
    fine = forms.DecimalField(
        label="罚款（元）", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    officers = forms.ModelMultipleChoiceField(label="执法证号", queryset=Officer.objects.none())
    facts = forms.CharField(label="违法事实")
    place = forms.CharField(label="地点", max_length=200)
    occurred_on = forms.DateField(label="违法行为发生日")
    decided_on = forms.DateField(label="决定日")
    collected_on_spot = forms.BooleanField(label="当场收缴", required=False)
    paid_on = forms.DateField(label="缴款日", required=False)

    def __init__(self, data=None, instance=None, user=None, **kwargs):
        super().__init__(data=data, **kwargs)
        guard_fields(self)
        self.instance, self.user = instance, user
        self.fields["matter"].queryset = Matter.objects.visible_to(user)
        self.fields["officers"].queryset = Officer.objects.visible_to(user).select_related("person")

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "decision_no": case.decision_no, "matter": case.matter_id, "party_kind": case.party.kind,
            "party_name": case.party.masked_name, "party_number": party_number(case),
            "penalty_kind": case.penalty_kind, "fine": case.fine,
            "officers": [o.pk for o in case.officers.all()], "facts": case.facts, "place": case.place,
            "occurred_on": case.occurred_on, "decided_on": case.decided_on,
            "collected_on_spot": case.collected_on_spot, "paid_on": case.paid_on,
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        occurred, decided, paid = data.get("occurred_on"), data.get("decided_on"), data.get("paid_on")
        if decided and decided > timezone.localdate():
            self.add_error("decided_on", "决定日不能晚于今天")
        if occurred and decided and occurred > decided:
            self.add_error("decided_on", "决定日不能早于违法行为发生日")
        if paid and decided and paid < decided:
            self.add_error("paid_on", "缴款日不能早于决定日")
        if data.get("penalty_kind") == PenaltyKind.FINE and not data.get("fine"):
            self.add_error("fine", "处罚种类为罚款的，须填写罚款金额")
        if data.get("collected_on_spot") and paid and decided and paid != decided:
            self.add_error("paid_on", "当场收缴的，缴款日即决定日")
        return data


# -- writes ------------------------------------------------------------------------


@audit.audited
def import_row(*, actor: Any, data: dict[str, Any]) -> Case:
    """A ledger row as an on-the-spot case decided on its day; paid later when the
    row gives a payment day (then closed that day)."""
    from fazhi.enforcement import actions

    decided_on: dt.date = data["decided_on"]
    fields = {
        "matter": data["matter"], "party_kind": data["party_kind"], "party_name": data["party_name"],
        "party_id": data.get("party_number") or "", "penalty_kind": data["penalty_kind"],
        "fine": data.get("fine") or Decimal("0"), "officers": list(data["officers"]), "facts": data["facts"],
        "place": data["place"], "occurred_on": data["occurred_on"],
        "collected_on_spot": bool(data.get("collected_on_spot")),
    }  # fmt: skip
    case = actions.record_on_the_spot(
        actor=actor, fields=fields, on=decided_on, decision_no=(data.get("decision_no") or "").strip()
    )
    paid_on = data.get("paid_on")
    if paid_on and case.payment_status == PaymentStatus.DUE:
        case = actions.record_payment(case, actor=actor, amount=case.fine, on=paid_on)
        case = actions.close_case(case, actor=actor, on=paid_on)
    return case


# The columns a registered case must match to import unchanged, with their headers.
_COMPARED = {
    "decision_no": "决定书文号", "matter": "执法事项编码", "penalty_kind": "处罚种类", "fine": "罚款（元）",
    "officers": "执法证号", "facts": "违法事实", "place": "地点", "occurred_on": "违法行为发生日",
    "decided_on": "决定日", "collected_on_spot": "当场收缴", "paid_on": "缴款日",
}  # fmt: skip


def _comparable(field: str, value: Any) -> Any:
    if field == "officers":
        return sorted(v.pk if hasattr(v, "pk") else int(v) for v in value or [])
    if field == "matter":
        return value.pk if hasattr(value, "pk") else value
    if field == "fine":
        return Decimal(value or 0)
    if field in ("decision_no", "facts", "place"):
        return (value or "").strip()
    return value


def check_unchanged(case: Case, *, actor: Any, data: dict[str, Any]) -> Case:
    """A row of a registered case: unchanged, or refused (cases change by their steps)."""
    current = LedgerRowForm.initial_for(case)
    differs = [header for field, header in _COMPARED.items()
               if _comparable(field, current.get(field)) != _comparable(field, data.get(field))]  # fmt: skip
    if differs:
        raise RuleError(
            f"已登记的案件不能通过导入修改（{'、'.join(differs)}与系统记录不同），请在案件页面按程序办理",
            law=PENALTY_LAW, article=47, code="case_changed_by_import",
        )  # fmt: skip
    case.fazhi_changed = False
    return case
