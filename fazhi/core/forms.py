from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import model_to_dict

from fazhi.core import roles as role_table
from fazhi.core.choices import Sex
from fazhi.core.models import CalendarYear, Holiday, OrgUnit, Person, Post, User
from fazhi.core.validators import sex_from_resident_id


def leaders_visible_to(user):
    """The active leader accounts a user may name (lead leader, 分管领导)."""
    from fazhi.core.models import User

    return User.objects.visible_to(user).filter(is_active=True, groups__name="leader").order_by("username")


# Every date a register keeps lies in this range: 2023-02-30 is no date at all, and
# 1899 or 9999 is a typing slip, not a record (ASVS 5.1.4).
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = "日期应在1900-01-01至2100-12-31之间"


def guard_fields(form: forms.BaseForm) -> None:
    """The checks every register form shares: each date within EARLIEST_DATE and
    LATEST_DATE, each amount (a decimal without a lower bound of its own) not negative.
    Two decimal places and the digits are the model's own (DecimalField)."""
    for f in form.fields.values():
        if isinstance(f, forms.DateField) and not getattr(f, "_fazhi_guarded", False):
            f.validators.append(MinValueValidator(EARLIEST_DATE, DATE_RANGE_MESSAGE))
            f.validators.append(MaxValueValidator(LATEST_DATE, DATE_RANGE_MESSAGE))
            f._fazhi_guarded = True
        elif isinstance(f, forms.DecimalField) and f.min_value is None:
            f.min_value = 0
            f.validators.append(MinValueValidator(0, f"{f.label or '金额'}不能为负数"))
            f.widget.attrs.setdefault("min", "0")


class RegisterForm(forms.ModelForm):
    """Base of register forms: knows the user (to limit choices to what they may
    see) and can give a record's current values for partial imports."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        guard_fields(self)
        for f in self.fields.values():
            widget = f.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)
        if "org_unit" in self.fields:
            self.fields["org_unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")

    @classmethod
    def initial_for(cls, instance) -> dict:
        data = model_to_dict(instance, fields=cls._meta.fields)
        return {
            k: ([v.pk if hasattr(v, "pk") else v for v in val] if isinstance(val, list) else val)
            for k, val in data.items()
        }


class PersonForm(RegisterForm):
    class Meta:
        model = Person
        fields = ["org_unit", "name", "sex", "resident_id", "phone", "address", "note"]

    def clean_resident_id(self) -> str:
        # People type a lowercase x; the standard writes X (GB 11643-1999).
        return (self.cleaned_data.get("resident_id") or "").strip().upper()

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()

    def clean(self):
        data = super().clean()
        rid, sex = data.get("resident_id"), data.get("sex")
        derived = sex_from_resident_id(rid) if rid else None
        if derived and sex and sex != derived:
            self.add_error("sex", "性别与公民身份号码第17位不一致（GB 11643-1999）")
        elif derived and not sex:
            data["sex"] = Sex(derived).value
        return data


class OrgUnitForm(RegisterForm):
    class Meta:
        model = OrgUnit
        fields = ["kind", "code", "name", "parent", "sort_order", "is_active", "source_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = OrgUnit.objects.visible_to(self.user).order_by("path")


class HolidayForm(RegisterForm):
    class Meta:
        model = Holiday
        fields = ["date", "kind", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CalendarYearForm(RegisterForm):
    class Meta:
        model = CalendarYear
        fields = ["year", "notice"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("年度应在2000至2100之间")
        return year


class PostForm(RegisterForm):
    class Meta:
        model = Post
        fields = ["org_unit", "code", "name", "duties", "holders", "is_active"]
        widgets = {"holders": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core.choices import OrgKind

        # Posts sit in the town's offices (the "141" system) or in the town itself.
        self.fields["org_unit"].queryset = (
            OrgUnit.objects.visible_to(self.user)
            .filter(kind__in=[OrgKind.OFFICE, OrgKind.TOWN])
            .order_by("path")
        )
        self.fields["holders"].queryset = Person.objects.visible_to(self.user).order_by("name")
        self.fields["holders"].required = False


class AccountForm(forms.ModelForm):
    """An account: who it is, where it belongs, which roles it holds."""

    roles = forms.MultipleChoiceField(
        label="角色",
        choices=list(role_table.ROLES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "org_unit", "person", "email"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["org_unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
        self.fields["person"].queryset = Person.objects.none()
        self.fields["person"].required = False
        self.fields["person"].widget = forms.HiddenInput()
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["roles"].initial = sorted(self.instance.role_codes)
        for f in self.fields.values():
            if not isinstance(f.widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
                f.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
                )

    def clean_roles(self) -> list[str]:
        from fazhi.core.signals import check_admin_separation

        chosen = list(self.cleaned_data.get("roles") or [])
        check_admin_separation(set(chosen))
        return chosen
