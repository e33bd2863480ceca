"""The registers of normative documents (行政规范性文件) and public comments (公众意见)."""

from __future__ import annotations

from fazhi.core.definitions import parse_choice, parse_date, parse_org_unit, parse_post, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CommentChannel
from fazhi.decisions.filters.normative import CommentFilter, DocumentFilter
from fazhi.decisions.forms.normative import CommentForm, DocumentForm
from fazhi.decisions.models import MajorDecision, NormativeDocument, PublicComment
from fazhi.decisions.models.normative import mask_contact

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_yes_default(raw, user) -> bool:
    """是/否, blank meaning 是 (a document is taken to affect the public unless it says not)."""
    text = _text(raw)
    if text in ("", "是", "1", "True", "true"):
        return True
    if text in ("否", "0", "False", "false"):
        return False
    raise ValueError("应填“是”或“否”")


def parse_adopted(raw, user):
    text = _text(raw)
    if text in ("", "待研究"):
        return None
    if text in ("是", "采纳"):
        return True
    if text in ("否", "不采纳"):
        return False
    raise ValueError("应填“采纳”“不采纳”或留空")


def parse_document(raw, user):
    """A document by its number, or by its title when it has none."""
    text = _text(raw)
    if not text:
        return None
    visible = NormativeDocument.objects.visible_to(user)
    found = list(visible.filter(doc_number=text).values_list("pk", flat=True)[:2]) or list(
        visible.filter(title=text).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"规范性文件“{text}”不存在")
    if len(found) > 1:
        raise ValueError(f"有多个规范性文件为“{text}”，请在页面上选择")
    return found[0]


def parse_decision(raw, user):
    text = _text(raw)
    if not text:
        return None
    found = list(MajorDecision.objects.visible_to(user).filter(title=text).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"重大行政决策“{text}”不存在")
    if len(found) > 1:
        raise ValueError(f"有多个名为“{text}”的重大行政决策，请在页面上选择")
    return found[0]


def _review(d: NormativeDocument) -> str:
    if not d.reviewed_on:
        return (
            f"送审{d.review_requested_on:%Y-%m-%d}，期限{d.review_due_on:%Y-%m-%d}"
            if d.review_requested_on
            else ""
        )
    return f"{d.reviewed_on:%Y-%m-%d} {d.get_review_opinion_display()}"


documents = registry.add(Register(
    key="documents", namespace="decisions", model=NormativeDocument, label="行政规范性文件", module="decisions",
    description="本镇制定的行政规范性文件：起草、公开征求意见、合法性审核、集体审议、印发、公布、报送备案和评估清理。",
    form_class=DocumentForm, filterset_class=DocumentFilter, select_related=("org_unit", "drafting_post"),
    ordering=("-published_on", "-created_at", "-id"), create=actions.register_document, update=actions.update_document,
    import_note="“系统编号”留空为新增：不填文号和印发日期的为起草中的文件；填写文号、印发日期（及公布、备案日期）的"
                "为补录已印发的历史文件。填写系统编号的更新原文件，已进入征求意见及以后环节的文件不能修改。",
    columns=[Column("title", "文件名称", link=True), Column("doc_number", "文号", sort="doc_number"),
             Column("status", "状态", sort="status"), Column("published_on", "公布日期", sort="published_on"),
             Column("valid_until", "有效期至"), Column("filing_due_on", "报送备案期限", sort="filing_due_on"),
             Column("filing_state", "备案情况"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("title", "文件名称"), Column("doc_number", "文号"), Column("status", "状态"),
                   Column("drafting_post", "起草岗位"), Column("affects_public", "涉及群众切身利益"),
                   Column("no_comment_reason", "不公开征求意见的理由"), Column("summary", "起草说明"),
                   Column("comment_period", "征求意见期间"), Column("comment_short_reason", "期限较短的理由"),
                   Column("review_requested_on", "送请合法性审核日期"), Column("review_due_on", "合法性审核期限"),
                   Column("reviewer", "审核机构或人员"), Column("reviewed_on", "审核完成日期"),
                   Column("review_opinion", "审核结论"), Column("review_text", "审核意见"),
                   Column("meeting", "审议会议"), Column("deliberated_on", "审议日期"),
                   Column("issued_on", "印发日期"), Column("published_on", "公布日期"),
                   Column("effective_on", "施行日期"), Column("valid_until", "有效期至"),
                   Column("filing_authority", "备案机关"), Column("filing_due_on", "报送备案期限"),
                   Column("filed_on", "报送备案日期"), Column("filing_no", "备案登记号"),
                   Column("filing_state", "备案情况"), Column("ended_on", "废止或终止日期"),
                   Column("end_reason", "废止或终止理由"), Column("source_note", "数据来源说明"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("文件名称", "title", parse=parse_text, required=True, width=40),
                   ExcelColumn("文号", "doc_number", parse=parse_text, width=22),
                   ExcelColumn("状态", None, export=lambda d: d.get_status_display()),
                   ExcelColumn("起草岗位代码", "drafting_post",
                               export=lambda d: d.drafting_post.code if d.drafting_post_id else "", parse=parse_post),
                   ExcelColumn("涉及群众切身利益", "affects_public", parse=parse_yes_default, width=8),
                   ExcelColumn("不公开征求意见的理由", "no_comment_reason", parse=parse_text, width=30),
                   ExcelColumn("起草说明", "summary", parse=parse_text, width=30),
                   ExcelColumn("文件正文", "text", parse=parse_text, width=50),
                   ExcelColumn("征求意见期间", None, export=lambda d: d.comment_period, width=24),
                   ExcelColumn("合法性审核", None, export=_review, width=24),
                   ExcelColumn("印发日期", "issued_on", parse=parse_date, width=12),
                   ExcelColumn("公布日期", "published_on", parse=parse_date, width=12),
                   ExcelColumn("施行日期", "effective_on", parse=parse_date, width=12),
                   ExcelColumn("有效期至", "valid_until", parse=parse_date, width=12),
                   ExcelColumn("备案机关", "filing_authority", parse=parse_text, width=20),
                   ExcelColumn("报送备案期限", None, export=lambda d: d.filing_due_on, width=12),
                   ExcelColumn("报送备案日期", "filed_on", parse=parse_date, width=12),
                   ExcelColumn("备案登记号", "filing_no", parse=parse_text),
                   ExcelColumn("备案情况", None, export=lambda d: d.filing_state()),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text, width=24)],
))  # fmt: skip

comments = registry.add(Register(
    key="comments", namespace="decisions", model=PublicComment, label="公众意见", module="decisions",
    description="规范性文件草案和重大行政决策公开征求意见收到的意见：门户网站提交的，以及工作人员登记的信函、座谈会等意见，"
                "逐条登记采纳情况。联系方式不公开，列表和导出中脱敏显示。",
    form_class=CommentForm, filterset_class=CommentFilter,
    select_related=("org_unit", "document", "decision"), ordering=("-received_on", "-id"),
    create=actions.register_comment, update=actions.update_comment,
    import_note="“系统编号”留空为新增（渠道不能为门户网站）；填写的更新原意见，门户网站提交的意见只能更新是否采纳和说明。",
    columns=[Column("__str__", "意见", link=True), Column("subject_kind", "针对"), Column("subject", "事项"),
             Column("channel", "渠道"), Column("received_on", "收到日期", sort="received_on"),
             Column("commenter", "提出人"), Column("contact", "联系方式", mask=mask_contact),
             Column("adopted_label", "采纳情况"), Column("org_unit.name", "所属单位")],
    detail_fields=[Column("subject_kind", "针对"), Column("subject", "事项"), Column("channel", "渠道"),
                   Column("received_on", "收到日期"), Column("commenter", "提出人"),
                   Column("contact", "联系方式", mask=mask_contact), Column("content", "意见内容"),
                   Column("adopted_label", "采纳情况"), Column("response", "采纳情况说明"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("规范性文件", "document",
                               export=lambda c: (c.document.doc_number or c.document.title) if c.document_id else "",
                               parse=parse_document, width=30),
                   ExcelColumn("重大行政决策", "decision", export=lambda c: c.decision.title if c.decision_id else "",
                               parse=parse_decision, width=30),
                   ExcelColumn("渠道", "channel", parse=parse_choice(CommentChannel), required=True),
                   ExcelColumn("收到日期", "received_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("提出人", "commenter", parse=parse_text),
                   ExcelColumn("联系方式", "contact", parse=parse_text, mask=mask_contact, width=18),
                   ExcelColumn("意见内容", "content", parse=parse_text, required=True, width=50),
                   ExcelColumn("是否采纳", "adopted", export=lambda c: c.adopted_label, parse=parse_adopted),
                   ExcelColumn("采纳情况说明", "response", parse=parse_text, width=40),
                   ExcelColumn("所属单位", None, export=lambda c: c.org_unit.name, width=16)],
))  # fmt: skip
