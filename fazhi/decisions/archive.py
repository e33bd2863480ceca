"""The whole file of a major decision as one archive (第33条: the decision-making
process is recorded and kept on file): an index and one .docx for each part, in
the official document layout (GB/T 9704: A4, 37/28 mm margins, 2号小标宋 title,
3号仿宋 text), plus the evidence attached to the decision, each file checked
against its digest as it is read. Commenters' contact details never go in; a
natural person's name is masked."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any
from urllib.parse import quote

from docx.shared import Pt

from fazhi.core import audit, masking
from fazhi.core.file_views import attachments_of
from fazhi.core.files import verified_path
from fazhi.core.officialdoc import OfficialDocument
from fazhi.decisions.choices import StepState
from fazhi.decisions.models import DecisionStep, MajorDecision, PublicComment

_EPOCH = (1980, 1, 1, 0, 0, 0)
TABLE_SIZE = Pt(12)  # 小四: the tables here run to seven columns


def _date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


class _Doc(OfficialDocument):
    """A part of the archive in the official layout (`fazhi.core.officialdoc`): the
    title, an empty line, then headings, fields, paragraphs and tables."""

    def __init__(self, title: str) -> None:
        super().__init__(title=title)
        self.title([title])
        self.blank()

    def heading(self, text: str) -> None:
        self.heading1(text)

    def para(self, text: str) -> None:
        for line in (text or "—").splitlines() or ["—"]:
            self.paragraph(line)

    def field(self, label: str, value: Any) -> None:
        self.para(f"{label}：{value if value not in (None, '') else '—'}")

    def table(self, header: list[str], rows: list[list[str]]) -> None:  # type: ignore[override]
        super().table(header, rows, size=TABLE_SIZE)

    def bytes(self) -> bytes:
        return self.to_bytes()


def _overview(decision: MajorDecision) -> _Doc:
    d = _Doc("重大行政决策事项概况")
    d.field("决策事项", decision.title)
    d.field("决策事项目录", decision.catalogue)
    d.field("承办岗位", decision.lead_post or "")
    d.field("分管领导", decision.lead_leader or "")
    d.field("法律政策依据", decision.basis)
    docs = "、".join(str(x) for x in decision.basis_documents.all())
    d.field("依据的规范性文件", docs)
    d.heading("决策草案主要内容")
    d.para(decision.summary)
    return d


def _not_applicable(d: _Doc, step: DecisionStep) -> None:
    d.field("办理情况", "不适用")
    d.field("不适用理由", step.not_applicable_reason)


def _participation(decision: MajorDecision, step: DecisionStep) -> _Doc:
    d = _Doc("公众参与情况")
    d.field("征求意见期间", f"{_date(step.comment_starts_on)}至{_date(step.comment_ends_on)}")
    if step.comment_short_reason:
        d.field("期限少于30日的理由", step.comment_short_reason)
    if step.hearing_on:
        d.field("听证会日期", _date(step.hearing_on))
        d.field("听证材料送达日期", _date(step.hearing_materials_sent_on))
    d.field("办结日期", _date(step.completed_on))
    d.heading("意见收集和采纳情况")
    d.para(step.summary)
    comments = list(PublicComment.objects.filter(decision=decision).order_by("received_on", "id"))
    if comments:
        d.heading("收到的意见")
        d.table(["序号", "收到日期", "渠道", "提出人", "意见内容", "是否采纳", "说明"], [
            [str(i), _date(c.received_on), c.get_channel_display(), masking.mask_name(c.commenter) if c.commenter
             else "匿名", c.content, {True: "采纳", False: "未采纳"}.get(c.adopted, "—"), c.response]
            for i, c in enumerate(comments, start=1)
        ])  # fmt: skip
    return d


def _experts(step: DecisionStep) -> _Doc:
    d = _Doc("专家论证情况")
    if step.state == StepState.NOT_APPLICABLE:
        _not_applicable(d, step)
        return d
    d.field("论证日期", _date(step.completed_on))
    d.table(["专家", "单位及职称", "论证意见"],
            [[o.expert, o.affiliation, o.opinion] for o in step.expert_opinions.all()])  # fmt: skip
    d.heading("论证结论")
    d.para(step.summary)
    return d


def _risk(step: DecisionStep) -> _Doc:
    d = _Doc("风险评估情况")
    if step.state == StepState.NOT_APPLICABLE:
        _not_applicable(d, step)
        return d
    d.field("评估日期", _date(step.completed_on))
    d.field("风险等级", step.get_risk_level_display())
    d.heading("风险防范措施")
    d.para(step.risk_measures)
    if step.summary:
        d.heading("评估报告摘要")
        d.para(step.summary)
    return d


def _review(step: DecisionStep) -> _Doc:
    d = _Doc("合法性审查意见")
    d.field("审查机构或人员", step.reviewer)
    d.field("送审日期", _date(step.review_requested_on))
    d.field("审查期限", _date(step.review_due_on))
    d.field("审查日期", _date(step.completed_on))
    d.field("审查结论", step.get_review_opinion_display())
    d.heading("书面审查意见")
    d.para(step.summary)
    return d


def _deliberation(step: DecisionStep) -> _Doc:
    d = _Doc("集体讨论决定情况")
    d.field("会议", step.meeting)
    d.field("会议日期", _date(step.completed_on))
    d.field("出席人员", step.attendees)
    d.heading("组成人员意见（按发言顺序）")
    d.table(["顺序", "姓名", "职务", "表态", "意见"], [
        [str(m.order), m.member + ("（行政首长）" if m.is_head else ""), m.role, m.get_position_display(), m.opinion]
        for m in step.member_opinions.all()
    ])  # fmt: skip
    d.field("讨论结果", step.get_outcome_display())
    d.heading("行政首长决定意见")
    d.para(step.head_conclusion)
    d.heading("不同意见")
    d.para(step.dissent or "无")
    return d


def _after(decision: MajorDecision) -> _Doc:
    d = _Doc("决定、报告、公布与执行情况")
    d.field("决定日期", _date(decision.decided_on))
    d.field("决定结果", decision.get_outcome_display())
    d.heading("决定内容")
    d.para(decision.decision_text)
    d.field("向党委报告日期", _date(decision.reported_on))
    d.field("报告方式", decision.report_note)
    d.field("公布日期", _date(decision.published_on))
    d.field("公布载体", decision.publication_ref)
    follow_ups = list(decision.follow_ups.order_by("on", "id"))
    if follow_ups:
        d.heading("执行情况跟踪")
        d.table(["日期", "执行情况", "存在问题"], [[_date(f.on), f.progress, f.problems] for f in follow_ups])
    if decision.evaluation_reason:
        d.heading("决策后评估")
        d.field("启动原因", decision.evaluation_reason)
        d.field("评估期限", _date(decision.evaluation_due_on))
        d.field("完成日期", _date(decision.evaluated_on))
        d.field("评估结论", decision.evaluation_result)
    if decision.shelved_reason:
        d.field("暂缓或终止理由", decision.shelved_reason)
    return d


def _entry(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build(decision: MajorDecision, *, actor: Any) -> tuple[bytes, str]:
    """The archive's bytes and its file name; the download is audited."""
    steps = {s.code: s for s in decision.steps.prefetch_related("expert_opinions", "member_opinions")}
    parts: list[tuple[str, str, dt.date | None, bytes]] = [
        (
            "01_决策事项概况.docx",
            "重大行政决策事项概况",
            decision.created_at.date(),
            _overview(decision).bytes(),
        ),
    ]
    p = steps.get("public_participation")
    if p and p.state != StepState.PENDING:
        parts.append(("02_公众参与.docx", "公众参与情况", p.completed_on or p.started_on,
                      _participation(decision, p).bytes()))  # fmt: skip
    for code, name, title, builder in (
        ("expert_argumentation", "03_专家论证.docx", "专家论证情况", _experts),
        ("risk_assessment", "04_风险评估.docx", "风险评估情况", _risk),
        ("legality_review", "05_合法性审查.docx", "合法性审查意见", _review),
        ("collective_deliberation", "06_集体讨论决定.docx", "集体讨论决定情况", _deliberation),
    ):
        step = steps.get(code)
        if step and step.state in (StepState.DONE, StepState.NOT_APPLICABLE, StepState.STARTED):
            parts.append((name, title, step.completed_on or step.started_on, builder(step).bytes()))
    if decision.decided_on or decision.shelved_reason:
        parts.append(
            (
                "07_决定公布执行.docx",
                "决定、报告、公布与执行情况",
                decision.decided_on,
                _after(decision).bytes(),
            )
        )
    evidence = []
    for i, attachment in enumerate(reversed(attachments_of(decision)), start=1):
        name = f"附件/{i:02d}_{attachment.original_name.replace('/', '_')}"
        evidence.append((name, attachment.description or attachment.original_name,
                         attachment.created_at.date(), verified_path(attachment).read_bytes()))  # fmt: skip

    index = _Doc(f"{decision.title}决策档案目录")
    index.field("决策事项", decision.title)
    index.field("所属单位", decision.org_unit.name)
    index.field("状态", decision.get_status_display())
    rows = [
        [str(i), title, _date(on), name]
        for i, (name, title, on, _) in enumerate([*parts, *evidence], start=1)
    ]
    index.table(["序号", "材料名称", "形成日期", "文件"], rows)

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        _entry(zf, "00_档案目录.docx", index.bytes())
        for name, _title, _on, data in [*parts, *evidence]:
            _entry(zf, name, data)
        manifest = [{"file": name, "title": title, "date": on.isoformat() if on else None}
                    for name, title, on, _ in [*parts, *evidence]]  # fmt: skip
        _entry(zf, "index.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    audit.record(actor=actor, action="decisions.majordecision.archived", target=decision,
                 new={"files": len(parts) + len(evidence) + 1})  # fmt: skip
    year = decision.catalogue.year
    return buf.getvalue(), f"重大行政决策档案_{year}_{decision.pk}.zip"


def content_disposition(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"
