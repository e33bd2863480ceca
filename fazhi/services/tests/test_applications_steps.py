"""The applications at the window on their pages: the two-step 收件 form, the edit
page, each step's form on the application's page (and the refusals it shows), who
may do what, another town's application, and the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationState, OpinionState
from fazhi.services.definitions.applications import applications
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import (
    accepted,
    clerk_of,
    leader_of,
    make_application,
    make_item,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
D = dt.date(2023, 9, 25)  # a Monday


def _step(client, app, step, **data):
    return client.post(reverse("services:applications-step", args=[app.pk, step]), data, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _fresh(app) -> Application:
    return Application.objects.get(pk=app.pk)


# -- 收件 -------------------------------------------------------------------------------------------


def test_the_create_page_first_offers_only_the_published_items_of_the_town(client, town_a, town_b):
    make_item(town_a, name="农村村民宅基地审批")
    draft = make_item(town_a, name="尚未公布的事项", publish=False)
    other = make_item(town_b, name="外镇事项")
    client.force_login(clerk_of(town_a))
    body = client.get(applications.url("create")).content.decode()
    assert "农村村民宅基地审批" in body and draft.name not in body and other.name not in body
    assert 'name="received_materials"' not in body  # the materials come with the item


def test_the_second_step_offers_the_items_materials_as_checkboxes(client, town_a):
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n宅基地申请审批表")
    client.force_login(clerk_of(town_a))
    r = client.get(applications.url("create"), {"item": item.pk})
    form = r.context["form"]
    assert [c for c, _ in form.fields["received_materials"].choices] == [
        "申请人居民身份证",
        "申请书",
        "宅基地申请审批表",
    ]
    assert r.content.decode().count('name="received_materials"') == 3


def _receive_data(item, **extra):
    return {"item": item.pk, "applicant_kind": "person", "applicant": "谭德明", "id_number": "", "phone": "13800001234",
            "address": "", "channel": "window", "content": "申请建房", "submitted_on": "2023-09-25",
            "received_materials": ["申请书"], **extra}  # fmt: skip


def test_receiving_on_the_page_registers_the_application_with_a_number_and_receipt_code(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    r = client.post(applications.url("create"), _receive_data(item), follow=True)
    app = Application.objects.get()
    assert r.redirect_chain[-1][0] == app.get_absolute_url()
    assert app.number == "2023-00001" and app.status == ApplicationState.RECEIVED and app.visit_count == 1
    assert app.received_materials == ["申请书"]
    assert f"查询码{app.receipt_code_display}" in _messages(r)[0]
    assert (
        AuditEvent.objects.filter(action="services.application.received", target_id=str(app.pk)).count() == 1
    )


def test_a_material_the_item_does_not_list_is_refused_by_name(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    r = client.post(applications.url("create"), _receive_data(item, received_materials=["申请书", "户口本"]))
    assert r.status_code == 400 and not Application.objects.exists()
    assert "以下材料不在" in r.content.decode() and "户口本" in r.content.decode()


def test_an_item_of_another_town_cannot_be_received(client, town_a, town_b):
    other = make_item(town_b)
    client.force_login(clerk_of(town_a))
    r = client.post(applications.url("create"), _receive_data(other))
    assert r.status_code == 400 and not Application.objects.exists()


def test_an_officer_may_not_receive_applications(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    assert client.get(applications.url("create")).status_code == 403


def test_the_edit_page_corrects_the_application_as_a_new_revision(client, town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    client.force_login(clerk_of(town_a))
    page = client.get(applications.url("edit", app.pk))
    assert page.status_code == 200 and page.context["form"]["applicant"].value() == "谭德明"
    r = client.post(
        applications.url("edit", app.pk), _receive_data(app.item, phone="13900001111"), follow=True
    )
    app = _fresh(app)
    assert r.status_code == 200 and app.phone == "13900001111" and app.revision == 2


def test_a_decided_application_is_not_edited(client, town_a):
    item = make_item(town_a)
    app = accepted(item, on=D)
    actions.decide(app, actor=clerk_of(town_a), outcome="approved", on=D)
    client.force_login(clerk_of(town_a))
    r = client.get(applications.url("edit", app.pk), follow=True)
    assert "不能修改申请" in _messages(r)[0]


# -- the page and its steps --------------------------------------------------------------------


def test_the_page_shows_the_receipt_code_and_masks_the_applicant(client, town_a):
    app = make_application(
        make_item(town_a), id_number="500235199001011239", address="重庆市云阳县江口镇双龙村3组12号"
    )
    client.force_login(clerk_of(town_a))
    body = client.get(app.get_absolute_url()).content.decode()
    assert app.receipt_code_display in body
    for raw in ("谭德明", "13800001234", "500235199001011239", "双龙村3组12号"):
        assert raw not in body
    assert "谭**" in body and "138****1234" in body


def test_another_towns_application_is_not_found_on_every_page(client, town_a, town_b):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_b))
    for url in (app.get_absolute_url(), applications.url("edit", app.pk),
                reverse("services:applications-print", args=[app.pk, "notice"])):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("services:applications-step", args=[app.pk, "accept"])).status_code == 404
    assert client.post(reverse("services:applications-document", args=[app.pk, "receipt"])).status_code == 404


def test_a_received_application_with_missing_materials_offers_the_notice_first(client, town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    client.force_login(clerk_of(town_a))
    r = client.get(app.get_absolute_url())
    steps = [s for s, *_ in r.context["step_forms"]]
    assert steps[0] == "notice" and {"supplement", "accept", "refuse", "withdraw"} <= set(steps)
    body = r.content.decode()
    assert 'data-testid="notice-preview"' in body and "申请人居民身份证" in body
    # Tue, Wed, Thu, then the holiday (9-29 to 10-6), then the two weekend working days
    assert r.context["acceptance_due"] == dt.date(2023, 10, 8)


def test_the_notice_step_lists_every_missing_material_and_a_second_is_refused(client, town_a):
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n宅基地申请审批表\n房屋设计图")
    app = make_application(item, materials=["申请书"])
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "notice", on="2023-09-26", other="申请书缺少签名")
    assert _messages(r) == ["已出具一次性告知书"]
    notice = app.notices.get()
    assert (
        notice.missing == ["申请人居民身份证", "宅基地申请审批表", "房屋设计图"]
        and notice.other == "申请书缺少签名"
    )
    assert _fresh(app).status == ApplicationState.NOTIFIED
    again = _step(client, app, "notice", on="2023-09-26")
    assert "不得再次告知" in _messages(again)[0] and "行政许可法第三十二条" in _messages(again)[0]
    assert app.notices.count() == 1


def test_after_a_supplement_the_missing_ones_can_be_told_again(client, town_a):
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n宅基地申请审批表")
    app = make_application(item, materials=[])
    clerk = clerk_of(town_a)
    actions.issue_notice(app, actor=clerk, on=D)
    client.force_login(clerk)
    r = _step(client, app, "supplement", on="2023-09-27", materials=["申请书"], in_person="on")
    assert _messages(r) == ["已登记补正材料"]
    app = _fresh(app)
    assert (
        app.received_materials == ["申请书"]
        and app.visit_count == 2
        and app.status == ApplicationState.RECEIVED
    )
    r = _step(client, app, "notice", on="2023-09-27")
    assert _messages(r) == ["已出具一次性告知书"]
    assert app.notices.order_by("id").last().missing == ["申请人居民身份证", "宅基地申请审批表"]


def test_accepting_with_missing_materials_is_refused_with_the_rule(client, town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "accept", on="2023-09-25")
    assert "申请材料不齐全" in _messages(r)[0] and "申请人居民身份证" in _messages(r)[0]
    assert _fresh(app).status == ApplicationState.RECEIVED


def test_refusing_needs_a_reason(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "refuse", on="2023-09-25", reason="")
    assert "不予受理的理由" in _messages(r)[0]
    r = _step(client, app, "refuse", on="2023-09-25", reason="申请事项不属于本机关职权范围")
    app = _fresh(app)
    assert app.status == ApplicationState.REFUSED and app.refusal_reason == "申请事项不属于本机关职权范围"


def test_the_full_path_on_the_page(client, town_a):
    """Receive → accept → route → two opinions → decide → deliver at the window."""
    item = make_item(town_a, review_posts=2)
    post_a, post_b = list(item.review_posts.order_by("id"))
    clerk = clerk_of(town_a)
    app = make_application(item)
    client.force_login(clerk)
    assert _messages(_step(client, app, "accept", on="2023-09-25")) == ["已受理"]
    assert _messages(_step(client, app, "route", on="2023-09-26")) == ["已分送会签岗位"]
    app = _fresh(app)
    assert app.status == ApplicationState.REVIEWING and app.reviews.count() == 2
    # the clerk holds neither post: no opinion form, and the decision waits
    page = client.get(app.get_absolute_url())
    assert "opinion" not in [s for s, *_ in page.context["step_forms"]]
    assert post_a.name in page.content.decode() and 'data-testid="pending-posts"' in page.content.decode()
    r = _step(client, app, "decide", on="2023-09-27", outcome="approved")
    assert "尚未出具意见" in _messages(r)[0] and post_a.name in _messages(r)[0]
    for post in (post_a, post_b):
        client.force_login(reviewer_of(post))
        page = client.get(app.get_absolute_url())
        opinion_forms = [(s, task) for s, _, _, task in page.context["step_forms"] if s == "opinion"]
        assert [task.post_id for _, task in opinion_forms] == [post.pk]
        task = opinion_forms[0][1]
        assert _messages(_step(client, app, "opinion", task=task.pk, agree="agree", on="2023-09-27")) == [
            "已出具会签意见"
        ]
    assert set(app.reviews.values_list("state", flat=True)) == {OpinionState.AGREED}
    client.force_login(clerk)
    assert _messages(_step(client, app, "decide", on="2023-09-28", outcome="approved", note="准予")) == [
        "已作出决定"
    ]
    assert _messages(_step(client, app, "deliver", on="2023-09-28", method="window")) == ["已登记送达"]
    app = _fresh(app)
    assert app.status == ApplicationState.DELIVERED and app.visit_count == 2
    page = client.get(app.get_absolute_url())
    labels = [e["label"] for e in page.context["history"]]
    assert labels == ["收件", "受理", "分送会签", "出具会签意见", "出具会签意见", "作出决定", "送达"]
    assert page.context["step_forms"] == []


def test_a_non_holder_cannot_give_a_posts_opinion(client, town_a):
    item = make_item(town_a, review_posts=1)
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    task = app.reviews.get()
    other = user_with_role("officer_x", "officer", town_a)
    client.force_login(other)
    page = client.get(app.get_absolute_url())
    assert "opinion" not in [s for s, *_ in page.context["step_forms"]]
    r = _step(client, app, "opinion", task=task.pk, agree="agree", on="2023-09-25")
    assert f"只有“{task.post.name}”的在岗人员" in _messages(r)[0]
    assert app.reviews.get().state == OpinionState.PENDING


def test_disagreeing_needs_reasons(client, town_a):
    item = make_item(town_a, review_posts=1)
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    task = app.reviews.get()
    client.force_login(reviewer_of(task.post))
    r = _step(client, app, "opinion", task=task.pk, agree="disagree", on="2023-09-25")
    assert "须写明审查意见和理由" in _messages(r)[0]


def test_pause_and_resume_on_the_page_move_the_due_dates(client, town_a):
    app = accepted(make_item(town_a, statutory_days=20, promised_days=10), on=D)
    due, promised = app.due_on, app.promised_due_on
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "pause", on="2023-09-26", reason="expert", note="组织专家评审")
    assert _messages(r) == ["已中止计时"]
    page = client.get(app.get_absolute_url())
    steps = [s for s, *_ in page.context["step_forms"]]
    assert "resume" in steps and "pause" not in steps and "decide" not in steps
    assert 'data-testid="paused"' in page.content.decode()
    _step(client, app, "resume", on="2023-09-28")  # Wed → Thu, Fri: 2 working days not counted
    app = _fresh(app)
    assert app.paused_days == 2 and app.due_on > due and app.promised_due_on > promised


def test_a_clerk_cannot_extend_and_a_leader_can(client, town_a):
    app = accepted(make_item(town_a), on=D)
    client.force_login(clerk_of(town_a))
    assert "extend" not in [s for s, *_ in client.get(app.get_absolute_url()).context["step_forms"]]
    r = _step(client, app, "extend", on="2023-09-26", reason="需要实地核查")
    assert "您没有批准延长办理期限的权限" in _messages(r)[0]
    assert _fresh(app).extension_approved_on is None
    leader = leader_of(town_a)
    login(client, leader)
    assert "extend" in [s for s, *_ in client.get(app.get_absolute_url()).context["step_forms"]]
    r = _step(client, app, "extend", on="2023-09-26", reason="需要实地核查")
    assert _messages(r) == ["已批准延长办理期限"] and _fresh(app).extension_approved_on == dt.date(
        2023, 9, 26
    )


def test_withdrawing_closes_the_application(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    _step(client, app, "withdraw", on="2023-09-26", note="申请人不再申请")
    assert _fresh(app).status == ApplicationState.WITHDRAWN
    assert client.get(app.get_absolute_url()).context["step_forms"] == []


def test_an_unknown_step_is_not_found(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    assert client.post(reverse("services:applications-step", args=[app.pk, "approve"])).status_code == 404


def test_a_reader_sees_the_page_without_any_step(client, town_a, officer_town_a):
    app = make_application(make_item(town_a))
    client.force_login(officer_town_a)
    r = client.get(app.get_absolute_url())
    assert r.status_code == 200 and r.context["step_forms"] == [] and not r.context["can_change"]


def test_an_item_withdrawn_from_the_list_stays_on_its_applications_edit_page(client, town_a):
    item = make_item(town_a)
    app = make_application(item)
    actions.withdraw_item(item, actor=leader_of(town_a), reason="职能调整")
    client.force_login(clerk_of(town_a))
    assert client.get(applications.url("create")).context["items"].count() == 0
    r = client.post(applications.url("edit", app.pk), _receive_data(item, phone="13900001111"))
    assert r.status_code == 302 and _fresh(app).phone == "13900001111"


def test_a_corrected_application_may_be_told_again(client, town_a):
    """A second notice needs a changed application: here the applicant corrected it."""
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n户口簿")
    app = make_application(item, materials=["申请书"])
    clerk = clerk_of(town_a)
    actions.issue_notice(app, actor=clerk, on=D)
    client.force_login(clerk)
    assert client.get(app.get_absolute_url()).context["notice_blocked"] is True
    data = _receive_data(item, content="申请翻建住房（改为两层）", received_materials=["申请书", "户口簿"])
    assert client.post(applications.url("edit", app.pk), data).status_code == 302
    assert client.get(app.get_absolute_url()).context["notice_blocked"] is False
    r = _step(client, app, "notice", on="2023-09-26")
    assert _messages(r) == ["已出具一次性告知书"]
    assert app.notices.order_by("id").last().missing == ["申请人居民身份证"]
