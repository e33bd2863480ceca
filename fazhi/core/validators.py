"""Identity numbers and phone numbers: pure checks, plus Django field validators.

- Resident identity number (公民身份号码), GB 11643-1999: 17 digits and a check
  character; digits 7-14 are the birth date; the 17th digit is odd for men.
- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
  a 31-character alphabet without I, O, S, V, Z, the last being a check character.

The boolean functions are pure and never raise; the `validate_*` callables raise
Django's ValidationError with a Chinese message that says what is wrong.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

__all__ = [
    "birth_date_from_resident_id",
    "is_valid_mobile",
    "is_valid_phone",
    "is_valid_resident_id",
    "is_valid_uscc",
    "resident_id_error",
    "sex_from_resident_id",
    "uscc_error",
    "validate_phone",
    "validate_resident_id",
    "validate_uscc",
]

_ASCII_DIGITS = frozenset("0123456789")

# --- Resident identity number (GB 11643-1999) --------------------------------------

_ID_STANDARD = "GB 11643-1999"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = date(1900, 1, 1)


def resident_id_check_char(first17: str) -> str:
    """The check character of the first 17 digits of a resident identity number."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _birth_date(s: str) -> date | None:
    try:
        return date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return None


def resident_id_error(s: object, *, today: date | None = None) -> str | None:
    """What is wrong with a resident identity number, in Chinese; None when it is valid."""
    if not isinstance(s, str) or len(s) != 18:
        return f"公民身份号码应为18位（{_ID_STANDARD}）"
    if not set(s[:17]) <= _ASCII_DIGITS or not (s[17] in _ASCII_DIGITS or s[17] == "X"):
        return f"公民身份号码前17位应为数字，最后一位应为数字或大写字母X（{_ID_STANDARD}）"
    born = _birth_date(s)
    if born is None:
        return f"出生日期不是有效日期（{_ID_STANDARD}）"
    if not _EARLIEST_BIRTH <= born <= (today or date.today()):
        return f"出生日期不在有效范围内（{_ID_STANDARD}）"
    if resident_id_check_char(s[:17]) != s[17]:
        return f"公民身份号码校验码不正确（{_ID_STANDARD}）"
    return None


def is_valid_resident_id(s: str, *, today: date | None = None) -> bool:
    """Whether `s` is a valid 18-character resident identity number (GB 11643-1999).
    Nothing is stripped; a lowercase x is refused."""
    return resident_id_error(s, today=today) is None


def birth_date_from_resident_id(s: str) -> date | None:
    """The birth date of a valid resident identity number, else None."""
    return _birth_date(s) if is_valid_resident_id(s) else None


def sex_from_resident_id(s: str) -> str | None:
    """The sex recorded in a valid number: "male" when the 17th digit is odd, "female" when
    even; None for an invalid number."""
    if not is_valid_resident_id(s):
        return None
    return "male" if int(s[16]) % 2 else "female"


# --- Unified social credit code (GB 32100-2015) -------------------------------------

_USCC_STANDARD = "GB 32100-2015"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_FORBIDDEN = frozenset("IOSVZ")


def uscc_check_char(first17: str) -> str:
    """The check character of the first 17 characters of a unified social credit code."""
    total = sum(_USCC_VALUES[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_error(s: object) -> str | None:
    """What is wrong with a unified social credit code, in Chinese; None when it is valid."""
    if not isinstance(s, str) or len(s) != 18:
        return f"统一社会信用代码应为18位（{_USCC_STANDARD}）"
    if any(c in _USCC_FORBIDDEN for c in s):
        return f"统一社会信用代码含有不允许的字符（I、O、S、V、Z）（{_USCC_STANDARD}）"
    if any(c not in _USCC_VALUES for c in s):
        return f"统一社会信用代码只能由数字和大写英文字母组成（{_USCC_STANDARD}）"
    if uscc_check_char(s[:17]) != s[17]:
        return f"统一社会信用代码校验码不正确（{_USCC_STANDARD}）"
    return None


def is_valid_uscc(s: str) -> bool:
    """Whether `s` is a valid unified social credit code (GB 32100-2015). Nothing is
    stripped; lowercase letters are refused."""
    return uscc_error(s) is None


# --- Phone numbers -------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Area codes: 010 and 02x have three digits, the others four (0 and three digits).
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_LANDLINE = re.compile(
    rf"(?:\((?P<a1>{_AREA})\)|（(?P<a2>{_AREA})）|(?P<a3>{_AREA})-?)"
    r"(?P<number>[2-9][0-9]{6,7})"
    r"(?:(?:-|转)(?P<ext>[0-9]{1,6}))?"
)


def is_valid_mobile(s: str) -> bool:
    """A mainland mobile number: 11 digits starting with 13-19."""
    return isinstance(s, str) and _MOBILE.fullmatch(s) is not None


def landline_match(s: str) -> re.Match[str] | None:
    """The parts of a landline number with its area code: 023-55123456, 02355123456,
    (023)55123456, optionally with an extension (-801 or 转801)."""
    return _LANDLINE.fullmatch(s) if isinstance(s, str) else None


def is_valid_phone(s: str) -> bool:
    """A mobile number, or a landline number with its area code."""
    return is_valid_mobile(s) or landline_match(s) is not None


# --- Django validators ---------------------------------------------------------------


def validate_resident_id(value: str) -> None:
    error = resident_id_error(value)
    if error:
        raise ValidationError(error, code="invalid_resident_id")


def validate_uscc(value: str) -> None:
    error = uscc_error(value)
    if error:
        raise ValidationError(error, code="invalid_uscc")


def validate_phone(value: str) -> None:
    if not is_valid_phone(value):
        raise ValidationError(
            "电话号码格式不正确：应为11位手机号码，或带区号的固定电话号码（如023-55123456）",
            code="invalid_phone",
        )
