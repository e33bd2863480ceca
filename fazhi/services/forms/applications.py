"""Forms of the applications at the window (办件): the register form (收件 and
corrections; web, Excel rows and API requests alike) and the form of each step on
an application's page, which the API's step endpoint takes too.

The materials received are the item's own list (ServiceItem.materials, one per
line), offered as checkboxes of the chosen item: the page chooses the item first
(`?item=<pk>`), and every request is checked against that item's list here, so a
name the item does not list is refused whatever the client sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.forms import RegisterForm
from fazhi.core.validators import is_valid_phone, resident_id_error, uscc_error
from fazhi.law import RuleError
from fazhi.services.actions import window as actions
from fazhi.services.choices import (
    ApplicantKind,
    ApplicationChannel,
    ApplicationOutcome,
    DeliveryMethod,
    ItemStatus,
    OpinionState,
    PauseReason,
)
from fazhi.services.forms.market import villages_visible_to
from fazhi.services.models import Application, ReviewTask, ServiceItem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def offered_items(user, current: ServiceItem | None = None):
    """The published items of the user's units (清单之外无审批), and the application's
    own item when it is no longer published (its corrections keep it)."""
    qs = ServiceItem.objects.visible_to(user).filter(status=ItemStatus.PUBLISHED)
    if current is not None and current.pk:
        qs = ServiceItem.objects.visible_to(user).filter(pk=current.pk) | qs
    return qs.order_by("code")


class MaterialsField(forms.MultipleChoiceField):
    """Names of materials as checkboxes. Any name is taken here; the form (or the
    step's action) checks it against the item's list with a message naming it."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value: str) -> bool:
        return True

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise forms.ValidationError("应为材料名称的列表", code="invalid_list")
        out: list[str] = []
        for v in value:
            name = str(v).strip()
            if name and name not in out:
                out.append(name)
        return out


def item_from(value: Any, queryset) -> ServiceItem | None:
    if isinstance(value, ServiceItem):
        return value
    if value in (None, "") or not str(value).isdigit():
        return None
    return queryset.filter(pk=int(value)).first()


class ApplicationForm(RegisterForm):
    """收件登记 and corrections before the decision. `item` chooses the materials offered."""

    received_materials = MaterialsField(label="已收材料", required=False,
                                        help_text="勾选窗口已收到的申请材料；未勾选的材料，受理前须一次性告知申请人补正")  # fmt: skip

    class Meta:
        model = Application
        fields = ["item", "applicant_kind", "applicant", "id_number", "phone", "address", "village", "channel",
                  "content", "submitted_on", "received_materials"]  # fmt: skip
        widgets = {"submitted_on": DATE, "content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, item: ServiceItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.item if self.instance.pk else None
        items = offered_items(self.user, current)
        self.fields["item"].queryset = items
        self.fields["item"].error_messages["invalid_choice"] = (
            "只能选择本单位已公布的政务服务事项清单内的事项"
        )
        self.fields["village"].queryset = villages_visible_to(self.user)
        self.fields["village"].required = False
        # Left out (an API request, an import without the column): a person, at the window.
        self.fields["applicant_kind"].required = self.fields["channel"].required = False
        if self.is_bound:
            self.item = item_from(self.data.get("item"), items)
        else:
            self.item = item or item_from(self.initial.get("item"), items) or current
            if self.item is not None:
                self.initial["item"] = self.item.pk
            self.initial.setdefault("submitted_on", timezone.localdate())
        self.fields["received_materials"].choices = [(m, m) for m in self.materials]
        self.fields["received_materials"].widget.attrs["class"] = "form-check-input"

    @property
    def materials(self) -> list[str]:
        return self.item.material_list() if self.item is not None else []

    def clean_applicant_kind(self) -> str:
        return self.cleaned_data.get("applicant_kind") or ApplicantKind.PERSON

    def clean_channel(self) -> str:
        return self.cleaned_data.get("channel") or ApplicationChannel.WINDOW

    def clean_applicant(self) -> str:
        return (self.cleaned_data.get("applicant") or "").strip()

    def clean_id_number(self) -> str:
        # People type a lowercase x; the standard writes X (GB 11643-1999).
        return (self.cleaned_data.get("id_number") or "").strip().upper()

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()

    def clean_submitted_on(self):
        day = self.cleaned_data.get("submitted_on")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("收件日期不能晚于今天")
        return day

    def clean(self):
        data = super().clean()
        number, kind = data.get("id_number"), data.get("applicant_kind")
        if number:
            error = resident_id_error(number) if kind == ApplicantKind.PERSON else uscc_error(number)
            if error:
                self.add_error("id_number", error)
        phone = data.get("phone")
        if phone and not is_valid_phone(phone):
            self.add_error(
                "phone", "联系电话格式不正确：应为11位手机号码，或带区号的固定电话号码（如023-55123456）"
            )
        item, received = data.get("item"), data.get("received_materials") or []
        if item is not None:
            listed = item.material_list()
            unknown = [m for m in received if m not in listed]
            if unknown:
                self.add_error("received_materials",
                               f"以下材料不在“{item.name}”的申请材料清单中：{'、'.join(unknown)}")  # fmt: skip
            else:
                data["received_materials"] = [m for m in listed if m in received]
        return data


# -- the steps of an application -------------------------------------------------------------


class StepForm(forms.Form):
    """A step's form: `on` (today when left empty) and what the step needs."""

    on = forms.DateField(label="日期", required=False, widget=DATE, help_text="不填为今天")

    def __init__(self, *args, user=None, application: Application | None = None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.user, self.application = user, application
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
                w.attrs.setdefault("class", "form-check-input")
            else:
                w.attrs.setdefault("class", "form-select form-select-sm" if isinstance(w, forms.Select)
                                   else "form-control form-control-sm")  # fmt: skip


def _text(label: str, *, required: bool = False, rows: int = 2, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=2000, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))  # fmt: skip


class NoticeForm(StepForm):
    other = _text(
        "其他需补正的内容", help_text="材料清单以外需申请人补正的内容（如材料内容有误、需补充签名）"
    )


class SupplementForm(StepForm):
    materials = MaterialsField(label="补正的材料", required=False)
    in_person = forms.BooleanField(label="申请人到窗口补正（计入到现场次数）", required=False)
    note = _text("说明")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        missing = self.application.missing_materials if self.application is not None else []
        self.fields["materials"].choices = [(m, m) for m in missing]


class RefuseForm(StepForm):
    reason = _text("不予受理的理由", required=True, rows=3,
                   help_text="如：申请事项依法不属于本机关职权范围，应当告知申请人向有关行政机关申请")  # fmt: skip


class AgreeField(forms.TypedChoiceField):
    """同意 or 不同意: "agree"/"disagree" from the page, true/false from an API client too."""

    def __init__(self, **kwargs):
        super().__init__(choices=[("agree", "同意"), ("disagree", "不同意")], coerce=lambda v: v == "agree",
                         widget=forms.RadioSelect, **kwargs)  # fmt: skip

    def to_python(self, value):
        text = str(value).strip().lower() if value is not None else ""
        if value is True or text in ("true", "1"):
            return "agree"
        if value is False or text in ("false", "0"):
            return "disagree"
        return super().to_python(value)


class OpinionForm(StepForm):
    task = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput, label="会签任务")
    post = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput, label="会签岗位")
    agree = AgreeField(label="意见")
    opinion = _text("审查意见", rows=3, help_text="不同意的，须写明理由")


class PauseForm(StepForm):
    reason = forms.ChoiceField(label="中止计时事由", choices=PauseReason.choices,
                               help_text="听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的时间不计入办理时限（行政许可法第四十五条）")  # fmt: skip
    note = _text("说明")


class ExtendForm(StepForm):
    reason = _text(
        "延期理由",
        required=True,
        help_text="经负责人批准可延长10个工作日，并将理由告知申请人（行政许可法第四十二条）",
    )


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label="办理结果", choices=ApplicationOutcome.choices)
    note = _text("决定内容及理由", rows=3, help_text="不予准予的，须说明理由")


class DeliverForm(StepForm):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    same_visit = forms.BooleanField(
        label="当场领取（与收件或补正同一次到窗口，不另计到现场次数）", required=False
    )


class WithdrawForm(StepForm):
    note = _text("撤回说明")


@dataclass(frozen=True)
class Step:
    label: str
    form: type[StepForm]
    done: str  # the message after it


STEPS: dict[str, Step] = {
    "notice": Step("一次性告知", NoticeForm, "已出具一次性告知书"),
    "supplement": Step("补正", SupplementForm, "已登记补正材料"),
    "accept": Step("受理", StepForm, "已受理"),
    "refuse": Step("不予受理", RefuseForm, "已作出不予受理决定"),
    "route": Step("分送会签", StepForm, "已分送会签岗位"),
    "opinion": Step("会签意见", OpinionForm, "已出具会签意见"),
    "pause": Step("中止计时", PauseForm, "已中止计时"),
    "resume": Step("恢复计时", StepForm, "已恢复计时"),
    "extend": Step("延期", ExtendForm, "已批准延长办理期限"),
    "decide": Step("作出决定", DecideForm, "已作出决定"),
    "deliver": Step("送达", DeliverForm, "已登记送达"),
    "withdraw": Step("撤回", WithdrawForm, "已登记申请人撤回申请"),
}


def review_task(app: Application, actor: Any, data: dict[str, Any]) -> ReviewTask:
    """The review task an opinion is for: by task id, by post id, or the one pending
    task of a post the actor holds."""
    tasks = app.reviews.select_related("post")
    if data.get("task"):
        task = tasks.filter(pk=data["task"]).first()
    elif data.get("post"):
        task = tasks.filter(post_id=data["post"]).first()
    else:
        mine = [t for t in tasks if t.state == OpinionState.PENDING and actions.may_review(actor, t)]
        if len(mine) != 1:
            raise RuleError("请指明出具意见的会签岗位", code="task_required")
        task = mine[0]
    if task is None:
        raise RuleError("该办件没有该岗位的会签任务", code="task_not_found")
    return task


def take_step(app: Application, step: str, *, actor: Any, data: dict[str, Any]) -> Application:
    """Run one step with a step form's cleaned data; the application as it is after."""
    on = data.get("on")
    if step == "notice":
        actions.issue_notice(app, actor=actor, other=data.get("other", ""), on=on)
    elif step == "supplement":
        actions.supplement(app, actor=actor, materials=data.get("materials") or [], on=on,
                           in_person=bool(data.get("in_person")), note=data.get("note", ""))  # fmt: skip
    elif step == "accept":
        actions.accept(app, actor=actor, on=on)
    elif step == "refuse":
        actions.refuse(app, actor=actor, reason=data.get("reason", ""), on=on)
    elif step == "route":
        actions.route(app, actor=actor, on=on)
    elif step == "opinion":
        actions.give_opinion(review_task(app, actor, data), actor=actor, agree=data["agree"],
                             opinion=data.get("opinion", ""), on=on)  # fmt: skip
    elif step == "pause":
        actions.pause(app, actor=actor, reason=data["reason"], note=data.get("note", ""), on=on)
    elif step == "resume":
        actions.resume(app, actor=actor, on=on)
    elif step == "extend":
        actions.extend(app, actor=actor, reason=data.get("reason", ""), on=on)
    elif step == "decide":
        actions.decide(app, actor=actor, outcome=data["outcome"], note=data.get("note", ""), on=on)
    elif step == "deliver":
        actions.deliver(
            app, actor=actor, method=data["method"], on=on, same_visit=bool(data.get("same_visit"))
        )
    elif step == "withdraw":
        actions.withdraw(app, actor=actor, note=data.get("note", ""), on=on)
    else:  # pragma: no cover - the callers look the step up in STEPS first
        raise RuleError("未知的办理环节", code="unknown_step")
    return Application.objects.get(pk=app.pk)
