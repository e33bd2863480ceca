"""The registers of major decisions: the yearly catalogue (重大行政决策事项目录) and
the decisions (重大行政决策) with their five steps."""

from __future__ import annotations

import re

from fazhi.core.definitions import parse_date, parse_leader, parse_org_unit, parse_post, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.decisions.actions import major as actions
from fazhi.decisions.filters.major import CatalogueFilter, DecisionFilter
from fazhi.decisions.forms.major import CatalogueForm, DecisionForm
from fazhi.decisions.models import DecisionCatalogue, MajorDecision, NormativeDocument

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_year(raw, user):
    text = _text(raw).removesuffix(".0")
    if not (text.isdigit() and len(text) == 4):
        raise ValueError("应为四位年份")
    return int(text)


def parse_catalogue(raw, user):
    """A catalogue by its year (the row's unit decides which town's)."""
    year = parse_year(raw, user)
    found = list(
        DecisionCatalogue.objects.visible_to(user).filter(year=year).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"{year}年度重大行政决策事项目录不存在，请先建立目录")
    if len(found) > 1:
        raise ValueError(f"有多个{year}年度目录，请在页面上选择")
    return found[0]


def parse_documents(raw, user):
    """Normative documents by their numbers (文号), separated by 、 or new lines."""
    numbers = [n.strip() for n in re.split(r"[\n\r、;；]+", _text(raw)) if n.strip()]
    pks = []
    for number in numbers:
        found = list(
            NormativeDocument.objects.visible_to(user)
            .filter(doc_number=number)
            .values_list("pk", flat=True)[:2]
        )
        if len(found) != 1:
            raise ValueError(f"文号为“{number}”的规范性文件不存在" if not found else f"文号“{number}”重复")
        pks.append(found[0])
    return pks


catalogues = registry.add(Register(
    key="catalogues", namespace="decisions", model=DecisionCatalogue, label="决策事项目录", module="decisions",
    description="每年度的重大行政决策事项目录：编制、经政府常务会议审定后向社会公布；目录中的事项逐项履行法定程序。",
    form_class=CatalogueForm, filterset_class=CatalogueFilter, select_related=("org_unit",),
    ordering=("-year", "id"), create=actions.create_catalogue, update=actions.update_catalogue,
    import_note="导入只建立或修改目录本身；审定和公布在目录页面办理。",
    columns=[Column("__str__", "目录", link=True), Column("year", "年度", sort="year"), Column("status", "状态"),
             Column("approved_on", "审定日期"), Column("published_on", "公布日期"), Column("org_unit.name", "所属单位")],
    detail_fields=[Column("year", "年度"), Column("title", "目录名称"), Column("status", "状态"),
                   Column("approved_on", "审定日期"), Column("approved_at_meeting", "审定会议"),
                   Column("published_on", "公布日期"), Column("note", "说明"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("年度", "year", parse=parse_year, required=True, width=8),
                   ExcelColumn("目录名称", "title", parse=parse_text, width=36),
                   ExcelColumn("说明", "note", parse=parse_text, width=40),
                   ExcelColumn("状态", None, export=lambda c: c.get_status_display()),
                   ExcelColumn("审定日期", None, export=lambda c: c.approved_on, width=12),
                   ExcelColumn("审定会议", None, export=lambda c: c.approved_at_meeting, width=24),
                   ExcelColumn("公布日期", None, export=lambda c: c.published_on, width=12)],
))  # fmt: skip

decisions = registry.add(Register(
    key="decisions", namespace="decisions", model=MajorDecision, label="重大行政决策", module="decisions",
    description="重大行政决策全过程：公众参与、专家论证、风险评估、合法性审查、集体讨论决定五项法定程序依次办理，"
                "决定后向党委报告、公布、跟踪执行，必要时开展后评估；全过程材料可一并导出归档。",
    form_class=DecisionForm, filterset_class=DecisionFilter, attachments=True,
    select_related=("org_unit", "catalogue", "lead_post", "lead_leader"),
    prefetch_related=("steps", "basis_documents"), ordering=("-catalogue__year", "id"),
    create=actions.create_decision, update=actions.update_decision,
    import_note="“系统编号”留空为新增决策事项（列入所填年度的目录）；决策程序在决策页面逐项办理。",
    columns=[Column("title", "决策事项", link=True), Column("catalogue.year", "目录年度", sort="catalogue__year"),
             Column("lead_post.name", "承办岗位"), Column("status", "状态", sort="status"),
             Column("step_progress", "法定程序"), Column("decided_on", "决定日期", sort="decided_on"),
             Column("org_unit.name", "所属单位")],
    detail_fields=[Column("catalogue", "决策事项目录"), Column("summary", "决策草案主要内容"),
                   Column("lead_post", "承办岗位"), Column("lead_leader", "分管领导"),
                   Column("planned_by", "计划完成日期"), Column("basis", "法律政策依据"), Column("status", "状态"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("目录年度", "catalogue", export=lambda d: d.catalogue.year,
                                     parse=parse_catalogue, required=True, width=8),
                   ExcelColumn("决策事项", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("决策草案主要内容", "summary", parse=parse_text, width=40),
                   ExcelColumn("承办岗位代码", "lead_post", export=lambda d: d.lead_post.code if d.lead_post_id else "",
                               parse=parse_post),
                   ExcelColumn("分管领导", "lead_leader", export=lambda d: str(d.lead_leader or ""), parse=parse_leader),
                   ExcelColumn("计划完成日期", "planned_by", parse=parse_date, width=12),
                   ExcelColumn("法律政策依据", "basis", parse=parse_text, width=30),
                   ExcelColumn("依据的规范性文件文号", "basis_documents",
                               export=lambda d: "、".join(x.doc_number for x in d.basis_documents.all()),
                               parse=parse_documents, width=30),
                   ExcelColumn("状态", None, export=lambda d: d.get_status_display()),
                   ExcelColumn("法定程序", None, export=lambda d: d.step_progress(), width=40),
                   ExcelColumn("决定日期", None, export=lambda d: d.decided_on, width=12),
                   ExcelColumn("公布日期", None, export=lambda d: d.published_on, width=12)],
))  # fmt: skip
