"""The applicant's forms on the portal: the receipt code (查询码) and the rating
(好差评). No account: the code printed on the receipt is the only key."""

from __future__ import annotations

from django import forms

from fazhi.services.choices import ServiceRating
from fazhi.services.models.window import normalize_receipt_code


class ReceiptCodeForm(forms.Form):
    """The code as the applicant types it: lower case, spaces and dashes are fine."""

    code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请输入办件回执上的查询码", "max_length": "查询码不超过40个字符"},
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "如：ABCD-EFGH-JKMN",
            }
        ),
    )

    def clean_code(self) -> str:
        return normalize_receipt_code(self.cleaned_data["code"])


class ServiceRatingForm(ReceiptCodeForm):
    """Five grades (非常满意 … 非常不满意) and an optional comment; the code rides along
    hidden, as the status page showed it."""

    score = forms.TypedChoiceField(
        label="评价等级",
        coerce=int,
        choices=ServiceRating.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "请选择评价等级", "invalid_choice": "评价应为五个等级之一"},
    )
    comment = forms.CharField(
        label="意见建议（选填）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="请勿填写身份证号码、电话号码等个人信息。",
        error_messages={"max_length": "意见建议不超过500字"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()
