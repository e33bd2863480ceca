"""A built report as .docx in the official document format (GB/T 9704-2012), through
`fazhi.core.officialdoc`: the title in 2号 小标宋 centred, an empty line, the
addressee flush left, the preamble, each part under its "一、" heading in 黑体, the
second-level headings run in 楷体, the signature and the date right-aligned, then
the appendix table on a page of its own. The points suggested for the writer stay
out: they are for the Markdown and HTML drafts only. The same report gives the same
bytes."""

from __future__ import annotations

from fazhi.core.officialdoc import OfficialDocument
from fazhi.reports.document import Block, BuiltReport

APPENDIX_LABEL = "附表"


def _block(doc: OfficialDocument, block: Block) -> None:
    if block.kind == "table":
        doc.table(block.header, block.rows)
    else:
        doc.paragraph(block.body_text, lead=block.lead_text)


def write(report: BuiltReport, *, for_pdf: bool = False) -> bytes:
    """The .docx. `for_pdf` makes the copy that LibreOffice turns into the PDF: the
    same paragraphs on a grid of lines only, on which LibreOffice sets them at 28
    characters a line (on the character grid it gives 27, or 14 to text snapped to
    it: `officialdoc.TRACKING`)."""
    doc = OfficialDocument(title="".join(report.title[-1:]), char_grid=not for_pdf)
    doc.title(report.title)
    doc.blank()
    if report.addressee:
        doc.flush_left(report.addressee)
    for block in report.preamble:
        _block(doc, block)
    for number, part in report.numbered_parts():
        doc.heading1(f"{number}{part.title}")
        for block in part.blocks:
            _block(doc, block)
    doc.signature(report.signature, report.dated)
    if report.appendix is not None:
        # As an attachment (GB/T 9704 8): on a new page, the label on the first line in
        # 黑体, the title centred on the third.
        doc.page_break()
        doc.label(APPENDIX_LABEL)
        doc.blank()
        title = report.appendix_title
        for prefix in (f"{APPENDIX_LABEL}：", f"{APPENDIX_LABEL}:", APPENDIX_LABEL):
            if title.startswith(prefix):
                title = title[len(prefix) :].strip()
                break
        if title:
            doc.title([title])
            doc.blank()
        _block(doc, report.appendix)
    return doc.to_bytes()


def pdf(report: BuiltReport) -> bytes | None:
    """The PDF, through LibreOffice headless (`fazhi.core.documents.to_pdf`): None where
    LibreOffice is not installed; raises PdfConversionFailed when it fails."""
    from fazhi.core.documents import to_pdf

    return to_pdf(write(report, for_pdf=True))
