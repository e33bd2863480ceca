"""The values of the single window's documents, for the .docx templates and the print
pages alike, and their generation.

Every period and citation printed comes from the rulebook (fazhi.law): the 5 working
days of the one-time notice (行政许可法 第三十二条), and for a refusal the periods to
apply for reconsideration and to sue, in the versions in force on the day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core import documents
from fazhi.core.models import GeneratedDocument
from fazhi.core.registers.actions import ensure_in_scope
from fazhi.law import RuleError, period
from fazhi.law.base import article_cn
from fazhi.law.licensing import LICENSING_LAW
from fazhi.services.choices import ApplicantKind, ApplicationState
from fazhi.services.documents import KINDS, NOTICE, RECEIPT, REFUSAL, template_of, title_of
from fazhi.services.models import Application, CompletenessNotice

PERMISSION = "services.change_application"
BLANK_DATE = "    年  月  日"


def date_text(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else BLANK_DATE


def licensing_citation(article: int) -> str:
    """《中华人民共和国行政许可法》第三十二条."""
    return f"《{LICENSING_LAW.name}》{article_cn(article)}"


def may_print(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(PERMISSION))


def kinds_for(app: Application) -> list[str]:
    """The documents the application has come to: a receipt once accepted, a notice per
    one-time notice, a refusal notice once refused."""
    kinds = []
    if app.accepted_on is not None:
        kinds.append(RECEIPT)
    if app.notices.exists():
        kinds.append(NOTICE)
    if app.status == ApplicationState.REFUSED:
        kinds.append(REFUSAL)
    return kinds


def _county(app: Application):
    town = app.org_unit.town or app.org_unit
    return town.parent if town.parent_id else None


def _common(app: Application) -> dict[str, Any]:
    town = app.org_unit.town or app.org_unit
    person = app.applicant_kind == ApplicantKind.PERSON
    return {
        "body_name": f"{town.name}人民政府",
        "doc_number": f"办件编号：{app.number}",
        "number": app.number,
        "applicant": app.applicant,
        "you": "你" if person else "你单位",
        "item_name": app.item.name,
        "item_code": app.item.code,
        "submitted_on": date_text(app.submitted_on),
        "location": app.item.location or f"{town.name}便民服务中心",
        "phone": app.item.phone,
    }


def _lookup(app: Application, lookup_url: str) -> str:
    where = f"访问{lookup_url}" if lookup_url else "在政务公开网站“办件查询”栏目"
    return (f"凭查询码{app.receipt_code_display}{where}，可以查询本办件的办理进度；"
            "办结后，可以凭查询码对本次服务作出评价（好差评），每个办件评价一次。")  # fmt: skip


def receipt_context(app: Application, *, lookup_url: str = "") -> dict[str, Any]:
    item = app.item
    promised = "当场办结（即办）" if item.promised_days == 0 else f"{item.promised_days}个工作日"
    statutory = f"{item.statutory_days}个工作日" if item.statutory_days is not None else "法律法规未规定"
    rows = [
        ("办件编号", app.number),
        ("查询码", app.receipt_code_display),
        ("申请事项", item.name),
        ("申请人", app.applicant),
        ("收件日期", date_text(app.submitted_on)),
        ("受理日期", date_text(app.accepted_on)),
        ("承诺办结时限", f"{promised}，{date_text(app.promised_due_on)}前办结"),
        ("法定办结时限", f"{statutory}，{date_text(app.due_on)}前办结" if app.due_on else statutory),
        ("受理人", (app.handler.display_name or app.handler.username) if app.handler_id else ""),
    ]
    return {
        **_common(app),
        "rows": [{"label": label, "value": value} for label, value in rows],
        "accepted_text": (f"{_common(app)['you']}于{date_text(app.submitted_on)}提交的“{item.name}”申请，申请材料齐全、"
                          f"符合法定形式，本机关已于{date_text(app.accepted_on)}依法受理"
                          f"（{licensing_citation(32)}）。办理期限自受理之日起按工作日计算；依法需要听证、检验、"
                          f"检测、鉴定或者专家评审的，所需时间不计算在期限内（{licensing_citation(45)}）。"),
        "lookup_text": _lookup(app, lookup_url),
        "lookup_url": lookup_url,
        "receipt_code": app.receipt_code_display,
        "signed_on": date_text(app.accepted_on),
    }  # fmt: skip


def notice_context(app: Application, notice: CompletenessNotice) -> dict[str, Any]:
    rule = period("licensing_missing_items").version_on(notice.issued_on)
    common = _common(app)
    missing = list(notice.missing or [])
    return {
        **common,
        "missing": missing,
        "missing_lines": [f"{i}. {name}" for i, name in enumerate(missing, start=1)],
        "other": notice.other,
        "intro_text": (f"{common['you']}于{date_text(app.submitted_on)}提交的“{app.item.name}”申请"
                       f"（办件编号{app.number}），经审查，申请材料不齐全或者不符合法定形式。现将需要补正的"
                       f"全部内容一次告知如下："),
        "rule_text": (f"请{common['you']}按上述内容一次补齐后，到{common['location']}提交，或者通过原申请渠道提交。"
                      f"本机关自收到补正材料之日起{rule.describe()}内作出是否受理的决定。行政机关应当当场或者"
                      f"在{rule.describe()}内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起"
                      f"即为受理（{licensing_citation(32)}）。"),
        "issued_on": date_text(notice.issued_on),
        "signed_on": date_text(notice.issued_on),
    }  # fmt: skip


def refusal_context(app: Application) -> dict[str, Any]:
    on = app.refused_on or app.submitted_on
    review = period("reconsideration_application").version_on(on)
    suit = period("litigation_filing").version_on(on)
    county = _county(app)
    review_body = f"{county.name}人民政府" if county else "上一级人民政府"
    court = f"{county.name}人民法院" if county else "有管辖权的人民法院"
    common = _common(app)
    return {
        **common,
        "intro_text": (f"{common['you']}于{date_text(app.submitted_on)}提交的“{app.item.name}”申请"
                       f"（办件编号{app.number}），经审查，本机关决定不予受理"
                       f"（{licensing_citation(32)}）。理由如下："),
        "reason": app.refusal_reason,
        "remedies_text": (f"{common['you']}如不服本决定，可以自收到本通知书之日起{review.describe()}内向{review_body}"
                          f"申请行政复议（{review.citation}），或者自收到本通知书之日起{suit.describe()}内"
                          f"向{court}提起行政诉讼（{suit.citation}）。"),
        "signed_on": date_text(app.refused_on),
    }  # fmt: skip


def context_for(app: Application, kind: str, *, notice: CompletenessNotice | None = None,
                lookup_url: str = "") -> dict[str, Any]:  # fmt: skip
    """The values of one document; RuleError when the application has not come to it."""
    if kind == RECEIPT:
        if app.accepted_on is None:
            raise RuleError("办件受理后才能出具受理回执", code="not_accepted")
        return receipt_context(app, lookup_url=lookup_url)
    if kind == NOTICE:
        notice = notice or app.notices.order_by("-issued_on", "-id").first()
        if notice is None:
            raise RuleError("该办件尚未出具一次性告知书", code="no_notice")
        return notice_context(app, notice)
    if kind == REFUSAL:
        if app.status != ApplicationState.REFUSED:
            raise RuleError("只有不予受理的办件才能出具不予受理通知书", code="not_refused")
        return refusal_context(app)
    raise RuleError("未知的文书种类", code="unknown_document")


def generate(app: Application, kind: str, *, actor: Any, notice: CompletenessNotice | None = None,
             lookup_url: str = "") -> GeneratedDocument:  # fmt: skip
    """Render, keep and audit one document of the application."""
    if not may_print(actor):
        raise PermissionDenied("您的角色不能出具窗口文书")
    ensure_in_scope(actor, app)
    ctx = context_for(app, kind, notice=notice, lookup_url=lookup_url)
    return documents.generate(app, kind=KINDS[kind][2], title=title_of(kind), template=template_of(kind),
                              context=ctx, actor=actor, doc_number=app.number)  # fmt: skip


def documents_of(app: Application) -> list[GeneratedDocument]:
    ct = ContentType.objects.get_for_model(Application)
    kinds = [k[2] for k in KINDS.values()]
    return list(GeneratedDocument.objects.filter(content_type=ct, object_id=str(app.pk), kind__in=kinds)
                .order_by("-id")[:20])  # fmt: skip


def lookup_url(request=None) -> str:
    """Where the applicant checks the status on the portal, as printed."""
    from fazhi.portal.qr import public_url

    return public_url(reverse("portal:service-status"), request)
