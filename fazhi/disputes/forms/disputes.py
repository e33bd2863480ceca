"""Forms of disputes: registration (with a formset of parties), the phone's short form
for grid workers, one form per step (the page and the API share them), and one row
of the Excel ledger."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.forms import RegisterForm, guard_fields
from fazhi.disputes.actions.disputes import EDITABLE, VILLAGE_KINDS, villages_for
from fazhi.disputes.choices import (
    AgreementForm,
    ConfirmationResult,
    DisputeCategory,
    DisputeSource,
    DisputeStatus,
    PartyKind,
    Referral,
    RiskLevel,
)
from fazhi.disputes.models import Dispute, DisputeParty, MediationCommittee, MediationRoom, Mediator

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _style(form: forms.BaseForm) -> None:
    for f in form.fields.values():
        widget = f.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        widget.attrs.setdefault("class", css)


def committees_for(user: Any):
    return (
        MediationCommittee.objects.visible_to(user)
        .select_related("org_unit")
        .order_by("org_unit__path", "name")
    )


def own_village(user: Any):
    """The village of an account placed on a village or community, or on one of its grids."""
    unit = getattr(user, "org_unit", None)
    if unit is None:
        return None
    if unit.kind in VILLAGE_KINDS:
        return unit
    if unit.kind == OrgKind.GRID:
        return villages_for(user).last()
    return None


# -- registration and edits ------------------------------------------------------------------


class DisputeForm(RegisterForm):
    """What is registered about a dispute; the registration date only when it is new."""

    class Meta:
        model = Dispute
        fields = ["village", "source", "category", "risk_level", "summary", "amount", "people_involved",
                  "registered_on"]  # fmt: skip
        widgets = {"registered_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_for(self.user)
        self.fields["village"].required = True
        # Left out (an API request), they take the model's defaults.
        self.fields["risk_level"].required = self.fields["people_involved"].required = False
        if self.instance.pk:
            del self.fields["registered_on"]
        else:
            self.fields["registered_on"].initial = timezone.localdate()
            village = own_village(self.user)
            if village is not None:
                self.fields["village"].initial = village.pk

    def clean_risk_level(self) -> str:
        return self.cleaned_data.get("risk_level") or RiskLevel.LOW

    def clean_people_involved(self) -> int:
        return self.cleaned_data.get("people_involved") or 2

    def _post_clean(self):
        # The unit that keeps the record is worked out by the action from the village.
        if self.instance.org_unit_id is None:
            village = self.cleaned_data.get("village")
            if village is not None:
                self.instance.org_unit = village
        super()._post_clean()


class PartyForm(forms.ModelForm):
    class Meta:
        model = DisputeParty
        fields = ["kind", "name", "resident_id", "phone", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["resident_id"].help_text = ""

    def clean_resident_id(self) -> str:
        return (self.cleaned_data.get("resident_id") or "").strip().upper()

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()


PartyFormSet = forms.formset_factory(PartyForm, extra=1, min_num=1, validate_min=True, can_delete=True)


def party_formset(data=None, *, dispute: Dispute | None = None):
    initial = None
    if dispute is not None and data is None:
        initial = [{f: getattr(p, f) for f in PartyForm.Meta.fields} for p in dispute.parties.all()]
    return PartyFormSet(data, initial=initial, prefix="parties",
                        error_messages={"too_few_forms": "请至少登记一方当事人"})  # fmt: skip


def parties_of(formset) -> list[dict[str, Any]]:
    return [f.cleaned_data for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")]  # fmt: skip


class PhoneDisputeForm(forms.Form):
    """A grid worker's registration on a phone: the village (their own, preselected), what
    happened, and one party, a second if there is one."""

    village = forms.ModelChoiceField(label="发生村（社区）", queryset=None)
    category = forms.ChoiceField(label="纠纷类别", choices=DisputeCategory.choices)
    risk_level = forms.ChoiceField(label="激化风险", choices=RiskLevel.choices, initial=RiskLevel.LOW)
    summary = forms.CharField(label="纠纷简要情况", widget=forms.Textarea(attrs={"rows": 3}))
    party_name = forms.CharField(label="当事人姓名", max_length=100)
    party_phone = forms.CharField(label="当事人电话", max_length=32, required=False)
    other_name = forms.CharField(label="另一方当事人", max_length=100, required=False)
    other_phone = forms.CharField(label="另一方电话", max_length=32, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["village"].queryset = villages_for(user)
        village = own_village(user)
        if village is not None:
            self.fields["village"].initial = village.pk
        _style(self)
        for name in ("party_phone", "other_phone"):
            self.fields[name].widget.input_type = "tel"
            self.fields[name].widget.attrs["inputmode"] = "tel"

    def dispute_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"village": d["village"], "source": DisputeSource.GRID, "category": d["category"],
                "risk_level": d["risk_level"], "summary": d["summary"], "registered_on": timezone.localdate()}  # fmt: skip

    def parties(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        rows = [{"name": d["party_name"], "phone": d.get("party_phone", "")}]
        if d.get("other_name"):
            rows.append({"name": d["other_name"], "phone": d.get("other_phone", "")})
        return rows


# -- the steps ------------------------------------------------------------------------------


class StepForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=DATE, help_text="不填为今天")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _style(self)


class NoteStepForm(StepForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(NoteStepForm):
    committee = forms.ModelChoiceField(label="承办调解委员会", queryset=MediationCommittee.objects.none())
    mediators = forms.ModelMultipleChoiceField(label="调解员", queryset=Mediator.objects.none(),
                                               widget=forms.SelectMultiple(attrs={"size": 5}))  # fmt: skip
    room = forms.ModelChoiceField(label="调解室", queryset=MediationRoom.objects.none(), required=False)

    field_order = ["committee", "mediators", "room", "on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees_for(self.user).filter(dissolved_on__isnull=True)
        self.fields["mediators"].queryset = (Mediator.objects.visible_to(self.user).filter(left_on__isnull=True)
                                             .select_related("committee").order_by("committee__name", "name"))  # fmt: skip
        self.fields["room"].queryset = MediationRoom.objects.visible_to(self.user).filter(
            closed_on__isnull=True
        )


class ResolveForm(StepForm):
    agreement_form = forms.ChoiceField(label="协议形式", choices=AgreementForm.choices)
    agreement_text = forms.CharField(label="协议内容", widget=forms.Textarea(attrs={"rows": 4}))
    confirmation_wanted = forms.BooleanField(label="当事人拟共同申请司法确认（书面协议）", required=False)


class FailForm(StepForm):
    referral = forms.ChoiceField(label="处理方式", choices=Referral.choices)
    referral_note = forms.CharField(
        label="处理情况", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConfirmationResultForm(NoteStepForm):
    confirmation_result = forms.ChoiceField(label="司法确认结果", choices=ConfirmationResult.choices)


class FollowUpForm(StepForm):
    note = forms.CharField(label="回访情况", widget=forms.Textarea(attrs={"rows": 2}))


STEP_FORMS: dict[str, type[StepForm]] = {
    "assign": AssignForm,
    "start": NoteStepForm,
    "resolve": ResolveForm,
    "fail": FailForm,
    "apply_confirmation": NoteStepForm,
    "confirmation_result": ConfirmationResultForm,
    "follow_up": FollowUpForm,
    "close": NoteStepForm,
}


# -- a row of the Excel ledger ------------------------------------------------------------------

OUTCOMES = [(DisputeStatus.RESOLVED.value, DisputeStatus.RESOLVED.label),
            (DisputeStatus.UNRESOLVED.value, DisputeStatus.UNRESOLVED.label)]  # fmt: skip
PARTY_SLOTS = ("party1", "party2")
PARTY_MASKS = {"name": None, "resident_id": masking.mask_resident_id, "phone": masking.mask_phone,
               "address": masking.mask_address}  # fmt: skip
# Filled in for a dispute closed before Fazhi; all of these, or none.
HISTORY_REQUIRED = ("committee", "mediator_names", "resolved_on", "outcome", "follow_up_on", "follow_up_note",
                    "closed_on")  # fmt: skip


class DisputeLedgerForm(forms.Form):
    """One row of the ledger (矛盾纠纷台账), checked before anything is written. Without
    a 系统编号 it is a new dispute; with the result, the follow-up and the close it is a
    dispute the town closed before Fazhi. Labels are the ledger's column headers."""

    number = forms.CharField(label="编号", max_length=40, required=False)
    village = forms.ModelChoiceField(label="发生村（社区）", queryset=None)
    source = forms.ChoiceField(label="来源", choices=DisputeSource.choices)
    category = forms.ChoiceField(label="类别", choices=DisputeCategory.choices)
    risk_level = forms.ChoiceField(label="激化风险", choices=RiskLevel.choices, required=False)
    summary = forms.CharField(label="纠纷简要情况")
    amount = forms.DecimalField(
        label="涉及金额（元）", min_value=0, max_digits=14, decimal_places=2, required=False
    )
    people_involved = forms.IntegerField(label="涉及人数", min_value=1, required=False)
    registered_on = forms.DateField(label="登记日期")
    party1_kind = forms.ChoiceField(label="当事人一类型", choices=PartyKind.choices, required=False)
    party1_name = forms.CharField(label="当事人一", max_length=100)
    party1_resident_id = forms.CharField(label="当事人一公民身份号码", max_length=18, required=False)
    party1_phone = forms.CharField(label="当事人一联系电话", max_length=32, required=False)
    party1_address = forms.CharField(label="当事人一住址", max_length=200, required=False)
    party2_kind = forms.ChoiceField(label="当事人二类型", choices=PartyKind.choices, required=False)
    party2_name = forms.CharField(label="当事人二", max_length=100, required=False)
    party2_resident_id = forms.CharField(label="当事人二公民身份号码", max_length=18, required=False)
    party2_phone = forms.CharField(label="当事人二联系电话", max_length=32, required=False)
    party2_address = forms.CharField(label="当事人二住址", max_length=200, required=False)
    committee = forms.ModelChoiceField(label="承办调解委员会", queryset=None, required=False)
    mediator_names = forms.CharField(label="调解员", required=False)
    assigned_on = forms.DateField(label="分派日期", required=False)
    resolved_on = forms.DateField(label="调解结束日期", required=False)
    outcome = forms.ChoiceField(label="调解结果", choices=OUTCOMES, required=False)
    agreement_form = forms.ChoiceField(label="协议形式", choices=AgreementForm.choices, required=False)
    agreement_text = forms.CharField(label="协议内容", required=False)
    referral = forms.ChoiceField(label="调解不成的处理", choices=Referral.choices, required=False)
    referral_note = forms.CharField(label="处理情况", required=False)
    follow_up_on = forms.DateField(label="回访日期", required=False)
    follow_up_note = forms.CharField(label="回访情况", required=False)
    closed_on = forms.DateField(label="结案日期", required=False)

    def __init__(self, data=None, instance=None, user=None, **kwargs):
        super().__init__(data=data, **kwargs)
        guard_fields(self)
        self.instance, self.user = instance, user
        self.fields["village"].queryset = villages_for(user)
        self.fields["committee"].queryset = committees_for(user)

    @classmethod
    def initial_for(cls, dispute: Dispute) -> dict[str, Any]:
        """The row as the ledger exports it: the parties masked."""
        values = {name: getattr(dispute, name) for name in EDITABLE if name != "village"}
        values.update(number=dispute.number, village=dispute.village_id, registered_on=dispute.registered_on,
                      committee=dispute.committee_id, assigned_on=dispute.assigned_on,
                      mediator_names="、".join(m.name for m in dispute.mediators.all()),
                      resolved_on=dispute.resolved_on, outcome=_outcome(dispute),
                      agreement_form=dispute.agreement_form, agreement_text=dispute.agreement_text,
                      referral=dispute.referral, referral_note=dispute.referral_note,
                      follow_up_on=dispute.follow_up_on, follow_up_note=dispute.follow_up_note,
                      closed_on=dispute.closed_on)  # fmt: skip
        parties = list(dispute.parties.all())
        for slot, party in zip(PARTY_SLOTS, [*parties, None, None], strict=False):
            values[f"{slot}_kind"] = party.kind if party else ""
            for name, mask in PARTY_MASKS.items():
                raw = getattr(party, name) if party else ""
                values[f"{slot}_{name}"] = (
                    (party.masked_name if name == "name" else mask(raw)) if party else ""
                )
        return values

    def _current_party(self, slot: str):
        if self.instance is None:
            return None
        parties = list(self.instance.parties.all())
        index = PARTY_SLOTS.index(slot)
        return parties[index] if index < len(parties) else None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for slot in PARTY_SLOTS:
            party = self._current_party(slot)
            for name in PARTY_MASKS:
                key = f"{slot}_{name}"
                value = (data.get(key) or "").strip()
                # A cell equal to the masked current value means "unchanged".
                if party is not None and value and value == _masked(party, name):
                    value = getattr(party, name)
                data[key] = value.upper() if name == "resident_id" else value
            data[f"{slot}_kind"] = data.get(f"{slot}_kind") or PartyKind.INDIVIDUAL
        data["risk_level"] = data.get("risk_level") or RiskLevel.LOW
        data["people_involved"] = data.get("people_involved") or 2
        self._clean_history(data)
        return data

    def _clean_history(self, data: dict[str, Any]) -> None:
        given = [n for n in HISTORY_REQUIRED if data.get(n) not in (None, "")]
        if given and len(given) < len(HISTORY_REQUIRED):
            missing = [str(self.fields[n].label) for n in HISTORY_REQUIRED if n not in given]
            self.add_error(None, f"补录已结案的纠纷须同时填写承办调解委员会、调解员、调解结束日期、调解结果、回访日期、"
                                 f"回访情况和结案日期；尚缺：{'、'.join(missing)}")  # fmt: skip
            return
        if not given:
            return
        committee, names = data["committee"], [n for n in _split(data["mediator_names"]) if n]
        found = {m.name: m for m in Mediator.objects.filter(committee=committee, name__in=names)}
        unknown = [n for n in names if n not in found]
        if unknown:
            self.add_error("mediator_names", f"{'、'.join(unknown)}不是{committee.name}的调解员")
        data["mediators"] = [found[n] for n in names if n in found]
        if data["outcome"] == DisputeStatus.RESOLVED and not (
            data.get("agreement_form") and data.get("agreement_text")
        ):
            self.add_error("agreement_form", "调解成功的，须填写协议形式和协议内容")
        if data["outcome"] == DisputeStatus.UNRESOLVED and not data.get("referral"):
            self.add_error("referral", "调解不成的，须填写处理方式")
        order = [("registered_on", "登记日期"), ("assigned_on", "分派日期"), ("resolved_on", "调解结束日期"),
                 ("follow_up_on", "回访日期"), ("closed_on", "结案日期")]  # fmt: skip
        last = None
        for name, label in order:
            value = data.get(name)
            if value is None:
                continue
            if last is not None and value < last[1]:
                self.add_error(name, f"{label}不能早于{last[0]}")
            last = (label, value)


def _split(text: str) -> list[str]:
    import re

    return [t.strip() for t in re.split(r"[、,，;；/\s]+", text or "")]


def _masked(party: DisputeParty, name: str) -> str:
    if name == "name":
        return party.masked_name
    return PARTY_MASKS[name](getattr(party, name))


def _outcome(dispute: Dispute) -> str:
    if dispute.agreement_form:
        return DisputeStatus.RESOLVED
    if dispute.referral:
        return DisputeStatus.UNRESOLVED
    return ""
