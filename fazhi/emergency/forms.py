"""Forms of the emergency registers. Each validates web input, Excel rows and API
requests alike, and offers only the records the user sees."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit, Post
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, TeamEquipment, TeamMember
from fazhi.emergency.models.plans import VILLAGE_KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


def plans_visible_to(user):
    return EmergencyPlan.objects.visible_to(user).order_by("category", "name", "id")


def teams_visible_to(user):
    return EmergencyTeam.objects.visible_to(user).select_related("org_unit").order_by("kind", "name", "id")


def villages_visible_to(user):
    return OrgUnit.objects.visible_to(user).filter(kind__in=VILLAGE_KINDS).order_by("path")


def _strip_phone(value: str | None) -> str:
    return (value or "").strip()


class PlanForm(RegisterForm):
    class Meta:
        model = EmergencyPlan
        fields = ["org_unit", "category", "name", "level", "version", "revised_on", "approved_by", "changes",
                  "revision_years", "status", "post", "note"]  # fmt: skip
        widgets = {"revised_on": DATE, "changes": _rows(3), "note": _rows(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.visible_to(self.user).select_related("org_unit")


class PlanReviseForm(forms.Form):
    """The revision step on the plan's page: the new version and, optionally, its text."""

    number = forms.CharField(label="新版本号", max_length=30)
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    approved_by = forms.CharField(label="批准单位", max_length=100)
    changes = forms.CharField(label="修订内容", widget=_rows(3))
    file = forms.FileField(label="预案文本（可选）", required=False)

    def __init__(self, *args, plan: EmergencyPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("approved_on", timezone.localdate())
        if plan is not None:
            self.initial.setdefault("approved_by", plan.approved_by)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")


class DrillForm(RegisterForm):
    class Meta:
        model = Drill
        fields = ["org_unit", "held_on", "title", "kind", "plan", "place", "village", "organiser", "participants",
                  "scenario", "went_well", "problems", "improvements", "note"]  # fmt: skip
        widgets = {"held_on": DATE, "scenario": _rows(3), "went_well": _rows(2), "problems": _rows(2),
                   "improvements": _rows(2), "note": _rows(2)}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans_visible_to(self.user)
        self.fields["village"].queryset = villages_visible_to(self.user)


class TeamForm(RegisterForm):
    class Meta:
        model = EmergencyTeam
        fields = [
            "org_unit",
            "kind",
            "name",
            "leader",
            "leader_phone",
            "duties",
            "founded_on",
            "is_active",
            "note",
        ]
        widgets = {"founded_on": DATE, "duties": _rows(2), "note": _rows(2)}

    def clean_leader_phone(self) -> str:
        return _strip_phone(self.cleaned_data.get("leader_phone"))


class MemberForm(RegisterForm):
    class Meta:
        model = TeamMember
        fields = ["team", "name", "role", "phone", "skills", "is_active", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_visible_to(self.user)

    def clean_phone(self) -> str:
        return _strip_phone(self.cleaned_data.get("phone"))


class EquipmentForm(RegisterForm):
    class Meta:
        model = TeamEquipment
        fields = ["team", "item", "quantity", "unit", "location", "checked_on", "in_order", "note"]
        widgets = {"checked_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_visible_to(self.user)
