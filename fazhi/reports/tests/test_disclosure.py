"""The yearly report on government information disclosure (政府信息公开条例第50条):
its numbers against the registers, its tables, its template and its points for
the writer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.oversight.choices import RequesterKind, RequestReply
from fazhi.oversight.statistics_supervision import disclosure_report
from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories import leader_of
from fazhi.oversight.tests.factories_supervision import (
    clerk_of,
    make_item,
    make_proposal,
    make_request,
    reply,
)
from fazhi.reports import builder, markdown, text
from fazhi.reports.disclosure import TABLE_NAMES
from fazhi.reports.kinds import kind
from fazhi.reports.text import TemplateError

pytestmark = pytest.mark.django_db


def _build(town, year=2023):
    return builder.build(kind("disclosure"), town, year)


def _write(town, year=2023) -> str:
    return markdown.write(_build(town, year))


def _answer(request, on, reply_kind, reason=""):
    return actions.update_info_request(request, actor=clerk_of(request.org_unit), data={
        "replied_on": on, "reply_kind": reply_kind, "reply_reason": reason})  # fmt: skip


def _reconsideration(town, no, served, *, about=True, **extra):
    return Reconsideration.objects.create(org_unit=town, case_no=no, applicant="张三", act="政府信息公开申请答复",
                                          copy_served_on=served, reply_due_on=served + dt.timedelta(days=10),
                                          about_disclosure=about, **extra)  # fmt: skip


def _lawsuit(town, no, received, *, about=True, **extra):
    return Litigation.objects.create(org_unit=town, case_no=no, court="云阳县人民法院", plaintiff="张三",
                                     act="政府信息公开申请答复", complaint_received_on=received,
                                     defence_due_on=received + dt.timedelta(days=15), about_disclosure=about,
                                     **extra)  # fmt: skip


def _records(town):
    """A year of disclosure work: three items published in 2023 (one late), one
    published in 2022, one still unpublished past its due date; a request carried
    over from 2022, four received in 2023 (one answered late, one overdue and one
    received in late December, both carried forward); two reconsiderations about
    disclosure (one corrected, one pending), one that is not, a lawsuit after the
    corrected one; a deputy's suggestion answered."""
    make_item(town, published_on=dt.date(2023, 10, 10))
    make_item(town, published_on=dt.date(2023, 12, 1))  # made 27 September: due 1 November
    make_item(town, category="budget", published_on=dt.date(2023, 10, 11), channel="notice_board")
    make_item(town, made_on=dt.date(2022, 12, 1), published_on=dt.date(2022, 12, 5))
    make_item(town, made_on=dt.date(2023, 3, 1))  # never published

    _answer(
        make_request(town, received_on=dt.date(2022, 12, 26)), dt.date(2023, 1, 10), RequestReply.DISCLOSED
    )
    _answer(make_request(town, received_on=dt.date(2023, 3, 1)), dt.date(2023, 3, 20), RequestReply.NOT_EXIST)
    late = make_request(town, received_on=dt.date(2023, 5, 8), requester_kind=RequesterKind.ORGANISATION,
                        requester="某建筑公司")  # fmt: skip
    _answer(late, dt.date(2023, 7, 20), RequestReply.PARTLY, reason="部分内容涉及第三方商业秘密")
    make_request(town, received_on=dt.date(2023, 6, 1))  # never answered
    make_request(town, received_on=dt.date(2023, 12, 20))  # due in January 2024

    corrected = _reconsideration(town, "复1", dt.date(2023, 5, 8), status="decided", outcome="revoked",
                                 decided_on=dt.date(2023, 7, 1))  # fmt: skip
    _reconsideration(town, "复2", dt.date(2023, 11, 1))
    _reconsideration(town, "复3", dt.date(2023, 6, 1), about=False)
    _reconsideration(town, "复4", dt.date(2022, 6, 1))
    _lawsuit(town, "诉1", dt.date(2023, 8, 1), reconsideration=corrected, status="judged", outcome="dismissed",
             judged_on=dt.date(2023, 10, 1))  # fmt: skip
    reply(make_proposal(town), on=dt.date(2023, 12, 20))


def _rows(md: str, *rows: list) -> None:
    for row in rows:
        line = "| " + " | ".join(str(c) for c in row) + " |"
        assert line in md, line


def test_an_empty_year_reports_zeros_and_all_three_tables(town_a):
    md = _write(town_a)
    assert md.startswith("# 江口镇人民政府2023年政府信息公开工作年度报告\n")
    for heading in ("## 一、总体情况", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
                    "## 四、政府信息公开行政复议、行政诉讼情况", "## 五、存在的主要问题及改进情况",
                    "## 六、其他需要报告的事项"):  # fmt: skip
        assert heading in md
    assert "全年主动公开政府信息0条" in md and "新收政府信息公开申请0件" in md
    assert "被申请行政复议0件，被提起行政诉讼0件" in md and "收取信息处理费0元" in md
    _rows(md, ["公开类别", "本年主动公开（条）"], ["宅基地使用情况审核", 0], ["合计", 0],
          ["申请情况", "自然人", "法人或其他组织", "总计"],
          ["一、本年新收政府信息公开申请数量", 0, 0, 0], ["（八）总计", 0, 0, 0],
          ["四、结转下年度继续办理", 0, 0, 0],
          ["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
          ["行政复议", 0, 0, 0, 0, 0], ["行政诉讼：复议后起诉", 0, 0, 0, 0, 0])  # fmt: skip
    assert "系统根据台账提示的要点" not in md  # nothing to suggest
    built = _build(town_a)
    assert built.addressee == "" and built.signature == ["江口镇人民政府"]
    assert [b.kind for p in built.parts for b in p.blocks].count("table") == 3
    assert not kind("disclosure").needs_submission


def test_a_year_of_records_is_reported_as_the_registers_count_it(town_a, town_b):
    _records(town_a)
    make_item(town_b, published_on=dt.date(2023, 10, 10))  # another town's
    _reconsideration(town_b, "复9", dt.date(2023, 5, 8))
    md = _write(town_a)

    assert "全年主动公开政府信息3条，其中《条例》第二十一条规定的乡镇重点公开事项2条" in md
    assert "通过政府网站（公开平台）公开2条，通过政务公开栏公开1条" in md
    _rows(md, ["（一）《条例》第二十一条规定的乡镇重点公开事项", 2], ["宅基地使用情况审核", 2],
          ["（二）其他主动公开的政府信息", 1], ["财政预算、决算", 1], ["合计", 3])  # fmt: skip

    assert "新收政府信息公开申请4件，其中自然人提出3件，法人或其他组织提出1件；上年结转1件" in md
    assert (
        "年内作出答复3件：予以公开1件，部分公开1件，不予公开0件，无法提供1件，不属于本机关负责公开0件" in md
    )
    _rows(md, ["一、本年新收政府信息公开申请数量", 3, 1, 4], ["二、上年结转政府信息公开申请数量", 1, 0, 1],
          ["三、本年度办理结果", "", "", ""], ["（一）予以公开", 1, 0, 1], ["（二）部分公开", 0, 1, 1],
          ["（四）无法提供：本机关不掌握相关政府信息", 1, 0, 1], ["（八）总计", 2, 1, 3],
          ["四、结转下年度继续办理", 2, 0, 2])  # fmt: skip

    assert "被申请行政复议2件，被提起行政诉讼1件" in md
    _rows(md, ["行政复议", 0, 1, 0, 1, 2], ["行政诉讼：未经复议直接起诉", 0, 0, 0, 0, 0],
          ["行政诉讼：复议后起诉", 1, 0, 0, 0, 1])  # fmt: skip
    assert "答复人大代表建议1件、政协委员提案0件" in md


def test_the_numbers_are_those_of_the_staff_page_and_the_tables_add_up(town_a):
    _records(town_a)
    staff = disclosure_report(town_a, 2023)
    built = _build(town_a)
    q = {name: value.text for name, value in built.quoted.items()}
    assert q["主动公开总数"] == str(staff.proactive_total)
    r = staff.requests
    assert [q["本年新收申请"], q["上年结转申请"], q["本年办结申请"], q["结转下年申请"]] == [
        str(n) for n in (r.received, r.carried_over, r.replied, r.carried_forward)]  # fmt: skip
    assert (q["涉公开行政复议"], q["涉公开行政诉讼"], q["信息处理费"]) == ("2", "1", "0")
    tables = {b.header[0]: b for p in built.parts for b in p.blocks if b.kind == "table"}
    requests = {row[0]: row[1:] for row in tables["申请情况"].rows}
    assert requests["一、本年新收政府信息公开申请数量"][-1] == str(r.received)
    assert requests["二、上年结转政府信息公开申请数量"][-1] == str(r.carried_over)
    assert requests["（八）总计"][-1] == str(r.replied)
    assert requests["四、结转下年度继续办理"][-1] == str(r.carried_forward)
    for label, n in r.replies:
        assert next(v for k, v in requests.items() if k.endswith(label))[-1] == str(n)


def test_values_link_to_the_register_lists_of_the_year(town_a):
    quoted = _build(town_a).quoted
    assert f"received_year=2023&org_unit={town_a.pk}" in quoted["本年新收申请"].link
    assert "reply_kind=partly&replied_year=2023" in quoted["办理结果：部分公开"].link
    assert f"published_year=2023&org_unit={town_a.pk}" in quoted["主动公开总数"].link
    assert "category=homestead" in quoted["主动公开：宅基地使用情况审核"].link
    assert quoted["主动公开总数"].counted and quoted["涉公开行政复议"].counted


def test_the_default_texts_quote_only_names_the_report_knows(town_a):
    spec = kind("disclosure")
    names = [name for name, _ in spec.names()]
    assert len(names) == len(set(names))
    for code, part in spec.default_texts().items():
        text.check(part, names, spec.table_names)
        assert not any(n.startswith("表：") and n[2:] not in TABLE_NAMES for n in text.names_in(part)), code
    used_tables = {
        n[2:] for part in spec.default_texts().values() for n in text.names_in(part) if n.startswith("表：")
    }
    assert used_tables == set(TABLE_NAMES)
    # names() lists exactly the values a build quotes, each said what it counts
    assert set(names) == set(_build(town_a).quoted)
    assert all(what for _, what in spec.names())


def test_a_town_template_is_checked_against_these_names(town_a):
    from django.core.exceptions import ValidationError

    from fazhi.reports.models import ReportTemplate

    template = ReportTemplate(org_unit=town_a, kind="disclosure", texts={"other": "收费{收费金额}元。"})
    with pytest.raises(ValidationError, match="收费金额"):
        template.clean()
    template.texts = {"other": "收取信息处理费{信息处理费}元。\n{表：依申请公开情况}"}
    template.clean()


def test_the_order_keeps_every_required_part():
    spec = kind("disclosure")
    assert spec.check_order(spec.default_order) == spec.default_order
    with pytest.raises(TemplateError, match="必备部分不能删去：存在的主要问题及改进情况"):
        spec.check_order([c for c in spec.default_order if c != "problems"])
    reordered = ("overview", "proactive", "requests", "remedies", "other", "problems")
    assert spec.check_order(reordered) == reordered


def test_a_late_reply_is_suggested_to_the_writer_of_the_problems_part(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 5, 8))
    _answer(request, dt.date(2023, 7, 20), RequestReply.DISCLOSED)
    built = _build(town_a)
    problems = next(p for p in built.parts if p.code == "problems")
    assert problems.suggestions == [
        "有1件政府信息公开申请在答复期限届满后才答复（政府信息公开条例第三十三条）"
    ]
    assert all(not p.suggestions for p in built.parts if p.code != "problems")
    assert "在答复期限届满后才答复" in markdown.write(built)
    assert "在答复期限届满后才答复" not in markdown.write(built, suggestions=False)


def test_every_kind_of_lateness_and_correction_is_suggested(town_a):
    _records(town_a)
    points = next(p for p in _build(town_a).parts if p.code == "problems").suggestions
    assert points == [
        "有1件政府信息公开申请在答复期限届满后才答复（政府信息公开条例第三十三条）",
        "答复期限在2023年内届满的申请中，至今仍有1件没有答复",
        "有1条政府信息超过形成或变更之日起20个工作日才公开（政府信息公开条例第二十六条）",
        "公开期限在2023年内届满的信息中，至今仍有1条没有公开",
        "因政府信息公开工作被行政复议或行政诉讼纠正1件，应查明原因并落实整改",
    ]


def test_an_extension_a_correction_and_the_years_bounds(town_a):
    request = make_request(town_a, received_on=dt.date(2023, 9, 4))
    actions.extend_info_request(
        request, actor=leader_of(town_a), reason="需调取多年档案", on=dt.date(2023, 9, 20)
    )
    built = _build(town_a)
    assert built.quoted["延期答复申请"].text == "1"
    assert _build(town_a, 2024).quoted["延期答复申请"].text == "0"
    assert _build(town_a, 2024).quoted["上年结转申请"].text == "1"


def test_lawsuits_are_classed_by_the_result_that_stands(town_a):
    _lawsuit(
        town_a, "诉1", dt.date(2023, 3, 1), status="judged", outcome="revoked", judged_on=dt.date(2023, 6, 1)
    )
    _lawsuit(town_a, "诉2", dt.date(2023, 3, 2), status="appealed", outcome="dismissed",
             judged_on=dt.date(2023, 6, 1), appealed=True, appealed_on=dt.date(2023, 6, 10))  # fmt: skip
    _lawsuit(
        town_a, "诉3", dt.date(2023, 3, 3), status="ended", outcome="withdrawn", judged_on=dt.date(2023, 4, 1)
    )
    _lawsuit(town_a, "诉4", dt.date(2023, 3, 4))
    _lawsuit(town_a, "诉5", dt.date(2023, 3, 5), about=False)
    _rows(_write(town_a), ["行政诉讼：未经复议直接起诉", 0, 1, 1, 2, 4])
    assert disclosure_report(town_a, 2023).litigations == 4


def test_the_queries_do_not_grow_with_the_records(town_a):
    with CaptureQueriesContext(connection) as empty:
        _build(town_a)
    _records(town_a)
    for n in range(3):
        make_item(town_a, published_on=dt.date(2023, 11, 1 + n))
        make_request(town_a, received_on=dt.date(2023, 10, 9 + n))
    with CaptureQueriesContext(connection) as full:
        _build(town_a)
    assert len(full) == len(empty) <= 15
