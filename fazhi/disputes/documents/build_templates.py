"""Writes the mediation agreement template (人民调解协议书, a docxtpl .docx) into `templates/`.

    python -m fazhi.disputes.documents.build_templates

The .docx is committed and is the source from then on: a committee may edit it in
Word (its wording, the number of copies, the seal's place). Run this again only to
start over from the house layout of the enforcement documents (GB/T 9704-2012: A4,
3号 仿宋 at a fixed 28 pt line, the title in 2号 小标宋, the committee's name in red
over the number and the red line, page numbers "— 1 —"). The agreement carries
what 人民调解法 第28、29条 ask for: the parties' particulars, the main facts and
points in dispute, the terms agreed with how, where and when they are to be kept,
the signatures of the parties and the mediator, and the committee's seal. Jinja
tags sit whole inside single runs, as docxtpl needs.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.officialdoc import add_run, format_paragraph
from fazhi.enforcement.documents.build_templates import (
    blank,
    header,
    line,
    para,
    write_templates,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
AGREEMENT = "mediation_agreement.docx"


def _right(doc, text: str) -> None:
    p = doc.add_paragraph()
    format_paragraph(p, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2)
    add_run(p, text)


def agreement(doc) -> None:
    header(doc, "人民调解协议书")
    line(doc, "{%p for p in parties %}")
    para(doc, "{{ p }}")
    line(doc, "{%p endfor %}")
    para(doc, "纠纷主要事实、争议事项：{{ summary }}")
    para(doc, "经{{ committee_name }}主持调解，当事人在平等协商、自愿互谅的基础上达成如下协议：")
    line(doc, "{%p for t in terms %}")
    para(doc, "{{ t }}")
    line(doc, "{%p endfor %}")
    para(doc, "履行协议的方式、地点、期限：按上述协议约定履行；协议未约定的，当事人应当自本协议生效之日起"
              "按照诚实信用原则及时履行。")  # fmt: skip
    para(doc, "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
              "当事人应当按照约定履行自己的义务（《中华人民共和国人民调解法》第二十九条、第三十一条）。")  # fmt: skip
    para(doc, "{{ confirmation_text }}")
    para(doc, "本协议一式{{ copies }}份，当事人、人民调解委员会各持一份。")
    blank(doc)
    line(doc, "{%p for p in signers %}")
    line(doc, "当事人（签名、盖章或按指印）：{{ p }}")
    line(doc, "{%p endfor %}")
    line(doc, "人民调解员（签名）：{{ mediators }}")
    line(doc, "记录人（签名）：")
    blank(doc)
    _right(doc, "{{ committee_name }}（印）")
    _right(doc, "{{ signed_on }}")


def build(target: Path = TEMPLATE_DIR) -> list[Path]:
    return write_templates({AGREEMENT: agreement}, target)


if __name__ == "__main__":
    for path in build():
        print(path)
