"""Writes the case document templates (docxtpl .docx files) into `templates/`.

    python -m fazhi.enforcement.documents.build_templates

The .docx files are committed and are the source from then on: staff may edit
them in Word (wording, the bank for fines, the seal position). Run this again
only to start over from the house layout, which follows GB/T 9704-2012: A4,
margins 37/35/28/26 mm, body 3号 仿宋 at a fixed 28 pt line, title 2号 小标宋
centred, the issuing body in red, the 文号 above a red line, signature and date
right-aligned with Arabic numerals, page numbers "— 1 —" outside (odd right,
even left), from the shared layer `fazhi.core.officialdoc`. Jinja tags sit whole
inside single runs, as docxtpl needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from fazhi.core import officialdoc
from fazhi.core.officialdoc import RED, TABLE_SIZE, TITLE_FONT, TITLE_SIZE
from fazhi.core.officialdoc import add_run as _run
from fazhi.core.officialdoc import format_paragraph as _format
from fazhi.core.officialdoc import rule_below as _red_rule_below

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def new_document():
    """The layout of `fazhi.core.officialdoc` as these templates were first made: a
    fixed 28 pt line rather than the 22 × 28 document grid, the footer 21 mm up."""
    return officialdoc.new_document(grid=False, footer_distance=officialdoc.TEMPLATE_FOOTER_DISTANCE)


def header(doc, title: str) -> None:
    """Issuing body in red, the 文号 over the red line, a blank line, the title."""
    doc.core_properties.title = title
    p = doc.add_paragraph()
    _format(p, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
    _run(p, "{{ body_name }}", font=TITLE_FONT, size=TITLE_SIZE, color=RED)
    p = doc.add_paragraph()
    _format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(p, "{{ doc_number }}")
    _red_rule_below(p)
    blank(doc)
    p = doc.add_paragraph()
    _format(p, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
    _run(p, title, font=TITLE_FONT, size=TITLE_SIZE)
    blank(doc)


def blank(doc) -> None:
    _format(doc.add_paragraph())


def para(doc, text: str) -> None:
    """A body paragraph, first line indented two characters."""
    p = doc.add_paragraph()
    _format(p, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _run(p, text)


def line(doc, text: str) -> None:
    """A paragraph flush left (addressee, the party's particulars)."""
    p = doc.add_paragraph()
    _format(p, align=WD_ALIGN_PARAGRAPH.LEFT)
    _run(p, text)


def when(doc, condition: str, write) -> None:
    """Paragraphs kept only when `condition` holds (docxtpl {%p %} tags take whole paragraphs)."""
    line(doc, f"{{%p if {condition} %}}")
    write()
    line(doc, "{%p endif %}")


def signature(doc, date_var: str) -> None:
    """The issuing body and the date, right-aligned; the seal goes over both."""
    blank(doc)
    for text in ("{{ body_name }}", f"{{{{ {date_var} }}}}"):
        p = doc.add_paragraph()
        _format(p, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2)
        _run(p, text)


def table(doc, rows: Iterable[tuple[str, str | list[str]]]) -> None:
    """A two-column form: label, then the value (several lines as several paragraphs)."""
    rows = list(rows)
    t = doc.add_table(rows=len(rows), cols=2)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    t.columns[0].width, t.columns[1].width = Mm(42), Mm(114)  # the grid, which LibreOffice follows
    for row, (label, value) in zip(t.rows, rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = Mm(42), Mm(114)
        p = label_cell.paragraphs[0]
        _format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(p, label, size=TABLE_SIZE)
        for i, text in enumerate([value] if isinstance(value, str) else value):
            p = value_cell.paragraphs[0] if i == 0 else value_cell.add_paragraph()
            _format(p, align=WD_ALIGN_PARAGRAPH.LEFT)
            _run(p, text, size=TABLE_SIZE)


PARTY_LINES = (
    "当事人：{{ party_name }}",
    "{{ party_id_label }}：{{ party_id_number }}",
)
PARTY_TAIL = ("住址（住所）：{{ party_address }}", "联系电话：{{ party_phone }}")


def party_block(doc) -> None:
    for text in PARTY_LINES:
        line(doc, text)
    when(doc, "legal_representative", lambda: line(doc, "法定代表人（负责人）：{{ legal_representative }}"))
    for text in PARTY_TAIL:
        line(doc, text)


def remedies(doc) -> None:
    para(doc, "{{ remedies_text }}")
    para(
        doc,
        "逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。",
    )


def payment(doc) -> None:
    when(doc, "payment_text", lambda: para(doc, "{{ payment_text }}"))


# -- the eight documents ----------------------------------------------------------------


def filing_approval(doc) -> None:
    header(doc, "立案审批表")
    table(doc, [
        ("案件来源", "{{ case_source }}"),
        ("案由", "{{ party_name }}涉嫌{{ matter_name }}"),
        ("当事人", "{{ party_name }}（{{ party_kind }}）"),
        ("{{ party_id_label }}", "{{ party_id_number }}"),
        ("法定代表人（负责人）", "{{ legal_representative }}"),
        ("住址（住所）", "{{ party_address }}"),
        ("联系电话", "{{ party_phone }}"),
        ("发生时间、地点", "{{ occurred_on }}　{{ place }}"),
        ("发现日期", "{{ discovered_on }}"),
        ("简要案情", "{{ facts }}"),
        ("涉嫌违反的规定", "{{ violation_basis }}"),
        ("承办人意见", ["符合立案条件，建议立案调查。", "承办人：{{ officers_text }}", "{{ filed_on }}"]),
        ("负责人审批意见", ["", "签名：", "    年  月  日"]),
    ])  # fmt: skip


def summary_decision(doc) -> None:
    """On the spot (行政处罚法 第五十二条): numbered, handed over at once, filed with the body."""
    header(doc, "当场行政处罚决定书")
    party_block(doc)
    para(doc, "经查，{{ party_you }}于{{ occurred_on }}在{{ place }}实施了下列违法行为：{{ facts }}")
    para(doc, "以上事实，有{{ evidence }}为证。")
    para(
        doc,
        "{{ party_you }}的上述行为违反了{{ violation_basis }}的规定。依据{{ penalty_basis }}和《中华人民共和国"
        "行政处罚法》第五十一条、第五十二条的规定，当场作出如下行政处罚：{{ penalty_text }}。",
    )
    payment(doc)
    remedies(doc)
    para(doc, "执法人员：{{ officers_text }}")
    para(doc, "当事人签收：                    年  月  日")
    para(doc, "当事人拒绝签收的，由执法人员在本决定书上注明。本决定书由执法人员报所属行政机关备案。")
    when(doc, "access_code_text", lambda: para(doc, "{{ access_code_text }}"))
    signature(doc, "decided_on")


def advance_notice(doc) -> None:
    header(doc, "行政处罚事先告知书")
    line(doc, "{{ party_name }}：")
    para(doc, "本机关于{{ filed_on }}对{{ party_you }}涉嫌{{ matter_name }}一案立案调查。经查，{{ facts }}")
    para(doc, "上述事实，有以下证据证明：{{ evidence }}。")
    para(
        doc,
        "{{ party_you }}的上述行为违反了{{ violation_basis }}的规定。依据{{ penalty_basis }}的规定，"
        "本机关拟对{{ party_you }}作出如下行政处罚：{{ penalty_text }}。",
    )
    para(
        doc,
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{{ party_you }}享有陈述、申辩的权利，"
        "可以{{ defence_text }}向本机关提出陈述、申辩意见；逾期未提出的，视为放弃上述权利。"
        "本机关不因{{ party_you }}陈述、申辩而给予更重的处罚。",
    )
    when(doc, "hearing_request_until", lambda: para(
        doc,
        "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{{ party_you }}有权要求举行听证。"
        "要求听证的，请于{{ hearing_request_until }}前（收到本告知书之日起五日内）向本机关提出；"
        "逾期未提出的，视为放弃听证权利。",
    ))  # fmt: skip
    para(doc, "联系人：{{ officer_names }}")
    signature(doc, "notified_on")


def hearing_notice(doc) -> None:
    header(doc, "听证告知书")
    line(doc, "{{ party_name }}：")
    para(
        doc,
        "本机关拟对{{ party_you }}涉嫌{{ matter_name }}一案作出{{ penalty_text }}的行政处罚。根据《中华人民共和国"
        "行政处罚法》第六十三条、第六十四条的规定，{{ party_you }}有权要求举行听证。",
    )
    para(
        doc,
        "要求听证的，应当在收到本告知书之日起五日内{% if hearing_request_until %}（{{ hearing_request_until }}前）"
        "{% endif %}向本机关提出；本机关将在举行听证的七日前通知{{ party_you }}听证的时间、地点。"
        "逾期未提出的，视为放弃听证权利。",
    )
    when(doc, "hearing_on", lambda: para(
        doc,
        "本机关定于{{ hearing_on }}在{{ hearing_place }}举行听证，请{{ party_you }}准时参加。"
        "{{ party_you }}及其代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。",
    ))  # fmt: skip
    para(
        doc,
        "听证由本机关指定的非本案调查人员主持；{{ party_you }}认为主持人与本案有直接利害关系的，有权申请回避。"
        "{{ party_you }}可以亲自参加听证，也可以委托一至二人代理。听证公开举行，涉及国家秘密、商业秘密"
        "或者个人隐私的除外。当事人不承担听证的费用。",
    )
    signature(doc, "notified_on")


def legal_review(doc) -> None:
    header(doc, "法制审核意见书")
    table(doc, [
        ("案件名称", "{{ party_name }}涉嫌{{ matter_name }}案"),
        ("当事人", "{{ party_name }}（{{ party_kind }}）"),
        ("承办人", "{{ officers_text }}"),
        ("审核情形", "{{ legal_review_reason }}"),
        ("违法事实", "{{ facts }}"),
        ("违法依据", "{{ violation_basis }}"),
        ("处罚依据", "{{ penalty_basis }}"),
        ("拟处罚意见", "{{ penalty_text }}"),
        ("审核意见", "{{ legal_review_opinion }}"),
        ("审核结论", "{{ legal_review_result }}"),
        ("审核人", ["{{ legal_reviewer }}", "{{ legal_reviewed_on }}"]),
    ])  # fmt: skip


def decision(doc) -> None:
    """Ordinary procedure: every item of 行政处罚法 第五十九条."""
    header(doc, "行政处罚决定书")
    party_block(doc)
    para(doc, "本机关于{{ filed_on }}对{{ party_you }}涉嫌{{ matter_name }}一案立案调查，现已调查终结。")
    para(doc, "经查，{{ facts }}")
    para(doc, "上述事实，有以下证据证明：{{ evidence }}。")
    para(
        doc,
        "本机关于{{ notified_on }}告知{{ party_you }}拟作出行政处罚的事实、理由、依据及处罚内容，"
        "并告知{{ party_you }}依法享有{{ rights_text }}的权利。",
    )
    when(doc, "hearing_text", lambda: para(doc, "{{ hearing_text }}"))
    para(
        doc,
        "本机关认为，{{ party_you }}的上述行为违反了{{ violation_basis }}的规定。依据{{ penalty_basis }}的规定，"
        "本机关决定对{{ party_you }}作出如下行政处罚：",
    )
    para(doc, "{{ penalty_text }}。")
    payment(doc)
    remedies(doc)
    when(doc, "access_code_text", lambda: para(doc, "{{ access_code_text }}"))
    signature(doc, "decided_on")


def service_receipt(doc) -> None:
    header(doc, "送达回证")
    table(doc, [
        ("送达文书名称及文号", "行政处罚决定书（{{ decision_no }}）"),
        ("受送达人", "{{ party_name }}"),
        ("送达地点", "{{ party_address }}"),
        ("送达方式", "{{ service_method }}"),
        ("送达时间", "{{ served_on }}"),
        ("受送达人签名（盖章）", ["", "", "    年  月  日"]),
        ("送达人", "{{ officers_text }}"),
        ("见证人", ""),
        ("备注", ""),
    ])  # fmt: skip


def closing_approval(doc) -> None:
    header(doc, "结案审批表")
    table(doc, [
        ("案由", "{{ party_name }}涉嫌{{ matter_name }}"),
        ("当事人", "{{ party_name }}（{{ party_kind }}）"),
        ("立案日期", "{{ filed_on }}"),
        ("处罚决定书文号", "{{ decision_no }}"),
        ("处罚决定", "{{ penalty_text }}"),
        ("决定日期", "{{ decided_on }}"),
        ("送达日期", "{{ served_on }}"),
        ("执行情况", "{{ payment_status }}；已缴{{ paid_amount }}{% if paid_on %}，缴款日期{{ paid_on }}{% endif %}"),
        ("承办人意见", ["本案已执行完毕，建议结案。", "承办人：{{ officer_names }}", "{{ closed_on }}"]),
        ("负责人审批意见", ["", "签名：", "    年  月  日"]),
    ])  # fmt: skip


BUILDERS = {
    "filing_approval.docx": filing_approval,
    "summary_decision.docx": summary_decision,
    "advance_notice.docx": advance_notice,
    "hearing_notice.docx": hearing_notice,
    "legal_review.docx": legal_review,
    "decision.docx": decision,
    "service_receipt.docx": service_receipt,
    "closing_approval.docx": closing_approval,
}


def write_templates(builders: dict[str, Callable[[Any], None]], target: Path) -> list[Path]:
    """Write one .docx per (file name, builder) into `target`. The same code gives the
    same bytes (fixed metadata and zip dates), so a rebuild shows in git only where
    the layout really changed. Every app's template builder ends here."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in builders.items():
        doc = new_document()
        builder(doc)
        officialdoc.stamp(doc)
        path = target / name
        path.write_bytes(officialdoc.saved(doc))
        written.append(path)
    return written


def build(target: Path = TEMPLATE_DIR) -> list[Path]:
    return write_templates(BUILDERS, target)


if __name__ == "__main__":
    for path in build():
        print(path)
