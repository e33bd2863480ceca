"""A built report as plain data, whatever its kind: the title, the addressee, the
parts and their blocks, the figures they quote. Every writer (Markdown, HTML,
.docx, PDF) reads this and nothing else, and a published report is this, stored
as JSON (`to_dict` / `from_dict`), so that what the public reads no longer moves
when a record is corrected later.

A block is a paragraph, a second-level heading run in of a paragraph (`lead`:
"（一）……" written in 楷体 before the body text), or a table. A paragraph is a list of
segments; a segment that quotes a figure carries the figure's key and, for the
preview, the address of the records behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NUMERALS = "一二三四五六七八九十"


@dataclass
class Segment:
    text: str
    key: str = ""  # the placeholder it came from ("" for plain text)
    link: str = ""  # the records behind the figure, for the HTML preview


@dataclass
class Block:
    kind: str = "paragraph"  # paragraph | table
    lead: list[Segment] = field(default_factory=list)  # a second-level heading run in
    segments: list[Segment] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # tables
    rows: list[list[str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.lead) + "".join(s.text for s in self.segments)

    @property
    def lead_text(self) -> str:
        return "".join(s.text for s in self.lead)

    @property
    def body_text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class Part:
    code: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # points from the data, for the writer only

    @property
    def heading(self) -> str:
        return self.title


@dataclass
class Quoted:
    """A value the report quotes: its words, what was counted and where its records are."""

    name: str  # the placeholder, as the template writes it
    text: str
    counted: str = ""
    link: str = ""
    number: int = 0  # the row of report-figures.md, 0 for others


@dataclass
class BuiltReport:
    kind: str
    unit_code: str
    unit_name: str
    year: int
    title: list[str]  # one or two lines
    addressee: str
    preamble: list[Block]
    parts: list[Part]
    signature: list[str]
    dated: str  # 2024年2月20日, the date written under the signature ("" in a draft)
    quoted: dict[str, Quoted] = field(default_factory=dict)
    appendix_title: str = ""
    appendix: Block | None = None  # the year-over-year table, when asked for

    def numbered_parts(self) -> list[tuple[str, Part]]:
        """(一、 … , part) in their order."""
        return [(f"{NUMERALS[i]}、", part) for i, part in enumerate(self.parts)]

    def text(self) -> str:
        """Every word of the body, for searching and for tests."""
        blocks = list(self.preamble) + [b for p in self.parts for b in p.blocks]
        return "\n".join(b.text for b in blocks)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuiltReport:
        def block(d: dict[str, Any]) -> Block:
            return Block(
                kind=d.get("kind", "paragraph"),
                lead=[Segment(**s) for s in d.get("lead", [])],
                segments=[Segment(**s) for s in d.get("segments", [])],
                header=list(d.get("header", [])),
                rows=[list(r) for r in d.get("rows", [])],
            )

        return cls(
            kind=data["kind"],
            unit_code=data["unit_code"],
            unit_name=data["unit_name"],
            year=data["year"],
            title=list(data["title"]),
            addressee=data.get("addressee", ""),
            preamble=[block(b) for b in data.get("preamble", [])],
            parts=[
                Part(
                    p["code"],
                    p["title"],
                    [block(b) for b in p.get("blocks", [])],
                    list(p.get("suggestions", [])),
                )
                for p in data.get("parts", [])
            ],
            signature=list(data.get("signature", [])),
            dated=data.get("dated", ""),
            quoted={k: Quoted(**v) for k, v in data.get("quoted", {}).items()},
            appendix_title=data.get("appendix_title", ""),
            appendix=block(data["appendix"]) if data.get("appendix") else None,
        )
