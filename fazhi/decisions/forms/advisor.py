"""Forms of the legal advisor's registers. Each validates web input, Excel rows and
API requests alike, and offers only the records the user sees."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.forms import RegisterForm
from fazhi.core.models import Post
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
POLICY_EXISTS = "本单位已有依法决策设置，每个单位只能有一份，请修改原有设置"


def advisors_visible_to(user):
    return LegalAdvisor.objects.visible_to(user).order_by("-starts_on", "id")


class AdvisorForm(RegisterForm):
    class Meta:
        model = LegalAdvisor
        fields = ["org_unit", "firm", "lawyers", "contract_no", "starts_on", "ends_on", "fee", "scope", "contact",
                  "source_note"]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE, "lawyers": forms.Textarea(attrs={"rows": 3}),
                   "scope": forms.Textarea(attrs={"rows": 3})}  # fmt: skip


class ActivityForm(RegisterForm):
    class Meta:
        model = AdvisorActivity
        fields = ["org_unit", "advisor", "kind", "on", "title", "lawyers", "audience", "note"]
        widgets = {"on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors_visible_to(self.user)
        # Contract reviews have their own register: not offered on the page. The field
        # still accepts the value, so that a file or an API request naming it gets
        # the model's own explanation rather than "not a valid choice".
        self.fields["kind"].widget.choices = [
            c for c in self.fields["kind"].choices if c[0] != ActivityKind.CONTRACT_REVIEW
        ]


class ContractForm(RegisterForm):
    class Meta:
        model = ContractReview
        fields = ["org_unit", "advisor", "title", "counterparty", "amount", "submitting_post", "submitted_on",
                  "due_on", "reviewer", "reviewed_on", "opinion", "opinion_text", "risk_points"]  # fmt: skip
        widgets = {"submitted_on": DATE, "due_on": DATE, "reviewed_on": DATE,
                   "opinion_text": forms.Textarea(attrs={"rows": 3}),
                   "risk_points": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors_visible_to(self.user)
        self.fields["submitting_post"].queryset = Post.objects.visible_to(self.user).select_related(
            "org_unit"
        )
        # Left blank, the action computes it from the town's setting (DecisionPolicy).
        self.fields["due_on"].required = False


class ContractReviewForm(forms.Form):
    """The review step: who reviewed, when, the conclusion, the opinion and the risks."""

    reviewer = forms.CharField(label="审查人", max_length=60)
    reviewed_on = forms.DateField(label="审查完成日期", widget=DATE)
    opinion = forms.ChoiceField(label="审查结论", choices=ContractOpinion.choices)
    opinion_text = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risk_points = forms.CharField(label="风险提示", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, contract: ContractReview | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("reviewed_on", timezone.localdate())
        if contract is not None and contract.advisor_id:
            self.initial.setdefault("reviewer", contract.advisor.lawyers.splitlines()[0].strip()[:60])
        for f in self.fields.values():
            f.widget.attrs.setdefault(
                "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )


class PolicyForm(RegisterForm):
    class Meta:
        model = DecisionPolicy
        fields = ["org_unit", "filing_days", "review_min_working_days", "review_max_working_days",
                  "validity_years", "contract_review_working_days"]  # fmt: skip

    def clean_org_unit(self):
        unit = self.cleaned_data.get("org_unit")
        if unit is not None:
            others = DecisionPolicy.objects.filter(org_unit=unit)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(POLICY_EXISTS)
        return unit

    def clean_contract_review_working_days(self):
        days = self.cleaned_data.get("contract_review_working_days")
        if days is not None and not 1 <= days <= 60:
            raise forms.ValidationError("合同审查期限应在1至60个工作日之间")
        return days
