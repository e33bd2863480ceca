"""Forms of the service list (政务服务事项清单): the item with its guide (pages, API and
Excel import alike), and the publish and withdraw steps of the item's page.

The posts offered are those the user sees, and they must belong to the item's town;
the materials are kept one per line, as the one-time notice lists them. That the
promised time limit may not exceed the statutory one is the model's rule
(ServiceItem.clean), shown beside the promised limit."""

from __future__ import annotations

from django import forms

from fazhi.core.choices import OrgKind
from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit, Post
from fazhi.services.models import ServiceItem
from fazhi.services.models.window import split_materials

TEXT_AREAS = ("basis", "conditions", "procedure")


def posts_visible_to(user):
    """The posts a user may name on an item, with their office (the label reads it)."""
    return Post.objects.visible_to(user).select_related("org_unit").order_by("org_unit__path", "code")


def towns_visible_to(user):
    return OrgUnit.objects.visible_to(user).filter(kind=OrgKind.TOWN).order_by("path")


class PostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Post) -> str:
        return f"{obj.org_unit.name}·{obj.name}（{obj.code}）"


class PostsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Post) -> str:
        return f"{obj.org_unit.name}·{obj.name}（{obj.code}）"


class ServiceItemForm(RegisterForm):
    class Meta:
        model = ServiceItem
        fields = ["org_unit", "code", "name", "kind", "basis", "statutory_days", "promised_days", "materials",
                  "conditions", "procedure", "fees", "responsible_post", "review_posts", "visits_needed", "online",
                  "location", "hours", "phone", "note"]  # fmt: skip
        field_classes = {"responsible_post": PostChoiceField, "review_posts": PostsChoiceField}
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 6, "placeholder": "申请人居民身份证（原件）\n申请书"}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "procedure": forms.Textarea(attrs={"rows": 3}),
            "review_posts": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "org_unit": "事项所属的乡镇；留空为您所在的乡镇",
            "materials": "每行一项；一次性告知书按此清单逐项列明缺少的材料",
            "review_posts": "须出具会签意见的岗位，可多选（按住 Ctrl 键）；全部出具意见后方可作出决定",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = towns_visible_to(self.user)
        self.fields["org_unit"].required = False
        if not self.instance.pk:
            self.fields["org_unit"].initial = self._default_town()
        posts = posts_visible_to(self.user)
        self.fields["responsible_post"].queryset = posts
        self.fields["review_posts"].queryset = posts
        self.fields["review_posts"].required = False
        # Left out (an API request, an import without the column): one visit, no fee.
        self.fields["visits_needed"].required = False
        self.fields["fees"].required = False

    def _default_town(self) -> OrgUnit | None:
        unit = getattr(self.user, "org_unit", None)
        town = unit.town if unit is not None else None
        return town if town is not None and town.is_visible_to(self.user) else None

    def clean_org_unit(self):
        unit = self.cleaned_data.get("org_unit") or (
            self.instance.org_unit if self.instance.pk else self._default_town()
        )
        if unit is None:
            raise forms.ValidationError("请选择事项所属的乡镇")
        return unit

    def clean_visits_needed(self) -> int:
        value = self.cleaned_data.get("visits_needed")
        return 1 if value in (None, "") else int(value)

    def clean_fees(self) -> str:
        return (self.cleaned_data.get("fees") or "").strip() or "不收费"

    def clean_materials(self) -> str:
        # One name a line, list marks and blank lines dropped: what the notice lists.
        return "\n".join(split_materials(self.cleaned_data.get("materials") or ""))

    def clean(self):
        data = super().clean()
        for name in TEXT_AREAS:
            if isinstance(data.get(name), str):
                data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        unit, code = data.get("org_unit"), data.get("code")
        if unit is not None and code:
            taken = ServiceItem.objects.filter(org_unit=unit, code=code)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("code", f"{unit.name}已有事项编码为“{code}”的事项")
        if unit is not None:
            for name in ("responsible_post", "review_posts"):
                value = data.get(name)
                posts = list(value or []) if name == "review_posts" else [value] if value else []
                outside = [p.name for p in posts if not p.org_unit.path.startswith(unit.path)]
                if outside:
                    self.add_error(name, f"岗位“{'、'.join(outside)}”不属于{unit.name}，只能选择本乡镇的岗位")
        return data


class PublishForm(forms.Form):
    """公布: the day the item goes on the published list (today when left empty)."""

    on = forms.DateField(
        label="公布日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class WithdrawForm(forms.Form):
    """停用: why the item leaves the list."""

    reason = forms.CharField(
        label="停用理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写停用理由"},
    )
