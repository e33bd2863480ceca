"""Forms of the leaders' duty registers. Each validates web input, Excel rows and
API requests alike, and offers only the records (units, posts, leaders, plans,
officers) the user sees."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import RegisterForm, leaders_visible_to
from fazhi.core.models import Post
from fazhi.enforcement.models import Officer
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
    WorkPlan,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def posts_visible_to(user):
    return Post.objects.visible_to(user).select_related("org_unit").order_by("org_unit__path", "code")


def officers_visible_to(user):
    return Officer.objects.visible_to(user).select_related("person").order_by("certificate_no")


class PlanForm(RegisterForm):
    class Meta:
        model = WorkPlan
        fields = ["org_unit", "year", "title", "approved_on", "approved_at", "summary"]
        widgets = {"approved_on": DATE, "summary": _text(4)}


class TaskForm(RegisterForm):
    class Meta:
        model = Task
        fields = ["org_unit", "plan", "position", "title", "measures", "responsible_post", "lead_leader", "due_on",
                  "done_on"]  # fmt: skip
        widgets = {"due_on": DATE, "done_on": DATE, "measures": _text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = WorkPlan.objects.visible_to(self.user).order_by("-year", "id")
        self.fields["responsible_post"].queryset = posts_visible_to(self.user)
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)


class ProgressForm(forms.Form):
    """A progress report on a task (the task page, the API)."""

    on = forms.DateField(label="日期", widget=DATE)
    percent = forms.IntegerField(label="进度（%）", min_value=0, max_value=100,
                                 help_text="填100即为完成")  # fmt: skip
    text = forms.CharField(label="进展情况", widget=_text())

    def __init__(self, *args, task: Task | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        if task is not None:
            self.initial.setdefault("percent", task.progress_percent)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control form-control-sm")


class GroupMemberForm(RegisterForm):
    class Meta:
        model = LeadingGroupMember
        fields = ["org_unit", "user", "name", "position", "role", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = leaders_visible_to(self.user)


class AdmonitionForm(RegisterForm):
    class Meta:
        model = Admonition
        fields = ["org_unit", "on", "person_name", "person_post", "talked_by", "reason", "follow_up",
                  "follow_up_due_on", "follow_up_done_on", "follow_up_result"]  # fmt: skip
        widgets = {"on": DATE, "follow_up_due_on": DATE, "follow_up_done_on": DATE, "reason": _text(),
                   "follow_up": _text(), "follow_up_result": _text()}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talked_by"].queryset = leaders_visible_to(self.user)


class DutyReportForm(RegisterForm):
    class Meta:
        model = DutyReport
        fields = ["org_unit", "leader", "year", "on", "occasion", "summary"]
        widgets = {"on": DATE, "summary": _text(5)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders_visible_to(self.user)


class MeetingForm(RegisterForm):
    class Meta:
        model = Meeting
        fields = ["org_unit", "on", "kind", "title", "chaired_by", "attendees", "decisions"]
        widgets = {"on": DATE, "attendees": _text(2), "decisions": _text(4)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chaired_by"].queryset = leaders_visible_to(self.user)


class OfficerPostForm(RegisterForm):
    class Meta:
        model = OfficerPost
        fields = ["org_unit", "officer", "post", "duties", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "duties": _text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_visible_to(self.user)
        self.fields["post"].queryset = posts_visible_to(self.user)


class ConductTrainingForm(RegisterForm):
    class Meta:
        model = ConductTraining
        fields = ["org_unit", "on", "topic", "attendees", "trainer", "note"]
        widgets = {"on": DATE, "note": _text()}


class AssessmentForm(RegisterForm):
    class Meta:
        model = OfficerAssessment
        fields = ["org_unit", "officer", "year", "result", "reward_penalty", "note"]
        widgets = {"note": _text()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_visible_to(self.user)
