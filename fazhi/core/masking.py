"""Masking personal data for lists, exports, audit values and published decisions.

Pure functions. Each takes the raw value (or None) and returns the masked text,
"" for None or "". Masking keeps only what a reader needs to tell records apart:
the surname, the region of an identity number, the area code of a phone, the
township of an address, the last digits of a bank account.
"""

from __future__ import annotations

from fazhi.core.validators import is_valid_mobile, landline_match

__all__ = ["mask_address", "mask_bank_account", "mask_name", "mask_phone", "mask_resident_id"]

MASK = "*"
_NAME_SEPARATORS = frozenset(" ·•・.-")


def _stars(n: int) -> str:
    return MASK * max(n, 0)


def _keep_ends(text: str, head: int, tail: int) -> str:
    return text[:head] + _stars(len(text) - head - tail) + (text[-tail:] if tail else "")


def mask_name(name: str | None) -> str:
    """Keep the first character and mask the rest: "张三" -> "张*", "欧阳小明" -> "欧***".

    Separators in transliterated or foreign names (space, ·) are kept so the shape
    stays readable: "John Smith" -> "J*** *****". A one-character name is masked whole."""
    if not name:
        return ""
    text = name.strip()
    if len(text) <= 1:
        return _stars(len(text))
    return text[0] + "".join(c if c in _NAME_SEPARATORS else MASK for c in text[1:])


def mask_resident_id(value: str | None) -> str:
    """An 18-character number keeps the region code (first 6) and the last 4:
    "11010519491231002X" -> "110105********002X". Another length keeps the first 3 and
    the last 2; a very short value is masked whole."""
    if not value:
        return ""
    text = value.strip()
    if len(text) == 18:
        return _keep_ends(text, 6, 4)
    if len(text) >= 8:
        return _keep_ends(text, 3, 2)
    return _stars(len(text))


def _mask_digits(text: str, keep_head: int, keep_tail: int) -> str:
    """Mask the digits of `text` except the first `keep_head` and last `keep_tail` digits,
    leaving other characters in place."""
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    hidden = set(positions[keep_head : len(positions) - keep_tail if keep_tail else None])
    return "".join(MASK if i in hidden else c for i, c in enumerate(text))


def mask_phone(value: str | None) -> str:
    """A mobile keeps its first 3 and last 4 digits: "13812345678" -> "138****5678". A
    landline keeps its area code and last 2 digits: "023-55123456" -> "023-******56", and
    its extension is masked. Anything else keeps its first 3 and last 2 digits."""
    if not value:
        return ""
    text = value.strip()
    if is_valid_mobile(text):
        return _keep_ends(text, 3, 4)
    match = landline_match(text)
    if match:
        number_start, number_end = match.span("number")
        masked = text[:number_start] + _keep_ends(match["number"], 0, 2)
        rest = text[number_end:]
        return masked + _mask_digits(rest, 0, 0)
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) == 13 and digits.startswith("86") and is_valid_mobile(digits[2:]):
        return _mask_digits(text, 5, 4)
    if len(digits) < 7:
        return _mask_digits(text, 0, 0)
    return _mask_digits(text, 3, 2)


# Administrative levels in an address, read from left to right. A marker closes a
# level only when a name precedes it in that level, so that 镇江市, 镇雄县 or
# 云阳县镇安路 are not taken for a town, nor 市场路 for a city.
_TOWN = "town"
_COUNTY = "county"
_OTHER = "other"
_MARKERS = (
    ("街道", _TOWN),
    ("镇", _TOWN),
    ("乡", _TOWN),
    ("县", _COUNTY),
    ("区", _COUNTY),
    ("市", _COUNTY),
    ("省", _OTHER),
)


def _levels(text: str) -> list[tuple[int, str]]:
    """(end index, kind) of each administrative level found at the start of the address."""
    levels = []
    start = i = 0
    while i < len(text):
        found = next(((m, kind) for m, kind in _MARKERS if text.startswith(m, i)), None)
        if found is not None and i > start:
            end = i + len(found[0])
            levels.append((end, found[1]))
            start = i = end
        else:
            i += 1
    return levels


def mask_address(value: str | None) -> str:
    """Keep the address up to the township or street (镇/乡/街道), mask the rest:
    "重庆市云阳县江口镇某某村3组25号" -> "重庆市云阳县江口镇****". Without a township,
    keep up to the first 县/区/市; without either, mask it all."""
    if not value:
        return ""
    text = value.strip()
    levels = _levels(text)
    end = next((e for e, kind in levels if kind == _TOWN), None)
    if end is None:
        end = next((e for e, kind in levels if kind == _COUNTY), None)
    if end is None:
        return MASK * 4
    return text[:end] + MASK * 4 if end < len(text) else text


def mask_bank_account(value: str | None) -> str:
    """Keep the last 4 characters: "6222021234567890123" -> "***************0123"."""
    if not value:
        return ""
    text = "".join(value.split())
    if len(text) <= 4:
        return _stars(len(text))
    return _keep_ends(text, 0, 4)
