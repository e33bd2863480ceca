from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from fazhi.core.choices import HolidayKind, OrgKind, Sex
from fazhi.core.models import CalendarYear, Holiday, OrgUnit, Person, Post, User
from fazhi.core.roles import ROLES


def style_filter_form(form) -> None:
    """Bootstrap's small controls on every field of a filter bar."""
    for f in form.fields.values():
        css = (
            "form-select form-select-sm"
            if isinstance(f.widget, forms.Select)
            else "form-control form-control-sm"
        )
        f.widget.attrs.setdefault("class", css)


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """是/否 with an empty first choice: django-filter's default says "未知".

    A value that is neither true nor false is handed on as it came, for
    YesNoField to refuse (django-filter's widget would read it as "not given")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", "---------"), ("true", "是"), ("false", "否")]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        known = {"true": True, "1": True, "false": False, "0": False}
        if isinstance(value, str) and value.strip().lower() in known:
            return known[value.strip().lower()]
        return value


class YesNoField(forms.NullBooleanField):
    """true, false or not given (empty); anything else is an error, not "all records"."""

    default_error_messages = {"invalid": "是否条件只能填 true（是）或 false（否），不填表示不限"}

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoWidget)
        super().__init__(*args, **kwargs)


def yes_no_filter(label: str, **kwargs) -> django_filters.BooleanFilter:
    return YesNoFilter(label=label, **kwargs)


YEAR_MIN, YEAR_MAX = 1, 9999  # the years a date can hold


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number from 1 to 9999. Anything else is an error (400 in
    the API) rather than a query the database cannot run."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        message = f"年度须为{YEAR_MIN}至{YEAR_MAX}之间的整数"
        errors = {"invalid": message, "min_value": message, "max_value": message}
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=errors, **kwargs)
        # The API schema says so (drf-spectacular reads a plain NumberFilter as any number).
        schema = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
        if self.label:
            schema["description"] = str(self.label)
        extend_schema_field(schema)(self)

    def get_max_validator(self):
        return None  # max_value is the bound


class RegisterFilterSet(django_filters.FilterSet):
    """Base of register filter sets: limits org-unit choices to what the user sees,
    and filters "in this unit" as the unit and everything under it. A yes/no
    field named in Meta.fields gets the strict 是/否 filter."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": YesNoFilter},
    }

    def __init__(self, data=None, queryset=None, *, request=None, user=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = user or getattr(request, "user", None)
        if "org_unit" in self.filters:
            self.filters["org_unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")

    @property
    def form(self):
        """Built, and styled, on first use: a subclass that narrows a filter's choices
        after this __init__ (another town's bodies or subscriptions left out) is then
        what the form offers and accepts, not the unfiltered default."""
        form = super().form
        if not getattr(self, "_styled", False):
            style_filter_form(form)
            self._styled = True
        return form

    def filter_under_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__path__startswith": value.path})


class PersonFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="姓名或电话", method="search")
    org_unit = django_filters.ModelChoiceFilter(
        label="所属单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )
    sex = django_filters.ChoiceFilter(label="性别", choices=Sex.choices)

    class Meta:
        model = Person
        fields = ["q", "org_unit", "sex"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(phone=value) | Q(resident_id=value.upper()))


class OrgUnitFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或代码", method="search")
    kind = django_filters.ChoiceFilter(label="类型", choices=OrgKind.choices)
    parent = django_filters.ModelChoiceFilter(
        label="上级单位", queryset=OrgUnit.objects.none(), method="filter_parent"
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["parent"].queryset = (
            OrgUnit.objects.visible_to(kwargs.get("user")).exclude(kind=OrgKind.GRID).order_by("path")
        )

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(code__startswith=value)) if value else queryset

    def filter_parent(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path).exclude(pk=value.pk) if value else queryset


class HolidayFilter(RegisterFilterSet):
    year = YearFilter(label="年度", field_name="date__year")
    kind = django_filters.ChoiceFilter(label="类型", choices=HolidayKind.choices)

    class Meta:
        model = Holiday
        fields = ["year", "kind"]


class CalendarYearFilter(RegisterFilterSet):
    class Meta:
        model = CalendarYear
        fields = ["source"]


class PostFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="岗位名称", field_name="name", lookup_expr="contains")
    org_unit = django_filters.ModelChoiceFilter(
        label="所属单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )

    class Meta:
        model = Post
        fields = ["q", "org_unit"]


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="用户名或姓名", method="search")
    role = django_filters.ChoiceFilter(label="角色", field_name="groups__name", choices=list(ROLES.items()))
    is_active = yes_no_filter("启用")

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def __init__(self, data=None, queryset=None, *, request=None, user=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        style_filter_form(self.form)

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(username__contains=value) | Q(display_name__contains=value))
            if value
            else queryset
        )
