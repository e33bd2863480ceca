"""The shared GB/T 9704 layer: its numbers, the document it writes, and the case
document templates that build on it still rebuilding to their committed bytes."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.parser import parse_xml
from lxml import etree

from fazhi.core import officialdoc
from fazhi.core.officialdoc import OfficialDocument, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return parse_xml(zf.read("word/document.xml")).find(f"{W}body")


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _paragraph(body: etree._Element, text: str) -> etree._Element:
    return next(p for p in body.iter(f"{W}p") if _text(p) == text)


def _right_chars(p: etree._Element) -> float:
    return int(p.find(f"{W}pPr/{W}ind").get(f"{W}right")) / officialdoc.TEXT_CHAR.twips


def test_the_text_block_and_the_grid():
    assert (officialdoc.TEXT_WIDTH.twips, officialdoc.TEXT_HEIGHT.twips) == (8845, 12756)  # 156 × 225 mm
    assert abs(officialdoc.TEXT_WIDTH.mm - 156) < 0.05 and abs(officialdoc.TEXT_HEIGHT.mm - 225) < 0.05
    assert officialdoc.LINE_PITCH == 579
    assert officialdoc.CHAR_SPACE == -842
    pitch = (16 + officialdoc.CHAR_SPACE / 4096) * 20  # twips
    assert 28 * pitch <= 8845 < 29 * pitch
    assert 28 * officialdoc.TEXT_CHAR.twips <= 8845 < 29 * officialdoc.TEXT_CHAR.twips


def test_text_width_counts_numerals_as_half():
    assert text_width("2024年2月20日") == 6.5
    assert text_width("江口镇人民政府") == 7


def test_a_document_writes_its_parts_in_order_with_their_fonts():
    doc = OfficialDocument(title="测试")
    doc.title(["关于测试的报告"])
    doc.blank()
    doc.flush_left("某某县人民政府：")
    doc.heading1("一、总体情况")
    doc.heading2("（一）组织领导")
    doc.paragraph("正文。", lead="（二）制度建设。")
    doc.paragraph("正文段落。")
    data = doc.to_bytes()
    body = _body(data)
    texts = [_text(p) for p in body.iter(f"{W}p")]
    assert texts == ["关于测试的报告", "", "某某县人民政府：", "一、总体情况", "（一）组织领导", "（二）制度建设。正文。",
                     "正文段落。"]  # fmt: skip

    def fonts(text):
        return [r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in _paragraph(body, text).iter(f"{W}r")]

    assert fonts("关于测试的报告") == ["方正小标宋简体"]
    assert fonts("一、总体情况") == ["黑体"]
    assert fonts("（一）组织领导") == ["楷体_GB2312"]
    assert fonts("（二）制度建设。正文。") == ["楷体_GB2312", "仿宋_GB2312"]
    assert _paragraph(body, "（一）组织领导").find(f"{W}pPr/{W}keepNext") is not None
    assert _paragraph(body, "一、总体情况").find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert Document(io.BytesIO(data)).core_properties.title == "测试"


def test_the_same_content_gives_the_same_bytes_and_no_clock():
    def make() -> bytes:
        doc = OfficialDocument(title="测试")
        doc.paragraph("正文。")
        return doc.to_bytes()

    first = make()
    assert make() == first
    props = Document(io.BytesIO(first)).core_properties
    assert props.created == props.modified == officialdoc.FIXED_DATE.replace(tzinfo=props.created.tzinfo)
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_signature_centres_the_bodies_over_the_date_four_characters_in():
    doc = OfficialDocument()
    doc.paragraph("正文。")
    doc.signature(["江口镇人民政府"], "2024年2月20日")
    body = _body(doc.to_bytes())
    texts = [_text(p) for p in body.iter(f"{W}p")]
    assert texts == ["正文。", "", "", "江口镇人民政府", "2024年2月20日"]
    assert abs(_right_chars(_paragraph(body, "2024年2月20日")) - 4) < 0.01
    assert abs(_right_chars(_paragraph(body, "江口镇人民政府")) - (4 + 6.5 / 2 - 7 / 2)) < 0.01


def test_a_body_longer_than_the_date_keeps_two_characters_from_the_edge():
    doc = OfficialDocument()
    long_name = "中共江口镇委员会江口镇人民政府"  # 15 characters
    doc.signature([long_name], "2024年2月20日")
    body = _body(doc.to_bytes())
    assert abs(_right_chars(_paragraph(body, long_name)) - 2) < 0.01
    assert abs(_right_chars(_paragraph(body, "2024年2月20日")) - (2 + 15 / 2 - 6.5 / 2)) < 0.01
    undated = OfficialDocument()
    undated.signature(["江口镇人民政府"], "")
    body = _body(undated.to_bytes())
    assert abs(_right_chars(_paragraph(body, "江口镇人民政府")) - 2) < 0.01


def test_a_page_break_starts_the_next_paragraph_on_a_new_page():
    doc = OfficialDocument()
    doc.paragraph("第一页。")
    doc.page_break()
    doc.label("附表")
    body = _body(doc.to_bytes())
    assert _paragraph(body, "第一页。").find(f"{W}pPr/{W}pageBreakBefore") is None
    assert _paragraph(body, "附表").find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert not list(body.iter(f"{W}br"))  # no empty rest of a paragraph at the top of the page


def test_a_table_spans_the_text_block_and_a_paragraph_follows_it():
    doc = OfficialDocument()
    doc.table(["序号", "意见内容"], [["1", "建议延长营业时间，增加夜间服务窗口，方便群众办事。" * 2], ["2"]])
    body = _body(doc.to_bytes())
    children = list(body)
    table = body.find(f"{W}tbl")
    assert children[-2].tag == f"{W}p" and children[-3] is table  # Word wants a paragraph after a table
    widths = [int(g.get(f"{W}w")) for g in table.iter(f"{W}gridCol")]
    assert sum(widths) == officialdoc.TEXT_WIDTH.twips and widths[0] < widths[1]
    rows = table.findall(f"{W}tr")
    assert [[_text(tc) for tc in tr.findall(f"{W}tc")] for tr in rows][2] == [
        "2",
        "",
    ]  # a short row is padded
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    aligns = [tc.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") for tc in rows[1].findall(f"{W}tc")]
    assert aligns == ["center", "both"]  # a short column centred, a long one justified
    sizes = {sz.get(f"{W}val") for sz in table.iter(f"{W}sz")}
    assert sizes == {"28"}  # 4号


def test_two_tables_in_a_row_stay_two_tables():
    doc = OfficialDocument()
    doc.table(["甲"], [["1"]])
    doc.table(["乙"], [["2"]])
    tags = [el.tag.split("}")[1] for el in _body(doc.to_bytes())]
    assert tags == ["tbl", "p", "tbl", "p", "sectPr"]


def test_the_case_document_templates_still_rebuild_to_their_committed_bytes(tmp_path):
    from fazhi.enforcement.documents import build_templates as enforcement
    from fazhi.services.documents import build_templates as services

    for module in (enforcement, services):
        committed = Path(module.__file__).resolve().parent / "templates"
        for path in module.build(tmp_path / module.__name__):
            assert path.read_bytes() == (committed / path.name).read_bytes(), path.name


def test_the_template_builders_need_no_django():
    code = (
        "import sys; import fazhi.core.officialdoc, fazhi.enforcement.documents.build_templates, "
        "fazhi.disputes.documents.build_templates, fazhi.services.documents.build_templates; "
        "assert 'django.db' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
