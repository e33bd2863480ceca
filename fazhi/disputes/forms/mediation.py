"""Forms of the mediation registers and of a screening round's results. Each register
form validates web input, Excel rows and API requests alike, and offers only the
records the user sees."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.forms import RegisterForm
from fazhi.core.models import User
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningRound

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def committees_visible_to(user):
    return (
        MediationCommittee.objects.visible_to(user)
        .select_related("org_unit")
        .order_by("org_unit__path", "name")
    )


class CommitteeForm(RegisterForm):
    class Meta:
        model = MediationCommittee
        fields = ["org_unit", "name", "level", "established_on", "dissolved_on", "address", "phone", "note",
                  "source_note"]  # fmt: skip
        widgets = {"established_on": DATE, "dissolved_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()


class MediatorForm(RegisterForm):
    """A mediator's unit is their committee's: the form has no unit of its own."""

    class Meta:
        model = Mediator
        fields = [
            "committee",
            "name",
            "role",
            "full_time",
            "phone",
            "user",
            "appointed_on",
            "left_on",
            "note",
        ]
        widgets = {"appointed_on": DATE, "left_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees_visible_to(self.user)
        self.fields["user"].queryset = (
            User.objects.visible_to(self.user).filter(is_active=True).order_by("username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()

    def _post_clean(self):
        # The model checks that the mediator's unit is the committee's: give it that unit.
        committee = self.cleaned_data.get("committee")
        if committee is not None:
            self.instance.org_unit = committee.org_unit
        super()._post_clean()


class RoomForm(RegisterForm):
    class Meta:
        model = MediationRoom
        fields = ["org_unit", "name", "kind", "host", "committee", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DATE, "closed_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees_visible_to(self.user)


class MonthField(forms.DateField):
    """A month, typed as 2023-05 (or any day of it), kept as its first day."""

    input_formats = ["%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y年%m月"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class RoundForm(RegisterForm):
    month = MonthField(label="排查月份", help_text="如：2023-05")

    class Meta:
        model = ScreeningRound
        fields = ["org_unit", "month", "started_on", "note"]
        widgets = {"started_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = self.fields["org_unit"].queryset.filter(kind=OrgKind.TOWN)
        self.fields["org_unit"].label = "组织排查的镇"
        self.fields["started_on"].required = False
        self.fields["started_on"].help_text = "留空为当月1日"
        if self.instance.pk:
            # The rows are the town's villages: the town of a round does not change.
            self.fields["org_unit"].disabled = True

    def clean_month(self):
        month = self.cleaned_data.get("month")
        if month and month > timezone.localdate().replace(day=1):
            raise forms.ValidationError("不能为以后的月份开展排查")
        return month

    def clean(self):
        data = super().clean()
        month, org_unit = data.get("month"), data.get("org_unit")
        if month and org_unit is not None:
            others = ScreeningRound.objects.filter(org_unit=org_unit, month=month)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("month", f"{org_unit.name}{month:%Y年%m月}的排查已登记")
        return data


class ResultRowForm(forms.Form):
    """One village's row in a round's grid. An empty 发现数 means not reported yet."""

    village = forms.IntegerField(widget=forms.HiddenInput)
    found = forms.IntegerField(label="排查发现", min_value=0, max_value=100000, required=False)
    resolved_on_spot = forms.IntegerField(label="当场化解", min_value=0, max_value=100000, required=False)
    high_risk = forms.IntegerField(label="重大风险隐患", min_value=0, max_value=100000, required=False)
    reported_on = forms.DateField(label="上报日期", required=False, widget=DATE)
    reporter = forms.CharField(label="上报人", max_length=50, required=False)
    note = forms.CharField(label="情况说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.widget.attrs.setdefault("class", "form-control form-control-sm")
            f.widget.attrs.setdefault("aria-label", f.label or name)
        self.fields["found"].widget.attrs["placeholder"] = "未报"

    def clean(self):
        data = super().clean()
        if data.get("found") is None and (data.get("resolved_on_spot") or data.get("high_risk")):
            self.add_error("found", "请填写排查发现数（没有发现填0）")
        return data


ResultFormSet = forms.formset_factory(ResultRowForm, extra=0)


def results_formset(screening: ScreeningRound, data=None) -> forms.BaseFormSet:
    """The grid of a round: one row per village, in the tree's order."""
    initial = [
        {"village": r.village_id, "found": r.found, "resolved_on_spot": r.resolved_on_spot if r.is_reported else None,
         "high_risk": r.high_risk if r.is_reported else None, "reported_on": r.reported_on,
         "reporter": r.reporter, "note": r.note}
        for r in screening.results.all()
    ]  # fmt: skip
    return ResultFormSet(data, initial=initial, prefix="results")


def results_of(formset: forms.BaseFormSet) -> list[dict]:
    """The rows of a valid grid as record_results takes them (changed rows only)."""
    rows = []
    for f in formset.forms:
        if not f.has_changed():
            continue
        d = dict(f.cleaned_data)
        d["resolved_on_spot"] = d.get("resolved_on_spot") or 0
        d["high_risk"] = d.get("high_risk") or 0
        rows.append(d)
    return rows


class FinishForm(forms.Form):
    on = forms.DateField(label="完成日期", widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        self.fields["on"].widget.attrs.setdefault("class", "form-control form-control-sm")
