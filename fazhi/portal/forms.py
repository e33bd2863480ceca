"""The portal's forms: the search bars of its lists, the case code and the rating."""

from __future__ import annotations

from django import forms

from fazhi.portal import selectors


def _control(field: forms.Field, css: str = "form-control form-control-sm") -> forms.Field:
    field.widget.attrs.setdefault("class", css)
    return field


class TownForm(forms.Form):
    """Every list can be narrowed to one town of the installation."""

    town = forms.ChoiceField(label="乡镇", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", "全部乡镇")] + [(t["code"], t["name"]) for t in selectors.towns()]
        for field in self.fields.values():
            _control(
                field,
                "form-select form-select-sm"
                if isinstance(field, forms.ChoiceField)
                else "form-control form-control-sm",
            )


class SearchForm(TownForm):
    q = forms.CharField(label="关键词", required=False, max_length=50)

    def __init__(self, *args, placeholder: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = placeholder


class OfficerSearchForm(SearchForm):
    valid_only = forms.BooleanField(label="仅显示今日有效的证件", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, placeholder="姓名或执法证号", **kwargs)
        self.fields["valid_only"].widget.attrs["class"] = "form-check-input"


class DecisionSearchForm(TownForm):
    body = forms.TypedChoiceField(label="执法主体", required=False, coerce=int, empty_value=None)
    matter = forms.TypedChoiceField(label="执法事项", required=False, coerce=int, empty_value=None)
    since = forms.DateField(
        label="决定日期自", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label="决定书文号", required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "全部主体")] + [
            (b.pk, b.name) for b in selectors.public_bodies().order_by("name")
        ]
        self.fields["matter"].choices = [("", "全部事项")] + [
            (m.pk, m.name) for m in selectors.public_matters().order_by("name")
        ]
        for name in ("body", "matter"):
            _control(self.fields[name], "form-select form-select-sm")
        for name in ("since", "until", "q"):
            _control(self.fields[name])

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        return data


class CaseCodeForm(forms.Form):
    code = forms.CharField(
        label="行政行为码",
        max_length=32,
        error_messages={"required": "请输入行政行为码", "max_length": "行政行为码不超过32个字符"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _control(self.fields["code"], "form-control")


class RatingForm(CaseCodeForm):
    score = forms.TypedChoiceField(
        label="评分",
        coerce=int,
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择评分", "invalid_choice": "评分应为1至5星"},
    )
    comment = forms.CharField(
        label="意见（选填）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="请勿填写身份证号码、电话号码等个人信息。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()
