"""The window's documents: the acceptance receipt, the one-time notice and the refusal
notice, as print pages and as .docx (stored, audited), and who may make them; and the
workbench panels (待我会签, 待受理办件)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.core import workbench
from fazhi.core.models import AuditEvent, GeneratedDocument
from fazhi.core.tests.factories import user_with_role
from fazhi.services import panels
from fazhi.services.actions import window as actions
from fazhi.services.tests.factories_window import accepted, clerk_of, make_application, make_item, reviewer_of

pytestmark = pytest.mark.django_db
D = dt.date(2023, 9, 25)
MATERIALS = "申请人居民身份证\n申请书\n宅基地申请审批表\n房屋设计图\n村民小组意见"


def _print(client, app, kind, **params):
    return client.get(reverse("services:applications-print", args=[app.pk, kind]), params)


def _docx_text(client, app, kind, **data) -> str:
    r = client.post(reverse("services:applications-document", args=[app.pk, kind]), data)
    assert r.status_code == 302, r.content[:300]
    download = client.get(r["Location"])
    assert download.status_code == 200
    doc = Document(io.BytesIO(download.content))
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_one_time_notice_lists_every_missing_material_numbered_with_the_rule(client, town_a):
    item = make_item(town_a, materials=MATERIALS)
    app = make_application(item, materials=["申请书"])
    actions.issue_notice(app, actor=clerk_of(town_a), other="申请书须本人签名", on=dt.date(2023, 9, 26))
    client.force_login(clerk_of(town_a))
    body = _print(client, app, "notice").content.decode()
    missing = ["申请人居民身份证", "宅基地申请审批表", "房屋设计图", "村民小组意见"]
    assert body.count("<li>") == len(missing) and all(f"<li>{m}</li>" in body for m in missing)
    assert (
        "申请书须本人签名" in body
        and "《中华人民共和国行政许可法》第三十二条" in body
        and "5个工作日" in body
    )
    assert "谭德明" in body and "2023年9月26日" in body
    text = _docx_text(client, app, "notice")
    for i, m in enumerate(missing, start=1):
        assert f"{i}. {m}" in text
    assert "《中华人民共和国行政许可法》第三十二条" in text and "江口镇人民政府" in text


def test_each_notice_prints_as_it_was_issued(client, town_a):
    item = make_item(town_a, materials=MATERIALS)
    clerk = clerk_of(town_a)
    app = make_application(item, materials=[])
    first = actions.issue_notice(app, actor=clerk, on=D)
    actions.supplement(app, actor=clerk, materials=["申请书", "房屋设计图"], on=dt.date(2023, 9, 26))
    second = actions.issue_notice(app, actor=clerk, on=dt.date(2023, 9, 26))
    client.force_login(clerk)
    assert _print(client, app, "notice", notice=first.pk).content.decode().count("<li>") == 5
    latest = _print(client, app, "notice").content.decode()
    assert latest.count("<li>") == 3 and "<li>申请书</li>" not in latest
    assert _print(client, app, "notice", notice=second.pk).content.decode() == latest


def test_the_receipt_gives_the_code_the_due_dates_and_where_to_look_it_up(client, town_a, settings):
    settings.FAZHI_PUBLIC_URL = "https://fazhi.example.gov.cn"
    app = accepted(make_item(town_a, statutory_days=20, promised_days=10), on=D)
    client.force_login(clerk_of(town_a))
    body = _print(client, app, "receipt").content.decode()
    assert app.receipt_code_display in body and app.number in body
    assert f"{app.promised_due_on.year}年{app.promised_due_on.month}月{app.promised_due_on.day}日" in body
    assert f"{app.due_on.year}年{app.due_on.month}月{app.due_on.day}日" in body
    assert "https://fazhi.example.gov.cn/portal/services/status/" in body
    text = _docx_text(client, app, "receipt")
    assert app.receipt_code_display in text and "https://fazhi.example.gov.cn/portal/services/status/" in text
    doc = GeneratedDocument.objects.get()
    assert doc.kind == "svc_receipt" and doc.doc_number == app.number
    assert AuditEvent.objects.filter(action="core.document.generated").count() == 1


def test_the_refusal_notice_gives_the_reason_and_the_remedies(client, town_a):
    app = make_application(make_item(town_a))
    actions.refuse(app, actor=clerk_of(town_a), reason="申请事项依法不属于本机关职权范围", on=D)
    client.force_login(clerk_of(town_a))
    body = _print(client, app, "refusal").content.decode()
    assert "申请事项依法不属于本机关职权范围" in body
    assert "申请行政复议" in body and "提起行政诉讼" in body and "60日" in body and "6个月" in body
    assert "云阳县人民政府" in body or "人民政府申请行政复议" in body
    text = _docx_text(client, app, "refusal")
    assert "不予受理通知书" in text and "申请事项依法不属于本机关职权范围" in text and "行政诉讼" in text


def test_a_document_the_application_has_not_come_to_is_refused(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    r = client.get(reverse("services:applications-print", args=[app.pk, "receipt"]), follow=True)
    assert "办件受理后才能出具受理回执" in [str(m) for m in r.context["messages"]]
    r = client.post(reverse("services:applications-document", args=[app.pk, "refusal"]), follow=True)
    assert any("只有不予受理的办件" in str(m) for m in r.context["messages"])
    assert not GeneratedDocument.objects.exists()
    assert _print(client, app, "licence").status_code == 404


def test_only_the_window_makes_documents(client, town_a, officer_town_a):
    app = accepted(make_item(town_a), on=D)
    client.force_login(officer_town_a)
    assert _print(client, app, "receipt").status_code == 403
    assert client.post(reverse("services:applications-document", args=[app.pk, "receipt"])).status_code == 403
    assert 'data-testid="documents"' not in client.get(app.get_absolute_url()).content.decode()


def test_the_page_links_the_documents_of_its_state(client, town_a):
    app = accepted(make_item(town_a), on=D)
    client.force_login(clerk_of(town_a))
    page = client.get(app.get_absolute_url())
    assert [k for k, _ in page.context["printable"]] == ["receipt"]
    assert reverse("services:applications-print", args=[app.pk, "receipt"]) in page.content.decode()


# -- workbench panels ---------------------------------------------------------------------------


def test_my_reviews_lists_the_pending_tasks_of_the_posts_i_hold(town_a):
    item = make_item(town_a, review_posts=2)
    post_a = item.review_posts.order_by("id").first()
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    holder = reviewer_of(post_a)
    panel = panels.my_reviews(holder)
    assert panel.title == "待我会签" and [t.post for t in panel.context["tasks"]] == [post_a]
    actions.give_opinion(app.reviews.get(post=post_a), actor=holder, agree=True, on=D)
    assert panels.my_reviews(holder) is None
    assert panels.my_reviews(clerk_of(town_a)) is None  # holds no post


def test_awaiting_acceptance_is_for_the_window(town_a, officer_town_a):
    item = make_item(town_a)
    waiting = make_application(item, materials=[])
    accepted(item, on=D)
    panel = panels.awaiting_acceptance(clerk_of(town_a))
    assert panel.title == "待受理办件" and panel.context["applications"] == [waiting]
    assert panels.awaiting_acceptance(officer_town_a) is None


def test_the_workbench_shows_the_panels_once_registered(client, town_a, monkeypatch):
    monkeypatch.setattr(workbench, "PANELS", [])
    for fn in panels.PANELS:
        workbench.register(fn)
    item = make_item(town_a, review_posts=1)
    make_application(item, materials=[])
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    client.force_login(clerk_of(town_a))
    body = client.get("/").content.decode()
    assert "待受理办件" in body and 'data-testid="awaiting-acceptance"' in body and "材料不齐全" in body
    client.force_login(reviewer_of(item.review_posts.get()))
    body = client.get("/").content.decode()
    assert "待我会签" in body and f"办件{app.number}" in body


def test_a_town_b_holder_sees_no_task_of_town_a(town_a, town_b):
    item = make_item(town_a, review_posts=1)
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    post = item.review_posts.get()
    stranger = user_with_role("stranger", "officer", town_b, person=reviewer_of(post).person)
    assert panels.my_reviews(stranger) is None
