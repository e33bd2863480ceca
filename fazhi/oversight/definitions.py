"""The oversight registers on the register base: rectification items, special
campaigns, case-file reviews, and the rubrics with their items."""

from __future__ import annotations

from fazhi.core.definitions import (
    parse_bool,
    parse_choice,
    parse_date,
    parse_leader,
    parse_org_unit,
    parse_post,
    parse_text,
)
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.oversight import actions
from fazhi.oversight.choices import RectificationSource, RubricItemKind
from fazhi.oversight.filters import (
    CampaignFilter,
    RectificationFilter,
    ReviewFilter,
    RubricFilter,
    RubricItemFilter,
)
from fazhi.oversight.forms import (
    CampaignForm,
    RectificationForm,
    ReviewStartForm,
    RubricForm,
    RubricItemForm,
    split_names,
)
from fazhi.oversight.models import (
    Campaign,
    CampaignCategory,
    CaseFileReview,
    Rectification,
    ReviewRubric,
    RubricItem,
)

UNIT = ExcelColumn(
    "所属单位代码",
    "org_unit",
    export=lambda o: o.org_unit.code,
    parse=parse_org_unit,
    required=True,
    width=16,
)


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_int(raw, user):
    if raw in (None, ""):
        return None
    text = _text(raw)
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise ValueError("应为非负整数")
    return int(text)


def parse_campaign(raw, user):
    name = _text(raw)
    if not name:
        return None
    found = Campaign.objects.visible_to(user).filter(name=name).values_list("pk", flat=True)[:2]
    if len(found) != 1:
        raise ValueError(f"专项整治“{name}”不存在" if not found else f"有多个名为“{name}”的专项整治")
    return found[0]


def parse_category(raw, user):
    """A category by name, or as 专项整治名称：类别 when several campaigns share the name."""
    text = _text(raw)
    if not text:
        return None
    campaign, sep, name = text.rpartition("：")
    qs = CampaignCategory.objects.filter(
        campaign__in=Campaign.objects.visible_to(user), name=name if sep else text
    )
    if sep:
        qs = qs.filter(campaign__name=campaign.strip())
    found = list(qs.values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"问题类别“{text}”不存在")
    if len(found) > 1:
        raise ValueError(f"有多个专项整治包含问题类别“{text}”，请写成“专项整治名称：类别”")
    return found[0]


def parse_names(raw, user):
    return "\n".join(split_names(_text(raw)))


def parse_rubric(raw, user):
    name = _text(raw)
    found = list(ReviewRubric.objects.visible_to(user).filter(name=name).values_list("pk", flat=True)[:2])
    if len(found) != 1:
        raise ValueError(f"评查标准“{name}”不存在" if not found else f"有多个名为“{name}”的评查标准")
    return found[0]


rectifications = registry.add(Register(
    key="rectifications", namespace="oversight", model=Rectification, label="整改事项", module="oversight",
    description="专项整治、案卷评查、行政复议纠错、督查、评议发现问题的整改台账：牵头领导、责任岗位、整改措施、"
                "期限、佐证材料，经非提交人审核后销号。",
    form_class=RectificationForm, filterset_class=RectificationFilter, attachments=True,
    select_related=("org_unit", "campaign", "category", "lead_leader", "responsible_post__org_unit"),
    ordering=("due_on", "id"), create=actions.create_rectification, update=actions.update_rectification,
    import_note="“系统编号”留空为新增（状态为待整改）；填写的更新原事项，已销号的事项不能修改。"
                "整改进度（开始整改、提交销号、审核销号）在事项页面办理。",
    columns=[Column("__str__", "问题", link=True), Column("source", "来源"), Column("category.name", "问题类别"),
             Column("lead_leader", "牵头领导"), Column("responsible_post.name", "责任岗位"),
             Column("due_on", "整改期限", sort="due_on"), Column("status", "状态", sort="status"),
             Column("deadline_state", "期限情况"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("source", "来源"), Column("source_label", "来源记录"), Column("campaign", "专项整治"),
                   Column("category", "问题类别"), Column("problem", "问题"), Column("lead_leader", "牵头领导"),
                   Column("responsible_post", "责任岗位"), Column("measures", "整改措施"),
                   Column("due_on", "整改期限"), Column("status", "状态"), Column("deadline_state", "期限情况"),
                   Column("result", "整改情况"), Column("submitted_by", "提交销号人"),
                   Column("submitted_on", "提交销号日期"), Column("closed_by", "销号审核人"),
                   Column("closed_on", "销号日期"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("来源", "source", parse=parse_choice(RectificationSource), required=True),
                   ExcelColumn("专项整治", "campaign", export=lambda r: r.campaign.name if r.campaign_id else "",
                               parse=parse_campaign, width=30),
                   ExcelColumn("问题类别", "category", export=lambda r: r.category.name if r.category_id else "",
                               parse=parse_category, width=16),
                   ExcelColumn("问题", "problem", parse=parse_text, required=True, width=40),
                   ExcelColumn("牵头领导", "lead_leader", export=lambda r: str(r.lead_leader), parse=parse_leader,
                               required=True),
                   ExcelColumn("责任岗位代码", "responsible_post",
                               export=lambda r: r.responsible_post.code if r.responsible_post_id else "",
                               parse=parse_post),
                   ExcelColumn("责任岗位", None,
                               export=lambda r: r.responsible_post.name if r.responsible_post_id else ""),
                   ExcelColumn("整改措施", "measures", parse=parse_text, width=40),
                   ExcelColumn("整改期限", "due_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("来源记录", None, export=lambda r: r.source_label, width=24),
                   ExcelColumn("状态", None, export=lambda r: r.get_status_display()),
                   ExcelColumn("整改情况", None, export=lambda r: r.result, width=40),
                   ExcelColumn("销号日期", None, export=lambda r: r.closed_on, width=12),
                   ExcelColumn("期限情况", None, export=lambda r: r.deadline_state())],
))  # fmt: skip

campaigns = registry.add(Register(
    key="campaigns", namespace="oversight", model=Campaign, label="专项整治", module="oversight",
    description="本镇参加的专项整治及其问题类别；问题清单即来源为专项整治的整改事项，按类别和状态统计、计算按期销号率。",
    form_class=CampaignForm, filterset_class=CampaignFilter, select_related=("org_unit",),
    prefetch_related=("categories",), ordering=("-starts_on", "id"),
    create=actions.create_campaign, update=actions.update_campaign,
    columns=[Column("name", "专项整治名称", link=True), Column("starts_on", "开始日期", sort="starts_on"),
             Column("ends_on", "结束日期"), Column("categories_display", "问题类别"),
             Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("专项整治名称", "name", parse=parse_text, required=True, width=40),
                   ExcelColumn("开始日期", "starts_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("结束日期", "ends_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("工作要求", "description", parse=parse_text, width=40),
                   ExcelColumn("问题类别", "categories", export=lambda c: "、".join(c.category_names()),
                               parse=parse_names, width=40),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text)],
))  # fmt: skip

reviews = registry.add(Register(
    key="reviews", namespace="oversight", model=CaseFileReview, label="案卷评查", module="oversight",
    description="按评查标准评查已结案的行政处罚案卷：否决项、文书扣分、得分和等次；发现的问题生成整改事项。",
    form_class=ReviewStartForm, filterset_class=ReviewFilter, importable=False,
    select_related=("case__matter", "case__body", "evaluator", "rubric", "org_unit"),
    ordering=("-reviewed_on", "-id"), create=actions.start_review, update=actions.update_review,
    columns=[Column("__str__", "案卷", link=True), Column("case.matter.name", "执法事项"),
             Column("evaluator", "评查人"), Column("reviewed_on", "评查日期", sort="reviewed_on"),
             Column("status", "状态"), Column("score_display", "得分"), Column("grade", "等次"),
             Column("org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("决定书文号", None, export=lambda r: r.case.decision_no, width=22),
                   ExcelColumn("执法主体", None, export=lambda r: r.case.body.name, width=20),
                   ExcelColumn("执法事项", None, export=lambda r: r.case.matter.name, width=30),
                   ExcelColumn("评查标准", None, export=lambda r: r.rubric.name, width=30),
                   ExcelColumn("评查人", None, export=lambda r: str(r.evaluator)),
                   ExcelColumn("评查日期", None, export=lambda r: r.reviewed_on, width=12),
                   ExcelColumn("状态", None, export=lambda r: r.get_status_display()),
                   ExcelColumn("完成日期", None, export=lambda r: r.completed_on, width=12),
                   ExcelColumn("否决项不通过", None, export=lambda r: r.vetoed if r.completed_on else ""),
                   ExcelColumn("得分", None, export=lambda r: r.score, width=8),
                   ExcelColumn("等次", None, export=lambda r: r.get_grade_display(), width=8),
                   ExcelColumn("评查意见", None, export=lambda r: r.summary, width=40)],
))  # fmt: skip

rubrics = registry.add(Register(
    key="rubrics", namespace="oversight", model=ReviewRubric, label="评查标准", module="oversight",
    description="案卷评查标准：否决项、文书扣分分值、等次分数线和整改期限；默认为重庆市行政处罚案卷评查标准。",
    form_class=RubricForm, filterset_class=RubricFilter, select_related=("org_unit",),
    ordering=("-is_active", "name", "id"),
    columns=[Column("name", "标准名称", link=True), Column("is_active", "启用"),
             Column("cutoffs_display", "等次分数线"), Column("rectification_days", "整改期限（日）"),
             Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("标准名称", "name", parse=parse_text, required=True, width=36),
                   ExcelColumn("启用", "is_active", parse=parse_bool),
                   ExcelColumn("优秀分数线", "excellent_min", parse=parse_int, required=True),
                   ExcelColumn("良好分数线", "good_min", parse=parse_int, required=True),
                   ExcelColumn("合格分数线", "pass_min", parse=parse_int, required=True),
                   ExcelColumn("缺少必备文书扣分", "missing_document_points", parse=parse_int, required=True),
                   ExcelColumn("文书要素缺失扣分", "missing_element_points", parse=parse_int, required=True),
                   ExcelColumn("文字错误扣分", "wording_error_points", parse=parse_int, required=True),
                   ExcelColumn("整改期限（日）", "rectification_days", parse=parse_int, required=True),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text, width=30)],
))  # fmt: skip

rubric_items = registry.add(Register(
    key="rubric-items", namespace="oversight", model=RubricItem, label="评查项目", module="oversight",
    description="评查标准的否决项（任一项不通过即为不合格案卷）和文书项（缺少、要素缺失、文字错误扣分）。",
    form_class=RubricItemForm, filterset_class=RubricItemFilter, select_related=("rubric__org_unit",),
    ordering=("rubric__name", "kind", "position", "id"),
    columns=[Column("title", "评查项目", link=True), Column("kind", "类型"), Column("position", "序号", sort="position"),
             Column("rubric.name", "评查标准"), Column("is_active", "启用")],
    excel_columns=[ExcelColumn("评查标准", "rubric", export=lambda i: i.rubric.name, parse=parse_rubric, required=True,
                               width=36),
                   ExcelColumn("类型", "kind", parse=parse_choice(RubricItemKind), required=True, width=8),
                   ExcelColumn("序号", "position", parse=parse_int, required=True, width=6),
                   ExcelColumn("评查项目", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("评查要点", "guidance", parse=parse_text, width=50),
                   ExcelColumn("启用", "is_active", parse=parse_bool)],
))  # fmt: skip
