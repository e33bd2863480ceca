"""The annual report as .docx in the GB/T 9704 layout: the page, the grid, the fonts
named in the runs, the page numbers, deterministic bytes, and a PDF through
LibreOffice where it is installed."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from docx import Document
from docx.oxml.parser import parse_xml
from lxml import etree

from fazhi.core import officialdoc
from fazhi.core.documents import libreoffice
from fazhi.reports import annual, docx
from fazhi.reports.document import Block, Segment

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
TWIPS_PER_MM = 1440 / 25.4  # 56.69


def _twips(mm: float) -> float:
    return mm * TWIPS_PER_MM


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: parse_xml(zf.read(name)) for name in zf.namelist() if name.endswith(".xml")}


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{W}p"))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _runs(p: etree._Element) -> list[tuple[str, str, str]]:
    """(text, East Asian font, size in half-points) of each run with text."""
    out = []
    for r in p.iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        if not text:
            continue
        fonts = r.find(f"{W}rPr/{W}rFonts")
        size = r.find(f"{W}rPr/{W}sz")
        out.append((text, fonts.get(f"{W}eastAsia") if fonts is not None else "",
                    size.get(f"{W}val") if size is not None else ""))  # fmt: skip
    return out


def _paragraph(root: etree._Element, starts: str) -> etree._Element:
    return next(p for p in _paragraphs(root) if _text(p).startswith(starts))


@pytest.fixture
def report(town_a):
    return annual.build(town_a, 2023)


@pytest.fixture
def data(report):
    return docx.write(report)


def test_the_page_is_a4_with_the_standard_margins(data):
    section = _parts(data)["word/document.xml"].find(f"{W}body/{W}sectPr")
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert abs(int(size.get(f"{W}w")) - _twips(210)) <= 1
    assert abs(int(size.get(f"{W}h")) - _twips(297)) <= 1
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(int(margins.get(f"{W}{side}")) - _twips(mm)) <= 1, side


def test_the_grid_is_22_lines_of_28_characters(data):
    section = _parts(data)["word/document.xml"].find(f"{W}body/{W}sectPr")
    grid = section.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "linesAndChars"
    assert grid.get(f"{W}linePitch") == "579"
    assert grid.get(f"{W}charSpace") == "-842"
    # And those are what the text block holds: 22 lines and 28 characters fit, one more does not.
    width = 11906 - 1587 - 1474
    height = 16838 - 2098 - 1984
    line_pitch, char_pitch = 579, (16 - 842 / 4096) * 20  # twips
    assert 22 * line_pitch <= height < 23 * line_pitch
    assert 28 * char_pitch <= width < 29 * char_pitch
    assert (officialdoc.LINE_PITCH, officialdoc.CHAR_SPACE) == (579, -842)


def test_the_text_sets_28_characters_a_line_without_relying_on_the_grid(data, report):
    """Off the grid, each 3号 character narrowed by 0.25 pt: 28 fit, 29 do not, in Word and
    LibreOffice alike (officialdoc.TRACKING)."""
    document = _parts(data)["word/document.xml"]
    width = 11906 - 1587 - 1474
    assert 28 * (16 - 0.25) * 20 <= width < 29 * (16 - 0.25) * 20
    body = [p for p in _paragraphs(document) if _runs(p) and _runs(p)[0][2] == "32"]
    assert len(body) > 10
    for p in body:
        assert p.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"
        spacing = p.find(f"{W}pPr/{W}spacing")
        assert (spacing.get(f"{W}lineRule"), spacing.get(f"{W}line")) == ("exact", "579")  # 22 lines a page
        for r in p.iter(f"{W}r"):
            if "".join(t.text or "" for t in r.iter(f"{W}t")):
                assert r.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"


def test_the_copy_for_libreoffice_has_a_line_grid_and_the_same_text(report, data):
    copy = docx.write(report, for_pdf=True)
    grid = _parts(copy)["word/document.xml"].find(f"{W}body/{W}sectPr/{W}docGrid")
    assert (grid.get(f"{W}type"), grid.get(f"{W}linePitch"), grid.get(f"{W}charSpace")) == (
        "lines",
        "579",
        None,
    )
    texts = [[_text(p) for p in _paragraphs(_parts(d)["word/document.xml"])] for d in (data, copy)]
    assert texts[0] == texts[1]


def test_the_fonts_are_named_in_the_runs_and_the_styles(data, report):
    parts = _parts(data)
    document = parts["word/document.xml"]
    title = _paragraph(document, report.title[0])
    assert _runs(title) == [(report.title[0], "方正小标宋简体", "44")]
    fonts = title.find(f"{W}r/{W}rPr/{W}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{W}{slot}") == "方正小标宋简体"
    assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    assert _runs(_paragraph(document, report.title[1]))[0][1:] == ("方正小标宋简体", "44")

    addressee = _paragraph(document, "中共云阳县委、云阳县人民政府：")
    assert _runs(addressee) == [("中共云阳县委、云阳县人民政府：", "仿宋_GB2312", "32")]
    assert addressee.find(f"{W}pPr/{W}ind") is None  # flush left

    preamble = _paragraph(document, "2023年，江口镇坚持")
    assert {(font, size) for _, font, size in _runs(preamble)} == {("仿宋_GB2312", "32")}
    assert preamble.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"

    for number, part in report.numbered_parts():
        heading = _paragraph(document, f"{number}{part.title}")
        assert _runs(heading) == [(f"{number}{part.title}", "黑体", "32")]
        assert heading.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"

    lead = _paragraph(document, "（一）以习近平法治思想引领法治政府建设")
    assert _runs(lead) == [("（一）以习近平法治思想引领法治政府建设", "楷体_GB2312", "32")]

    styles = parts["word/styles.xml"]
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    assert normal.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default.get(f"{W}eastAsia") == "仿宋_GB2312" and default.get(f"{W}eastAsiaTheme") is None


def test_a_lead_runs_in_before_the_body_text_of_the_same_paragraph(report):
    report.parts[0].blocks.insert(
        0, Block(lead=[Segment("（一）加强组织领导。")], segments=[Segment("成立领导小组。")])
    )
    document = _parts(docx.write(report))["word/document.xml"]
    p = _paragraph(document, "（一）加强组织领导。")
    assert _runs(p) == [
        ("（一）加强组织领导。", "楷体_GB2312", "32"),
        ("成立领导小组。", "仿宋_GB2312", "32"),
    ]


def test_the_signature_and_date_are_right_aligned_four_characters_in(report):
    report.dated = "2024年2月20日"
    document = _parts(docx.write(report))["word/document.xml"]
    date = _paragraph(document, "2024年2月20日")
    assert date.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    char = officialdoc.TEXT_CHAR.twips
    assert abs(int(date.find(f"{W}pPr/{W}ind").get(f"{W}right")) - 4 * char) <= 1
    for line in report.signature:
        p = next(p for p in _paragraphs(document) if _text(p) == line)
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
        # Centred over the date: the same middle, counted from the right edge.
        right = int(p.find(f"{W}pPr/{W}ind").get(f"{W}right")) / char
        width = officialdoc.text_width(line)
        assert abs(right + width / 2 - (4 + officialdoc.text_width("2024年2月20日") / 2)) < 0.01
    paragraphs = [_text(p) for p in _paragraphs(document)]
    at = paragraphs.index(report.signature[0])
    assert paragraphs[at - 2 : at] == ["", ""]  # room for the seal
    assert paragraphs[at + len(report.signature)] == "2024年2月20日"


def test_the_page_numbers_are_outside_in_4hao_with_dashes(data):
    parts = _parts(data)
    margins = parts["word/document.xml"].find(f"{W}body/{W}sectPr/{W}pgMar")
    assert abs(int(margins.get(f"{W}footer")) - _twips(25)) <= 1  # the dashes 7 mm under the text block
    settings = parts["word/settings.xml"]
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    section = parts["word/document.xml"].find(f"{W}body/{W}sectPr")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = parse_xml(zf.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    footers = {ref.get(f"{W}type"): parts[f"word/{targets[ref.get(f'{R}id')]}"]
               for ref in section.findall(f"{W}footerReference")}  # fmt: skip
    assert set(footers) >= {"default", "even"}
    for kind, align in (("default", "right"), ("even", "left")):
        p = footers[kind].find(f"{W}p")
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
        instr = "".join(t.text or "" for t in p.iter(f"{W}instrText"))
        assert instr.strip() == "PAGE"
        assert [f.get(f"{W}fldCharType") for f in p.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        runs = _runs(p)
        assert runs[0] == ("— ", "宋体", "28") and runs[-1] == (" —", "宋体", "28")
        assert {size for _, _, size in runs} == {"28"}


def test_python_docx_reopens_it_and_the_text_is_all_there(data, report):
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.startswith("\n".join(report.title))
    for _number, part in report.numbered_parts():
        assert part.title in text
    assert report.signature[-1] in text
    assert doc.core_properties.title == report.title[-1]


def test_the_same_report_gives_the_same_bytes(town_a, report, data):
    assert docx.write(report) == data
    assert docx.write(annual.build(town_a, 2023)) == data  # built again


def test_the_suggestions_for_the_writer_stay_out(report):
    report.parts[2].suggestions = ["供撰写参考的要点：复议纠错率偏高"]
    data = docx.write(report)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        everything = "".join(
            zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml")
        )
    assert "复议纠错率偏高" not in everything and "供撰写参考" not in everything


def test_a_table_block_and_the_appendix_become_tables(report):
    report.parts[0].blocks.append(Block(kind="table", header=["项目", "数量"], rows=[["应急演练", "3次"]]))
    report.appendix_title = "附表：2023年与2022年主要数据对比"
    report.appendix = Block(kind="table", header=["指标", "2023年", "2022年"],
                            rows=[["行政处罚案件", "5件", "3件"], ["普法宣传", "12场", "10场"]])  # fmt: skip
    data = docx.write(report)
    body = _parts(data)["word/document.xml"].find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 2
    first, appendix = tables
    cells = [[_text(tc) for tc in tr.findall(f"{W}tc")] for tr in first.findall(f"{W}tr")]
    assert cells == [["项目", "数量"], ["应急演练", "3次"]]
    assert first.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # repeated on each page
    borders = etree.tostring(_parts(data)["word/styles.xml"]).decode()
    assert "TableGrid" in etree.tostring(first).decode() and "TableGrid" in borders
    header_runs = _runs(first.find(f"{W}tr"))
    assert {(font, size) for _, font, size in header_runs} == {("黑体", "28")}
    assert {font for _, font, _ in _runs(first.findall(f"{W}tr")[1])} == {"仿宋_GB2312"}
    widths = [int(g.get(f"{W}w")) for g in first.iter(f"{W}gridCol")]
    assert sum(widths) == officialdoc.TEXT_WIDTH.twips
    # The appendix: a new page, "附表" in 黑体 flush left, the title centred, then the table.
    children = list(body)
    at = children.index(appendix)
    label = next(p for p in children if p.tag == f"{W}p" and _text(p) == "附表")
    assert label.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert _runs(label) == [("附表", "黑体", "32")]
    title = next(p for p in children if _text(p) == "2023年与2022年主要数据对比")
    assert _runs(title)[0][1:] == ("方正小标宋简体", "44")
    assert children.index(label) < children.index(title) < at
    assert [_text(tc) for tc in appendix.find(f"{W}tr").findall(f"{W}tc")] == ["指标", "2023年", "2022年"]
    Document(io.BytesIO(data))  # still opens


def test_it_converts_to_pdf_with_libreoffice(report):
    if libreoffice() is None:
        if os.environ.get("FAZHI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("FAZHI_REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed")
        pytest.skip(
            "LibreOffice (soffice) is not installed; set FAZHI_REQUIRE_LIBREOFFICE=1 to make this fail"
        )
    pdf = docx.pdf(report)
    assert pdf is not None and pdf.startswith(b"%PDF")
