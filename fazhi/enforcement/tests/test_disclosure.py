"""Enforcement disclosure (行政执法公示): which decisions are queued by the body's
policy, what of them is public, publication with its term, revocation and
withdrawal within 3 working days (行政处罚法 第48条), expiry, the pages."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import workdays
from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import make_resident_id, user_with_role
from fazhi.enforcement import actions, disclosure, signals
from fazhi.enforcement.choices import DisclosureStatus, PartyKind
from fazhi.enforcement.models import Disclosure, Party
from fazhi.enforcement.tests.factories import make_ordinary_case, make_summary_case, town_body
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_a(town_a):
    return user_with_role("leader_a", "leader", town_a)


def _decided(town, officer, **kwargs):
    return make_ordinary_case(town, officer, "decided", **kwargs)


def _person(town, *, born: dt.date) -> Party:
    rid = make_resident_id("500235", born, 17, True)
    return Party.objects.create(org_unit=town, kind=PartyKind.INDIVIDUAL, name="张小明", resident_id=rid,
                                phone="13812345678", address="重庆市云阳县江口镇滨江路1号")  # fmt: skip


# -- the policy ----------------------------------------------------------------------------


def test_an_ordinary_penalty_decision_is_queued_with_its_due_date(town_a, officer_town_a):
    case = _decided(town_a, officer_town_a)
    item = Disclosure.objects.get(case=case)
    assert item.status == DisclosureStatus.QUEUED
    assert item.due_on == workdays.add_working_days(case.decided_on, 7)
    assert Deadline.objects.get(object_id=str(item.pk), key="publish").closed_at is None


def test_the_public_text_masks_the_person_and_leaves_out_personal_data(town_a, officer_town_a):
    party = _person(town_a, born=dt.date(1980, 5, 1))
    case = _decided(town_a, officer_town_a, party=party)
    content = Disclosure.objects.get(case=case).content
    text = repr(content)
    assert party.name not in text and party.masked_name in text
    for secret in (party.resident_id, party.phone, party.address, case.facts):
        assert secret not in text
    assert content["decision_no"] == case.decision_no and content["penalty"] == "罚款1000.00元"


def test_a_summary_decision_is_not_queued_unless_the_body_publishes_them(town_a, officer_town_a):
    assert not Disclosure.objects.filter(case=make_summary_case(town_a, officer_town_a)).exists()
    body = town_body(town_a)
    body.publish_summary = True
    body.save()
    assert Disclosure.objects.filter(case=make_summary_case(town_a, officer_town_a)).exists()


def test_a_warning_alone_is_not_queued_by_default(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("0"))
    assert disclosure.not_published_because(case) != ""


def test_a_minors_case_is_never_queued(town_a, officer_town_a):
    minor = _person(town_a, born=dt.date(2008, 1, 1))
    case = _decided(town_a, officer_town_a, party=minor)
    assert not Disclosure.objects.filter(case=case).exists()
    assert "未满十八周岁" in disclosure.not_published_because(case)


def test_a_confidential_case_is_never_queued(town_a, officer_town_a):
    case = _decided(town_a, officer_town_a, confidential=True, confidential_reason="涉及商业秘密")
    assert not Disclosure.objects.filter(case=case).exists()


def test_every_decision_gets_an_unguessable_case_code(town_a, officer_town_a):
    a, b = make_summary_case(town_a, officer_town_a), _decided(town_a, officer_town_a)
    assert len(a.access_code) >= 16 and len(b.access_code) >= 16 and a.access_code != b.access_code


def test_a_decision_is_announced_after_the_commit(town_a, officer_town_a, django_capture_on_commit_callbacks):
    seen = []
    receiver = lambda sender, case, **kw: seen.append(case.pk)  # noqa: E731
    signals.decision_made.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case = make_summary_case(town_a, officer_town_a)
    finally:
        signals.decision_made.disconnect(receiver)
    assert seen == [case.pk]


# -- publication, revocation, withdrawal, expiry -----------------------------------------------


def test_publishing_sets_the_term_and_closes_the_deadline(town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    on = item.due_on
    item = disclosure.publish(item, actor=officer_town_a, on=on)
    assert item.status == DisclosureStatus.PUBLISHED and item.published_on == on
    assert item.expires_on == dt.date(on.year + 3, on.month, on.day)  # 3 years for a 1,000-yuan fine
    assert Deadline.objects.get(object_id=str(item.pk), key="publish").closed_at is not None
    assert AuditEvent.objects.filter(
        action="enforcement.disclosure.published", target_id=str(item.pk)
    ).exists()


def test_a_small_fine_is_published_for_three_months(town_a, officer_town_a):
    body = town_body(town_a)
    body.short_term_fine_limit = Decimal("1000")
    body.save()
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    item = disclosure.publish(item, actor=officer_town_a, on=dt.date(2023, 9, 1))
    assert item.expires_on == dt.date(2023, 12, 1)


def test_a_revoked_published_decision_must_be_withdrawn_within_three_working_days(
    town_a, officer_town_a, leader_a
):
    case = _decided(town_a, officer_town_a)
    item = disclosure.publish(Disclosure.objects.get(case=case), actor=officer_town_a, on=case.decided_on)
    revoked_on = dt.date(2023, 9, 28)  # a Thursday before the National Day holiday
    actions.revoke_decision(case, actor=leader_a, reason="经行政复议决定撤销", on=revoked_on)
    item.refresh_from_db()
    assert item.status == DisclosureStatus.PUBLISHED and item.withdraw_due == dt.date(2023, 10, 9)
    due = Deadline.objects.get(object_id=str(item.pk), key="withdraw")
    assert due.closed_at is None and due.citation == "行政处罚法第四十八条"
    item = disclosure.withdraw(
        item, actor=officer_town_a, reason="经行政复议决定撤销", on=dt.date(2023, 10, 9)
    )
    assert item.status == DisclosureStatus.WITHDRAWN and item.withdrawal_reason == "经行政复议决定撤销"
    assert Deadline.objects.get(pk=due.pk).closed_at is not None


def test_a_queued_decision_is_withdrawn_at_once_when_revoked(town_a, officer_town_a, leader_a):
    case = _decided(town_a, officer_town_a)
    actions.revoke_decision(case, actor=leader_a, reason="本机关自行纠错撤销", on=case.decided_on)
    item = Disclosure.objects.get(case=case)
    assert item.status == DisclosureStatus.WITHDRAWN and item.withdrawal_reason == "本机关自行纠错撤销"
    with pytest.raises(RuleError):
        disclosure.publish(item, actor=officer_town_a)


def test_revocation_needs_a_leader_and_a_reason(town_a, officer_town_a, leader_a):
    from django.core.exceptions import PermissionDenied

    case = _decided(town_a, officer_town_a)
    with pytest.raises(PermissionDenied):
        actions.revoke_decision(case, actor=officer_town_a, reason="撤销")
    with pytest.raises(RuleError, match="第四十八条"):
        actions.revoke_decision(case, actor=leader_a, reason="  ")
    case = actions.revoke_decision(case, actor=leader_a, reason="经复议撤销")
    assert case.steps.filter(action="revoke").exists()
    with pytest.raises(RuleError):
        actions.revoke_decision(case, actor=leader_a, reason="再次撤销")


def test_withdrawal_needs_a_reason(town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    with pytest.raises(RuleError, match="第四十八条"):
        disclosure.withdraw(item, actor=officer_town_a, reason="")


def test_publication_ends_after_its_term(town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    item = disclosure.publish(item, actor=officer_town_a, on=dt.date(2023, 9, 1))
    assert disclosure.expire(today=item.expires_on) == 0
    assert disclosure.expire(today=item.expires_on + dt.timedelta(days=1)) == 1
    item.refresh_from_db()
    assert item.status == DisclosureStatus.EXPIRED
    assert AuditEvent.objects.filter(action="enforcement.disclosure.expired", target_id=str(item.pk)).exists()


def test_an_officer_of_another_town_cannot_publish(town_a, officer_town_a, officer_town_b):
    from django.core.exceptions import PermissionDenied

    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    with pytest.raises(PermissionDenied):
        disclosure.publish(item, actor=officer_town_b)


# -- pages ---------------------------------------------------------------------------------


def test_the_queue_page_publishes_and_withdraws(client, town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    client.force_login(officer_town_a)
    listing = client.get("/enforcement/disclosures/?status=queued")
    assert listing.status_code == 200 and item.content["decision_no"] in listing.content.decode()
    page = client.get(f"/enforcement/disclosures/{item.pk}/").content.decode()
    assert "在门户网站公示" in page and "编辑" not in page
    assert client.post(f"/enforcement/disclosures/{item.pk}/publish/").status_code == 302
    item.refresh_from_db()
    assert item.status == DisclosureStatus.PUBLISHED
    r = client.post(f"/enforcement/disclosures/{item.pk}/withdraw/", {"reason": "决定被依法变更"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == DisclosureStatus.WITHDRAWN


def test_another_towns_disclosure_is_not_found(client, town_a, officer_town_a, officer_town_b):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    client.force_login(officer_town_b)
    assert client.get(f"/enforcement/disclosures/{item.pk}/").status_code == 404
    assert client.post(f"/enforcement/disclosures/{item.pk}/publish/").status_code == 404


def test_the_case_page_shows_the_code_and_the_disclosure(client, town_a, officer_town_a):
    case = _decided(town_a, officer_town_a)
    client.force_login(officer_town_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.access_code in page and "待公示" in page


def test_the_nightly_job_ends_expired_publications(town_a, officer_town_a):
    from fazhi.enforcement.tasks import expire_disclosures

    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    disclosure.publish(
        item, actor=officer_town_a, on=item.decided_on
    )  # a 2023 decision: its 3 years have run
    expire_disclosures.call_local()
    item.refresh_from_db()
    assert item.status == DisclosureStatus.EXPIRED


# -- API -----------------------------------------------------------------------------------

API = "/api/v1/enforcement/disclosures/"


def test_the_api_lists_publishes_and_withdraws(client, town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    client.force_login(officer_town_a)
    listed = client.get(API, {"status": "queued"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [item.pk] and rows[0]["content"]["party"] == item.content["party"]
    r = client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == DisclosureStatus.PUBLISHED
    r = client.post(f"{API}{item.pk}/withdraw/", {"reason": ""}, content_type="application/json")
    assert r.status_code == 400
    r = client.post(f"{API}{item.pk}/withdraw/", {"reason": "经复议撤销"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["withdrawal_reason"] == "经复议撤销"


def test_the_api_refuses_a_second_publication_naming_the_state(client, town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    disclosure.publish(item, actor=officer_town_a, on=item.decided_on)
    client.force_login(officer_town_a)
    r = client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "not_queued" and "已公示" in r.json()["detail"]


def test_the_api_hides_another_towns_queue(client, town_a, officer_town_a, officer_town_b):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    client.force_login(officer_town_b)
    assert client.get(f"{API}{item.pk}/").status_code == 404
    assert client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json").status_code == 404


def test_a_role_without_the_permission_cannot_publish_through_the_api(client, town_a, officer_town_a):
    item = Disclosure.objects.get(case=_decided(town_a, officer_town_a))
    clerk = user_with_role("clerk_a", "window_clerk", town_a)
    client.force_login(clerk)
    assert client.get(f"{API}{item.pk}/").status_code == 200
    assert client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json").status_code == 403
