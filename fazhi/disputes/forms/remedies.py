"""Forms of reconsideration and litigation cases: the two register forms (web, Excel
and API alike) and the form of each step on a case's page (the API takes the same).

A new case may carry what already happened (补录 of a historical case); on an
existing case those fields are shown but not edited: they change by the steps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.forms import RegisterForm, leaders_visible_to
from fazhi.core.models import Post, User
from fazhi.core.models.scoped import visible_unit_ids
from fazhi.disputes.actions.remedies import (
    LITIGATION_STEP_FIELDS,
    RECONSIDERATION_STEP_FIELDS,
    rectification_days,
)
from fazhi.disputes.choices import LitigationOutcome, ReconsiderationOutcome
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.workflow import remedies as workflow
from fazhi.enforcement.models import Case
from fazhi.law.reconsideration import RECONSIDERATION_LAW_2023

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HISTORICAL = "仅补录已办结或已进行到该环节的历史案件时填写；新案件在案件页面逐项办理"
LOCKED = "已登记的内容，请在案件页面通过办理环节登记"


class CaseByNumberField(forms.ModelChoiceField):
    """An enforcement case chosen by its decision number (决定书文号) among the decided
    cases the user sees; the API may give its id instead."""

    widget = forms.TextInput
    default_error_messages = {"invalid_choice": "未找到该决定书文号的执法案件（须为本单位已作出决定的案件）"}

    def prepare_value(self, value):
        if isinstance(value, Case):
            return value.decision_no
        if value not in self.empty_values and str(value).isdigit():
            return Case.objects.filter(pk=int(value)).values_list("decision_no", flat=True).first() or value
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Case):
            value = value.pk
        text = str(value).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"decision_no": text}
        try:
            return self.queryset.get(**lookup)
        except (Case.DoesNotExist, Case.MultipleObjectsReturned, ValueError):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


def decided_cases_visible_to(user):
    return Case.objects.visible_to(user).exclude(decision_no="").select_related("org_unit")


def handlers_visible_to(user):
    return User.objects.filter(org_unit__in=visible_unit_ids(user), is_active=True).order_by("username")


class _CaseForm(RegisterForm):
    step_fields: tuple[str, ...] = ()
    defaulted_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enforcement_case"] = CaseByNumberField(
            queryset=decided_cases_visible_to(self.user), required=False, label="关联执法案件（决定书文号）",
            help_text="填写被申请或被诉的行政处罚决定书文号，如：云江执罚〔2023〕12号",
            widget=forms.TextInput(attrs={"class": "form-control"}),
        )  # fmt: skip
        if self.instance.pk:
            self.initial["enforcement_case"] = self.instance.enforcement_case_id
        self.fields["handler"].queryset = handlers_visible_to(self.user)
        self.fields["act"].required = False
        self.fields["act"].help_text = "关联执法案件的，可留空，自动填写该处罚决定"
        # Left blank (an import without the column), these take the model's default.
        for name in self.defaulted_fields:
            self.fields[name].required = False
        for name in self.step_fields:
            field = self.fields[name]
            if self.instance.pk:
                field.disabled = True
                field.help_text = LOCKED
            else:
                field.help_text = HISTORICAL

    def clean(self):
        data = super().clean()
        for name in self.defaulted_fields:
            if name in self.fields and not self.fields[name].disabled and data.get(name) in (None, ""):
                data[name] = self._meta.model._meta.get_field(name).get_default()
        case = data.get("enforcement_case")
        if not (data.get("act") or "").strip():
            if case is not None:
                data["act"] = f"{case.decision_no}行政处罚决定"
            else:
                self.add_error("act", "请填写被申请复议或被诉的行政行为")
        return data


class ReconsiderationForm(_CaseForm):
    """A reconsideration case received (the reply due date is worked out, never typed)."""

    step_fields = RECONSIDERATION_STEP_FIELDS
    defaulted_fields = ("body", "applicant_kind")

    class Meta:
        model = Reconsideration
        fields = ["org_unit", "case_no", "body", "applicant_kind", "applicant", "act", "about_disclosure", "enforcement_case",
                  "applied_on", "copy_served_on", "simple_procedure", "handler", *RECONSIDERATION_STEP_FIELDS]  # fmt: skip
        widgets = {
            "act": forms.Textarea(attrs={"rows": 2}),
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
            **{n: DATE for n in ("applied_on", "copy_served_on", "replied_on", "decided_on")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_served_on"].help_text = "书面答复期限按收到之日施行的行政复议法自动计算"
        self.fields[
            "simple_procedure"
        ].help_text = "2024年1月1日起施行的行政复议法第五十三条规定的简易程序，答复期限5个工作日"

    def clean(self):
        data = super().clean()
        served = data.get("copy_served_on")
        if data.get("simple_procedure") and served and served < RECONSIDERATION_LAW_2023.in_force:
            self.add_error(
                "simple_procedure", "2024年1月1日前收到副本的案件适用2017年修正的行政复议法，没有简易程序"
            )
        return data


class LitigationForm(_CaseForm):
    """A lawsuit received (the defence due date is worked out, never typed)."""

    step_fields = LITIGATION_STEP_FIELDS
    defaulted_fields = ("plaintiff_kind",)

    class Meta:
        model = Litigation
        fields = ["org_unit", "case_no", "court", "plaintiff_kind", "plaintiff", "act", "about_disclosure", "enforcement_case",
                  "reconsideration", "complaint_received_on", "handler", "note", *LITIGATION_STEP_FIELDS]  # fmt: skip
        widgets = {
            "act": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "non_appearance_reason": forms.Textarea(attrs={"rows": 2}),
            "head_appeared": forms.NullBooleanSelect,
            **{n: DATE for n in ("complaint_received_on", "defence_filed_on", "hearing_on", "judged_on",
                                 "appealed_on", "appeal_judged_on")},
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reconsideration"].queryset = Reconsideration.objects.visible_to(self.user).order_by(
            "-id"
        )
        self.fields[
            "complaint_received_on"
        ].help_text = "答辩期限按收到之日起十五日自动计算（行政诉讼法第六十七条）"

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("hearing_on"):
            appeared = data.get("head_appeared")
            if appeared is None:
                self.add_error("head_appeared", "登记了开庭日期的，须登记负责人是否出庭应诉")
            elif appeared and not (data.get("appearing_person") or "").strip():
                self.add_error("appearing_person", "请填写出庭应诉的负责人姓名和职务")
        return data


# -- the steps of a case's page (and of the API) ---------------------------------------------------


class StepForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=DATE, help_text="默认今天")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on_label = "日期"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["on"].label = self.on_label
        self.initial.setdefault("on", timezone.localdate())
        for f in self.fields.values():
            if isinstance(f.widget, forms.RadioSelect | forms.CheckboxInput | forms.HiddenInput):
                continue
            f.widget.attrs.setdefault(
                "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )


class _RectificationFields(StepForm):
    """A correcting or losing outcome opens a rectification item: who leads it and when it is due."""

    lead_leader = forms.ModelChoiceField(label="整改牵头领导", queryset=User.objects.none(), required=False,
                                         help_text="结果为纠错或败诉的必填：将生成整改事项")  # fmt: skip
    responsible_post = forms.ModelChoiceField(
        label="整改责任岗位", queryset=Post.objects.none(), required=False
    )
    days = forms.IntegerField(label="整改期限（天）", min_value=1, max_value=365, required=False,
                              help_text="自决定之日起计算")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_leader"].queryset = leaders_visible_to(self.user)
        self.fields["responsible_post"].queryset = Post.objects.visible_to(self.user).filter(is_active=True)
        self.initial.setdefault("days", rectification_days())


class ReplyForm(StepForm):
    on_label = "答复日期"


def _choices(values, enum) -> list[tuple[str, str]]:
    return [("", "---------"), *((v.value, enum(v).label) for v in values)]


class DecideForm(_RectificationFields):
    on_label = "复议决定日期"
    outcome = forms.ChoiceField(label="复议决定结果", choices=_choices(workflow.DECISION_OUTCOMES,
                                                                      ReconsiderationOutcome))  # fmt: skip
    decision_no = forms.CharField(label="复议决定书文号", max_length=60)
    field_order = ["outcome", "decision_no", "on", "note", "lead_leader", "responsible_post", "days"]


class EndForm(StepForm):
    on_label = "终止日期"
    outcome = forms.ChoiceField(
        label="终止情形", choices=_choices(workflow.ENDING_OUTCOMES, ReconsiderationOutcome)
    )
    decision_no = forms.CharField(label="终止决定书文号", max_length=60, required=False)
    field_order = ["outcome", "decision_no", "on", "note"]


class DefendForm(StepForm):
    on_label = "提交答辩状日期"


class HearingForm(StepForm):
    on_label = "开庭日期"
    head_appeared = forms.TypedChoiceField(label="行政机关负责人出庭应诉", choices=[("yes", "是"), ("no", "否")],
                                           coerce=lambda v: v == "yes", widget=forms.RadioSelect)  # fmt: skip
    appearing_person = forms.CharField(label="出庭负责人（姓名、职务）", max_length=60, required=False)
    non_appearance_reason = forms.CharField(label="负责人未出庭的理由", required=False,
                                            widget=forms.Textarea(attrs={"rows": 2}),
                                            help_text="负责人不能出庭的，应当说明理由并委托相应的工作人员出庭（行政诉讼法第三条）")  # fmt: skip
    field_order = ["on", "head_appeared", "appearing_person", "non_appearance_reason", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An API client may send true/false.
        value = self.data.get("head_appeared") if self.is_bound else None
        if value is not None and str(value).lower() in ("true", "false", "1", "0"):
            self.data = self.data.copy()
            self.data["head_appeared"] = "yes" if str(value).lower() in ("true", "1") else "no"


class JudgeForm(_RectificationFields):
    on_label = "裁判日期"
    outcome = forms.ChoiceField(label="裁判结果", choices=[("", "---------"), *LitigationOutcome.choices])
    field_order = ["outcome", "on", "note", "lead_leader", "responsible_post", "days"]


class AppealForm(StepForm):
    on_label = "上诉日期"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = "上诉人及主要理由"


class AppealResultForm(JudgeForm):
    on_label = "二审裁判日期"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].label = "二审结果"


class CloseForm(StepForm):
    on_label = "裁判生效日期"


RECONSIDERATION_STEP_FORMS: dict[str, type[StepForm]] = {
    "reply": ReplyForm,
    "decide": DecideForm,
    "end": EndForm,
}
LITIGATION_STEP_FORMS: dict[str, type[StepForm]] = {
    "defend": DefendForm,
    "hearing": HearingForm,
    "judge": JudgeForm,
    "appeal": AppealForm,
    "appeal_result": AppealResultForm,
    "close": CloseForm,
}
