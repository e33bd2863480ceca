"""Forms of major decisions: the catalogue and decision registers (web, Excel and
API alike), and the step forms of the decision's page."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from fazhi.core.forms import RegisterForm, leaders_visible_to
from fazhi.core.models import Post
from fazhi.decisions.choices import DeliberationOutcome, MemberPosition, ReviewOpinion, RiskLevel
from fazhi.decisions.models import DecisionCatalogue, MajorDecision, NormativeDocument

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def style(form: forms.BaseForm) -> None:
    for f in form.fields.values():
        if isinstance(f.widget, forms.RadioSelect | forms.CheckboxInput | forms.HiddenInput):
            f.widget.attrs.setdefault("class", "form-check-input")
            continue
        f.widget.attrs.setdefault(
            "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
        )


class CatalogueForm(RegisterForm):
    class Meta:
        model = DecisionCatalogue
        fields = ["org_unit", "year", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(RegisterForm):
    class Meta:
        model = MajorDecision
        fields = ["org_unit", "catalogue", "title", "summary", "lead_post", "lead_leader", "planned_by",
                  "basis", "basis_documents"]  # fmt: skip
        widgets = {"planned_by": DATE, "summary": forms.Textarea(attrs={"rows": 4}),
                   "basis": forms.Textarea(attrs={"rows": 2}),
                   "basis_documents": forms.SelectMultiple(attrs={"size": 4})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = DecisionCatalogue.objects.visible_to(self.user).select_related(
            "org_unit"
        )
        self.fields["lead_post"].queryset = Post.objects.visible_to(self.user).select_related("org_unit")
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)
        # Only published documents in force may be a basis (国办发〔2018〕37号); the
        # action checks again against the decision's own town.
        self.fields["basis_documents"].queryset = NormativeDocument.objects.visible_to(self.user).citable()
        self.fields["basis_documents"].help_text = "只能选择已公布且在有效期内的规范性文件"

    def clean(self):
        data = super().clean()
        catalogue, unit = data.get("catalogue"), data.get("org_unit")
        if catalogue is not None and unit is not None and catalogue.org_unit_id != unit.pk:
            self.add_error("catalogue", "决策事项目录不属于所选单位")
        return data


class ApproveCatalogueForm(forms.Form):
    on = forms.DateField(label="审定日期", widget=DATE)
    meeting = forms.CharField(label="审定会议", max_length=100)


class PublishCatalogueForm(forms.Form):
    on = forms.DateField(label="公布日期", widget=DATE)


class PublicParticipationForm(forms.Form):
    comment_starts_on = forms.DateField(label="征求意见开始日期", widget=DATE)
    comment_ends_on = forms.DateField(label="征求意见截止日期", widget=DATE)
    short_reason = forms.CharField(
        label="期限少于30日的理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label="征求意见方式和范围", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hearing_on = forms.DateField(label="听证会日期（不举行听证的留空）", required=False, widget=DATE)
    hearing_materials_sent_on = forms.DateField(label="听证材料送达日期", required=False, widget=DATE)


class CloseParticipationForm(forms.Form):
    on = forms.DateField(label="办结日期", widget=DATE)
    summary = forms.CharField(label="意见收集和采纳情况", widget=forms.Textarea(attrs={"rows": 3}))


class ExpertRowForm(forms.Form):
    expert = forms.CharField(label="专家", max_length=60, required=False)
    affiliation = forms.CharField(label="单位及职称", max_length=100, required=False)
    opinion = forms.CharField(label="论证意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


ExpertFormSet = formset_factory(ExpertRowForm, extra=3)


class ExpertForm(forms.Form):
    on = forms.DateField(label="论证日期", widget=DATE)
    summary = forms.CharField(label="论证结论", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RiskForm(forms.Form):
    on = forms.DateField(label="评估日期", widget=DATE)
    risk_level = forms.ChoiceField(label="风险等级", choices=RiskLevel.choices)
    measures = forms.CharField(label="风险防范措施", widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label="评估报告摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NotApplicableForm(forms.Form):
    reason = forms.CharField(label="不适用理由", widget=forms.Textarea(attrs={"rows": 2}))


class RequestReviewForm(forms.Form):
    reviewer = forms.CharField(label="审查机构或人员", max_length=100, initial="镇司法所")
    requested_on = forms.DateField(label="送审日期", widget=DATE)
    due_on = forms.DateField(label="审查期限（留空为7个工作日）", required=False, widget=DATE)


class ReviewForm(forms.Form):
    on = forms.DateField(label="审查日期", widget=DATE)
    opinion = forms.ChoiceField(label="审查结论", choices=ReviewOpinion.choices)
    text = forms.CharField(label="书面审查意见", widget=forms.Textarea(attrs={"rows": 3}))


class DeliberationForm(forms.Form):
    meeting = forms.CharField(label="会议名称", max_length=100, help_text="如：镇政府2023年第5次常务会议")
    on = forms.DateField(label="会议日期", widget=DATE)
    attendees = forms.CharField(label="出席人员", widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label="讨论结果", choices=DeliberationOutcome.choices)
    conclusion = forms.CharField(label="行政首长决定意见", widget=forms.Textarea(attrs={"rows": 2}))
    dissent = forms.CharField(
        label="不同意见（如实记录）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_text = forms.CharField(label="决定内容（留空同决定意见）", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class MemberRowForm(forms.Form):
    member = forms.CharField(label="姓名", max_length=60, required=False)
    role = forms.CharField(label="职务", max_length=60, required=False)
    position = forms.ChoiceField(label="表态", choices=[("", "—"), *MemberPosition.choices], required=False)
    opinion = forms.CharField(label="意见", required=False)
    is_head = forms.BooleanField(label="行政首长", required=False)


MemberFormSet = formset_factory(MemberRowForm, extra=6)


class MoveForm(forms.Form):
    """Report, publish, follow up, evaluate, shelve: a date and a text."""

    on = forms.DateField(label="日期", widget=DATE, required=False)
    text = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    extra = forms.CharField(label="补充", required=False)
    due_on = forms.DateField(label="期限", widget=DATE, required=False)


def today_initial() -> dict:
    return {"on": timezone.localdate()}
