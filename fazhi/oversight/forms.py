"""Forms of the oversight pages. The register forms validate web input, Excel
rows and API requests alike; each offers only the records the user sees."""

from __future__ import annotations

import re

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from fazhi.core.forms import RegisterForm, leaders_visible_to
from fazhi.core.models import Post, User
from fazhi.enforcement.models import Case, EnforcementBody
from fazhi.oversight.actions.reviews import REVIEWABLE
from fazhi.oversight.choices import DeductionKind, RubricItemKind
from fazhi.oversight.models import (
    Campaign,
    CampaignCategory,
    CaseFileReview,
    Rectification,
    ReviewRubric,
    RubricItem,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def style(form: forms.BaseForm) -> None:
    """Bootstrap classes on a plain form's fields (RegisterForm does it for register forms)."""
    for f in form.fields.values():
        if isinstance(f.widget, forms.RadioSelect | forms.CheckboxInput | forms.HiddenInput):
            continue
        f.widget.attrs.setdefault(
            "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
        )


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CampaignCategory) -> str:
        return f"{obj.campaign.name}｜{obj.name}"


class RectificationForm(RegisterForm):
    class Meta:
        model = Rectification
        fields = ["org_unit", "source", "campaign", "category", "problem", "lead_leader", "responsible_post",
                  "measures", "due_on"]  # fmt: skip
        field_classes = {"category": CategoryChoiceField}
        widgets = {"due_on": DATE, "problem": forms.Textarea(attrs={"rows": 3}),
                   "measures": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = Campaign.objects.visible_to(self.user)
        self.fields["campaign"].queryset = campaigns
        self.fields["category"].queryset = CampaignCategory.objects.filter(
            campaign__in=campaigns
        ).select_related("campaign")
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)
        self.fields["responsible_post"].queryset = Post.objects.visible_to(self.user).select_related(
            "org_unit"
        )


def split_names(value) -> list[str]:
    """Category names typed one a line (or separated by 、，,;；)."""
    if isinstance(value, list | tuple):
        value = "\n".join(str(v) for v in value)
    return [n.strip() for n in re.split(r"[\n\r、，,;；]+", value or "") if n.strip()]


class CampaignForm(RegisterForm):
    categories = forms.CharField(
        label="问题类别", required=False, widget=forms.Textarea(attrs={"rows": 7}),
        help_text="每行一个，按顺序排列；已有整改事项的类别不能删除",
    )  # fmt: skip

    class Meta:
        model = Campaign
        fields = ["org_unit", "name", "starts_on", "ends_on", "description", "categories", "source_note"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["categories"] = "\n".join(self.instance.category_names())

    @classmethod
    def initial_for(cls, instance) -> dict:
        data = super().initial_for(instance)
        data["categories"] = "\n".join(instance.category_names())
        return data

    def clean_categories(self) -> list[str]:
        names = split_names(self.cleaned_data.get("categories"))
        if len(set(names)) != len(names):
            raise forms.ValidationError("问题类别名称不能重复")
        if any(len(n) > 60 for n in names):
            raise forms.ValidationError("问题类别名称不超过60个字")
        return names


class RubricForm(RegisterForm):
    class Meta:
        model = ReviewRubric
        fields = ["org_unit", "name", "is_active", "excellent_min", "good_min", "pass_min",
                  "missing_document_points", "missing_element_points", "wording_error_points",
                  "rectification_days", "source_note"]  # fmt: skip


class RubricItemForm(RegisterForm):
    class Meta:
        model = RubricItem
        fields = ["rubric", "kind", "position", "title", "guidance", "is_active"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = ReviewRubric.objects.visible_to(self.user)


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Case) -> str:
        return f"{obj.decision_no or f'案件{obj.pk}'}｜{obj.matter.name}｜结案{obj.closed_on or ''}"


class ReviewStartForm(RegisterForm):
    class Meta:
        model = CaseFileReview
        fields = ["case", "rubric", "evaluator", "reviewed_on"]
        field_classes = {"case": CaseChoiceField}
        widgets = {"reviewed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = (
            Case.objects.visible_to(self.user)
            .filter(status__in=REVIEWABLE)
            .select_related("matter")
            .order_by("-closed_on", "-id")
        )
        self.fields["case"].help_text = "只能评查已结案或已归档的案卷"
        self.fields["rubric"].queryset = ReviewRubric.objects.visible_to(self.user).filter(is_active=True)
        self.fields["evaluator"].queryset = User.objects.visible_to(self.user).filter(is_active=True)
        self.fields["evaluator"].help_text = "案件的主办人和执法人员不能评查本案卷"
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("reviewed_on", timezone.localdate())
            if self.user is not None and self.user.is_authenticated:
                self.initial.setdefault("evaluator", self.user.pk)


# -- findings and completion of a review (the review's own page) ----------------------------


VETO_CHOICES = [("pass", "通过"), ("fail", "不通过")]


class FindingsForm(forms.Form):
    """The answer to every veto item of the review's rubric, and the review's opinion."""

    summary = forms.CharField(label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, review: CaseFileReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.veto_items = list(review.rubric.items.filter(kind=RubricItemKind.VETO, is_active=True)
                               .order_by("position", "id"))  # fmt: skip
        current = {r.item_id: r for r in review.veto_results.all()}
        self.initial.setdefault("summary", review.summary)
        for item in self.veto_items:
            found = current.get(item.pk)
            self.fields[f"veto_{item.pk}"] = forms.ChoiceField(
                label=item.title, choices=VETO_CHOICES, required=False, widget=forms.RadioSelect,
                initial=None if found is None else ("pass" if found.passed else "fail"),
            )  # fmt: skip
            self.fields[f"veto_{item.pk}_note"] = forms.CharField(
                label="说明", required=False, max_length=500, initial=found.note if found else ""
            )
        style(self)

    def rows(self):
        """(item, choice field, note field) for the template."""
        return [(i, self[f"veto_{i.pk}"], self[f"veto_{i.pk}_note"]) for i in self.veto_items]

    def vetoes(self) -> list[dict]:
        found = []
        for item in self.veto_items:
            answer = self.cleaned_data.get(f"veto_{item.pk}")
            if answer:
                found.append({"item": item, "passed": answer == "pass",
                              "note": self.cleaned_data.get(f"veto_{item.pk}_note", "")})  # fmt: skip
        return found


class DeductionForm(forms.Form):
    item = forms.ModelChoiceField(label="文书", queryset=RubricItem.objects.none(), required=False)
    kind = forms.ChoiceField(label="扣分情形", choices=[("", "—"), *DeductionKind.choices], required=False)
    count = forms.IntegerField(label="处数", min_value=1, max_value=99, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = documents if documents is not None else RubricItem.objects.none()
        style(self)

    def clean(self):
        data = super().clean()
        if data.get("item") and not data.get("kind"):
            self.add_error("kind", "请选择扣分情形")
        if data.get("kind") and not data.get("item"):
            self.add_error("item", "请选择文书")
        return data


DeductionFormSet = formset_factory(DeductionForm, extra=3)


def deduction_formset(review: CaseFileReview, data=None) -> forms.BaseFormSet:
    documents = review.rubric.items.filter(kind=RubricItemKind.DOCUMENT, is_active=True).order_by(
        "position", "id"
    )
    initial = [
        {"item": d.item_id, "kind": d.kind, "count": d.count, "note": d.note} for d in review.deductions.all()
    ]
    return DeductionFormSet(data, initial=initial, prefix="deductions", form_kwargs={"documents": documents})


def deductions_of(formset: forms.BaseFormSet) -> list[dict]:
    return [
        {"item": f.cleaned_data["item"], "kind": f.cleaned_data["kind"], "count": f.cleaned_data.get("count") or 1,
         "note": f.cleaned_data.get("note", "")}
        for f in formset.forms
        if f.cleaned_data.get("item")
    ]  # fmt: skip


class CompleteReviewForm(forms.Form):
    lead_leader = forms.ModelChoiceField(label="整改牵头领导", queryset=User.objects.none(), required=False,
                                         help_text="案卷存在问题的，据此生成整改事项")  # fmt: skip
    responsible_post = forms.ModelChoiceField(
        label="整改责任岗位", queryset=Post.objects.none(), required=False
    )
    on = forms.DateField(label="完成日期", required=False, widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_leader"].queryset = leaders_visible_to(user)
        self.fields["responsible_post"].queryset = Post.objects.visible_to(user).select_related("org_unit")
        self.initial.setdefault("on", timezone.localdate())
        style(self)


class StepForm(forms.Form):
    """A step of a rectification item: its day and its text."""

    on = forms.DateField(label="日期", required=False, widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SampleForm(forms.Form):
    body = forms.ModelChoiceField(label="执法主体", queryset=EnforcementBody.objects.none())
    year = forms.IntegerField(label="结案年度", min_value=2000, max_value=2100)
    n = forms.IntegerField(label="抽取件数", min_value=1, max_value=100, initial=5)
    seed = forms.CharField(label="随机种子", max_length=40, help_text="同一种子抽取结果相同，便于复核")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = EnforcementBody.objects.visible_to(user)
        style(self)
