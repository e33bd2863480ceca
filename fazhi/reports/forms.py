"""The reports' forms: a new year's report, a report's (or template's) texts and
settings, a workflow step."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit
from fazhi.reports.models import Report


class ReportCreateForm(RegisterForm):
    """A town's report of a year, of one kind: it starts from the town's template."""

    class Meta:
        model = Report
        fields = ["org_unit", "kind", "year"]
        labels = {"org_unit": "单位"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(self.user).filter(kind__in=(OrgKind.TOWN, OrgKind.COUNTY))
        self.fields["org_unit"].queryset = units.order_by("path")
        town = getattr(getattr(self.user, "org_unit", None), "town", None)
        if town is not None:
            self.fields["org_unit"].initial = town.pk
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["year"].help_text = "报告所写的年度，通常为上一年"

    @classmethod
    def initial_for(cls, instance) -> dict:
        return {"org_unit": instance.org_unit_id, "kind": instance.kind, "year": instance.year}


class ReportTextForm(forms.Form):
    """The texts by part, the order, the rounding and the appendix of a report or a
    template of kind `spec`. The model's clean() checks the names and the order."""

    comparison = forms.BooleanField(label="附与上年主要数据对比表", required=False)

    def __init__(self, *args, spec, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        texts = (instance.texts if instance is not None else None) or spec.default_texts()
        order = list(instance.order if instance is not None and instance.order else spec.default_order)
        rounding = dict(instance.rounding if instance is not None else {})
        self.fields["preamble"] = forms.CharField(label="开头", required=False, widget=forms.Textarea(
            attrs={"rows": 3, "class": "form-control"}), initial=texts.get("preamble", ""))  # fmt: skip
        for part in spec.parts:
            position = order.index(part.code) + 1 if part.code in order else 0
            self.fields[f"position_{part.code}"] = forms.IntegerField(
                label=f"“{part.title}”的位置",
                min_value=0,
                max_value=len(spec.parts),
                initial=position,
                required=False,
                help_text="" if part.required else "填0则不写这一部分",
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "style": "width:5em"}
                ),
            )
            self.fields[f"text_{part.code}"] = forms.CharField(
                label=part.title, required=False, initial=texts.get(part.code, ""),
                widget=forms.Textarea(attrs={"rows": 12 if part.code == spec.default_order[0] else 5,
                                             "class": "form-control report-text"}),
            )  # fmt: skip
        for key, (label, default) in spec.rounding.items():
            self.fields[f"round_{key}"] = forms.TypedChoiceField(
                label=label, coerce=int, initial=rounding.get(key, default),
                choices=[(0, "精确数"), (1, "取整到十（如 10余次）"), (2, "取整到百（如 100余场次）"),
                         (3, "取整到千"), (4, "取整到万（如 30000余人次）")],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )  # fmt: skip
        if instance is not None:
            self.fields["comparison"].initial = instance.comparison
        self.fields["comparison"].widget.attrs["class"] = "form-check-input"

    def part_fields(self):
        """(position field, text field) of each part, for the template."""
        return [(self[f"position_{p.code}"], self[f"text_{p.code}"]) for p in self.spec.parts]

    def rounding_fields(self):
        return [self[f"round_{key}"] for key in self.spec.rounding]

    def clean(self):
        data = super().clean()
        placed = []
        for part in self.spec.parts:
            position = data.get(f"position_{part.code}") or 0
            if position:
                placed.append((position, part.code))
            elif part.required:
                self.add_error(f"position_{part.code}", "必备部分不能删去，请填写它的位置（1起）")
        positions = [p for p, _ in placed]
        if len(set(positions)) != len(positions):
            raise forms.ValidationError("两个部分的位置相同，请给每一部分不同的位置")
        return data

    def values(self) -> dict:
        """What the action takes: texts, order, rounding, comparison."""
        data = self.cleaned_data
        texts = {"preamble": data.get("preamble", "")}
        placed = []
        for part in self.spec.parts:
            texts[part.code] = data.get(f"text_{part.code}", "")
            if data.get(f"position_{part.code}"):
                placed.append((data[f"position_{part.code}"], part.code))
        return {
            "texts": texts,
            "order": [code for _, code in sorted(placed)],
            "rounding": {key: data[f"round_{key}"] for key in self.spec.rounding},
            "comparison": bool(data.get("comparison")),
        }


class TemplateDaysForm(forms.Form):
    submit_by = forms.CharField(label="报送期限（月-日）", required=False, max_length=5,
                                widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "03-01"}))  # fmt: skip
    publish_by = forms.CharField(label="公开期限（月-日）", required=False, max_length=5,
                                 widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "04-01"}))  # fmt: skip


class StepForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=forms.DateInput(
        attrs={"type": "date", "class": "form-control form-control-sm"}))  # fmt: skip
    note = forms.CharField(label="说明", required=False, max_length=500, widget=forms.TextInput(
        attrs={"class": "form-control form-control-sm"}))  # fmt: skip
    submitted_to = forms.CharField(label="报送单位", required=False, max_length=100, widget=forms.TextInput(
        attrs={"class": "form-control form-control-sm"}))  # fmt: skip
    submission_ref = forms.CharField(label="报送文号", required=False, max_length=60, widget=forms.TextInput(
        attrs={"class": "form-control form-control-sm"}))  # fmt: skip
