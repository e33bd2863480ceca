"""The enforcement API: an on-the-spot penalty in one request from a phone (JSON or
multipart with photos), safe to retry with an Idempotency-Key; the same rules and
Chinese messages as the pages; other towns' cases are 404; steps carry the version."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fazhi.core.file_views import attachments_of
from fazhi.core.tests.factories import login, user_with_role, valid_resident_id
from fazhi.enforcement import workflow
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import Case
from fazhi.enforcement.steps import STEP_ACTIONS
from fazhi.enforcement.tests.factories import (
    make_ordinary_case,
    make_summary_case,
    officer_pair,
    summary_matter,
    town_body,
)

pytestmark = pytest.mark.django_db

SUMMARY_URL = "/api/v1/enforcement/cases/summary/"
PAGE_URL = "/enforcement/cases/new/"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
NUMBER = re.compile(r"^云江执罚〔2023〕\d+号$")


TODAY = dt.date(2023, 6, 1)  # a working Thursday in a year the holiday calendar covers


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin the server's "today": the API takes the discovery and decision day from it, and a
    fine's payment period must end in a year whose holiday notice is loaded."""
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: TODAY if value is None else real(value, tz)
    )
    return TODAY


@pytest.fixture
def spot(town_a, officer_town_a):
    """What an officer of town A needs on the spot: the town body, a summary matter, two officers."""
    town_body(town_a)
    return {"matter": summary_matter(town_a), "officers": officer_pair(town_a, user=officer_town_a)}


def _body(spot, **over) -> dict:
    body = {
        "matter": spot["matter"].pk,
        "party_kind": "individual",
        "party_name": "张三",
        "party_id": valid_resident_id(),
        "penalty_kind": "fine",
        "fine": "150.00",
        "officers": [o.pk for o in spot["officers"]],
        "facts": "当事人在滨江路占道经营，经现场查实。",
        "place": "江口镇滨江路",
        "occurred_on": TODAY.isoformat(),
    }
    body.update(over)
    return body


def _post_json(client, data, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(SUMMARY_URL, data, content_type="application/json", **headers)


# -- the on-the-spot penalty ---------------------------------------------------------------


def test_summary_in_json_creates_a_decided_case(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    r = _post_json(client, _body(spot))
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == CaseStatus.SERVED and NUMBER.match(body["decision_no"])
    assert [s["action"] for s in body["steps"]] == ["record", "decide", "hand_over"]
    case = Case.objects.get(pk=body["id"])
    assert case.handler == officer_town_a and case.fine == Decimal("150")


def test_summary_costs_a_fixed_number_of_queries(client, officer_town_a, spot, django_assert_max_num_queries):
    """The phone waits for this request: the whole on-the-spot sequence is written
    at once (case, officers, steps, number, deadline, audit chain), not a round per
    step, and the answer's timeline needs no query of its own."""
    client.force_login(officer_town_a)
    assert _post_json(client, _body(spot, party_name="王五"), key="warm-up").status_code == 201
    with django_assert_max_num_queries(27):
        r = _post_json(client, _body(spot, party_id="", party_name="赵六", fine="80", collected_on_spot=True),
                       key="counted")  # fmt: skip
    assert r.status_code == 201, r.content
    assert [s["action"] for s in r.json()["steps"]] == [
        "record",
        "decide",
        "hand_over",
        "record_payment",
        "close",
    ]


def test_officers_not_in_the_town_are_refused_by_id(client, officer_town_a, spot, town_b):
    client.force_login(officer_town_a)
    stranger = officer_pair(town_b)[0]
    r = _post_json(client, _body(spot, officers=[spot["officers"][0].pk, stranger.pk]))
    assert r.status_code == 400 and str(stranger.pk) in r.json()["officers"][0]
    assert not Case.objects.exists()


def test_summary_in_multipart_keeps_the_photo_on_the_record_step(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    photo = SimpleUploadedFile("scene.jpg", JPEG, content_type="image/jpeg")
    r = client.post(SUMMARY_URL, {**_body(spot), "photos": [photo]})
    assert r.status_code == 201, r.content
    case = Case.objects.get(pk=r.json()["id"])
    (stored,) = attachments_of(case.steps.get(action="record"))
    assert stored.mime == "image/jpeg" and stored.size == len(JPEG)


def test_summary_masks_the_partys_name(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    r = _post_json(client, _body(spot, party_name="张小三"))
    assert r.json()["party"] != "张小三" and r.json()["party"].startswith("张")


def test_summary_refused_to_a_role_without_the_permission(client, town_a, spot):
    login(client, user_with_role("clerk_a", "window_clerk", town_a))
    assert _post_json(client, _body(spot)).status_code == 403
    assert not Case.objects.exists()


def test_anonymous_cannot_post_a_summary(client, spot):
    assert _post_json(client, _body(spot)).status_code in (401, 403)


# -- idempotency ------------------------------------------------------------------------------


def test_the_same_key_twice_makes_one_case(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    data = _body(spot)
    first = _post_json(client, data, key="phone-1-0001")
    second = _post_json(client, data, key="phone-1-0001")
    assert first.status_code == second.status_code == 201
    assert Case.objects.count() == 1
    assert second.json()["id"] == first.json()["id"]


def test_a_replayed_answer_says_so(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    data = _body(spot)
    first = _post_json(client, data, key="phone-1-0002")
    second = _post_json(client, data, key="phone-1-0002")
    assert "Idempotent-Replayed" not in first
    assert second["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_refused(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    _post_json(client, _body(spot, fine="100.00"), key="phone-1-0003")
    r = _post_json(client, _body(spot, fine="120.00"), key="phone-1-0003")
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_the_same_multipart_request_twice_makes_one_case(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    data = _body(spot)
    first = client.post(SUMMARY_URL, {**data, "photos": [SimpleUploadedFile("a.jpg", JPEG)]},
                        HTTP_IDEMPOTENCY_KEY="phone-1-0004")  # fmt: skip
    second = client.post(SUMMARY_URL, {**data, "photos": [SimpleUploadedFile("a.jpg", JPEG)]},
                         HTTP_IDEMPOTENCY_KEY="phone-1-0004")  # fmt: skip
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"] and Case.objects.count() == 1


def test_the_same_key_with_other_officers_in_multipart_is_refused(client, officer_town_a, town_a, spot):
    client.force_login(officer_town_a)
    third = officer_pair(town_a)[0]
    data = _body(spot)
    client.post(SUMMARY_URL, data, HTTP_IDEMPOTENCY_KEY="phone-1-0005")
    changed = {**data, "officers": [third.pk, spot["officers"][1].pk]}
    r = client.post(SUMMARY_URL, changed, HTTP_IDEMPOTENCY_KEY="phone-1-0005")
    assert r.status_code == 422


def test_a_refused_request_does_not_spend_its_key(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    refused = _post_json(client, _body(spot, fine="500.00"), key="phone-1-0006")
    assert refused.status_code == 400
    corrected = _body(spot, fine="500.00", party_kind="organisation", party_name="江口某商店", party_id="")
    accepted = _post_json(client, corrected, key="phone-1-0006")
    assert accepted.status_code == 201


# -- the same rule, the same message, on the API and on the page --------------------------------


def test_the_summary_cap_refuses_the_api_citing_article_51(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    r = _post_json(client, _body(spot, fine="200.01"))
    assert r.status_code == 400
    assert r.json()["code"] == "summary_fine_cap"
    assert r.json()["detail"] == "简易程序对公民罚款不得超过200元（行政处罚法第五十一条）"
    assert not Case.objects.exists()


def test_the_summary_form_page_shows_the_same_message(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    api = _post_json(client, _body(spot, fine="200.01")).json()["detail"]
    data = {**_body(spot, fine="200.01")}
    r = client.post(PAGE_URL, data)
    assert r.status_code == 200
    assert api in r.context["form"].non_field_errors()
    assert api in r.content.decode()
    assert not Case.objects.exists()


def test_the_summary_form_page_decides_a_case(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    r = client.post(PAGE_URL, _body(spot))
    case = Case.objects.get()
    assert r.status_code == 302 and r["Location"] == case.get_absolute_url()
    assert NUMBER.match(case.decision_no)


def test_the_api_answers_the_closed_case_after_collection(client, officer_town_a, spot):
    client.force_login(officer_town_a)
    r = _post_json(client, _body(spot, fine="80.00", collected_on_spot=True))
    case = Case.objects.get(pk=r.json()["id"])
    assert case.status == CaseStatus.CLOSED
    assert (r.json()["status"], r.json()["version"]) == (case.status, case.version)


# -- scoping ----------------------------------------------------------------------------------------


def test_another_towns_case_page_is_not_found(client, town_a, officer_town_a, officer_town_b):
    case = make_summary_case(town_a, officer_town_a)
    client.force_login(officer_town_b)
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 404


def test_another_towns_case_is_not_found_on_the_api(client, town_a, officer_town_a, officer_town_b):
    case = make_summary_case(town_a, officer_town_a)
    client.force_login(officer_town_b)
    assert client.get(f"/api/v1/enforcement/cases/{case.pk}/").status_code == 404


def test_another_towns_case_step_is_not_found_on_the_api(client, town_a, officer_town_a, officer_town_b):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    client.force_login(officer_town_b)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/investigate/", {"version": case.version},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED


def test_mine_lists_only_the_users_cases(client, town_a, officer_town_a):
    colleague = user_with_role("officer_a2", "officer", town_a)
    own = make_summary_case(town_a, officer_town_a)
    make_summary_case(town_a, colleague)
    client.force_login(officer_town_a)
    everyone = client.get("/api/v1/enforcement/cases/").json()
    mine = client.get("/api/v1/enforcement/cases/?mine=1").json()
    assert everyone["count"] == 2
    assert [c["id"] for c in mine["results"]] == [own.pk]


# -- steps --------------------------------------------------------------------------------------------


def test_a_step_with_the_current_version_moves_the_case(client, town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    client.force_login(officer_town_a)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/investigate/",
                    {"version": case.version, "on": "2023-07-06"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["status"] == CaseStatus.INVESTIGATING and r.json()["version"] == case.version + 1


def test_a_step_with_a_stale_version_is_refused(client, town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    client.force_login(officer_town_a)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/investigate/",
                    {"version": case.version - 1, "on": "2023-07-06"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 409 and r.json()["code"] == "stale_version"
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED


def test_a_forbidden_step_answers_400_in_chinese(client, town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    client.force_login(officer_town_a)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/close/",
                    {"version": case.version, "on": "2023-07-06"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "transition_forbidden"
    assert "结案" in r.json()["detail"]


def test_a_legal_reviewer_can_pass_a_review_on_the_api(client, town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    client.force_login(reviewer)
    r = client.post(f"/api/v1/enforcement/cases/{case.pk}/steps/review_passed/",
                    {"version": case.version, "on": "2023-07-24", "note": "事实清楚，证据确凿。"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    assert r.json()["status"] == CaseStatus.CASE_REVIEW


# -- the case page's steps ------------------------------------------------------------------------------


def test_a_legal_reviewer_can_pass_a_review_on_the_page(client, town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    client.force_login(reviewer)
    r = client.post(f"/enforcement/cases/{case.pk}/step/review_passed/",
                    {"version": case.version, "on": "2023-07-24", "note": "事实清楚，证据确凿。"})  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CASE_REVIEW and case.legal_reviews.get().reviewer == reviewer


def test_a_legal_reviewer_sees_the_review_form_on_the_case_page(client, town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    client.force_login(reviewer)
    r = client.get(f"/enforcement/cases/{case.pk}/")
    assert r.status_code == 200
    assert f"/enforcement/cases/{case.pk}/step/review_passed/" in r.content.decode()


def test_a_warning_with_a_fine_answers_400(officer_town_a, spot):
    client = Client(raise_request_exception=False)
    client.force_login(officer_town_a)
    r = _post_json(client, _body(spot, penalty_kind="warning", fine="50.00"))
    assert r.status_code == 400


STEPS_IN_TABLES = sorted(
    {a for table in workflow.TABLES.values() for actions in table.values() for a in actions}
)


@pytest.mark.parametrize("action", STEPS_IN_TABLES)
def test_every_step_the_tables_allow_has_an_endpoint(action):
    assert action in STEP_ACTIONS
