"""The building blocks of the rulebook: laws, citations, rule errors, periods and thresholds.

Pure Python, no Django. Every figure in `fazhi.law` is one of these objects and
carries the law and article it comes from, and the dates it is in force, so that
a change of the law changes one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Protocol, runtime_checkable

from fazhi.law import counting

__all__ = [
    "AGENCY",
    "DAYS",
    "HOLDERS",
    "MONTHS",
    "PARTY",
    "UNITS",
    "WORKING_DAYS",
    "AnnualDeadline",
    "Article",
    "Law",
    "Period",
    "RuleError",
    "Threshold",
    "Version",
    "WorkingDayCalendar",
    "article_cn",
    "cite",
]

# Units of a period; the counting rules for each are in counting.py.
WORKING_DAYS = counting.WORKING_DAYS
DAYS = counting.DAYS
MONTHS = counting.MONTHS
UNITS = counting.UNITS

# Who holds a period: a party (extended past rest days) or the agency (its own duty).
PARTY = "party"
AGENCY = "agency"
HOLDERS = (PARTY, AGENCY)

# An article number, several of them, or (for State Council documents that have
# no articles) a short Chinese label of the passage, e.g. "第二部分".
Article = int | tuple[int, ...] | str

_UNIT_CN = {WORKING_DAYS: "个工作日", DAYS: "日", MONTHS: "个月"}


@dataclass(frozen=True)
class Law:
    """A law, regulation or State Council document, in one version of its text."""

    name: str
    short: str
    in_force: date
    until: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.until is not None and self.until < self.in_force:
            raise ValueError(f"{self.short}: until {self.until} is before in_force {self.in_force}")

    def in_force_on(self, day: date) -> bool:
        return self.in_force <= day and (self.until is None or day <= self.until)

    def __str__(self) -> str:
        return self.short


# --- Citations -----------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_PLACES = ((1000, "千"), (100, "百"), (10, "十"))
_NUMERIC_ARTICLES = re.compile(r"^\d+(?:[、,，]\d+)*$")


def _cn_number(n: int) -> str:
    """A number from 1 to 9999 in Chinese numerals, as articles are numbered."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"article number must be an int, not {type(n).__name__}")
    if not 1 <= n <= 9999:
        raise ValueError(f"article number out of range: {n}")
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        # 十, 十一 … 十九: no leading 一 below twenty.
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    parts: list[str] = []
    rest = n
    zero_pending = False
    for value, place in _CN_PLACES:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_CN_DIGITS[digit] + place)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(_CN_DIGITS[rest])
    return "".join(parts)


def article_cn(article: Article) -> str:
    """An article reference in Chinese: 51 -> "第五十一条"; (44, 45) -> "第四十四条、第四十五条".

    A string of digits ("51", "44、45、62") is read as article numbers; any other
    string is a label of a passage and is returned unchanged.
    """
    if isinstance(article, str):
        text = article.strip()
        if _NUMERIC_ARTICLES.match(text):
            return article_cn(tuple(int(x) for x in re.split(r"[、,，]", text)))
        return text
    if isinstance(article, tuple):
        if not article:
            raise ValueError("empty article tuple")
        return "、".join(article_cn(n) for n in article)
    return f"第{_cn_number(article)}条"


def cite(law: Law | None, article: Article | None) -> str:
    """The citation of a rule: "行政处罚法第五十一条"; "" when there is nothing to cite."""
    parts = []
    if law is not None:
        parts.append(law.short)
    if article is not None and article != "":
        parts.append(article_cn(article))
    return "".join(parts)


class RuleError(Exception):
    """A rule of law refused an action. `str()` gives the Chinese message with its citation;
    `code` is the stable snake_case code the API returns."""

    def __init__(
        self,
        message: str,
        *,
        law: Law | None = None,
        article: Article | None = None,
        code: str = "rule_violation",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.law = law
        self.article = article
        self.code = code

    @property
    def citation(self) -> str:
        return cite(self.law, self.article)

    def __str__(self) -> str:
        citation = self.citation
        return f"{self.message}（{citation}）" if citation else self.message


# --- Calendars -----------------------------------------------------------------


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """Anything that knows the working days: `fazhi.core.workdays`, or a fake in tests."""

    def is_working_day(self, d: date) -> bool: ...


def _check_dates(since: date | None, until: date | None, what: str) -> None:
    if since is not None and until is not None and until < since:
        raise ValueError(f"{what}: until {until} is before since {since}")


def _covers(since: date, until: date | None, day: date) -> bool:
    return since <= day and (until is None or day <= until)


# --- Periods -------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One version of a period: its length, source and the dates it applies.

    `since` and `until` default to the dates the law itself is in force."""

    amount: int
    unit: str
    law: Law
    article: Article
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}; use one of {', '.join(UNITS)}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"amount must be a non-negative int, not {self.amount!r}")
        _check_dates(self.since, self.until, f"{self.law.short} {self.article}")

    @property
    def starts(self) -> date:
        return self.since if self.since is not None else self.law.in_force

    @property
    def ends(self) -> date | None:
        return self.until if self.until is not None else self.law.until

    def in_force_on(self, day: date) -> bool:
        return _covers(self.starts, self.ends, day)

    @property
    def citation(self) -> str:
        return cite(self.law, self.article)

    def describe(self) -> str:
        """The length in Chinese: "10个工作日", "15日", "3个月"."""
        return f"{self.amount}{_UNIT_CN[self.unit]}"


@dataclass(frozen=True, init=False)
class Period:
    """A time limit set by law, with every version of it that has been in force.

    `holder` says whose period it is. A party's period, and an agency's period under a
    law that applies the civil-procedure rule (行政复议法 第88条, 行政诉讼法 第101条),
    ends on the next working day when its last day is a rest day; an agency's own
    duty otherwise is shown by its strict date (`strict`).

    `minimum=True` marks a period the law guarantees at least (a comment period, the
    reviewer's time, notice before a hearing): `due()` then gives the earliest day the
    next step may take place rather than the latest day to act.

    `configurable=True` marks a figure that is reported rather than read in the text
    of the law, or set locally: a default an administrator may change.
    """

    code: str
    name: str
    versions: tuple[Version, ...]
    holder: str
    civil_rule_applies: bool
    minimum: bool
    configurable: bool
    note: str

    def __init__(
        self,
        code: str,
        name: str,
        *versions: Version,
        holder: str,
        civil_rule_applies: bool = False,
        minimum: bool = False,
        configurable: bool = False,
        note: str = "",
    ) -> None:
        if not versions:
            raise ValueError(f"period {code!r} has no version")
        if holder not in HOLDERS:
            raise ValueError(f"period {code!r}: holder must be one of {HOLDERS}, not {holder!r}")
        ordered = tuple(sorted(versions, key=lambda v: v.starts))
        for earlier, later in pairwise(ordered):
            if earlier.ends is None or earlier.ends >= later.starts:
                raise ValueError(f"period {code!r}: versions overlap")
        for attr, value in (
            ("code", code),
            ("name", name),
            ("versions", ordered),
            ("holder", holder),
            ("civil_rule_applies", civil_rule_applies),
            ("minimum", minimum),
            ("configurable", configurable),
            ("note", note),
        ):
            object.__setattr__(self, attr, value)

    @property
    def strict(self) -> bool:
        """True when a calendar-day or month period ends on its own last day even if that
        is a rest day: the agency's own duty under a law without the civil-procedure rule."""
        return self.holder == AGENCY and not self.civil_rule_applies

    def version_on(self, day: date) -> Version:
        """The version in force on `day`; RuleError when none is."""
        for version in self.versions:
            if version.in_force_on(day):
                return version
        first = self.versions[0]
        raise RuleError(
            f"{day.isoformat()}没有适用的“{self.name}”期限规定",
            law=first.law,
            article=first.article,
            code="no_rule_in_force",
        )

    def due(self, start: date, calendar: WorkingDayCalendar, *, on: date | None = None) -> date:
        """The last day of the period that starts on `start` (start excluded), by the
        version in force on `on` (default: `start`)."""
        version = self.version_on(on if on is not None else start)
        return counting.due_date(
            start,
            version.amount,
            version.unit,
            is_working_day=calendar.is_working_day,
            strict=self.strict,
        )

    def citation_on(self, day: date) -> str:
        return self.version_on(day).citation

    def describe(self, on: date) -> str:
        """e.g. "被申请人书面答复：10个工作日（行政复议法第四十八条）"."""
        version = self.version_on(on)
        return f"{self.name}：{version.describe()}（{version.citation}）"


# --- Thresholds and fixed dates ------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """An amount, count or rate set by law (a fine cap, a number of officers).

    A threshold whose figure changes gets one object per version, each with its own
    dates; `value_on(day)` refuses a day this version does not cover."""

    code: str
    name: str
    value: Decimal | int
    law: Law
    article: Article
    since: date | None = None
    until: date | None = None
    configurable: bool = False
    note: str = ""
    unit_label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.value, float):
            raise TypeError(f"threshold {self.code!r}: use Decimal or int, not float")
        _check_dates(self.since, self.until, f"threshold {self.code}")

    @property
    def starts(self) -> date:
        return self.since if self.since is not None else self.law.in_force

    @property
    def ends(self) -> date | None:
        return self.until if self.until is not None else self.law.until

    def in_force_on(self, day: date) -> bool:
        return _covers(self.starts, self.ends, day)

    def value_on(self, day: date) -> Decimal | int:
        if not self.in_force_on(day):
            raise RuleError(
                f"{day.isoformat()}没有适用的“{self.name}”规定",
                law=self.law,
                article=self.article,
                code="no_rule_in_force",
            )
        return self.value

    @property
    def citation(self) -> str:
        return cite(self.law, self.article)


@dataclass(frozen=True)
class AnnualDeadline:
    """A fixed day of the year by which something about the previous year is due
    (e.g. the annual report by 1 March). An agency duty, shown by its strict date."""

    code: str
    name: str
    month: int
    day: int
    law: Law
    article: Article
    configurable: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        date(2001, self.month, self.day)  # refuses an impossible day; 29 February is not allowed

    def due_for(self, year: int) -> date:
        """The deadline for the matters of `year` (it falls in the following year)."""
        return date(year + 1, self.month, self.day)

    @property
    def citation(self) -> str:
        return cite(self.law, self.article)
