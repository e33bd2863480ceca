"""Forms of normative documents and public comments: the two register forms (web,
Excel and API alike), the form of each step on a document's page (the API takes the
same), and the portal's comment form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from fazhi.core.forms import RegisterForm
from fazhi.core.models import Post
from fazhi.core.validators import is_valid_mobile, is_valid_phone
from fazhi.decisions.actions.normative import COMMENT_MAX_CHARS, COMMENT_MIN_CHARS, ISSUE_FIELDS
from fazhi.decisions.choices import CleanupOutcome, CommentChannel, DocumentStatus, ReviewOpinion
from fazhi.decisions.models import MajorDecision, NormativeDocument, PublicComment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _style(form: forms.BaseForm) -> None:
    for f in form.fields.values():
        if isinstance(f.widget, forms.RadioSelect | forms.CheckboxInput | forms.HiddenInput):
            continue
        f.widget.attrs.setdefault(
            "class", "form-select" if isinstance(f.widget, forms.Select) else "form-control"
        )


def validate_contact(value: str, *, landline: bool = True) -> None:
    """A contact is a mobile number (for staff also a landline with its area code) or an
    e-mail address."""
    text = (value or "").strip()
    if not text:
        return
    if "@" in text:
        try:
            validate_email(text)
            return
        except ValidationError:
            pass
    elif is_valid_mobile(text) or (landline and is_valid_phone(text)):
        return
    message = (
        "联系方式应为电话号码（手机或带区号的固定电话）或电子邮箱"
        if landline
        else "联系方式应为11位手机号码或电子邮箱"
    )
    raise ValidationError(message, code="invalid_contact")


# -- the documents register ---------------------------------------------------------------


class DocumentForm(RegisterForm):
    """A draft; on a new record, the number and dates of a document issued before Fazhi
    register it as issued or published (补录)."""

    class Meta:
        model = NormativeDocument
        fields = ["org_unit", "title", "drafting_post", "affects_public", "no_comment_reason", "summary", "text",
                  "doc_number", "issued_on", "published_on", "effective_on", "valid_until", "filing_authority",
                  "filed_on", "filing_no", "source_note"]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 12}),
            "no_comment_reason": forms.Textarea(attrs={"rows": 2}),
            **{
                name: DATE
                for name in ("issued_on", "published_on", "effective_on", "valid_until", "filed_on")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drafting_post"].queryset = Post.objects.visible_to(self.user).select_related("org_unit")
        self.fields["no_comment_reason"].help_text = "涉及群众切身利益但不公开征求意见的，须记录理由"
        for name in ISSUE_FIELDS:
            self.fields[
                name
            ].help_text = "仅补录已印发的历史文件时填写；新文件在文件页面逐项办理印发、公布和备案"

    def clean(self):
        data = super().clean()
        given = [n for n in ISSUE_FIELDS if data.get(n) not in (None, "")]
        draft = self.instance.pk is not None and self.instance.status == DocumentStatus.DRAFTING
        if draft and given:
            for name in given:
                self.add_error(name, "起草中的文件不能直接填写；请在文件页面逐项办理")
        elif self.instance.pk is None and given:
            for name in ("doc_number", "issued_on"):
                if not data.get(name):
                    self.add_error(name, "补录已印发的文件须填写文号和印发日期")
            if data.get("filed_on") and not data.get("published_on"):
                self.add_error("published_on", "登记报送备案的文件须填写公布日期")
        return data


# -- the comments register ----------------------------------------------------------------


class AdoptedSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "待研究"), ("true", "采纳"), ("false", "不采纳")]


STAFF_CHANNELS = [c for c in CommentChannel.choices if c[0] != CommentChannel.PORTAL]
LOCKED_FOR_PORTAL = ("document", "decision", "channel", "received_on", "commenter", "contact", "content")


class CommentForm(RegisterForm):
    """A comment registered by staff (letter, meeting, …), or the adoption of any comment.
    A portal comment keeps what the public wrote: only its adoption and answer are edited."""

    class Meta:
        model = PublicComment
        fields = ["document", "decision", "channel", "received_on", "commenter", "contact", "content", "adopted",
                  "response"]  # fmt: skip
        widgets = {"received_on": DATE, "content": forms.Textarea(attrs={"rows": 5}),
                   "response": forms.Textarea(attrs={"rows": 3}), "adopted": AdoptedSelect}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = NormativeDocument.objects.visible_to(self.user).order_by("-id")
        self.fields["decision"].queryset = MajorDecision.objects.visible_to(self.user).order_by("-id")
        self.fields["contact"].help_text = "用于反馈，不对外公开；列表和导出中脱敏显示"
        if self.instance.pk and self.instance.channel == CommentChannel.PORTAL:
            self.fields["channel"].choices = CommentChannel.choices
            for name in LOCKED_FOR_PORTAL:
                self.fields[name].disabled = True
        else:
            self.fields["channel"].choices = STAFF_CHANNELS
            if not self.is_bound and not self.instance.pk:
                self.initial.setdefault("received_on", timezone.localdate())
                self.initial.setdefault("channel", CommentChannel.LETTER)

    def clean_contact(self) -> str:
        value = (self.cleaned_data.get("contact") or "").strip()
        if not self.fields["contact"].disabled:
            validate_contact(value)
        return value

    def clean(self):
        data = super().clean()
        if bool(data.get("document")) == bool(data.get("decision")):
            self.add_error("document", "请选择意见针对的规范性文件或重大行政决策（二选一）")
        return data


# -- the steps of a document's page (and of the API) ------------------------------------------


class StepForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=DATE, help_text="默认今天")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "on" in self.fields:
            self.initial.setdefault("on", timezone.localdate())
        _style(self)


class OpenCommentForm(StepForm):
    starts_on = forms.DateField(label="征求意见开始日期", widget=DATE)
    ends_on = forms.DateField(label="征求意见截止日期", widget=DATE, help_text="一般不少于30日")
    short_reason = forms.CharField(label="期限少于30日的理由", required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["on"]
        self.initial.setdefault("starts_on", timezone.localdate())


class CloseCommentForm(StepForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SendReviewForm(StepForm):
    reviewer = forms.CharField(label="审核机构或人员", max_length=100, required=False)
    due_on = forms.DateField(label="审核期限", required=False, widget=DATE,
                             help_text="默认为本镇设置的最长审核时间")  # fmt: skip
    no_comment_reason = forms.CharField(label="不公开征求意见的理由", required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}),
                                        help_text="涉及群众切身利益且未公开征求意见的须填写")  # fmt: skip


class RecordReviewForm(StepForm):
    opinion = forms.ChoiceField(label="审核结论", choices=ReviewOpinion.choices)
    text = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reviewer = forms.CharField(label="审核机构或人员", max_length=100, required=False)


class DeliberateForm(StepForm):
    meeting = forms.CharField(label="审议会议", max_length=100, help_text="如：镇政府第12次常务会议")
    note = forms.CharField(label="审议意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class IssueForm(StepForm):
    doc_number = forms.CharField(
        label="文号", max_length=60, help_text="如：江府发〔2026〕5号；本镇内不能重复"
    )


class PublishForm(StepForm):
    effective_on = forms.DateField(label="施行日期", required=False, widget=DATE, help_text="默认为公布日期")
    valid_until = forms.DateField(label="有效期至", required=False, widget=DATE,
                                  help_text="未写明的按本镇设置的有效期年限计算")  # fmt: skip
    filing_authority = forms.CharField(label="备案机关", max_length=100, required=False)


class FilingForm(StepForm):
    filing_no = forms.CharField(label="备案登记号", max_length=60, required=False)
    filing_authority = forms.CharField(label="备案机关", max_length=100, required=False)


class CleanupForm(StepForm):
    outcome = forms.ChoiceField(label="清理结论", choices=CleanupOutcome.choices)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
    valid_until = forms.DateField(label="新的有效期至", required=False, widget=DATE,
                                  help_text="继续有效并延长有效期的填写")  # fmt: skip


STEP_FORMS: dict[str, type[forms.Form]] = {
    "open_comment": OpenCommentForm,
    "close_comment": CloseCommentForm,
    "send_review": SendReviewForm,
    "record_review": RecordReviewForm,
    "deliberate": DeliberateForm,
    "send_back": ReasonForm,
    "issue": IssueForm,
    "publish": PublishForm,
    "file": FilingForm,
    "cleanup": CleanupForm,
    "abandon": ReasonForm,
}


# -- the portal's comment form -----------------------------------------------------------------


class PortalCommentForm(forms.Form):
    content = forms.CharField(
        label="意见内容", min_length=COMMENT_MIN_CHARS, max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        error_messages={"required": "请填写意见内容",
                        "min_length": f"意见内容不少于{COMMENT_MIN_CHARS}个字",
                        "max_length": f"意见内容不超过{COMMENT_MAX_CHARS}个字"},
    )  # fmt: skip
    commenter = forms.CharField(label="姓名（选填）", required=False, max_length=60,
                                error_messages={"max_length": "姓名不超过60个字"},
                                widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}))  # fmt: skip
    contact = forms.CharField(
        label="联系方式（选填）", required=False, max_length=60,
        help_text="手机号码或电子邮箱，仅用于反馈意见采纳情况，不会公开",
        error_messages={"max_length": "联系方式不超过60个字符"},
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )  # fmt: skip

    def clean_content(self) -> str:
        value = (self.cleaned_data.get("content") or "").strip()
        if len(value) < COMMENT_MIN_CHARS:
            raise ValidationError(f"意见内容不少于{COMMENT_MIN_CHARS}个字", code="min_length")
        return value

    def clean_contact(self) -> str:
        value = (self.cleaned_data.get("contact") or "").strip()
        validate_contact(value, landline=False)
        return value
