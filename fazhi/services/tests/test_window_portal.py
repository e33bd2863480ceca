"""The applicant's side on the portal (fazhi/services/portal_lookup.py): the status of
one application by its receipt code, without an account, and the rating (好差评) by
the same code, once, after the end; and the rating's rules in the action."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.tests.factories import valid_resident_id
from fazhi.portal import throttle
from fazhi.services import portal_lookup
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationOutcome, DeliveryMethod, PauseReason
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import (
    accepted,
    clerk_of,
    make_application,
    make_item,
    reviewer_of,
)
from fazhi.services.tests.test_window_actions import event, refused

pytestmark = pytest.mark.django_db

D = dt.date
STATUS = reverse("portal:service-status")
RATE = reverse("portal:service-rate")
ID_NUMBER = valid_resident_id(7)
PHONE = "13987654321"
ADDRESS = "重庆市云阳县江口镇滨江路88号3单元"


def text(response) -> str:
    return response.content.decode()


def delivered(town_unit, **extra) -> Application:
    """An approved application, decided after joint review and delivered at the window,
    with every piece of the applicant's personal data filled in."""
    item = make_item(town_unit, review_posts=1, name="农村村民宅基地和建房（规划许可）审批")
    fields = {"applicant": "谭德明", "id_number": ID_NUMBER, "phone": PHONE, "address": ADDRESS, **extra}
    app = accepted(item, on=D(2023, 9, 25), **fields)
    clerk = clerk_of(town_unit)
    actions.route(app, actor=clerk, on=D(2023, 9, 26))
    task = app.reviews.select_related("post").get()
    actions.give_opinion(task, actor=reviewer_of(task.post), agree=True, opinion="同意", on=D(2023, 9, 27))
    actions.decide(
        app, actor=clerk, outcome=ApplicationOutcome.APPROVED, note="经审查符合条件", on=D(2023, 9, 28)
    )
    return actions.deliver(app, actor=clerk, method=DeliveryMethod.WINDOW, on=D(2023, 10, 9))


def look_up(client, code: str, **extra):
    return client.post(STATUS, {"code": code}, **extra)


# -- the rating's rules (actions.rate) ------------------------------------------------------------


def test_no_rating_before_the_end(town_a):
    app = accepted(make_item(town_a))
    refused(lambda: actions.rate(app, score=5), app=app, code="not_finished", match="办件办结后方可评价")


@pytest.mark.parametrize("score", [0, 6, "很好", None])
def test_a_rating_is_one_of_five_grades(town_a, score):
    app = delivered(town_a)
    refused(lambda: actions.rate(app, score=score), app=app, code="rating_score", match="1至5分")


def test_a_rating_is_taken_once_and_audited_without_an_actor(town_a):
    app = actions.rate(delivered(town_a), score=4, comment="窗口人员耐心，手机号13912345678")
    assert (app.rating, app.rating_comment) == (4, "窗口人员耐心，手机号13912345678") and app.rated_at
    ev = event(app, "rated")
    assert ev.actor_id is None and ev.actor_name == "" and ev.org_unit_id == town_a.pk
    assert "13912345678" not in ev.new_values and '"rating":4' in ev.new_values
    refused(lambda: actions.rate(app, score=1), app=app, code="already_rated", match=actions.ALREADY_RATED)


def test_a_refused_application_may_be_rated(town_a):
    app = make_application(make_item(town_a), materials=[])
    app = actions.refuse(app, actor=clerk_of(town_a), reason="不属于本镇职权", on=D(2023, 9, 26))
    assert actions.rate(app, score=2).rating == 2


# -- the status page ---------------------------------------------------------------------------------


def test_the_lookup_form_is_open_to_anyone(client, town_a):
    r = client.get(STATUS)
    assert r.status_code == 200 and "政务服务办件查询" in text(r) and 'name="code"' in text(r)


@pytest.mark.parametrize("spelling", ["display", "lower", "spaced", "raw"])
def test_the_code_is_found_however_it_is_typed(client, town_a, spelling):
    app = delivered(town_a)
    code = {
        "display": app.receipt_code_display,
        "lower": app.receipt_code.lower(),
        "spaced": " " + " ".join(app.receipt_code_display.lower().split("-")) + " ",
        "raw": app.receipt_code,
    }[spelling]
    r = look_up(client, code)
    assert r.status_code == 200 and 'data-testid="service-status"' in text(r)
    page = text(r)
    assert app.number in page and "已送达办结" in page and "农村村民宅基地和建房（规划许可）审批" in page
    assert "2023年9月25日" in page and "2023年10月9日" in page and "准予（办结）" in page


def _without_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


def test_a_wrong_code_gets_one_neutral_answer(client, town_a):
    app = delivered(town_a)
    wrong = "ABCDEFGHJKMN" if app.receipt_code != "ABCDEFGHJKMN" else "NMKJHGFEDCBA"
    answers = [look_up(client, code) for code in (wrong, "12345", "0O1I-LLLL-0000", app.receipt_code + "X")]
    assert {r.status_code for r in answers} == {200}
    assert portal_lookup.NOT_FOUND in text(answers[0])
    assert len({_without_token(r) for r in answers}) == 1
    assert app.number not in text(answers[0])


def test_an_empty_code_is_asked_for(client, town_a):
    r = look_up(client, "  ")
    assert r.status_code == 200 and "请输入办件回执上的查询码" in text(r)


def test_the_page_shows_that_application_and_nothing_personal(client, town_a):
    app = delivered(town_a)
    other_item = make_item(town_a, name="困难群众临时救助申请")
    other = make_application(other_item, applicant="林秀英", id_number=valid_resident_id(8), phone="13711112222",
                             address="江口镇新华村2组", submitted_on=D(2023, 9, 26))  # fmt: skip
    page = text(look_up(client, app.receipt_code))
    assert "谭**" in page and app.number in page
    # Nothing personal beyond the masked name, masked or not.
    for absent in (
        "谭德明",
        ID_NUMBER,
        ID_NUMBER[:6] + "*",
        ID_NUMBER[-4:],
        PHONE,
        "138****",
        "1398",
        ADDRESS,
        "滨江路",
    ):
        assert absent not in page, absent
    # No staff names, no opinions or decision notes, nothing of the other application.
    reviewer = reviewer_of(app.reviews.get().post)
    for absent in (clerk_of(town_a).display_name, reviewer.display_name, "经审查符合条件", "同意</",
                   other.number, other.applicant, "林**", other_item.name, other.receipt_code,
                   other.receipt_code_display, "13711112222", "新华村"):  # fmt: skip
        assert absent not in page, absent


def test_an_organisation_applicant_is_shown_by_its_name(client, town_a):
    app = make_application(
        make_item(town_a), applicant_kind="organisation", applicant="云阳县江口镇兴农种植专业合作社"
    )
    assert "云阳县江口镇兴农种植专业合作社" in text(look_up(client, app.receipt_code))


def test_the_missing_materials_show_while_the_notice_stands(client, town_a):
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n户口簿")
    app = make_application(item, materials=["申请书"])
    actions.issue_notice(app, actor=clerk_of(town_a), other="另须村委会意见", on=D(2023, 9, 26))
    page = text(look_up(client, app.receipt_code))
    assert 'data-testid="status-missing"' in page and "已一次性告知待补正" in page
    assert "<li>申请人居民身份证</li>" in page and "<li>户口簿</li>" in page and "<li>申请书</li>" not in page
    actions.supplement(
        app, actor=clerk_of(town_a), materials=["申请人居民身份证", "户口簿"], on=D(2023, 9, 27)
    )
    assert 'data-testid="status-missing"' not in text(look_up(client, app.receipt_code))


def test_a_paused_application_says_so_with_its_promised_date(client, town_a):
    app = accepted(make_item(town_a), on=D(2023, 9, 25))
    actions.pause(app, actor=clerk_of(town_a), reason=PauseReason.EXPERT, on=D(2023, 9, 27))
    page = text(look_up(client, app.receipt_code))
    assert "中止计时：专家评审" in page and "自2023年9月27日起" in page
    assert "承诺办结期限" in page and "2023年10月20日" in page
    assert "提交评价" not in page and "办结（送达办理结果或不予受理）后" in page


def test_the_lookup_costs_a_fixed_number_of_queries(client, town_a, django_assert_max_num_queries):
    app = accepted(make_item(town_a), on=D(2023, 9, 25))
    clerk = clerk_of(town_a)
    for start, end in (
        (D(2023, 9, 26), D(2023, 9, 27)),
        (D(2023, 9, 28), D(2023, 10, 7)),
        (D(2023, 10, 9), None),
    ):
        actions.pause(app, actor=clerk, reason=PauseReason.TESTING, on=start)
        if end:
            actions.resume(app, actor=clerk, on=end)
    # The throttle's counter (savepoints, update or insert, read, clean-up: at most 8)
    # and three reads: the application with its item and town, its notices, its pauses.
    with django_assert_max_num_queries(11):
        assert "恢复计时" in text(look_up(client, app.receipt_code))
    with CaptureQueriesContext(connection) as queries:
        portal_lookup.status_view(portal_lookup.application_by_code(app.receipt_code))
    assert len(queries) == 3


def test_lookups_are_rate_limited_per_address(client, town_a, monkeypatch):
    app = delivered(town_a)
    monkeypatch.setattr(portal_lookup, "LOOKUP", throttle.Limit("service_status", 3, 600))
    for _ in range(3):
        assert look_up(client, "ABCDEFGHJKMN").status_code == 200
    r = look_up(client, app.receipt_code)
    assert r.status_code == 429 and portal_lookup.TOO_MANY in text(r) and app.number not in text(r)
    assert look_up(client, app.receipt_code, REMOTE_ADDR="10.9.8.7").status_code == 200
    assert client.get(STATUS).status_code == 200  # the empty form is not counted


def test_the_pages_are_never_cached(client, town_a):
    app = delivered(town_a)
    for r in (
        client.get(STATUS),
        look_up(client, app.receipt_code),
        client.post(RATE, {"code": app.receipt_code}),
    ):
        assert "no-cache" in r["Cache-Control"] and "no-store" in r["Cache-Control"], r["Cache-Control"]


def test_the_forms_need_csrf(town_a):
    app = delivered(town_a)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(STATUS, {"code": app.receipt_code}).status_code == 403
    assert strict.post(RATE, {"code": app.receipt_code, "score": "5"}).status_code == 403
    assert Application.objects.get(pk=app.pk).rating is None


# -- the rating on the portal -----------------------------------------------------------------------


def test_a_delivered_application_is_rated_once(client, town_a):
    app = delivered(town_a)
    page = text(look_up(client, app.receipt_code))
    assert "提交评价" in page and "非常满意" in page and "非常不满意" in page
    r = client.post(RATE, {"code": app.receipt_code_display.lower(), "score": "5", "comment": "一次办好"})
    assert r.status_code == 200 and portal_lookup.THANKS in text(r) and "提交评价" not in text(r)
    app.refresh_from_db()
    assert (app.rating, app.rating_comment) == (5, "一次办好")
    again = client.post(RATE, {"code": app.receipt_code, "score": "1"})
    assert actions.ALREADY_RATED in text(again) and "提交评价" not in text(again)
    app.refresh_from_db()
    assert app.rating == 5
    page = text(look_up(client, app.receipt_code))
    assert "该办件已评价" in page and "提交评价" not in page


def test_no_rating_before_the_end_on_the_portal(client, town_a):
    app = accepted(make_item(town_a))
    r = client.post(RATE, {"code": app.receipt_code, "score": "5"})
    assert r.status_code == 200 and "办件办结后方可评价" in text(r)
    assert Application.objects.get(pk=app.pk).rating is None


def test_a_rating_needs_a_known_code_and_a_grade(client, town_a):
    app = delivered(town_a)
    assert portal_lookup.NOT_FOUND in text(client.post(RATE, {"code": "ABCDEFGHJKMN", "score": "5"}))
    r = client.post(RATE, {"code": app.receipt_code, "score": "9"})
    assert "评价应为五个等级之一" in text(r)
    assert "请选择评价等级" in text(client.post(RATE, {"code": app.receipt_code}))
    assert Application.objects.get(pk=app.pk).rating is None


def test_rating_is_post_only(client, town_a):
    app = delivered(town_a)
    assert client.get(RATE, {"code": app.receipt_code, "score": "5"}).status_code == 405
    assert Application.objects.get(pk=app.pk).rating is None


def test_ratings_are_rate_limited_per_address(client, town_a, monkeypatch):
    app = delivered(town_a)
    monkeypatch.setattr(portal_lookup, "RATING", throttle.Limit("service_rating", 2, 3600))
    for _ in range(2):
        client.post(RATE, {"code": "ABCDEFGHJKMN", "score": "5"})
    r = client.post(RATE, {"code": app.receipt_code, "score": "5"})
    assert r.status_code == 429 and portal_lookup.TOO_MANY in text(r)
    assert Application.objects.get(pk=app.pk).rating is None
