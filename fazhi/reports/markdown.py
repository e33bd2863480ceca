"""A built report as Markdown, for review and for diffs between builds."""

from __future__ import annotations

from fazhi.reports.document import Block, BuiltReport


def _table(block: Block) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "｜") for c in cells) + " |"

    lines = [row(block.header), row(["---"] * len(block.header))] if block.header else []
    return lines + [row(r) for r in block.rows] + [""]


def _block(block: Block) -> list[str]:
    if block.kind == "table":
        return _table(block)
    if block.lead:
        return [f"**{block.lead_text}**{block.body_text}", ""]
    return [block.text, ""]


def write(report: BuiltReport, *, suggestions: bool = True) -> str:
    lines = [f"# {report.title[0]}"] + [f"## {line}" for line in report.title[1:]] + [""]
    if report.addressee:
        lines += [report.addressee, ""]
    for block in report.preamble:
        lines += _block(block)
    for number, part in report.numbered_parts():
        lines += [f"## {number}{part.title}", ""]
        for block in part.blocks:
            lines += _block(block)
        if suggestions and part.suggestions:
            lines += ["> 系统根据台账提示的要点（供撰写参考，定稿前删除）：", ">"]
            lines += [f"> - {point}" for point in part.suggestions]
            lines += [""]
    lines += [*report.signature]
    if report.dated:
        lines += [report.dated]
    lines += [""]
    if report.appendix is not None:
        lines += [f"## {report.appendix_title}", "", *_table(report.appendix)]
    return "\n".join(lines)
