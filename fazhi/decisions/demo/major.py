"""Demo step: Jiangkou's major decisions. The 2023 catalogue, approved and
published, with two decisions that went through all five steps (one with expert
argumentation and a risk assessment, one where both were marked not applicable
with their reasons), were decided at the executive meeting, reported to the party
committee, published and followed up; and the current year's catalogue with one
draft out for public comment on the portal today, one waiting for its legality
review (due within days), and one not yet started whose planned date has passed.

Everything goes through the actions, so each step has its audit event and each
deadline its row. Titles and contents are invented (示例)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.decisions.actions import major as actions
from fazhi.decisions.choices import (
    CommentChannel,
    DeliberationOutcome,
    MemberPosition,
    ReviewOpinion,
    RiskLevel,
)
from fazhi.decisions.models import DecisionCatalogue, MajorDecision, PublicComment

EXAMPLE = "（示例）"
ATTENDEES = (
    "镇长周志勇，副镇长吴立新、郑德明、孙永红，党政办、经济发展办、社会事务办负责人；法律顾问列席（示例）"
)


def _members(head_text: str, dissent: bool = False) -> list[dict]:
    return [
        {"member": "吴立新", "role": "副镇长", "position": MemberPosition.AGREE, "opinion": "方案可行，建议明确责任分工"},
        {"member": "郑德明", "role": "副镇长",
         "position": MemberPosition.DISAGREE if dissent else MemberPosition.AGREE_WITH_CHANGES,
         "opinion": "建议分两期实施，先行试点" if dissent else "建议补充资金保障措施"},
        {"member": "孙永红", "role": "副镇长", "position": MemberPosition.AGREE, "opinion": ""},
        {"member": "周志勇", "role": "镇长", "position": MemberPosition.AGREE, "opinion": head_text, "is_head": True},
    ]  # fmt: skip


def _full_file(
    d: MajorDecision, *, office, reviewer, leader, start: dt.date, experts: bool, dissent: bool
) -> None:
    actions.start_public_participation(d, actor=office, comment_starts_on=start,
                                       comment_ends_on=start + dt.timedelta(days=30),
                                       summary="在镇政府网站和各村（社区）公示栏公开征求意见" + EXAMPLE)  # fmt: skip
    PublicComment.objects.create(org_unit=d.org_unit, decision=d, channel=CommentChannel.MEETING,
                                 received_on=start + dt.timedelta(days=10), commenter="村民代表座谈会",
                                 content="希望优先安排群众反映集中的问题" + EXAMPLE, adopted=True,
                                 response="已在方案中增加相关内容")  # fmt: skip
    actions.complete_public_participation(d, actor=office, on=start + dt.timedelta(days=33),
                                          summary="收到意见12条，采纳8条，未采纳的已说明理由" + EXAMPLE)  # fmt: skip
    t = start + dt.timedelta(days=36)
    if experts:
        actions.record_expert_argumentation(d, actor=office, on=t, summary="专家组认为方案总体可行" + EXAMPLE, opinions=[
            {"expert": "何志强", "affiliation": "县规划和自然资源局 高级工程师（示例）", "opinion": "选址符合国土空间规划"},
            {"expert": "陈晓梅", "affiliation": "县住房城乡建设委 工程师（示例）", "opinion": "建议优化交通组织"},
        ])  # fmt: skip
        actions.record_risk_assessment(d, actor=office, on=t + dt.timedelta(days=5), risk_level=RiskLevel.MEDIUM,
                                       measures="做好商户过渡安置和宣传解释，制定应急预案" + EXAMPLE)  # fmt: skip
    else:
        actions.mark_not_applicable(d, actor=office, code="expert_argumentation", on=t,
                                    reason="事项不涉及专业性、技术性较强的问题" + EXAMPLE)  # fmt: skip
        actions.mark_not_applicable(d, actor=office, code="risk_assessment", on=t,
                                    reason="经初步研判，实施不会对社会稳定、公共安全造成不利影响" + EXAMPLE)  # fmt: skip
    requested = t + dt.timedelta(days=8)
    actions.request_legality_review(
        d, actor=office, reviewer="镇司法所、政府法律顾问", requested_on=requested
    )
    step_ = d.steps.get(code="legality_review")
    actions.record_legality_review(d, actor=reviewer, on=step_.review_due_on, opinion=ReviewOpinion.LAWFUL_WITH_CHANGES,
                                   text="决策草案符合法律法规规定，建议完善第五条表述" + EXAMPLE)  # fmt: skip
    meeting_on = step_.review_due_on + dt.timedelta(days=6)
    actions.record_deliberation(
        d, actor=leader, meeting=f"江口镇人民政府{meeting_on.year}年常务会议{EXAMPLE}", on=meeting_on,
        attendees=ATTENDEES, opinions=_members("同意按修改意见实施", dissent=dissent),
        outcome=DeliberationOutcome.ADOPTED_WITH_CHANGES, conclusion="原则通过，按合法性审查和会议意见修改后印发实施",
        dissent="郑德明同志建议分两期实施，先行试点" if dissent else "",
    )  # fmt: skip
    actions.report_to_party_committee(d, actor=office, on=meeting_on + dt.timedelta(days=2),
                                      note="书面报告镇党委" + EXAMPLE)  # fmt: skip
    actions.publish_decision(
        d, actor=office, on=meeting_on + dt.timedelta(days=7), where="江口镇人民政府网站"
    )
    actions.add_follow_up(d, actor=office, on=meeting_on + dt.timedelta(days=60),
                          progress="已按计划推进，完成第一阶段任务" + EXAMPLE)  # fmt: skip


@step(50)
def major_decisions(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    if DecisionCatalogue.objects.filter(org_unit=town).exists():
        ctx.out("重大行政决策已存在，跳过")
        return
    office, reviewer, leader = (User.objects.get(username=u) for u in ("fazhiban", "reviewer", "leader"))
    post = Post.objects.get(org_unit__parent=town, code="ZH-01")
    today = timezone.localdate()

    cat = actions.create_catalogue(actor=office, data={"org_unit": town, "year": 2023,
                                                       "title": "江口镇2023年度重大行政决策事项目录"})  # fmt: skip
    first = actions.create_decision(actor=office, data={
        "org_unit": town, "catalogue": cat, "title": "江口镇农村人居环境整治提升实施方案" + EXAMPLE,
        "summary": "围绕垃圾分类、污水治理和村容村貌，分村制定整治任务和完成时限。", "lead_post": post,
        "lead_leader": leader, "planned_by": dt.date(2023, 6, 30), "basis": "《农村人居环境整治提升五年行动方案》",
    })  # fmt: skip
    second = actions.create_decision(actor=office, data={
        "org_unit": town, "catalogue": cat, "title": "江口镇场镇农贸市场迁建方案" + EXAMPLE,
        "summary": "将场镇农贸市场迁至新址，原址改建为停车场。", "lead_post": post, "lead_leader": leader,
        "planned_by": dt.date(2023, 10, 31), "basis": "《重庆市集贸市场管理规定》",
    })  # fmt: skip
    actions.approve_catalogue(
        cat, actor=leader, on=dt.date(2023, 2, 20), meeting="江口镇人民政府常务会议" + EXAMPLE
    )
    actions.publish_catalogue(cat, actor=office, on=dt.date(2023, 2, 24))
    _full_file(first, office=office, reviewer=reviewer, leader=leader, start=dt.date(2023, 3, 6), experts=False,
               dissent=False)  # fmt: skip
    _full_file(second, office=office, reviewer=reviewer, leader=leader, start=dt.date(2023, 5, 8), experts=True,
               dissent=True)  # fmt: skip

    year = today.year
    now = actions.create_catalogue(actor=office, data={"org_unit": town, "year": year,
                                                       "title": f"江口镇{year}年度重大行政决策事项目录"})  # fmt: skip
    open_ = actions.create_decision(actor=office, data={
        "org_unit": town, "catalogue": now, "title": "江口镇场镇停车秩序管理办法" + EXAMPLE,
        "summary": "划定场镇临时停车区域，规定收费标准和违停劝导措施，征求群众意见。", "lead_post": post,
        "lead_leader": leader, "planned_by": today + dt.timedelta(days=60),
    })  # fmt: skip
    review = actions.create_decision(actor=office, data={
        "org_unit": town, "catalogue": now, "title": f"江口镇{year}年防汛抗旱应急物资储备方案" + EXAMPLE,
        "summary": "确定应急物资储备品类、数量和储备点。", "lead_post": post, "lead_leader": leader,
        "planned_by": today + dt.timedelta(days=20),
    })  # fmt: skip
    actions.create_decision(actor=office, data={
        "org_unit": town, "catalogue": now, "title": "江口镇老旧小区改造实施方案" + EXAMPLE,
        "summary": "尚未启动决策程序，已超过计划完成日期。", "lead_post": post, "lead_leader": leader,
        "planned_by": today - dt.timedelta(days=10),
    })  # fmt: skip
    actions.approve_catalogue(
        now, actor=leader, on=dt.date(year, 2, 18), meeting="江口镇人民政府常务会议" + EXAMPLE
    )
    actions.publish_catalogue(now, actor=office, on=dt.date(year, 2, 21))

    # Out for comment today: the portal's 意见征集 shows it.
    actions.start_public_participation(open_, actor=office, comment_starts_on=today - dt.timedelta(days=5),
                                       comment_ends_on=today + dt.timedelta(days=25),
                                       summary="在门户网站和场镇公示栏公开征求意见" + EXAMPLE)  # fmt: skip
    # Waiting for the legality review, due within days.
    start = today - dt.timedelta(days=70)
    actions.start_public_participation(review, actor=office, comment_starts_on=start,
                                       comment_ends_on=start + dt.timedelta(days=30))  # fmt: skip
    actions.complete_public_participation(review, actor=office, on=start + dt.timedelta(days=31),
                                          summary="未收到意见" + EXAMPLE)  # fmt: skip
    actions.mark_not_applicable(review, actor=office, code="expert_argumentation", on=start + dt.timedelta(days=35),
                                reason="物资储备品类按上级清单确定，不涉及专业技术论证" + EXAMPLE)  # fmt: skip
    actions.record_risk_assessment(review, actor=office, on=start + dt.timedelta(days=40), risk_level=RiskLevel.LOW,
                                   measures="储备点远离地质灾害隐患点" + EXAMPLE)  # fmt: skip
    actions.request_legality_review(
        review, actor=office, reviewer="镇司法所", requested_on=today - dt.timedelta(days=3)
    )
    ctx.out(f"重大行政决策：{MajorDecision.objects.filter(org_unit=town).count()}项（2023年已决定2项）")
