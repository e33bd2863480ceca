"""Real-time push of decisions (执法决定实时推送, fazhi.enforcement.live): a decision
made, published or withdrawn becomes news for the town's workbenches and its
subscribers, with nothing of the party but the masked name."""

from __future__ import annotations

import pytest

from fazhi.core import live
from fazhi.core.models import LiveEvent
from fazhi.core.tests.factories import login
from fazhi.enforcement import disclosure
from fazhi.enforcement.models import Disclosure
from fazhi.enforcement.tests.factories import individual_party, make_ordinary_case, make_summary_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_redis(settings):
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    settings.FAZHI_LIVE_STREAM_SECONDS = 0


def test_a_decision_on_the_spot_is_news_once_committed(
    town_a, officer_town_a, django_capture_on_commit_callbacks
):
    party = individual_party(town_a, name="张三丰")
    with django_capture_on_commit_callbacks(execute=True):
        case = make_summary_case(town_a, officer_town_a, party=party)
        assert not LiveEvent.objects.exists()  # not before the commit
    event = LiveEvent.objects.get()
    assert event.kind == "enforcement.decision_made" and event.org_unit_id == town_a.pk
    assert event.payload == {
        "case_id": case.pk,
        "decision_no": case.decision_no,
        "procedure": "简易程序",
        "matter": case.matter.name,
        "party": "张**",
        "penalty_kind": "fine",
        "fine": "100.00",
        "decided_on": "2023-06-01",
        "url": f"/enforcement/cases/{case.pk}/",
    }
    text = str(event.payload)
    assert party.resident_id not in text and party.phone not in text and "张三丰" not in text


def test_an_ordinary_decision_and_its_publication_are_news(
    town_a, officer_town_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_ordinary_case(town_a, officer_town_a, "decided")
        item = Disclosure.objects.get(case=case)
        disclosure.publish(item, actor=officer_town_a, on=item.due_on)
        disclosure.withdraw(item, actor=officer_town_a, reason="复议机关撤销原决定", on=item.due_on)
    kinds = list(LiveEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "enforcement.decision_made",
        "enforcement.decision_published",
        "enforcement.disclosure_withdrawn",
    ]
    published = LiveEvent.objects.get(kind="enforcement.decision_published").payload
    assert (
        published["decision_no"] == case.decision_no and published["published_on"] == item.due_on.isoformat()
    )
    assert published["party"] == case.party.masked_name  # an organisation keeps its name
    withdrawn = LiveEvent.objects.get(kind="enforcement.disclosure_withdrawn").payload
    assert withdrawn["withdrawal_reason"] == "复议机关撤销原决定"


def test_a_failing_push_never_fails_the_decision(
    town_a, officer_town_a, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("news store unavailable")

    monkeypatch.setattr(live, "publish_now", broken)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_summary_case(town_a, officer_town_a)
    case.refresh_from_db()
    assert case.decided_on is not None and not LiveEvent.objects.exists()
    assert "news store unavailable" in caplog.text


def test_the_leaders_panel_starts_from_the_news_it_already_lists(
    client, town_a, officer_town_a, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_summary_case(town_a, officer_town_a)
    login(client, leader)
    page = client.get("/").content.decode()
    event = LiveEvent.objects.get()
    assert f'data-live-after="{event.pk}"' in page
    assert 'data-live-kinds="enforcement.decision_made"' in page
    assert f'data-case-id="{case.pk}"' in page and 'src="/static/fazhi/live.js"' in page
    assert "<script>" not in page  # no inline script (CSP)


def test_another_towns_decision_never_reaches_the_leader(
    client, town_a, town_b, officer_town_a, officer_town_b, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        other = make_summary_case(town_b, officer_town_b)
        own = make_summary_case(town_a, officer_town_a)
    login(client, leader)
    answer = client.get("/core/live/events/?after=0&kinds=enforcement.decision_made").json()
    assert [e["data"]["case_id"] for e in answer["events"]] == [own.pk]
    assert f"/enforcement/cases/{other.pk}/" not in str(answer)
    assert answer["last_id"] == LiveEvent.objects.latest("id").pk  # the cursor moves past it


def test_a_county_leader_hears_every_towns_decisions(
    client, town_a, town_b, officer_town_a, officer_town_b, county_leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = make_summary_case(town_a, officer_town_a)
        b = make_summary_case(town_b, officer_town_b)
    login(client, county_leader)
    answer = client.get("/core/live/events/?after=0").json()
    assert [e["data"]["case_id"] for e in answer["events"]] == [a.pk, b.pk]
