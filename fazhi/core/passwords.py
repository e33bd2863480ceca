"""Password rules of GB/T 22239 8.1.4.1a: at least 8 characters from 3 of the 4
character classes, and a change at first login and every 90 days."""

from __future__ import annotations

import datetime as dt
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


class CharacterClassValidator:
    required = 3

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.required:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类（GB/T 22239-2019 8.1.4.1）",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return "密码至少8位，并包含大写字母、小写字母、数字、特殊字符中的至少三类。"


def password_change_required(user) -> bool:
    if user.must_change_password:
        return True
    max_age = getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0)
    if max_age and user.password_changed_at:
        return timezone.now() - user.password_changed_at > dt.timedelta(days=max_age)
    return False
