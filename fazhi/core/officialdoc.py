"""The official document layout of GB/T 9704-2012 (党政机关公文格式), shared by every
.docx the platform writes: the case document templates, the decision archive and
the reports. Pure python-docx, no Django, so that `python -m …build_templates`
runs without settings.

    doc = OfficialDocument(title="关于2023年度法治政府建设情况的报告")
    doc.title(["中共江口镇委员会 江口镇人民政府", "关于2023年度法治政府建设情况的报告"])
    doc.blank()
    doc.flush_left("中共云阳县委、云阳县人民政府：")
    doc.paragraph("现将……报告如下。")
    doc.heading1("一、主要举措及成效")
    doc.paragraph("坚持……", lead="（一）以习近平法治思想引领法治政府建设。")
    doc.table(["项目", "数量"], [["应急演练", "3次"]])
    doc.signature(["江口镇人民政府"], "2024年2月20日")
    data = doc.to_bytes()

The layout (docs/official-documents.md has the reasoning):

- A4, 210 × 297 mm; margins top 37, bottom 35, left 28, right 26 mm, which leaves
  the 156 × 225 mm text block (版心) of the standard.
- 22 lines a page and 28 characters a line of 3号 text, as a Word document grid
  (`w:docGrid w:type="linesAndChars"`, values below); the paragraphs written here
  reach the same 22 × 28 in LibreOffice too (see TRACKING).
- Title 2号 (22 pt) 方正小标宋简体; body 3号 (16 pt) 仿宋_GB2312; first-level
  headings 3号 黑体, second-level 3号 楷体_GB2312; page numbers "— 1 —" in 4号
  (14 pt) 宋体, outside: odd pages right and even pages left, one character in.
- The font names go into all four w:rFonts slots with the theme attributes removed,
  so that Word shows the named font rather than its theme's East Asian font.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor, Twips

# -- the numbers ------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, BOTTOM_MARGIN = Mm(37), Mm(35)
LEFT_MARGIN, RIGHT_MARGIN = Mm(28), Mm(26)
# The page number's dashes sit 7 mm under the text block (GB/T 9704 7.5: 一字线上距版心下
# 边缘7mm): its 20 pt line ends 25 mm above the page's bottom edge, which puts the
# dashes, 4.3 mm up that line, 28 mm above it, 35 - 28 = 7 mm under the text block
# (measured in LibreOffice's PDF). The case document templates were made with 21 mm.
FOOTER_DISTANCE = Mm(25)
TEMPLATE_FOOTER_DISTANCE = Mm(21)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(14)  # 四号, so that a table's columns fit the 156 mm text block
LINE = Pt(28)  # the fixed line of the case document templates (which have no grid)
RED = RGBColor(0xC0, 0x00, 0x00)

AUTHOR = "法治政府建设平台"
FIXED_DATE = dt.datetime(2024, 1, 1)  # core properties, so that the same content gives the same bytes
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# The document grid. Word stores lengths in twips (1/20 pt); the page set-up above is
# written as 11906 × 16838 with margins 2098 / 1984 / 1587 / 1474, so the text block
# is 11906 - 1587 - 1474 = 8845 twips wide (156 mm) and 16838 - 2098 - 1984 = 12756
# twips high (225 mm).
#
# - linePitch is the distance between grid lines, in twips: 12756 / 22 = 579.8, rounded
#   down so that 22 lines fit: 579 (28.95 pt; 22 × 579 = 12738 ≤ 12756).
# - charSpace is what each character's pitch adds to the font size of the Normal style
#   (3号, 16 pt), in 1/4096 pt (ECMA-376 17.6.5).
#   28 characters in 8845 twips is a pitch of 315.89 twips = 15.7946 pt, 0.2054 pt
#   less than 16 pt: -0.2054 × 4096 = -841.1, rounded down so that 28 characters fit:
#   -842 (pitch 15.79443 pt; 28 × 15.79443 = 442.24 pt ≤ 442.25 pt).
TEXT_WIDTH = Twips(PAGE_WIDTH.twips - LEFT_MARGIN.twips - RIGHT_MARGIN.twips)
TEXT_HEIGHT = Twips(PAGE_HEIGHT.twips - TOP_MARGIN.twips - BOTTOM_MARGIN.twips)
LINE_PITCH = TEXT_HEIGHT.twips // LINES_PER_PAGE  # twips
CHAR_SPACE = math.floor((TEXT_WIDTH.twips / CHARS_PER_LINE / 20 - BODY_SIZE.pt) * 4096)
GRID_LINE = Twips(LINE_PITCH)  # the exact line of grid documents: one grid line per text line

# Word sets 3号 text on that grid, 28 characters a line, by narrowing each character to
# the pitch. LibreOffice, which makes the PDFs, never narrows a character to a grid
# (it only widens: sw's EvalGridWidthAdd is clamped at 0): on this grid it gives a 16 pt
# character two cells, 14 to a line, and even a paragraph taken off the grid gets 27.
# So the paragraphs written here do not rely on the grid: they are off it
# (w:snapToGrid 0), their 3号 characters narrowed by an explicit character spacing of
# -0.25 pt (w:spacing -5, in twentieths of a point) to 15.75 pt, so that 28 fit the
# 156 mm line (28 × 15.75 = 441 pt ≤ 442.25 pt < 29 × 15.75), and their exact line of
# 579 twips keeps 22 lines a page. The .docx keeps the grid in the section, so that
# Word's page set-up shows 22 lines of 28 characters and text a clerk types later
# snaps to it; the copy made for LibreOffice (`char_grid=False`) has a line grid only
# (w:type="lines"), on which LibreOffice sets those paragraphs at 28 characters too.
TRACKING = -5  # twentieths of a point
TEXT_CHAR = Pt(BODY_SIZE.pt + TRACKING / 20)  # 15.75 pt, one 3号 character of the text

# -- low-level formatting -----------------------------------------------------------------


def set_fonts(rpr, name: str) -> None:
    """Latin and East Asian font alike; theme fonts removed so that Word does not
    substitute its default East Asian font for 仿宋."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def add_run(paragraph, text: str, *, font: str = BODY_FONT, size: Length = BODY_SIZE,
            color: RGBColor | None = None):  # fmt: skip
    run = paragraph.add_run(text)
    run.font.size = size
    set_fonts(run._element.get_or_add_rPr(), font)
    if color is not None:
        run.font.color.rgb = color
    return run


# The children of w:pPr in the schema's order (Word refuses another order), from w:pBdr on.
_PPR_ORDER = tuple(f"w:{t}" for t in (
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
))  # fmt: skip


# The children of w:rPr that the schema puts after w:spacing.
_RPR_AFTER_SPACING = tuple(f"w:{t}" for t in (
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl",
    "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
))  # fmt: skip


def _ppr_child(paragraph, tag: str):
    """The pPr child `w:{tag}` of a paragraph (or of a style: `paragraph` is then the
    style's w:pPr), added in its schema place when missing."""
    ppr = paragraph._p.get_or_add_pPr() if hasattr(paragraph, "_p") else paragraph
    found = ppr.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        ppr.insert_element_before(found, *_PPR_ORDER[_PPR_ORDER.index(f"w:{tag}") + 1 :])
    return found


def format_paragraph(paragraph, *, align=None, indent: bool = False, line: Length = LINE,
                     right_chars: float = 0, char: Length = BODY_SIZE, snap_to_grid: bool = True) -> None:  # fmt: skip
    """An exact line, no space around; `indent` is the two-character first-line indent
    of body text (w:firstLineChars, and two `char`s in twips for readers without it),
    `right_chars` a right indent in `char`s. `snap_to_grid=False` takes the paragraph
    off the document grid (see TRACKING)."""
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = line
    pf.space_before = pf.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align
    if indent:
        pf.first_line_indent = char * 2
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "200")  # two characters, whatever the font size
    if right_chars:
        pf.right_indent = Emu(round(char * right_chars))
    if not snap_to_grid:
        _ppr_child(paragraph, "snapToGrid").set(qn("w:val"), "0")


def rule_below(paragraph, color: str = "C00000") -> None:
    """The red separator line under the 文号 (版头中的分隔线)."""
    border = _ppr_child(paragraph, "pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)


def page_number(paragraph) -> None:
    """ "— 1 —" with a PAGE field, 4号 宋体."""
    add_run(paragraph, "— ", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = add_run(paragraph, "", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    add_run(paragraph, " —", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)


# -- the page -------------------------------------------------------------------------------


def set_up_page(section, *, footer_distance: Length = FOOTER_DISTANCE) -> None:
    """A4, the margins of the 156 × 225 mm text block, the footer's place."""
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.footer_distance = footer_distance


def set_grid(section, *, chars: bool = True) -> None:
    """22 lines of 28 characters (the values are explained above, at LINE_PITCH), or
    without `chars` the 22 lines only (for LibreOffice, see TRACKING)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    grid.set(qn("w:type"), "linesAndChars" if chars else "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    if chars:
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    else:
        grid.attrib.pop(qn("w:charSpace"), None)


def set_default_fonts(doc) -> None:
    """仿宋_GB2312 3号 and Chinese as the document's defaults, theme fonts removed."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_fonts(rpr, BODY_FONT)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)


def outside_page_numbers(doc, section) -> None:
    """Page numbers on the outside edge, one 4号 character in: odd pages right, even
    pages left (w:evenAndOddHeaders, a footer for each)."""
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    format_paragraph(odd, align=WD_ALIGN_PARAGRAPH.RIGHT, line=Pt(20))
    odd.paragraph_format.right_indent = PAGE_NUMBER_SIZE
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    format_paragraph(even, align=WD_ALIGN_PARAGRAPH.LEFT, line=Pt(20))
    even.paragraph_format.left_indent = PAGE_NUMBER_SIZE
    page_number(even)


def new_document(*, grid: bool = True, char_grid: bool = True, footer_distance: Length = FOOTER_DISTANCE):
    """An empty python-docx Document in the layout, with the 22 × 28 document grid
    (`char_grid=False`: the 22 lines only). The case document templates, made before
    it, ask for `grid=False` and `TEMPLATE_FOOTER_DISTANCE`, so that their committed
    bytes do not change."""
    doc = Document()
    section = doc.sections[0]
    set_up_page(section, footer_distance=footer_distance)
    set_default_fonts(doc)
    outside_page_numbers(doc, section)
    # An empty body: the caller writes every paragraph.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    if grid:
        set_grid(section, chars=char_grid)
        # No automatic space between Chinese and Latin letters or numerals: "2024年2月20日"
        # stays tight, as in the standard's examples.
        normal = doc.styles["Normal"].element.get_or_add_pPr()
        for tag in ("autoSpaceDE", "autoSpaceDN"):
            _ppr_child(normal, tag).set(qn("w:val"), "0")
        for footer in (section.footer, section.even_page_footer):
            for p in footer.paragraphs:
                _ppr_child(p, "snapToGrid").set(qn("w:val"), "0")
    return doc


def stamp(doc) -> None:
    """Fixed core properties (author, dates, revision): no clock in the bytes."""
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = FIXED_DATE
    props.revision = 1


def normalise_zip(data: bytes) -> bytes:
    """The same .docx with fixed zip entry dates, so that equal content gives equal
    bytes. Django-free, for the template builders; `fazhi.core.documents` does the
    same to rendered documents."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, _ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def saved(doc) -> bytes:
    """The document's bytes, deterministic once `stamp` has run."""
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def text_width(text: str) -> float:
    """The width of `text` in characters of its size: a Chinese (full-width) character
    is one, a Latin letter or an Arabic numeral half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in ("F", "W") else 0.5 for c in text)


# -- the document -----------------------------------------------------------------------------


class OfficialDocument:
    """A document in the GB/T 9704 layout with its 22 × 28 grid, written top to bottom.
    `char_grid=False` makes the copy for LibreOffice (the PDF): the same paragraphs on
    a grid of lines only, which LibreOffice sets at 28 characters (see TRACKING)."""

    def __init__(self, *, title: str = "", char_grid: bool = True) -> None:
        self.doc = new_document(grid=True, char_grid=char_grid)
        self._break_before = False
        if title:
            self.doc.core_properties.title = title

    # paragraphs

    def _paragraph(
        self, *, align=None, indent: bool = False, right_chars: float = 0, line: Length = GRID_LINE
    ):
        """A paragraph on the grid's exact line, off its character cells (see TRACKING)."""
        p = self.doc.add_paragraph()
        format_paragraph(p, align=align, indent=indent, line=line, right_chars=right_chars, char=TEXT_CHAR,
                         snap_to_grid=False)  # fmt: skip
        if self._break_before:
            p.paragraph_format.page_break_before = True
            self._break_before = False
        return p

    @staticmethod
    def _text(paragraph, text: str, font: str = BODY_FONT):
        """A 3号 run, 28 characters to the line (see TRACKING)."""
        run = add_run(paragraph, text, font=font)
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(TRACKING))
        run._element.get_or_add_rPr().insert_element_before(spacing, *_RPR_AFTER_SPACING)
        return run

    def title(self, lines: Sequence[str]) -> None:
        """The title, 2号 小标宋, each line centred."""
        for text in lines:
            p = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
            p.paragraph_format.keep_with_next = True
            add_run(p, text, font=TITLE_FONT, size=TITLE_SIZE)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self._paragraph()

    def flush_left(self, text: str) -> None:
        """A line without indent: the addressee (主送机关)."""
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        self._text(p, text)

    def paragraph(self, text: str = "", *, lead: str = "") -> None:
        """A body paragraph, 仿宋, first line indented two characters. `lead` is a
        second-level heading run in at its start, in 楷体."""
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        if lead:
            self._text(p, lead, HEADING2_FONT)
            if not text:
                p.paragraph_format.keep_with_next = True  # a heading alone stays with what follows
        if text or not lead:
            self._text(p, text)

    def heading1(self, text: str) -> None:
        """A first-level heading (一、……), 黑体, indented two characters like the body."""
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        p.paragraph_format.keep_with_next = True
        _ppr_child(p, "outlineLvl").set(qn("w:val"), "0")  # in Word's navigation pane
        self._text(p, text, HEADING1_FONT)

    def heading2(self, text: str) -> None:
        """A second-level heading ((一)……) on a line of its own, 楷体."""
        self.paragraph(lead=text)

    def label(self, text: str) -> None:
        """The label of an attachment (附件, 附表), 黑体, flush left on the first line of a page."""
        p = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.keep_with_next = True
        self._text(p, text, HEADING1_FONT)

    def page_break(self) -> None:
        """The next paragraph starts a new page (page-break-before, so that the new page
        does not begin with the empty rest of a paragraph)."""
        self._break_before = True

    def signature(self, lines: Sequence[str], dated: str = "", *, space: int = 2) -> None:
        """The issuing bodies and the date after `space` empty lines (room for the
        seal, whose top stays within a line of the body). As GB/T 9704 7.3.5: the date
        right-aligned four characters in, each body centred over the date; a body
        longer than the date keeps two characters from the right edge, and the whole
        block moves left with it."""
        lines = [t for t in lines if t]
        if not lines and not dated:
            return
        self.blank(space)
        widths = [text_width(t) for t in lines]
        axis = max([w / 2 + 2 for w in widths] + ([text_width(dated) / 2 + 4] if dated else []))
        block = [*lines, *([dated] if dated else [])]
        for i, text in enumerate(block):
            p = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=axis - text_width(text) / 2)
            p.paragraph_format.keep_with_next = i < len(block) - 1  # the block stays on one page
            self._text(p, text)

    # tables

    _CELL_MARGINS = 10.8  # pt, left and right: 108 twips each in the Table Grid style

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], *, size: Length = TABLE_SIZE,
              widths: Sequence[float] | None = None) -> None:  # fmt: skip
        """A bordered table across the text block: the header row in 黑体 (repeated on
        every page), the cells in 仿宋, both `size` (4号). Column widths follow their
        longest text unless `widths` (relative) are given; a column whose every cell
        fits on one line is centred, others are justified."""
        if self._last_is_table():
            self.blank()  # two tables in a row would merge into one
        ncols = max(len(header), *(len(r) for r in rows), 1)
        header = [*header, *[""] * (ncols - len(header))] if header else []
        body = [[str(c) for c in r] + [""] * (ncols - len(r)) for r in rows]
        chars_per_line = TEXT_WIDTH.pt / size.pt
        if widths is None:
            longest = [max([text_width(line) for r in [header, *body] if r for line in r[i].splitlines()] or [0])
                       for i in range(ncols)]  # fmt: skip
            # 1.5 characters more: the cell margins (2 × 5.4 pt) and a numeral's extra width
            widths = [min(max(w, 2.0), chars_per_line / 2) + 1.5 for w in longest]
        total = sum(widths)
        twips = [int(TEXT_WIDTH.twips * w / total) for w in widths]
        twips[-1] = TEXT_WIDTH.twips - sum(twips[:-1])
        room = [(t / 20 - self._CELL_MARGINS) / size.pt for t in twips]  # characters a cell line holds
        centred = [all(text_width(line) + 0.5 <= room[i] for r in body for line in r[i].splitlines())
                   for i in range(ncols)]  # fmt: skip
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, t in zip(table.columns, twips, strict=True):
            column.width = Twips(t)  # the grid, which LibreOffice follows
        for r, cells in enumerate([header, *body] if header else body):
            row = table.add_row()
            if header and r == 0:
                tr_pr = row._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
            for c, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
                cell.width = Twips(twips[c])  # and each cell's width, which Word follows
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                is_header = bool(header) and r == 0
                align = WD_ALIGN_PARAGRAPH.CENTER if is_header or centred[c] else WD_ALIGN_PARAGRAPH.JUSTIFY
                for i, line in enumerate(text.splitlines() or [""]):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    format_paragraph(p, align=align, line=Pt(round(size.pt * 1.5)), snap_to_grid=False)
                    add_run(p, line, font=HEADING1_FONT if is_header else BODY_FONT, size=size)

    # the file

    def _last_is_table(self) -> bool:
        body = self.doc.element.body
        return len(body) > 1 and body[-2].tag == qn("w:tbl")  # body[-1] is w:sectPr

    def to_bytes(self) -> bytes:
        """The .docx; the same content gives the same bytes (fixed core properties and
        zip dates)."""
        if self._break_before or self._last_is_table():
            # Word wants a paragraph after a table at the end; a 1 pt one cannot push a page.
            p = self._paragraph(line=Pt(1))
            add_run(p, "", size=Pt(1))
        stamp(self.doc)
        return saved(self.doc)
