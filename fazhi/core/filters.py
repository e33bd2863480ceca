from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

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
    """是/否 with an empty first choice: django-filter's default says "未知"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", "---------"), ("true", "是"), ("false", "否")]


def yes_no_filter(label: str, **kwargs) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, widget=YesNoWidget, **kwargs)


class RegisterFilterSet(django_filters.FilterSet):
    """Base of register filter sets: limits org-unit choices to what the user sees,
    and filters "in this unit" as the unit and everything under it."""

    def __init__(self, data=None, queryset=None, *, request=None, user=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = user or getattr(request, "user", None)
        if "org_unit" in self.filters:
            self.filters["org_unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
        style_filter_form(self.form)

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
    year = django_filters.NumberFilter(label="年度", field_name="date__year")
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
