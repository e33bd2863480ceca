from __future__ import annotations

from decimal import Decimal

from django import forms

from fazhi.core.forms import RegisterForm
from fazhi.core.models import Person, Post, User
from fazhi.decisions.citable import BasisDocumentsField, clean_basis, setup_basis_field
from fazhi.enforcement.choices import PartyKind, PenaltyKind
from fazhi.enforcement.models import EnforcementBody, Entrustment, Matter, Officer, OfficerYear, Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(RegisterForm):
    class Meta:
        model = EnforcementBody
        fields = ["org_unit", "name", "kind", "short_code", "number_format", "is_active", "source_note",
                  "publish_summary", "publish_warnings", "publication_days", "short_term_fine_limit"]  # fmt: skip

    def clean_publication_days(self) -> int:
        from fazhi.enforcement.disclosure import MAX_PUBLICATION_DAYS

        days = self.cleaned_data["publication_days"]
        if not 1 <= days <= MAX_PUBLICATION_DAYS:
            raise forms.ValidationError(
                f"公示期限应为1至{MAX_PUBLICATION_DAYS}个工作日（国务院办公厅关于全面推行行政执法三项制度的指导意见）"
            )
        return days


class EntrustmentForm(RegisterForm):
    class Meta:
        model = Entrustment
        fields = ["org_unit", "body", "document_no", "matters", "valid_from", "valid_to", "published_on",
                  "source_note"]  # fmt: skip
        widgets = {"valid_from": DATE, "valid_to": DATE, "published_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = EnforcementBody.objects.visible_to(self.user)
        self.fields["matters"].queryset = Matter.objects.visible_to(self.user)


class MatterForm(RegisterForm):
    class Meta:
        model = Matter
        fields = ["org_unit", "code", "name", "violation_basis", "penalty_basis", "penalty_kinds",
                  "fine_min_individual", "fine_max_individual", "fine_min_organisation", "fine_max_organisation",
                  "authority", "entrusting_body", "summary_allowed", "discretion", "is_active", "source_note",
                  "basis_documents", "responsible_post"]  # fmt: skip
        field_classes = {"basis_documents": BasisDocumentsField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entrusting_body"].queryset = EnforcementBody.objects.visible_to(self.user)
        self.fields["responsible_post"].queryset = (
            Post.objects.visible_to(self.user).select_related("org_unit").order_by("org_unit__path", "code")
        )
        current = self.instance.basis_documents.all() if self.instance.pk else ()
        setup_basis_field(self.fields["basis_documents"], self.user, current)

    def clean(self):
        data = super().clean()
        if data.get("authority") == "entrusted" and not data.get("entrusting_body"):
            self.add_error("entrusting_body", "委托执法事项须填写委托机关（行政处罚法第二十条）")
        # Only a published document in force may be a basis (国办发〔2018〕37号).
        clean_basis(self, "basis_documents", data.get("org_unit") or getattr(self.instance, "org_unit", None))
        return data


class OfficerForm(RegisterForm):
    class Meta:
        model = Officer
        fields = [
            "org_unit",
            "person",
            "user",
            "certificate_no",
            "issuer",
            "valid_from",
            "valid_to",
            "status",
        ]
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(self.user)
        self.fields["user"].queryset = User.objects.visible_to(self.user)

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", "有效期止不能早于有效期起")
        return data


class ExamResultSelect(forms.NullBooleanSelect):
    """考试合格 as 合格 / 不合格 / 未考 (None: not taken yet)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "未考"), ("true", "合格"), ("false", "不合格")]


class OfficerYearForm(RegisterForm):
    class Meta:
        model = OfficerYear
        fields = ["officer", "year", "training_hours", "training_completed", "exam_passed"]
        labels = {"exam_passed": "考试结果"}
        widgets = {"exam_passed": ExamResultSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.visible_to(self.user).select_related("person")
        self.fields["year"].widget.attrs.setdefault("placeholder", "例如：2023")
        self.fields["training_hours"].help_text = "全年参加执法培训的学时，可填小数，如 12.5"

    def clean_training_hours(self):
        # One decimal place, as stored: an imported 40 is the 40.0 already there, not a change.
        hours = self.cleaned_data.get("training_hours")
        return hours.quantize(Decimal("0.1")) if hours is not None else hours


class PartyForm(RegisterForm):
    class Meta:
        model = Party
        fields = [
            "org_unit",
            "kind",
            "name",
            "resident_id",
            "uscc",
            "legal_representative",
            "phone",
            "address",
        ]

    def clean_resident_id(self) -> str:
        return (self.cleaned_data.get("resident_id") or "").strip().upper()

    def clean_uscc(self) -> str:
        return (self.cleaned_data.get("uscc") or "").strip().upper()


class SummaryCaseForm(forms.Form):
    """An on-the-spot penalty on one screen (当场处罚, 第51、52条), phone first."""

    matter = forms.ModelChoiceField(label="执法事项", queryset=Matter.objects.none())
    party_kind = forms.ChoiceField(
        label="当事人类型", choices=PartyKind.choices, initial=PartyKind.INDIVIDUAL
    )
    party_name = forms.CharField(label="当事人姓名或名称", max_length=200)
    party_id = forms.CharField(label="公民身份号码或统一社会信用代码", max_length=18, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=32, required=False)
    party_address = forms.CharField(label="住址", max_length=200, required=False)
    penalty_kind = forms.ChoiceField(
        label="处罚种类", choices=[(PenaltyKind.WARNING, "警告"), (PenaltyKind.FINE, "罚款")]
    )
    fine = forms.DecimalField(
        label="罚款金额（元）", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    officers = forms.ModelMultipleChoiceField(label="执法人员（至少两名）", queryset=Officer.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label="地点", max_length=200)
    occurred_on = forms.DateField(label="违法行为发生日", widget=DATE)
    collected_on_spot = forms.BooleanField(label="当场收缴罚款（100元以下）", required=False)
    photos = forms.FileField(label="现场照片", required=False)
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["matter"].queryset = Matter.objects.visible_to(user).filter(
            summary_allowed=True, is_active=True
        )
        self.fields["officers"].queryset = Officer.objects.visible_to(user).select_related("person")
        for f in self.fields.values():
            if isinstance(f.widget, forms.CheckboxSelectMultiple | forms.HiddenInput | forms.CheckboxInput):
                continue
            f.widget.attrs.setdefault(
                "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            )
