"""Forms of the education registers. Each validates web input, Excel rows and API
requests alike, and offers only the units and villages the user sees."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit
from fazhi.education.choices import Presenter
from fazhi.education.models import (
    VILLAGE_KINDS,
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
    split_presenters,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_PRESENTER_CODES = {label: code for code, label in Presenter.choices}


def villages_visible_to(user: Any):
    """The villages and communities a user may name on a record, in the tree's order."""
    return OrgUnit.objects.visible_to(user).filter(kind__in=VILLAGE_KINDS).order_by("path")


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes styled as Bootstrap's; the list around them takes no checkbox class."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {k: v for k, v in context["widget"]["attrs"].items() if k != "class"}
        return context


class PresentersField(forms.MultipleChoiceField):
    """Several presenter kinds, stored as their codes joined by commas in the order
    of the choices. Takes a list (a page, the API) or text with labels or codes
    separated by 、 or commas (an Excel cell)."""

    widget = CheckboxList

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Presenter.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [v for v in _SEPARATORS.split(value) if v]
        return [_PRESENTER_CODES.get(str(v).strip(), str(v).strip()) for v in value]

    def clean(self, value) -> str:
        codes = super().clean(value)
        return ",".join(code for code in Presenter.values if code in codes)

    def prepare_value(self, value):
        return split_presenters(value)

    def has_changed(self, initial, data) -> bool:
        return split_presenters(initial) != self.to_python(data)


class _VillageForm(RegisterForm):
    """A form whose record may name a village: only the user's villages are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "village" in self.fields:
            self.fields["village"].queryset = villages_visible_to(self.user)


class StudySessionForm(RegisterForm):
    attendees = forms.IntegerField(label="参学人数", min_value=1, max_value=10000)

    class Meta:
        model = StudySession
        fields = ["org_unit", "held_on", "kind", "topic", "on_rule_of_law", "presenter", "attendees", "note"]
        widgets = {"held_on": DATE, "note": TEXTAREA}


class OutreachEventForm(_VillageForm):
    audience = forms.IntegerField(label="受众人次", min_value=0, max_value=1_000_000)
    presenters = PresentersField(label="宣讲人员")

    class Meta:
        model = OutreachEvent
        fields = ["org_unit", "held_on", "venue_kind", "village", "topic", "title", "audience", "presenters",
                  "constitution_day", "note"]  # fmt: skip
        widgets = {"held_on": DATE, "note": TEXTAREA}


class LegalServiceForm(_VillageForm):
    class Meta:
        model = LegalServiceRecord
        fields = ["org_unit", "served_on", "kind", "village", "person_name", "phone", "summary", "handled_by",
                  "outcome"]  # fmt: skip
        widgets = {"served_on": DATE, "summary": TEXTAREA}

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()


class RosterMemberForm(_VillageForm):
    class Meta:
        model = RosterMember
        fields = ["org_unit", "kind", "name", "village", "phone", "trained_on", "note"]
        widgets = {"trained_on": DATE}

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()


class StaffTrainingForm(RegisterForm):
    participants = forms.IntegerField(label="参训人数", min_value=1, max_value=100_000)

    class Meta:
        model = StaffTraining
        fields = ["org_unit", "title", "mode", "starts_on", "ends_on", "hours", "participants", "organiser",
                  "note"]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE, "note": TEXTAREA}
