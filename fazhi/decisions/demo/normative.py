"""Demo step: Jiangkou's normative documents (行政规范性文件).

2023: one document drafted, put to public comment, reviewed, deliberated, issued,
published and filed on time; one whose filing was late; and one from 2019 (entered
as a historical document) repealed at the 2023 clean-up. This year (relative to
today): one published whose filing is overdue, one draft open for public comment
today with two comments from the portal, and one in legality review. The first
2023 document is the basis of one enforcement matter.

Everything goes through the actions, so each document has its steps, deadlines and
audit events. Titles, texts, numbers and comments are invented (示例)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CleanupOutcome, ReviewOpinion
from fazhi.decisions.models import NormativeDocument
from fazhi.enforcement.models import Matter

EXAMPLE = "示例（虚构）"
FILING_AUTHORITY = "云阳县人民政府（示例）"
REVIEWER = "江口镇司法所"


def _text(title: str, articles: list[str]) -> str:
    body = "\n".join(f"第{'一二三四五六七八九十'[i]}条　{a}" for i, a in enumerate(articles))
    return f"{title}\n\n{body}\n\n（本文件为演示数据，内容虚构。）"


DOCS = {
    "environment": (
        "江口镇农村人居环境整治管理办法（示例）",
        "PA-04",
        [
            "为改善农村人居环境，建设美丽宜居乡村，结合本镇实际，制定本办法。",
            "本办法适用于本镇行政区域内农村人居环境的整治和管理。",
            "村民应当做好房前屋后的清洁卫生，不得在公共区域堆放粪便、垃圾、秸秆和杂物。",
            "村（居）民委员会应当将人居环境整治要求纳入村规民约，组织村民开展清洁行动。",
            "违反本办法第三条规定的，由镇人民政府责令改正；拒不改正的，依照有关法规处理。",
            "本办法自公布之日起施行，有效期五年。",
        ],
    ),
    "market": (
        "江口镇集镇农贸市场管理规定（示例）",
        "PA-04",
        [
            "为规范集镇农贸市场秩序，保障农产品质量安全，制定本规定。",
            "市场开办者应当建立入场经营者档案，公示经营者信息和投诉方式。",
            "经营者应当在划定区域内经营，不得占道、店外经营。",
            "镇人民政府会同有关部门对市场秩序进行监督检查。",
            "本规定自公布之日起施行。",
        ],
    ),
    "stalls": (
        "江口镇场镇临时占道经营管理暂行办法（示例）",
        "PA-04",
        [
            "为规范场镇临时占道经营行为，制定本办法。",
            "临时占道经营实行登记管理，经营时间和区域由镇人民政府公布。",
            "本办法自公布之日起施行。",
        ],
    ),
    "housing": (
        "江口镇农村建房风貌管控规定（示例）",
        "PA-04",
        [
            "为保护传统村落风貌，规范农村村民住宅建设，制定本规定。",
            "农村村民住宅的层数、高度和外立面应当符合本镇村庄规划的风貌管控要求。",
            "村民建房前应当向村民委员会和镇人民政府申请，领取乡村建设规划许可证。",
            "本规定自公布之日起施行，有效期五年。",
        ],
    ),
    "doorstep": (
        "江口镇门前三包责任制管理办法（征求意见稿）（示例）",
        "PA-04",
        [
            "为落实门前市容环境卫生责任，制定本办法。",
            "沿街单位和个体工商户对门前区域承担包卫生、包秩序、包绿化责任。",
            "镇人民政府与责任人签订门前三包责任书，每季度开展检查评比。",
            "对履行责任成效显著的，予以通报表扬。",
        ],
    ),
    "village_power": (
        "江口镇村级小微权力清单管理办法（示例）",
        "PA-04",
        [
            "为规范村级小微权力运行，制定本办法。",
            "村级小微权力实行清单管理，清单由镇人民政府统一编制并公布。",
            "村务监督委员会对清单事项的办理进行监督。",
        ],
    ),
}

PORTAL_COMMENTS = [
    (8, "建议明确门前三包区域的具体范围，例如以门店两侧延长线至人行道外沿为界，便于商户对照执行。（示例）", "张先生", ""),
    (3, "希望对老年人经营的小门店给予清扫工具等帮助，检查评比结果也请在集镇公告栏公开。（示例）", "",
     "resident@example.com"),
]  # fmt: skip


def _draft(
    key: str, town, office, posts, *, affects_public: bool = True, reason: str = ""
) -> NormativeDocument:
    title, post, articles = DOCS[key]
    return actions.register_document(actor=office, data={
        "org_unit": town, "title": title, "drafting_post": posts.get(post), "affects_public": affects_public,
        "no_comment_reason": reason, "summary": f"起草说明：{title}的制定背景、依据和主要内容。（示例）",
        "text": _text(title, articles), "source_note": EXAMPLE,
    })  # fmt: skip


def _through_publication(doc, users, *, comment_from: dt.date, review_days: int, issue_on: dt.date,
                         publish_on: dt.date, number: str) -> NormativeDocument:  # fmt: skip
    """Comment for 30 days from `comment_from`, then review, deliberation, issue and publication."""
    office, reviewer, leader = users
    ends = actions.comment_minimum_end(comment_from)
    doc = actions.open_comment(doc, actor=office, starts_on=comment_from, ends_on=ends, on=comment_from)
    doc = actions.close_comment(doc, actor=office, on=ends + dt.timedelta(days=2))
    requested = ends + dt.timedelta(days=3)
    doc = actions.send_review(doc, actor=office, reviewer=REVIEWER, requested_on=requested)
    doc = actions.record_review(doc, actor=reviewer, opinion=ReviewOpinion.LAWFUL_WITH_CHANGES,
                                text="第五条应明确所依照的法规名称和条款。（示例）",
                                on=requested + dt.timedelta(days=review_days))  # fmt: skip
    meeting_on = requested + dt.timedelta(days=review_days + 6)
    doc = actions.deliberate(doc, actor=leader, meeting=f"镇政府{meeting_on.year}年常务会议（示例）", on=meeting_on,
                             note="原则同意，按审核意见修改后印发。")  # fmt: skip
    doc = actions.issue(doc, actor=leader, doc_number=number, issued_on=issue_on)
    return actions.publish(doc, actor=leader, published_on=publish_on, filing_authority=FILING_AUTHORITY)


@step(35)
def normative_documents(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    if NormativeDocument.objects.filter(org_unit=town, title=DOCS["environment"][0]).exists():
        ctx.out("规范性文件已存在，跳过")
        return
    office, reviewer, leader = (User.objects.get(username=u) for u in ("fazhiban", "reviewer", "leader"))
    users = (office, reviewer, leader)
    posts = {p.code: p for p in Post.objects.filter(org_unit__path__startswith=town.path)}
    today = timezone.localdate()

    # 2023: published and filed on time, the basis of an enforcement matter.
    environment = _through_publication(
        _draft("environment", town, office, posts), users, comment_from=dt.date(2023, 3, 1), review_days=8,
        issue_on=dt.date(2023, 4, 25), publish_on=dt.date(2023, 4, 28), number="江府发〔2023〕12号（示例）",
    )  # fmt: skip
    actions.record_filing(environment, actor=office, filed_on=dt.date(2023, 5, 15),
                          filing_no="云府规备〔2023〕21号（示例）")  # fmt: skip
    # 2023: published, filed after the due date.
    market = _through_publication(
        _draft("market", town, office, posts), users, comment_from=dt.date(2023, 6, 1), review_days=9,
        issue_on=dt.date(2023, 7, 24), publish_on=dt.date(2023, 7, 26), number="江府发〔2023〕18号（示例）",
    )  # fmt: skip
    actions.record_filing(
        market, actor=office, filed_on=dt.date(2023, 9, 12), filing_no="云府规备〔2023〕35号（示例）"
    )
    # Issued in 2019 (entered as a historical document), repealed at the 2023 clean-up.
    title, _, articles = DOCS["stalls"]
    stalls = actions.register_document(actor=office, data={
        "org_unit": town, "title": title, "drafting_post": posts.get("PA-04"), "affects_public": True,
        "text": _text(title, articles), "doc_number": "江府发〔2019〕6号（示例）", "issued_on": dt.date(2019, 3, 10),
        "published_on": dt.date(2019, 3, 15), "filing_authority": FILING_AUTHORITY, "filed_on": dt.date(2019, 4, 2),
        "filing_no": "云府规备〔2019〕9号（示例）", "source_note": f"{EXAMPLE}；补录的历史文件",
    })  # fmt: skip
    actions.clean_up(stalls, actor=office, outcome=CleanupOutcome.REPEAL, on=dt.date(2023, 11, 20),
                     reason="内容已被《江口镇集镇农贸市场管理规定》替代，2023年规范性文件清理决定废止。（示例）")  # fmt: skip

    # This year: published 45 days ago and not yet filed (overdue).
    _through_publication(
        _draft("housing", town, office, posts), users, comment_from=today - dt.timedelta(days=150), review_days=7,
        issue_on=today - dt.timedelta(days=50), publish_on=today - dt.timedelta(days=45),
        number=f"江府发〔{(today - dt.timedelta(days=50)).year}〕7号（示例）",
    )  # fmt: skip
    # A draft open for comment today, with two comments from the portal.
    doorstep = _draft("doorstep", town, office, posts)
    start = today - dt.timedelta(days=10)
    doorstep = actions.open_comment(doorstep, actor=office, starts_on=start,
                                    ends_on=actions.comment_minimum_end(start) + dt.timedelta(days=5), on=start)  # fmt: skip
    for days_ago, content, name, contact in PORTAL_COMMENTS:
        actions.submit_portal_comment(doorstep, content=content, commenter=name, contact=contact,
                                      on=today - dt.timedelta(days=days_ago))  # fmt: skip
    # In legality review: it does not affect the public directly.
    power = _draft("village_power", town, office, posts, affects_public=False)
    actions.send_review(power, actor=office, reviewer=REVIEWER, requested_on=today - dt.timedelta(days=3))

    # The first document is the basis of the matter it regulates.
    from fazhi.enforcement.definitions import matters

    matter = Matter.objects.filter(org_unit=town, code="JK-001").first()
    if matter is not None:
        matters.do_update(matter, actor=office, data={"basis_documents": [environment]})
    ctx.out(
        "规范性文件6件（2023年公布2件、清理废止1件；今年公布逾期未备案1件、征求意见中1件、合法性审核中1件）"
    )
