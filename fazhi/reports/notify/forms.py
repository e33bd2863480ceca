"""My channels (我的提醒设置): the form on the user's NotificationPreference."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.validators import is_valid_mobile
from fazhi.reports.models.notify import NotificationPreference


class PreferenceForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label="推送地址URL",
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text="接收提醒的系统地址（以 http:// 或 https:// 开头），平台以 JSON 格式推送；不能指向本机或内网地址",
    )

    class Meta:
        model = NotificationPreference
        fields = ["daily_digest", "immediate_red", "email", "email_address", "sms", "phone", "webhook",
                  "webhook_url"]  # fmt: skip
        help_texts = {
            "daily_digest": "每个工作日早上汇总本人逾期和临期的事项",
            "immediate_red": "本人负责的事项一逾期即提醒",
            "email_address": "不填时使用账号的邮箱",
            "phone": "11位手机号码",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for f in self.fields.values():
            f.widget.attrs.setdefault(
                "class", "form-check-input" if isinstance(f.widget, forms.CheckboxInput) else "form-control"
            )
        self.fields["phone"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "tel"})

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip().replace(" ", "").replace("-", "")
        if phone and not is_valid_mobile(phone):
            raise ValidationError("手机号码格式不正确：应为11位手机号码")
        return phone

    def clean_webhook_url(self) -> str:
        from fazhi.core import webhooks

        url = (self.cleaned_data.get("webhook_url") or "").strip()
        if url:
            try:
                webhooks.check_url(url)
            except webhooks.AddressRefused as exc:
                raise ValidationError(str(exc)) from None
        return url

    def clean(self):
        data = super().clean()
        if data.get("email") and not data.get("email_address") and not getattr(self.user, "email", ""):
            self.add_error("email_address", "选择电子邮件提醒须填写邮箱")
        if data.get("sms") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "选择短信提醒须填写手机号")
        if data.get("webhook") and not data.get("webhook_url") and "webhook_url" not in self.errors:
            self.add_error("webhook_url", "选择推送提醒须填写推送地址")
        return data
