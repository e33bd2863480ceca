"""Demo step: Jiangkou's legal advisor. The town engaged 龙脊律师事务所 (named by the
seed report for 2023; the 2022 term and the 2024–2026 renewal are examples), which
in 2023 reviewed 30 contracts, gave 3 trainings and lectures and attended 1
government decision meeting (report-figures.md rows 3–6), besides a few
consultations. A few records of 2022, and this year's work: reviews done, one
review overdue and one due in a few days.

Everything goes through the actions, so every record has its audit events and
every contract review its deadline. Lawyers, contracts, counterparties, amounts
and dates are invented (示例（虚构））."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, names, step
from fazhi.core.models import OrgUnit, Post, User
from fazhi.core.workdays import add_working_days
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.models import AdvisorActivity, ContractReview, LegalAdvisor

FIRM = "龙脊律师事务所"
NOTE = "示例（虚构）：律师、合同编号、费用为虚构"
LAWYERS = "谭明远（示例）\n冉晓雯（示例）"
SCOPE = "审查镇政府合同、列席政府决策会议、开展法治培训和讲座、提供法律咨询、代理行政诉讼（示例）"
# (start, end, contract number): 2023 from the report; the others are examples.
TERMS = [
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31), "江府法顾〔2022〕1号"),
    (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "江府法顾〔2023〕1号"),
    (dt.date(2024, 1, 1), dt.date(2026, 12, 31), "江府法顾〔2024〕1号"),
]

CONTRACTS_2023 = 30  # report-figures.md row 4
LATE_2023 = {8, 21}  # of the 30, the ones reviewed after their due date
SUBJECTS = [
    "{v}产业路硬化工程施工合同", "{v}人饮工程维修合同", "集镇污水管网维护服务合同", "办公用品及耗材采购合同",
    "便民服务中心物业服务合同", "{v}土地经营权流转合同", "场镇路灯维修改造合同", "应急物资储备采购合同",
    "场镇生活垃圾清运服务合同", "{v}集体经济项目合作协议", "地质灾害隐患点监测服务合同", "{v}危房改造工程施工合同",
    "农村公路养护承包合同", "{v}林地承包经营合同", "镇政府食堂劳务服务合同",
]  # fmt: skip
COMPANIES = [
    "云阳县示例建筑工程有限公司", "重庆示例物业管理有限公司", "云阳县示例农业开发专业合作社", "重庆示例环境服务有限公司",
    "云阳县示例水务有限公司", "重庆示例地质勘查中心", "云阳县示例商贸有限公司", "重庆示例照明工程有限公司",
]  # fmt: skip
OPINION_TEXT = {
    ContractOpinion.APPROVED: ("合同主体适格，主要条款完备，同意签订。", ""),
    ContractOpinion.APPROVED_WITH_CHANGES: (
        "建议补充验收标准和违约责任条款，明确付款节点后签订。",
        "付款条件与工程进度未挂钩，存在资金风险；违约金约定过低。",
    ),
    ContractOpinion.NOT_APPROVED: (
        "项目尚未履行集体决策程序，暂不宜签订。",
        "未经集体讨论决定即签订，程序不合法。",
    ),
}
# 2023 activities: (day, kind, title, audience); report rows 5 and 6, and consultations.
ACTIVITIES_2023 = [
    (dt.date(2023, 3, 16), ActivityKind.TRAINING, "《民法典》合同编专题培训", 46),
    (dt.date(2023, 4, 11), ActivityKind.CONSULTATION, "就集镇摊位租赁纠纷提供法律咨询", None),
    (dt.date(2023, 6, 20), ActivityKind.LECTURE, "法治讲座：依法行政与行政应诉", 82),
    (dt.date(2023, 7, 18), ActivityKind.CONSULTATION, "就征收补偿争议提供法律意见", None),
    (dt.date(2023, 8, 24), ActivityKind.TRAINING, "行政执法人员法律知识培训", 58),
    (dt.date(2023, 9, 12), ActivityKind.DECISION_MEETING, "列席镇政府常务会议：场镇农贸市场改造方案", 15),
    (dt.date(2023, 11, 9), ActivityKind.CONSULTATION, "就村级工程欠款问题提供法律咨询", None),
]
ACTIVITIES_2022 = [
    (dt.date(2022, 5, 19), ActivityKind.TRAINING, "村（社区）干部法律知识培训", 64),
    (dt.date(2022, 9, 7), ActivityKind.CONSULTATION, "就土地承包经营权纠纷提供法律咨询", None),
]
# This year's activities, days before today.
ACTIVITIES_NOW = [
    (200, ActivityKind.LECTURE, "法治讲座：《行政复议法》修订要点", 70),
    (120, ActivityKind.DECISION_MEETING, "列席镇政府常务会议：农村人居环境整治实施方案", 14),
    (30, ActivityKind.CONSULTATION, "就集体资产出租合同续签提供法律咨询", None),
]


def _tag(text: str) -> str:
    return f"{text}（示例）"


def _engagements(ctx: DemoContext, town: OrgUnit, office: User) -> dict[int, LegalAdvisor]:
    found = {}
    for n, (start, end, number) in enumerate(TERMS):
        fee = 30000 + 5000 * n
        advisor = LegalAdvisor.objects.filter(org_unit=town, firm=FIRM, starts_on=start).first()
        if advisor is None:
            advisor = actions.create_advisor(actor=office, data={
                "org_unit": town, "firm": FIRM, "lawyers": LAWYERS, "contract_no": number, "starts_on": start,
                "ends_on": end, "fee": fee, "scope": SCOPE, "contact": "023-5500000（示例）",
                "source_note": "2023年聘期据年度报告；" + NOTE if start.year == 2023 else NOTE,
            })  # fmt: skip
        for year in range(start.year, end.year + 1):
            found[year] = advisor
    return found


def _working_day_on_or_after(day: dt.date) -> dt.date:
    return add_working_days(day - dt.timedelta(days=1), 1)


def _counterparty(ctx: DemoContext) -> str:
    """Mostly a company; one contract in five with a villager (a natural person)."""
    if ctx.rng.random() < 0.2:
        return ctx.rng.choice(names.SURNAMES) + "".join(ctx.rng.choice(names.GIVEN) for _ in range(2))
    return ctx.rng.choice(COMPANIES)


def _contract(ctx, town, office, reviewer_user, advisor, posts, *, title, submitted_on, review_after=None,
              opinion=ContractOpinion.APPROVED) -> int:  # fmt: skip
    """One contract submitted on `submitted_on` and, unless `review_after` is None,
    reviewed that many working days later. Draws first, then looks the title up."""
    counterparty = _counterparty(ctx)
    amount = ctx.rng.randrange(8, 900) * 1000
    post = ctx.rng.choice(posts)
    if ContractReview.objects.filter(org_unit=town, title=title).exists():
        return 0
    contract = actions.submit_contract(actor=office, data={
        "org_unit": town, "advisor": advisor, "title": title, "counterparty": counterparty, "amount": amount,
        "submitting_post": post, "submitted_on": submitted_on,
    })  # fmt: skip
    if review_after is not None:
        text, risks = OPINION_TEXT[opinion]
        actions.record_contract_review(
            contract, actor=reviewer_user, reviewer=advisor.lawyers.splitlines()[0],
            reviewed_on=add_working_days(submitted_on, review_after), opinion=opinion, opinion_text=text,
            risk_points=risks,
        )  # fmt: skip
    return 1


def _subject(n: int, villages: list[OrgUnit]) -> str:
    """The contract's subject, from its number alone: the title is the record's natural
    key, so it must not depend on what was drawn before."""
    return SUBJECTS[n % len(SUBJECTS)].format(v=villages[n * 7 % len(villages)].name)


def _contracts(ctx, town, office, reviewer_user, advisors, posts, villages) -> int:
    made = 0
    # 2023: thirty reviews, all completed within the year, two of them late.
    for n in range(CONTRACTS_2023):
        submitted = _working_day_on_or_after(
            dt.date(2023, 1, 5) + dt.timedelta(days=n * 11 + ctx.rng.randrange(0, 4))
        )
        late = n in LATE_2023
        opinion = (ContractOpinion.NOT_APPROVED if n == 13 else
                   ContractOpinion.APPROVED_WITH_CHANGES if n % 4 == 1 else ContractOpinion.APPROVED)  # fmt: skip
        after = 7 if late else ctx.rng.randrange(1, 5)
        made += _contract(ctx, town, office, reviewer_user, advisors[2023], posts,
                          title=_tag(f"{_subject(n, villages)}（2023-{n + 1:02d}）"), submitted_on=submitted,
                          review_after=after, opinion=opinion)  # fmt: skip
    # 2022: a few.
    for n, day in enumerate(
        (dt.date(2022, 3, 14), dt.date(2022, 6, 8), dt.date(2022, 9, 21), dt.date(2022, 11, 15))
    ):
        made += _contract(ctx, town, office, reviewer_user, advisors[2022], posts,
                          title=_tag(f"{_subject(n + 3, villages)}（2022-{n + 1:02d}）"), submitted_on=day,
                          review_after=ctx.rng.randrange(1, 5))  # fmt: skip
    # This year: three done, one overdue, one due in a few days (days before today).
    today = timezone.localdate()
    advisor = advisors.get(today.year) or advisors[max(advisors)]
    for n, (days_ago, after) in enumerate([(150, 3), (90, 2), (45, 4), (30, None), (1, None)]):
        submitted = today - dt.timedelta(days=days_ago)
        made += _contract(ctx, town, office, reviewer_user, advisor, posts,
                          title=_tag(f"{_subject(n + 5, villages)}（{today.year}-{n + 1:02d}）"), submitted_on=submitted,
                          review_after=after)  # fmt: skip
    return made


def _activities(ctx, town, office, advisors) -> int:
    today = timezone.localdate()
    rows = [*ACTIVITIES_2022, *ACTIVITIES_2023]
    rows += [
        (today - dt.timedelta(days=d), kind, title, audience) for d, kind, title, audience in ACTIVITIES_NOW
    ]
    made = 0
    for day, kind, title, audience in rows:
        advisor = advisors.get(day.year) or advisors[max(advisors)]
        if AdvisorActivity.objects.filter(org_unit=town, title=_tag(title)).exists():
            continue
        actions.record_activity(actor=office, data={
            "org_unit": town, "advisor": advisor, "kind": kind, "on": day, "title": _tag(title),
            "lawyers": advisor.lawyers.splitlines()[0], "audience": audience, "note": "",
        })  # fmt: skip
        made += 1
    return made


@step(50)
def legal_advisor(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    office, reviewer_user = (User.objects.get(username=u) for u in ("fazhiban", "reviewer"))
    posts = list(Post.objects.filter(org_unit__path__startswith=town.path).order_by("code"))
    villages = list(ctx.objects.get("villages") or OrgUnit.objects.filter(parent=town, kind="village"))
    advisors = _engagements(ctx, town, office)
    contracts = _contracts(ctx, town, office, reviewer_user, advisors, posts, villages)
    activities = _activities(ctx, town, office, advisors)
    ctx.out(f"法律顾问：{FIRM}（聘期3段），新增合同审查{contracts}件、履职记录{activities}条（虚构）")
