from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from fazhi.core import otp

GENERIC_ERROR = "用户名、密码或动态验证码不正确"


class LoginForm(AuthenticationForm):
    """Username, password and, for administrators and leaders, the TOTP code.
    Every failure reads the same, so that the answer tells nothing about which
    part was wrong or whether the account exists."""

    otp_token = forms.CharField(label="动态验证码", required=False, max_length=8)

    error_messages = {
        "invalid_login": GENERIC_ERROR,
        "inactive": GENERIC_ERROR,
    }

    def clean(self):
        data = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is not None and otp.requires_totp(user):
            self.otp_device = otp.verify(user, self.cleaned_data.get("otp_token", ""))
            if self.otp_device is None:
                from django.contrib.auth.signals import user_login_failed

                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=self.request
                )
                raise forms.ValidationError(GENERIC_ERROR, code="invalid_login")
        return data
