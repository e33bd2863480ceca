"""The supervision registers on the register base: proactive disclosure (主动公开),
requests for information (依申请公开), deputies' suggestions and CPPCC proposals
(建议提案), and inspections and appraisals (督查评议)."""

from __future__ import annotations

from fazhi.core import masking
from fazhi.core.definitions import (
    parse_choice,
    parse_date,
    parse_leader,
    parse_org_unit,
    parse_post,
    parse_text,
)
from fazhi.core.models import User
from fazhi.core.models.scoped import visible_unit_ids
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.oversight.choices import (
    InfoCategory,
    InspectionKind,
    ProposalKind,
    PublishChannel,
    ReplyCategory,
    RequestChannel,
    RequesterKind,
    RequestReply,
    Satisfaction,
)
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal
from fazhi.oversight.supervision import actions
from fazhi.oversight.supervision.filters import (
    InfoItemFilter,
    InfoRequestFilter,
    InspectionFilter,
    ProposalFilter,
)
from fazhi.oversight.supervision.forms import InfoItemForm, InfoRequestForm, InspectionForm, ProposalForm

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip


def parse_staff(raw, user):
    """A staff account by its user name, or by its person's name when only one has it."""
    text = parse_text(raw, user)
    if not text:
        return None
    staff = User.objects.filter(org_unit__in=visible_unit_ids(user), is_active=True)
    found = list(staff.filter(username=text).values_list("pk", flat=True)[:1]) or list(
        staff.filter(display_name=text).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"“{text}”不是本单位的账号")
    if len(found) > 1:
        raise ValueError(f"有多个账号叫“{text}”，请填写账号")
    return found[0]


def parse_count(raw, user):
    text = parse_text(raw, user).removesuffix(".0")
    if not text:
        return None
    if not text.isdigit() or int(text) > 9999:
        raise ValueError("应为0至9999的整数")
    return int(text)


def parse_requester_kind(raw, user):
    """公民 unless the cell says otherwise."""
    return parse_choice(RequesterKind)(raw, user) or RequesterKind.CITIZEN


def _user(attr: str):
    return lambda o: str(getattr(o, attr)) if getattr(o, f"{attr}_id") else ""


disclosures = registry.add(Register(
    key="disclosures", namespace="oversight", model=InfoItem, label="主动公开", module="oversight",
    description="主动公开的政府信息：公开类别（含政府信息公开条例第二十一条规定的乡镇公开事项）、形成或变更日期、"
                "20个工作日的公开期限、公开日期和渠道；已公开的信息在公开平台展示。",
    form_class=InfoItemForm, filterset_class=InfoItemFilter, attachments=True,
    select_related=("org_unit", "handler"), ordering=("-made_on", "-id"),
    create=actions.create_info_item, update=actions.update_info_item,
    import_note="“系统编号”留空为新增；填写公开日期即为已公开。撤回、失效在信息页面办理，已撤回或失效的信息不能修改。",
    columns=[Column("title", "标题", link=True), Column("category", "公开类别"),
             Column("made_on", "形成或变更日期", sort="made_on"), Column("due_on", "公开期限", sort="due_on"),
             Column("published_on", "公开日期", sort="published_on"), Column("channel", "公开渠道"),
             Column("status", "状态", sort="status"), Column("deadline_state", "期限情况"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("category", "公开类别"), Column("title", "标题"), Column("content", "公开内容"),
                   Column("made_on", "信息形成或变更日期"), Column("due_on", "公开期限"), Column("handler", "承办人"),
                   Column("published_on", "公开日期"), Column("channel", "公开渠道"), Column("status", "状态"),
                   Column("deadline_state", "期限情况"), Column("ended_on", "撤回或失效日期"),
                   Column("end_reason", "撤回或失效原因"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("公开类别", "category", parse=parse_choice(InfoCategory), required=True, width=20),
                   ExcelColumn("标题", "title", parse=parse_text, required=True, width=40),
                   ExcelColumn("公开内容", "content", parse=parse_text, width=50),
                   ExcelColumn("信息形成或变更日期", "made_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("承办人", "handler", export=_user("handler"), parse=parse_staff),
                   ExcelColumn("公开日期", "published_on", parse=parse_date, width=12),
                   ExcelColumn("公开渠道", "channel", parse=parse_choice(PublishChannel)),
                   ExcelColumn("公开期限", None, export=lambda i: i.due_on, width=12),
                   ExcelColumn("状态", None, export=lambda i: i.get_status_display()),
                   ExcelColumn("期限情况", None, export=lambda i: i.deadline_state())],
))  # fmt: skip

disclosure_requests = registry.add(Register(
    key="disclosure-requests", namespace="oversight", model=InfoRequest, label="依申请公开", module="oversight",
    description="政府信息公开申请的登记、补正、征求第三方意见、延期和答复：20个工作日答复期限，"
                "征求第三方意见的时间不计算在内，经批准可延长一次。申请人信息脱敏显示。",
    form_class=InfoRequestForm, filterset_class=InfoRequestFilter, attachments=True,
    select_related=("org_unit", "handler", "extension_approved_by"), ordering=("-received_on", "-id"),
    create=actions.register_info_request, update=actions.update_info_request,
    import_note="“系统编号”留空为新增；延长答复期限须由领导在申请页面批准。",
    columns=[Column("number", "申请编号", link=True, sort="number"), Column("masked_requester", "申请人"),
             Column("received_on", "收到日期", sort="received_on"), Column("request_channel", "申请方式"),
             Column("reply_due_on", "答复期限", sort="reply_due_on"), Column("extended", "已延期"),
             Column("replied_on", "答复日期"), Column("reply_kind", "答复类型"), Column("reply_state", "办理情况"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("number", "申请编号"), Column("requester_kind", "申请人类型"),
                   Column("masked_requester", "申请人"), Column("contact", "联系电话", mask=masking.mask_phone),
                   Column("content", "申请公开的政府信息"), Column("received_on", "收到申请日期"),
                   Column("request_channel", "申请方式"), Column("handler", "承办人"),
                   Column("correction_asked_on", "告知补正日期"), Column("correction_received_on", "收到补正申请日期"),
                   Column("third_party_asked_on", "征求第三方意见日期"),
                   Column("third_party_answered_on", "第三方答复日期"), Column("reply_due_on", "答复期限"),
                   Column("extension_approved_on", "延期批准日期"), Column("extension_approved_by", "延期批准人"),
                   Column("extension_reason", "延期理由"), Column("replied_on", "答复日期"),
                   Column("reply_kind", "答复类型"), Column("reply_reason", "理由和依据"),
                   Column("reply_state", "办理情况"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("申请编号", "number", parse=parse_text, required=True),
                   ExcelColumn("申请人类型", "requester_kind", parse=parse_requester_kind, width=14),
                   ExcelColumn("申请人", "requester", parse=parse_text, mask=masking.mask_name, required=True),
                   ExcelColumn("联系电话", "contact", parse=parse_text, mask=masking.mask_phone),
                   ExcelColumn("申请公开的政府信息", "content", parse=parse_text, required=True, width=40),
                   ExcelColumn("收到申请日期", "received_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("申请方式", "request_channel", parse=parse_choice(RequestChannel), required=True),
                   ExcelColumn("承办人", "handler", export=_user("handler"), parse=parse_staff),
                   ExcelColumn("告知补正日期", "correction_asked_on", parse=parse_date, width=12),
                   ExcelColumn("收到补正申请日期", "correction_received_on", parse=parse_date, width=12),
                   ExcelColumn("征求第三方意见日期", "third_party_asked_on", parse=parse_date, width=12),
                   ExcelColumn("第三方答复日期", "third_party_answered_on", parse=parse_date, width=12),
                   ExcelColumn("答复日期", "replied_on", parse=parse_date, width=12),
                   ExcelColumn("答复类型", "reply_kind", parse=parse_choice(RequestReply), width=20),
                   ExcelColumn("理由和依据", "reply_reason", parse=parse_text, width=40),
                   ExcelColumn("答复期限", None, export=lambda r: r.reply_due_on, width=12),
                   ExcelColumn("延期批准日期", None, export=lambda r: r.extension_approved_on, width=12),
                   ExcelColumn("办理情况", None, export=lambda r: r.reply_state())],
))  # fmt: skip

proposals = registry.add(Register(
    key="proposals", namespace="oversight", model=Proposal, label="建议提案", module="oversight",
    description="人大代表建议和政协委员提案的交办、答复和满意度：自交办之日起三个月内答复，"
                "经领导认定涉及面广、处理难度大的六个月内答复（代表法第四十二条）。",
    form_class=ProposalForm, filterset_class=ProposalFilter, attachments=True,
    select_related=("org_unit", "lead_leader", "responsible_post__org_unit"), ordering=("-assigned_on", "id"),
    create=actions.register_proposal, update=actions.update_proposal,
    import_note="“系统编号”留空为新增；涉及面广、处理难度大（六个月答复）须由领导在建议提案页面认定。",
    columns=[Column("number", "编号", link=True, sort="number"), Column("title", "标题"), Column("kind", "类型"),
             Column("proposer", "提出人"), Column("assigned_on", "交办日期", sort="assigned_on"),
             Column("reply_due_on", "答复期限", sort="reply_due_on"), Column("replied_on", "答复日期"),
             Column("satisfaction", "满意度"), Column("deadline_state", "期限情况"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("kind", "类型"), Column("number", "编号"), Column("title", "标题"),
                   Column("proposer", "提出人"), Column("content", "主要内容"), Column("received_on", "收到日期"),
                   Column("assigned_on", "交办日期"), Column("responsible_post", "承办岗位"),
                   Column("lead_leader", "牵头领导"), Column("difficult", "涉及面广、处理难度大"),
                   Column("difficult_approved_by", "认定人"), Column("difficult_approved_on", "认定日期"),
                   Column("difficult_reason", "认定理由"), Column("reply_due_on", "答复期限"),
                   Column("replied_on", "答复日期"), Column("reply_category", "答复类别"),
                   Column("reply_text", "答复内容"), Column("satisfaction", "代表（委员）满意度"),
                   Column("report_published_on", "办理情况公开日期"), Column("deadline_state", "期限情况"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("类型", "kind", parse=parse_choice(ProposalKind), required=True),
                   ExcelColumn("编号", "number", parse=parse_text, required=True),
                   ExcelColumn("标题", "title", parse=parse_text, required=True, width=40),
                   ExcelColumn("提出人", "proposer", parse=parse_text, required=True, width=20),
                   ExcelColumn("主要内容", "content", parse=parse_text, width=40),
                   ExcelColumn("收到日期", "received_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("交办日期", "assigned_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("承办岗位代码", "responsible_post",
                               export=lambda p: p.responsible_post.code if p.responsible_post_id else "",
                               parse=parse_post),
                   ExcelColumn("牵头领导", "lead_leader", export=lambda p: str(p.lead_leader), parse=parse_leader,
                               required=True),
                   ExcelColumn("答复日期", "replied_on", parse=parse_date, width=12),
                   ExcelColumn("答复类别", "reply_category", parse=parse_choice(ReplyCategory), width=20),
                   ExcelColumn("答复内容", "reply_text", parse=parse_text, width=40),
                   ExcelColumn("满意度", "satisfaction", parse=parse_choice(Satisfaction)),
                   ExcelColumn("办理情况公开日期", "report_published_on", parse=parse_date, width=12),
                   ExcelColumn("涉及面广、处理难度大", None, export=lambda p: p.difficult, width=8),
                   ExcelColumn("答复期限", None, export=lambda p: p.reply_due_on, width=12),
                   ExcelColumn("期限情况", None, export=lambda p: p.deadline_state())],
))  # fmt: skip

inspections = registry.add(Register(
    key="inspections", namespace="oversight", model=Inspection, label="督查评议", module="oversight",
    description="县级督查、本级督查检查、邀请人大代表评议和收到的司法建议；发现的问题逐项列为整改事项，"
                "按期整改销号。",
    form_class=InspectionForm, filterset_class=InspectionFilter, attachments=True,
    select_related=("org_unit", "lead_leader"), ordering=("-held_on", "-id"), create=actions.create_inspection,
    columns=[Column("title", "名称", link=True), Column("kind", "类型"), Column("by_whom", "督查（评议）机关"),
             Column("held_on", "日期", sort="held_on"), Column("reference", "文号"),
             Column("answer_state", "反馈情况"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("kind", "类型"), Column("title", "名称"), Column("by_whom", "督查（评议）机关"),
                   Column("held_on", "日期"), Column("reference", "文号"), Column("scope", "范围和内容"),
                   Column("summary", "情况摘要"), Column("participants", "参加评议的代表人数"),
                   Column("lead_leader", "牵头领导"), Column("answer_due_on", "反馈期限"),
                   Column("answered_on", "反馈日期"), Column("answer_state", "反馈情况"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("类型", "kind", parse=parse_choice(InspectionKind), required=True),
                   ExcelColumn("名称", "title", parse=parse_text, required=True, width=40),
                   ExcelColumn("督查（评议）机关", "by_whom", parse=parse_text, required=True, width=24),
                   ExcelColumn("日期", "held_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("文号", "reference", parse=parse_text, width=22),
                   ExcelColumn("范围和内容", "scope", parse=parse_text, width=40),
                   ExcelColumn("情况摘要", "summary", parse=parse_text, width=40),
                   ExcelColumn("参加评议的代表人数", "participants", parse=parse_count, width=8),
                   ExcelColumn("牵头领导", "lead_leader", export=_user("lead_leader"), parse=parse_leader),
                   ExcelColumn("反馈期限", "answer_due_on", parse=parse_date, width=12),
                   ExcelColumn("反馈日期", "answered_on", parse=parse_date, width=12),
                   ExcelColumn("反馈情况", None, export=lambda i: i.answer_state())],
))  # fmt: skip
