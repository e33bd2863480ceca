"""Writes the single window's document templates (docxtpl .docx files) into `templates/`.

    python -m fazhi.services.documents.build_templates

The .docx files are committed and are the source from then on: a town may edit them
in Word (its wording, the window's address, the seal's place). Run this again only
to start over from the house layout of the enforcement documents (GB/T 9704-2012:
A4, 3号 仿宋 at a fixed 28 pt line, the title in 2号 小标宋, the town government's
name in red over the application number and the red line, page numbers "— 1 —").
The values are written by `context.py`; Jinja tags sit whole inside single runs,
as docxtpl needs.
"""

from __future__ import annotations

from pathlib import Path

from fazhi.enforcement.documents.build_templates import (
    blank,
    header,
    line,
    para,
    signature,
    when,
    write_templates,
)
from fazhi.services.documents import KINDS, NOTICE, RECEIPT, REFUSAL, TEMPLATE_DIR


def _loop(doc, over: str, text: str) -> None:
    line(doc, f"{{%p for x in {over} %}}")
    line(doc, text)
    line(doc, "{%p endfor %}")


def receipt(doc) -> None:
    header(doc, KINDS[RECEIPT][0])
    line(doc, "{{ applicant }}：")
    para(doc, "{{ accepted_text }}")
    _loop(doc, "rows", "{{ x.label }}：{{ x.value }}")
    para(doc, "{{ lookup_text }}")
    signature(doc, "signed_on")


def notice(doc) -> None:
    header(doc, KINDS[NOTICE][0])
    line(doc, "{{ applicant }}：")
    para(doc, "{{ intro_text }}")
    _loop(doc, "missing_lines", "{{ x }}")
    when(doc, "other", lambda: para(doc, "其他需补正的内容：{{ other }}"))
    para(doc, "{{ rule_text }}")
    when(doc, "phone", lambda: para(doc, "咨询电话：{{ phone }}"))
    signature(doc, "signed_on")


def refusal(doc) -> None:
    header(doc, KINDS[REFUSAL][0])
    line(doc, "{{ applicant }}：")
    para(doc, "{{ intro_text }}")
    para(doc, "{{ reason }}")
    para(doc, "{{ remedies_text }}")
    blank(doc)
    signature(doc, "signed_on")


WRITERS = {RECEIPT: receipt, NOTICE: notice, REFUSAL: refusal}


def build(target: Path = TEMPLATE_DIR) -> list[Path]:
    return write_templates({KINDS[kind][1]: write for kind, write in WRITERS.items()}, target)


if __name__ == "__main__":
    for path in build():
        print(path)
