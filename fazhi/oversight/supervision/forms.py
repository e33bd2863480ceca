"""Forms of the supervision registers: they validate web input, Excel rows and API
requests alike, and offer only the units, posts and accounts the user sees.
Steps that are a leader's approval (an extension, a difficult proposal) or that
end an item (withdrawal) have their own small forms."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import RegisterForm, leaders_visible_to
from fazhi.core.models import OrgUnit, Post, User
from fazhi.core.models.scoped import visible_unit_ids
from fazhi.oversight.choices import RequesterKind
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _staff(user):
    return User.objects.filter(org_unit__in=visible_unit_ids(user), is_active=True).order_by("username")


def _posts(user):
    return Post.objects.visible_to(user).select_related("org_unit").order_by("org_unit__path", "code")


def _not_future(form: forms.BaseForm, *names: str) -> None:
    today = timezone.localdate()
    for name in names:
        value = form.cleaned_data.get(name)
        if value is not None and value > today:
            form.add_error(name, "日期不能晚于今天")


class InfoItemForm(RegisterForm):
    class Meta:
        model = InfoItem
        fields = ["org_unit", "category", "title", "content", "made_on", "handler", "published_on", "channel"]
        widgets = {"made_on": DATE, "published_on": DATE, "content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _staff(self.user)

    def clean(self):
        data = super().clean()
        _not_future(self, "made_on", "published_on")
        return data


class InfoRequestForm(RegisterForm):
    class Meta:
        model = InfoRequest
        fields = ["org_unit", "number", "requester_kind", "requester", "contact", "content", "received_on",
                  "request_channel", "handler", "correction_asked_on", "correction_received_on",
                  "third_party_asked_on", "third_party_answered_on", "replied_on", "reply_kind",
                  "reply_reason"]  # fmt: skip
        widgets = {
            **{name: DATE for name in ("received_on", "correction_asked_on", "correction_received_on",
                                       "third_party_asked_on", "third_party_answered_on", "replied_on")},
            "content": forms.Textarea(attrs={"rows": 3}),
            "reply_reason": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _staff(self.user)
        self.fields["requester_kind"].required = False

    def clean_requester_kind(self) -> str:
        return self.cleaned_data.get("requester_kind") or RequesterKind.CITIZEN

    def clean_contact(self) -> str:
        return (self.cleaned_data.get("contact") or "").strip()

    def clean(self):
        data = super().clean()
        _not_future(self, "received_on", "correction_asked_on", "correction_received_on",
                    "third_party_asked_on", "third_party_answered_on", "replied_on")  # fmt: skip
        return data


class ProposalForm(RegisterForm):
    class Meta:
        model = Proposal
        fields = ["org_unit", "kind", "number", "title", "proposer", "content", "received_on", "assigned_on",
                  "responsible_post", "lead_leader", "replied_on", "reply_category", "reply_text", "satisfaction",
                  "report_published_on"]  # fmt: skip
        widgets = {
            **{name: DATE for name in ("received_on", "assigned_on", "replied_on", "report_published_on")},
            "content": forms.Textarea(attrs={"rows": 3}),
            "reply_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_post"].queryset = _posts(self.user)
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)

    def clean(self):
        data = super().clean()
        _not_future(self, "received_on", "assigned_on", "replied_on", "report_published_on")
        return data


class InspectionForm(RegisterForm):
    class Meta:
        model = Inspection
        fields = ["org_unit", "kind", "title", "by_whom", "held_on", "reference", "scope", "summary",
                  "participants", "lead_leader", "answer_due_on", "answered_on"]  # fmt: skip
        widgets = {
            "held_on": DATE, "answer_due_on": DATE, "answered_on": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}), "summary": forms.Textarea(attrs={"rows": 4}),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)

    def clean(self):
        data = super().clean()
        _not_future(self, "held_on", "answered_on")
        return data


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = (
            "form-select form-select-sm"
            if isinstance(field.widget, forms.Select)
            else "form-control form-control-sm"
        )
        field.widget.attrs.setdefault("class", css)


class ApprovalForm(forms.Form):
    """A leader's approval (延长答复期限, 认定难度大) or a withdrawal: the day and why."""

    on = forms.DateField(label="日期", required=False, widget=DATE)
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class EndForm(ApprovalForm):
    """Marking an item expired needs no reason."""

    reason = forms.CharField(label="说明", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class FindingForm(forms.Form):
    """A finding of an inspection, becoming a rectification item."""

    org_unit = forms.ModelChoiceField(label="责任单位", queryset=OrgUnit.objects.none(), required=False,
                                      help_text="留空为督查评议对象本身")  # fmt: skip
    problem = forms.CharField(label="问题", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label="整改措施", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    lead_leader = forms.ModelChoiceField(label="牵头领导", queryset=User.objects.none())
    responsible_post = forms.ModelChoiceField(label="责任岗位", queryset=Post.objects.none(), required=False)
    due_on = forms.DateField(label="整改期限", widget=DATE)

    def __init__(self, *args, inspection: Inspection, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = (
            OrgUnit.objects.visible_to(user)
            .filter(path__startswith=inspection.org_unit.path)
            .order_by("path")
        )
        self.fields["lead_leader"].queryset = leaders_visible_to(user)
        self.fields["responsible_post"].queryset = _posts(user)
        _style(self)
