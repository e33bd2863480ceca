"""The template language of the reports (fazhi/reports/text.py): paragraphs, headings
run in, values by name, tables on their own line, and the refusals a town's staff
read when a template cannot be used."""

from __future__ import annotations

import re

import pytest

from fazhi.reports import text
from fazhi.reports.document import Block, Quoted
from fazhi.reports.text import MAX_LENGTH, TemplateError

VALUES = {
    "年度": Quoted("年度", "2023"),
    "单位": Quoted("单位", "江口镇"),
    "主动公开总数": Quoted(
        "主动公开总数", "12", "本年度公开的条数", "/oversight/disclosures/?published_year=2023"
    ),
}
TABLE = Block(kind="table", header=["公开类别", "条数"], rows=[["社会救助", "3"], ["合计", "3"]])
TABLES = {"主动公开情况": TABLE}


def test_one_paragraph_a_line_and_blank_lines_are_dropped():
    blocks = text.render("第一段。\n\n   \n  第二段。  \n", VALUES)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert [b.text for b in blocks] == ["第一段。", "第二段。"]
    assert text.render("", VALUES) == [] and text.render(None, VALUES) == []


def test_a_placeholder_becomes_the_values_words_with_its_name_and_link():
    (block,) = text.render("{年度}年，{单位}主动公开政府信息{ 主动公开总数 }条。", VALUES)
    assert block.text == "2023年，江口镇主动公开政府信息12条。"
    quoted = [s for s in block.segments if s.key]
    assert [(s.key, s.text) for s in quoted] == [("年度", "2023"), ("单位", "江口镇"), ("主动公开总数", "12")]
    assert quoted[-1].link == "/oversight/disclosures/?published_year=2023"
    assert [s.text for s in block.segments if not s.key] == ["年，", "主动公开政府信息", "条。"]


def test_a_name_unknown_when_rendering_is_marked_not_guessed():
    (block,) = text.render("共{旧数据项}条。", VALUES)
    assert block.text == "共【旧数据项：无此数据项】条。"


def test_a_numbered_line_is_a_heading_run_in_up_to_its_first_full_stop():
    heading, plain, bare = text.render(
        "（一）主动公开。全年公开{主动公开总数}条。其余从略。\n一、不是二级标题。正文。\n（十二）只有标题",
        VALUES,
    )
    assert heading.lead_text == "（一）主动公开。"
    assert heading.body_text == "全年公开12条。其余从略。"
    assert not plain.lead and plain.text == "一、不是二级标题。正文。"
    assert bare.lead_text == "（十二）只有标题" and bare.body_text == ""


def test_a_placeholder_in_the_heading_is_replaced_too():
    (block,) = text.render("（二）{年度}年的情况。正文。", VALUES)
    assert block.lead_text == "（二）2023年的情况。" and block.lead[1].key == "年度"


def test_a_table_line_puts_the_table_there():
    blocks = text.render("各类别如下表。\n{表：主动公开情况}\n表后一段。", VALUES, TABLES)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    assert blocks[1] is TABLE
    # a table the report does not have is left out rather than shown as text
    assert [b.kind for b in text.render("{表：没有的表}", VALUES, TABLES)] == []


def test_check_accepts_known_names_headings_and_table_lines():
    text.check("（一）主动公开。{年度}年公开{主动公开总数}条。\n{表：主动公开情况}", VALUES, TABLES)
    text.check("", VALUES)


def test_unknown_names_are_refused_with_the_list_of_them():
    with pytest.raises(TemplateError) as refused:
        text.check(
            "{年度}年公开{公开条数}条，{公开条数}条按期；{申请件数}件。\n{表：没有的表}", VALUES, TABLES
        )
    message = str(refused.value)
    assert message.startswith("模板中的{公开条数}、{申请件数}、{表：没有的表}不是本报告可引用的数据项")
    assert message.count("{公开条数}") == 1  # each listed once
    assert "{年度}" not in message and "编辑页" in message


def test_a_table_inside_a_sentence_is_refused():
    with pytest.raises(TemplateError, match=re.escape("表格“{表：主动公开情况}”须单独占一行")):
        text.check("各类别见{表：主动公开情况}。", VALUES, TABLES)
    with pytest.raises(TemplateError, match="须单独占一行"):
        text.check("{表：主动公开情况}{表：主动公开情况}", VALUES, TABLES)


def test_an_over_long_text_is_refused():
    text.check("字" * MAX_LENGTH, VALUES)
    with pytest.raises(TemplateError, match=f"内容过长：每一部分不超过{MAX_LENGTH}字"):
        text.check("字" * (MAX_LENGTH + 1), VALUES)


def test_names_in_lists_the_placeholders_in_order():
    assert text.names_in("{年度}年{ 单位 }，{表：主动公开情况}\n{年度}") == [
        "年度",
        "单位",
        "表：主动公开情况",
        "年度",
    ]
    assert text.names_in("没有占位符，也没有{}") == []
