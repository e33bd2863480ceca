"""Demo step: Jiangkou's part in the 2023 campaign on road traffic and transport
enforcement (道路交通安全和运输执法领域突出问题专项整治), with the seven aspects
the seed report counts (its five problem categories and the two channels
problems came through), a problem list in every state (most closed out on time,
two late, two waiting for close-out, one overdue, one due in a few days), the
Chongqing case-file rubric, and four evaluated 2023 case files, one of them
failed on a veto item, whose findings were put right and closed out.

Everything goes through the actions, so each item has its steps, deadline and
audit events; before each submission for close-out the officer attaches a file of
evidence (佐证材料, a small generated picture of a signed sheet) through the
attachment mechanism, as a submission requires. The problems and findings are
invented (示例（虚构））."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from functools import lru_cache

from django.core.files.base import ContentFile
from django.utils import timezone

import fazhi.oversight.demo_duty  # noqa: F401  (registers the leaders' duty step)
from fazhi.core import files
from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.enforcement.choices import BodyKind
from fazhi.enforcement.models import EnforcementBody
from fazhi.oversight import actions, selectors
from fazhi.oversight import demo_supervision as _supervision  # noqa: F401  (registers its step)
from fazhi.oversight.choices import DeductionKind, RectificationSource, RubricItemKind
from fazhi.oversight.models import Campaign, CaseFileReview, Rectification, RubricItem

CAMPAIGN = "道路交通安全和运输执法领域突出问题专项整治"
# The five problem categories of the central notice, and the two channels the report adds.
ASPECTS = ["逐利执法", "执法不规范", "执法方式简单僵化", "执法粗暴", "执法“寻租”", "投诉举报", "新闻曝光"]
FICTIONAL = "（示例）"

# (aspect, problem, measures, post code, due date, plan): a plan is how far the item went.
#   on_time / late: started, submitted and closed out before / after the due date;
#   overdue: still being worked on after the due date; and, due from today (a long-term
#   rectification outlasting the campaign): submitted, waiting for close-out, due in
#   three weeks; due_soon: open, due in five days (the workbench warns the lead leader).
PROBLEMS = [
    (0, "对过境货车违法停放以罚代管，罚款后未责令改正", "建立责令改正台账，罚后跟踪复查", "PA-01", dt.date(2023, 6, 30), "on_time"),
    (0, "执法人员考核中仍有与罚没收入挂钩的指标", "修订执法人员考核办法，删除罚没指标", "PA-04", dt.date(2023, 6, 30), "on_time"),
    (1, "当场处罚决定书未载明救济途径和期限", "统一使用预定格式决定书，逐份复查", "PA-01", dt.date(2023, 7, 31), "on_time"),
    (1, "执法过程未全程记录，执法记录仪使用不规范", "配齐执法记录仪，每周抽查音像记录", "PA-01", dt.date(2023, 7, 31), "late"),
    (1, "个别案件罚款未按裁量基准确定，说理不充分", "组织裁量基准专题培训，案卷说理逐案审核", "PA-02", None, "submitted"),
    (2, "对首次轻微违法停车未适用首违不罚，一罚了之", "公布首违不罚清单，现场先行教育提醒", "PA-01", dt.date(2023, 7, 31), "on_time"),
    (2, "对群众运输农产品的轻微超载未先行教育提醒", "制定轻微违法行为教育提醒工作指引", "PA-01", dt.date(2023, 10, 31), "overdue"),
    (3, "执法人员与当事人言语冲突，态度生硬", "开展文明执法教育，推行执法用语规范", "PA-01", dt.date(2023, 6, 30), "on_time"),
    (3, "暂扣车辆未出具凭证、未告知当事人权利", "规范暂扣程序，当场出具凭证并告知权利", "PA-01", dt.date(2023, 8, 31), "on_time"),
    (4, "排查执法人员与运输企业的利益关联", "逐人签订廉洁执法承诺书，建立回避登记", "PA-04", dt.date(2023, 8, 31), "on_time"),
    (4, "群众反映的“人情执法”线索逐一核查", "核查线索、公开结果，问题移交纪检监察", "PA-04", None, "due_soon"),
    (5, "群众投诉集镇道路停车执法不公开", "在集镇公示停车管理执法依据和投诉电话", "PA-01", dt.date(2023, 7, 31), "on_time"),
    (5, "12345热线反映客运站周边非法营运整治不到位", "联合交通运输部门开展客运站周边集中整治", "PA-01", dt.date(2023, 8, 31), "late"),
    (6, "媒体报道汤溪河大桥路段货车超限超载", "设置临时检测点，与县交通运输执法支队联合执法", "PA-01", dt.date(2023, 9, 30), "on_time"),
    (6, "网络曝光“随意拦车检查”问题", "核查情况并回应，规范检查点设置和公示", "PA-04", dt.date(2023, 9, 30), "on_time"),
]  # fmt: skip

# Four sampled files: (veto item titles failed with a note, [(document title, kind, count, note)]).
FINDINGS = [
    ({}, []),
    ({}, [("当场行政处罚决定书", DeductionKind.MISSING_ELEMENT, 2, "未写执法证号、当事人未签收未注明"),
          ("案卷封面及卷内目录", DeductionKind.WORDING_ERROR, 1, "目录页码与卷内不一致")]),
    ({}, [("当场行政处罚决定书", DeductionKind.MISSING_ELEMENT, 4, "违法行为、依据条款表述不全"),
          ("送达回证", DeductionKind.MISSING_DOCUMENT, 1, ""),
          ("案卷封面及卷内目录", DeductionKind.MISSING_DOCUMENT, 1, "")]),
    ({"告知救济途径和期限": "决定书未载明申请行政复议、提起行政诉讼的途径和期限"},
     [("当场行政处罚决定书", DeductionKind.MISSING_ELEMENT, 1, "缺救济途径")]),
]  # fmt: skip


RELATIVE_DUE = {"due_soon": 5, "submitted": 21}  # days from today


def _plan_dates(due: dt.date, plan: str) -> tuple[dt.date, dt.date, dt.date]:
    """(start, submit, close-out) days of an item due on `due`."""
    if plan == "submitted":
        today = timezone.localdate()
        return today - dt.timedelta(days=10), today - dt.timedelta(days=1), today
    if plan == "late":
        return due - dt.timedelta(days=30), due + dt.timedelta(days=6), due + dt.timedelta(days=9)
    return due - dt.timedelta(days=40), due - dt.timedelta(days=10), due - dt.timedelta(days=5)


@lru_cache(maxsize=1)
def evidence_png() -> bytes:
    """A small PNG (240×160) of a sheet with lines of text and a red seal, made here
    without an imaging library: the demo's stand-in for a photo of the evidence."""
    width, height = 240, 160
    lines = {30 + 12 * i: 36 + length for i, length in enumerate((150, 172, 128, 166, 140, 96, 60))}

    def colour(x: int, y: int) -> tuple[int, int, int]:
        if not (20 <= x < 220 and 10 <= y < 150):
            return 225, 228, 232  # the desk
        if 15**2 <= (x - 180) ** 2 + (y - 120) ** 2 <= 22**2 and y > 96:
            return 200, 30, 30  # the seal
        for top, end in lines.items():
            if top <= y < top + 3 and 36 <= x < end:
                return 110, 110, 110  # a line of text
        return 250, 250, 244  # the paper

    rows = b"".join(
        b"\x00" + bytes(c for x in range(width) for c in colour(x, y)) for y in range(height)
    )  # filter type 0 before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def attach_evidence(item: Rectification, *, actor) -> None:
    """The file of evidence an officer uploads before submitting the item for close-out."""
    upload = ContentFile(evidence_png(), name="整改佐证材料.png")
    files.store(upload, actor=actor, org_unit=item.org_unit, owner=item, description="整改佐证材料（示例）")


def _campaign(ctx: DemoContext, town, officer, leader, office) -> int:
    if Campaign.objects.filter(org_unit=town, name=CAMPAIGN).exists():
        ctx.out("专项整治已存在，跳过")
        return 0
    campaign = actions.create_campaign(actor=office, data={
        "org_unit": town, "name": CAMPAIGN, "starts_on": dt.date(2023, 4, 1), "ends_on": dt.date(2023, 10, 31),
        "description": "按照中央依法治国办部署，聚焦逐利执法、执法不规范、执法方式简单僵化、执法粗暴、执法“寻租”"
                       "五类突出问题，结合投诉举报、新闻曝光反映的问题，建立问题清单、逐项整改销号。",
        "categories": ASPECTS, "source_note": "开始日期为示例；据报至2023年10月31日",
    })  # fmt: skip
    categories = list(campaign.categories.order_by("position"))
    posts = {p.code: p for p in Post.objects.filter(org_unit__path__startswith=town.path)}
    today = timezone.localdate()
    for aspect, problem, measures, post, due, plan in PROBLEMS:
        item = actions.create_rectification(actor=office, data={
            "org_unit": town, "source": RectificationSource.CAMPAIGN, "campaign": campaign,
            "category": categories[aspect], "problem": problem + FICTIONAL, "measures": measures,
            "lead_leader": leader, "responsible_post": posts.get(post),
            "due_on": due or today + dt.timedelta(days=RELATIVE_DUE[plan]),
        })  # fmt: skip
        if plan == "due_soon":
            continue
        start, submit, close = _plan_dates(due, plan)
        item = actions.start_rectification(
            item, actor=officer, on=start, note="已制定整改方案，明确责任人和时限"
        )
        if plan == "overdue":
            continue
        attach_evidence(item, actor=officer)
        item = actions.submit_rectification(item, actor=officer, on=submit, result=f"已完成：{measures}。")
        if plan == "submitted":
            continue
        actions.close_out_rectification(item, actor=leader, on=close, note="经核查，整改到位，同意销号")
    return len(PROBLEMS)


def _reviews(ctx: DemoContext, town, officer, leader, office) -> tuple[int, int]:
    rubric = actions.create_default_rubric(actor=office, org_unit=town)
    if CaseFileReview.objects.filter(org_unit=town).exists():
        ctx.out("案卷评查已存在，跳过")
        return 0, 0
    body = EnforcementBody.objects.filter(org_unit=town, kind=BodyKind.TOWN).first()
    if body is None:
        return 0, 0
    items = {(i.kind, i.title): i for i in RubricItem.objects.filter(rubric=rubric)}
    vetoes = [i for (kind, _), i in items.items() if kind == RubricItemKind.VETO]
    files = selectors.sample_cases(body, 2023, len(FINDINGS), seed="2023")
    post = Post.objects.filter(org_unit__path__startswith=town.path, code="PA-01").first()
    made = 0
    for n, (case, (failed, deductions)) in enumerate(zip(files, FINDINGS, strict=False)):
        reviewed_on = dt.date(2023, 11, 6) + dt.timedelta(days=n)
        review = actions.start_review(actor=office, data={"case": case, "rubric": rubric, "evaluator": office,
                                                          "reviewed_on": reviewed_on})  # fmt: skip
        actions.record_findings(
            review, actor=office,
            vetoes=[{"item": i, "passed": i.title not in failed, "note": failed.get(i.title, "")} for i in vetoes],
            deductions=[{"item": items[(RubricItemKind.DOCUMENT, title)], "kind": kind, "count": count, "note": note}
                        for title, kind, count, note in deductions],
            summary="示例评查意见：" + ("存在否决项问题，案卷不合格。" if failed else "案卷基本规范。"),
        )  # fmt: skip
        completed = reviewed_on + dt.timedelta(days=4)
        actions.complete_review(review, actor=office, lead_leader=leader, responsible_post=post, on=completed)
        # Each finding put right and closed out well within its 30 days.
        for item in Rectification.objects.filter(
            object_id=str(review.pk), source=RectificationSource.CASE_FILE_REVIEW
        ):
            item = actions.start_rectification(item, actor=officer, on=completed + dt.timedelta(days=2))
            attach_evidence(item, actor=officer)
            item = actions.submit_rectification(item, actor=officer, on=completed + dt.timedelta(days=15),
                                                result="已补正案卷文书，组织承办人员学习评查标准。")  # fmt: skip
            actions.close_out_rectification(item, actor=leader, on=completed + dt.timedelta(days=18))
        made += 1
    return made, CaseFileReview.objects.filter(org_unit=town, vetoed=True).count()


@step(40)
def oversight(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    officer, leader, office = (User.objects.get(username=u) for u in ("officer", "leader", "fazhiban"))
    problems = _campaign(ctx, town, officer, leader, office)
    reviewed, vetoed = _reviews(ctx, town, officer, leader, office)
    ctx.out(
        f"监督问责：专项整治问题类别{len(ASPECTS)}个、问题{problems}个；案卷评查{reviewed}卷（否决{vetoed}卷）"
    )
