"""The narrative language of a report's template, written by the town's staff in
the app: plain Chinese text, one paragraph a line, and the figures by name in
braces, e.g. "全年适用简易程序作出行政处罚{简易程序处罚}。". A line that begins with
（一）… is a second-level heading, run in up to its first full stop; a line that is a
table's name alone, {表：…}, puts that table there. Nothing else is special: a
template cannot run code, and a name the report does not know is refused with
the list of names it does know."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from fazhi.reports.document import Block, Quoted, Segment

PLACEHOLDER = re.compile(r"\{([^{}\n。]{1,40})\}")
HEADING = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
TABLE_PREFIX = "表："
MAX_LENGTH = 20000


class TemplateError(ValueError):
    """A template the report cannot use, with the Chinese message that says why."""


def names_in(text: str) -> list[str]:
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(text or "")]


def check(text: str, known: Iterable[str], tables: Iterable[str] = ()) -> None:
    """Refuse unknown names and table names used inside a sentence."""
    if len(text or "") > MAX_LENGTH:
        raise TemplateError(f"内容过长：每一部分不超过{MAX_LENGTH}字")
    known, tables = set(known), set(tables)
    unknown = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        for name in names_in(stripped):
            if name.startswith(TABLE_PREFIX):
                if name[len(TABLE_PREFIX) :] not in tables:
                    unknown.append(name)
                elif not PLACEHOLDER.fullmatch(stripped):
                    raise TemplateError(f"表格“{{{name}}}”须单独占一行")
            elif name not in known:
                unknown.append(name)
    if unknown:
        listed = "、".join(dict.fromkeys(f"{{{n}}}" for n in unknown))
        raise TemplateError(f"模板中的{listed}不是本报告可引用的数据项；可引用的数据项见编辑页下方的列表")


def _segments(text: str, values: Mapping[str, Quoted]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > pos:
            out.append(Segment(text[pos : m.start()]))
        name = m.group(1).strip()
        value = values.get(name)
        if value is None:  # checked on save; an old template meets a renamed figure
            out.append(Segment(f"【{name}：无此数据项】"))
        else:
            out.append(Segment(value.text, key=name, link=value.link))
        pos = m.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return [s for s in out if s.text]


def render(text: str, values: Mapping[str, Quoted], tables: Mapping[str, Block] | None = None) -> list[Block]:
    """The blocks of one part's text, its names replaced by the values' words."""
    tables = tables or {}
    blocks: list[Block] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        whole = PLACEHOLDER.fullmatch(line)
        if whole and whole.group(1).strip().startswith(TABLE_PREFIX):
            table = tables.get(whole.group(1).strip()[len(TABLE_PREFIX) :])
            if table is not None:
                blocks.append(table)
            continue
        if HEADING.match(line):
            stop = line.find("。")
            lead, rest = (line, "") if stop < 0 else (line[: stop + 1], line[stop + 1 :])
            blocks.append(Block(lead=_segments(lead, values), segments=_segments(rest, values)))
        else:
            blocks.append(Block(segments=_segments(line, values)))
    return blocks
