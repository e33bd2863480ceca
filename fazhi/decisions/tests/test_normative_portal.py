"""The portal's pages of normative documents and 意见征集: only published documents and
open windows exist there; a comment is validated, rate-limited, audited and lands on
the record; the commenter's contact is never shown."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.decisions import portal_views
from fazhi.decisions.choices import CommentChannel, StepState
from fazhi.decisions.models import PublicComment
from fazhi.decisions.tests.factories_normative import (
    days_ago,
    make_commenting,
    make_decision_in_participation,
    make_draft,
    make_historical,
    make_published,
)
from fazhi.portal.throttle import Limit

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def _doc_url(doc):
    return f"/portal/consultations/documents/{doc.pk}/"


def _post(client, url, **data):
    return client.post(url, {"content": "建议对沿街商户分片区落实责任。", **data}, REMOTE_ADDR="203.0.113.5")


def test_published_documents_are_listed_with_their_text_and_validity(client, town_a):
    doc = make_published(town_a, number="江府发〔2026〕2号")
    draft = make_draft(town_a)
    html = client.get("/portal/normative/").content.decode()
    assert doc.title in html and "江府发〔2026〕2号" in html and draft.title not in html
    r = client.get(f"/portal/normative/{doc.pk}/")
    assert r.status_code == 200 and "第一条" in r.content.decode() and "现行有效" in r.content.decode()
    assert client.get(f"/portal/normative/{draft.pk}/").status_code == 404


def test_an_expired_document_says_so(client, town_a):
    doc = make_historical(town_a, published_on=dt.date(2019, 1, 10))
    assert "已失效" in client.get(f"/portal/normative/{doc.pk}/").content.decode()


def test_the_consultations_list_drafts_and_decisions_open_today(client, town_a):
    doc = make_commenting(town_a)
    decision = make_decision_in_participation(town_a)
    closed = make_commenting(town_a, starts_on=days_ago(40), ends_on=days_ago(1))
    later = make_decision_in_participation(town_a, starts_on=timezone.localdate() + dt.timedelta(days=2))
    done = make_decision_in_participation(town_a, state=StepState.DONE)
    html = client.get("/portal/consultations/").content.decode()
    assert doc.title in html and decision.title in html
    for absent in (closed.title, later.title, done.title):
        assert absent not in html


def test_a_portal_comment_lands_on_the_record_and_is_audited_without_its_text(client, town_a):
    doc = make_commenting(town_a)
    r = _post(client, _doc_url(doc), commenter="张先生", contact=PHONE)
    assert r.status_code == 200 and "意见已提交" in r.content.decode()
    comment = PublicComment.objects.get()
    assert (comment.document, comment.channel, comment.org_unit) == (doc, CommentChannel.PORTAL, town_a)
    assert comment.contact == PHONE and comment.received_on == timezone.localdate()
    event = AuditEvent.objects.get(action="decisions.publiccomment.created")
    assert event.actor_id is None and "沿街商户" not in event.new_values and PHONE not in event.new_values
    assert '"content_chars":' in event.new_values


def test_a_comment_on_a_decision_in_public_participation_lands_on_the_decision(client, town_a):
    decision = make_decision_in_participation(town_a)
    r = client.get(f"/portal/consultations/decisions/{decision.pk}/")
    assert r.status_code == 200 and decision.summary in r.content.decode()
    r = _post(client, f"/portal/consultations/decisions/{decision.pk}/")
    assert r.status_code == 200
    assert PublicComment.objects.get().decision == decision


@pytest.mark.parametrize(
    "data",
    [{"content": "太短"}, {"content": "长" * 2001}, {"contact": "023-55123456"}, {"contact": "not-an-email@"},
     {"commenter": "名" * 61}],
    ids=["short", "long", "landline", "bad-email", "long-name"],
)  # fmt: skip
def test_an_invalid_comment_is_refused_and_nothing_is_stored(client, town_a, data):
    doc = make_commenting(town_a)
    r = _post(client, _doc_url(doc), **data)
    assert r.status_code == 400 and not PublicComment.objects.exists()


def test_an_email_contact_is_accepted(client, town_a):
    doc = make_commenting(town_a)
    assert _post(client, _doc_url(doc), contact="resident@example.com").status_code == 200


def test_comments_on_one_subject_are_limited_per_address(client, town_a):
    doc = make_commenting(town_a)
    limit = portal_views.COMMENTS_ON_SUBJECT.count
    for _ in range(limit):
        assert _post(client, _doc_url(doc)).status_code == 200
    r = _post(client, _doc_url(doc))
    assert r.status_code == 429 and "过于频繁" in r.content.decode()
    assert PublicComment.objects.count() == limit
    other = client.post(_doc_url(doc), {"content": "另一个地址的意见内容。"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_comments_over_all_subjects_are_limited_per_address(client, town_a, monkeypatch):
    monkeypatch.setattr(portal_views, "COMMENTS", Limit("comment", 2, 3600))
    docs = [make_commenting(town_a) for _ in range(3)]
    assert [_post(client, _doc_url(d)).status_code for d in docs] == [200, 200, 429]


@pytest.mark.parametrize("when", ["closed", "not_started", "never_opened", "published"])
def test_a_subject_outside_its_window_is_not_found(client, town_a, when):
    today = timezone.localdate()
    doc = {
        "closed": lambda: make_commenting(town_a, starts_on=days_ago(40), ends_on=days_ago(1)),
        "not_started": lambda: make_commenting(town_a, starts_on=today + dt.timedelta(days=1),
                                               ends_on=today + dt.timedelta(days=31)),
        "never_opened": lambda: make_draft(town_a),
        "published": lambda: make_published(town_a),
    }[when]()  # fmt: skip
    assert client.get(_doc_url(doc)).status_code == 404
    assert _post(client, _doc_url(doc)).status_code == 404
    assert not PublicComment.objects.exists()


def test_a_decision_not_in_participation_is_not_found(client, town_a):
    decision = make_decision_in_participation(town_a, state=StepState.PENDING)
    assert client.get(f"/portal/consultations/decisions/{decision.pk}/").status_code == 404


def test_the_portal_shows_the_count_of_comments_but_never_the_contact(client, town_a):
    doc = make_commenting(town_a)
    _post(client, _doc_url(doc), commenter="张三丰", contact=PHONE)
    html = client.get(_doc_url(doc)).content.decode()
    assert "1条" in html and PHONE not in html and "张三丰" not in html
    html = client.get("/portal/consultations/").content.decode()
    assert "已收到意见1条" in html and PHONE not in html


def test_the_portal_pages_are_in_the_portal_navigation(client, town_a):
    html = client.get("/portal/").content.decode()
    assert 'href="/portal/normative/"' in html and 'href="/portal/consultations/"' in html
