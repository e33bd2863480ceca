"""The public portal: every page open without a login, built from allow-lists, only
published decisions, the certificate check and its QR code, the case code."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
import segno
from django.utils import timezone

from fazhi.core.tests.factories import PersonFactory, login, town, user_with_role
from fazhi.enforcement import disclosure as policy
from fazhi.enforcement.choices import DisclosureStatus, OfficerStatus
from fazhi.enforcement.models import Disclosure, Matter, Officer
from fazhi.enforcement.tests.factories import (
    entrusted_matter,
    make_matter,
    make_officer,
    make_ordinary_case,
    town_body,
)
from fazhi.portal.tests.conftest import SECRET_ADDRESS, SECRET_PHONE, decided_case, person_party, published

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def today() -> dt.date:
    return timezone.localdate()


# -- open to everyone --------------------------------------------------------------------


def test_every_portal_page_answers_anonymously(client, decision_a, town_a):
    matter = Matter.objects.filter(org_unit=town_a).first()
    entrusted = entrusted_matter(town_a)
    officer = Officer.objects.filter(org_unit=town_a).first()
    pages = [
        "/portal/",
        "/portal/bodies/",
        f"/portal/bodies/{town_body(town_a).pk}/",
        f"/portal/bodies/{entrusted.entrusting_body_id}/",
        "/portal/matters/",
        f"/portal/matters/{matter.pk}/",
        f"/portal/matters/{entrusted.pk}/",
        "/portal/officers/",
        "/portal/entrustments/",
        "/portal/decisions/",
        f"/portal/decisions/{decision_a.pk}/",
        "/portal/certificates/",
        f"/portal/certificates/{officer.certificate_no}/",
        f"/portal/certificates/{officer.certificate_no}/qr.svg",
        "/portal/case/",
    ]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        if r["Content-Type"].startswith("text/html"):
            assert "法治政府信息公开平台" in text(r) and "退出" not in text(r), url


def test_the_portal_carries_no_staff_navigation_even_for_a_signed_in_user(client, officer_town_a):
    login(client, officer_town_a)
    page = text(client.get("/portal/"))
    assert "工作台" not in page and "修改密码" not in page and "/portal/decisions/" in page


def test_the_portal_pages_keep_the_strict_content_security_policy(client):
    r = client.get("/portal/")
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert "<script" not in text(r) and 'style="' not in text(r)


def test_the_home_page_links_every_section(client):
    page = text(client.get("/portal/"))
    for path in ("bodies", "matters", "officers", "entrustments", "decisions", "certificates", "case"):
        assert f'href="/portal/{path}/' in page, path


# -- before enforcement (事前公开) ------------------------------------------------------------


def test_a_matter_shows_its_basis_range_procedure_remedies_and_discretion(client, town_a):
    matter = make_matter(town_a, individual=(Decimal("50"), Decimal("500")), name="占道经营")
    Matter.objects.filter(pk=matter.pk).update(discretion="初次违法且及时改正的，罚款50元。")
    page = text(client.get(f"/portal/matters/{matter.pk}/"))
    assert "重庆市市容环境卫生管理条例第十八条" in page and "50元至500元" in page
    assert "初次违法且及时改正的，罚款50元。" in page
    assert "行政复议法第二十条" in page and "行政诉讼法第四十六条" in page
    assert "可以当场作出行政处罚决定" in page and "行政处罚法第五十一条" in page


def test_inactive_bodies_and_matters_are_not_published(client, town_a):
    body = town_body(town_a)
    matter = make_matter(town_a, name="已停用事项")
    Matter.objects.filter(pk=matter.pk).update(is_active=False)
    type(body).objects.filter(pk=body.pk).update(is_active=False)
    assert client.get(f"/portal/matters/{matter.pk}/").status_code == 404
    assert client.get(f"/portal/bodies/{body.pk}/").status_code == 404
    assert "已停用事项" not in text(client.get("/portal/matters/"))


def test_an_entrustment_shows_once_published(client, town_a):
    matter = entrusted_matter(town_a)
    entrustment = matter.entrustments.get()
    page = text(client.get("/portal/entrustments/"))
    assert entrustment.document_no in page and matter.name in page and "云阳县生态环境局" in page
    type(entrustment).objects.filter(pk=entrustment.pk).update(published_on=None)
    assert entrustment.document_no not in text(client.get("/portal/entrustments/"))


def test_lists_can_be_narrowed_to_one_town(client, town_a, town_b):
    make_matter(town_a, name="甲镇事项")
    make_matter(town_b, name="乙镇事项")
    both = text(client.get("/portal/matters/"))
    assert "甲镇事项" in both and "乙镇事项" in both
    only_b = text(client.get("/portal/matters/", {"town": town_b.code}))
    assert "乙镇事项" in only_b and "甲镇事项" not in only_b
    assert "双江镇" in only_b  # the town filter lists the towns


def test_the_officer_list_shows_the_certificate_and_searches(client, town_a):
    officer = make_officer(town_a, name="赵执法")
    make_officer(town_a, name="钱执法")
    page = text(client.get("/portal/officers/", {"q": "赵执"}))
    assert "赵执法" in page and officer.certificate_no in page and "钱执法" not in page
    assert "重庆市人民政府" in page and "有效" in page
    # the officer's own personal data never appears
    assert officer.person.resident_id not in page and officer.person.phone not in page


def test_the_officer_list_is_paged(client, town_a):
    for _ in range(23):
        make_officer(town_a)
    first = text(client.get("/portal/officers/"))
    assert "第 1 / 2 页" in first and "page=2" in first
    assert "第 2 / 2 页" in text(client.get("/portal/officers/", {"page": 2}))


# -- after enforcement (事后公开) -------------------------------------------------------------


def test_a_published_decision_is_listed_and_shown_from_its_snapshot(client, decision_a, party_a):
    listed = text(client.get("/portal/decisions/"))
    detail = text(client.get(f"/portal/decisions/{decision_a.pk}/"))
    for page in (listed, detail):
        assert decision_a.content["decision_no"] in page and party_a.masked_name in page
    # the remedies in force on the day of the decision (2023: the 2017 text, 第九条)
    assert "罚款1000.00元" in detail and "行政复议法第九条" in detail and "行政诉讼法第四十六条" in detail


def test_personal_data_never_appears_even_when_the_database_holds_it(client, decision_a, party_a):
    # A careless snapshot with more keys than the allow-list: the portal reads only its keys.
    Disclosure.objects.filter(pk=decision_a.pk).update(
        content={**decision_a.content, "address": SECRET_ADDRESS, "phone": SECRET_PHONE,
                 "resident_id": party_a.resident_id, "facts": "当事人王小红在滨江路占道经营"}
    )  # fmt: skip
    case = decision_a.case
    pages = [
        text(client.get("/portal/decisions/")),
        text(client.get(f"/portal/decisions/{decision_a.pk}/")),
        text(client.post("/portal/case/", {"code": case.access_code})),
    ]
    for page in pages:
        for secret in (party_a.resident_id, SECRET_PHONE, SECRET_ADDRESS, party_a.name, "滨江路"):
            assert secret not in page


def test_an_unmasked_name_in_a_snapshot_is_masked_again(client, decision_a, party_a):
    Disclosure.objects.filter(pk=decision_a.pk).update(content={**decision_a.content, "party": party_a.name})
    page = text(client.get(f"/portal/decisions/{decision_a.pk}/"))
    assert party_a.name not in page and party_a.masked_name in page


def test_a_withdrawn_decision_shows_the_withdrawal_and_is_not_listed(client, decision_a, officer_town_a):
    number = decision_a.content["decision_no"]
    policy.withdraw(decision_a, actor=officer_town_a, reason="该决定经行政复议被撤销", on=today())
    r = client.get(f"/portal/decisions/{decision_a.pk}/")
    page = text(r)
    assert r.status_code == 200
    assert f"该决定信息已于{today():%Y年}{today().month}月{today().day}日撤回" in page
    assert "该决定经行政复议被撤销" in page
    assert number not in page and "罚款" not in page  # no content
    assert number not in text(client.get("/portal/decisions/"))


def test_a_revoked_decision_leaves_the_portal_before_its_withdrawal_is_written(client, decision_a, town_a):
    """Revoked after publication: at once off the list and its text no longer shown,
    while the officer has 3 working days to write the withdrawal (第48条)."""
    from fazhi.enforcement import actions

    number = decision_a.content["decision_no"]
    leader = user_with_role("leader_portal", "leader", town_a)
    actions.revoke_decision(decision_a.case, actor=leader, reason="经行政复议决定撤销", on=today())
    decision_a.refresh_from_db()
    assert decision_a.status == DisclosureStatus.PUBLISHED and decision_a.withdraw_due is not None
    page = text(client.get(f"/portal/decisions/{decision_a.pk}/"))
    assert "已被依法变更或撤销" in page and number not in page and "罚款" not in page
    assert number not in text(client.get("/portal/decisions/"))


def test_a_withdrawal_reason_never_shows_the_persons_name_or_phone(
    client, decision_a, officer_town_a, party_a
):
    reason = f"经复议撤销，当事人{party_a.name}（电话{SECRET_PHONE}）已退款"
    policy.withdraw(decision_a, actor=officer_town_a, reason=reason, on=today())
    page = text(client.get(f"/portal/decisions/{decision_a.pk}/"))
    assert party_a.name not in page and SECRET_PHONE not in page and party_a.masked_name in page


def test_a_queued_decision_is_not_found_and_not_listed(client, town_a, officer_town_a):
    case = decided_case(town_a, officer_town_a, party=person_party(town_a, name="李未公"))
    item = Disclosure.objects.get(case=case)
    assert item.status == DisclosureStatus.QUEUED
    assert client.get(f"/portal/decisions/{item.pk}/").status_code == 404
    assert case.decision_no not in text(client.get("/portal/decisions/"))


def test_an_expired_decision_is_not_listed_and_shows_no_content(client, decision_a):
    Disclosure.objects.filter(pk=decision_a.pk).update(expires_on=today() - dt.timedelta(days=1))
    number = decision_a.content["decision_no"]
    assert number not in text(client.get("/portal/decisions/"))
    page = text(client.get(f"/portal/decisions/{decision_a.pk}/"))
    assert "不再公示" in page and number not in page
    Disclosure.objects.filter(pk=decision_a.pk).update(status=DisclosureStatus.EXPIRED)
    assert "不再公示" in text(client.get(f"/portal/decisions/{decision_a.pk}/"))


def test_decisions_are_searched_by_body_matter_and_dates(client, town_a, officer_town_a):
    m1, m2 = make_matter(town_a, summary_allowed=False), make_matter(town_a, summary_allowed=False)
    first = published(decided_case(town_a, officer_town_a, matter=m1), officer_town_a, on=today())
    second = published(
        decided_case(town_a, officer_town_a, matter=m2, filed_on=dt.date(2023, 9, 4)),
        officer_town_a,
        on=today(),
    )
    n1, n2 = first.content["decision_no"], second.content["decision_no"]

    def listed(**params):
        page = text(client.get("/portal/decisions/", params))
        return {n for n in (n1, n2) if n in page}

    assert listed() == {n1, n2}
    assert listed(matter=m1.pk) == {n1}
    assert listed(body=town_body(town_a).pk) == {n1, n2}
    assert listed(since=second.decided_on.isoformat()) == {n2}
    assert listed(until=first.decided_on.isoformat()) == {n1}
    assert listed(q=n2) == {n2}
    assert listed(town=town_a.code) == {n1, n2}


# -- certificates (扫码亮证) ----------------------------------------------------------------


def test_a_valid_certificate_says_valid(client, town_a):
    officer = make_officer(town_a, name="孙有效")
    page = text(client.get(f"/portal/certificates/{officer.certificate_no}/"))
    assert "孙有效" in page and officer.certificate_no in page and "重庆市人民政府" in page
    assert re.search(r'data-testid="certificate-state">\s*<p class="verdict-title">有效</p>', page)
    assert "verdict-good" in page


def test_an_expired_certificate_says_expired(client, town_a):
    officer = make_officer(town_a, valid_to=today() - dt.timedelta(days=1))
    page = text(client.get(f"/portal/certificates/{officer.certificate_no}/"))
    assert '<p class="verdict-title">已过期</p>' in page and "verdict-bad" in page
    assert f"有效期至{officer.valid_to:%Y年%m月%d日}" in page


def test_a_revoked_or_suspended_certificate_says_so(client, town_a):
    officer = make_officer(town_a)
    for status, label in ((OfficerStatus.REVOKED, "已注销"), (OfficerStatus.SUSPENDED, "暂扣")):
        Officer.objects.filter(pk=officer.pk).update(status=status)
        page = text(client.get(f"/portal/certificates/{officer.certificate_no}/"))
        assert f'<p class="verdict-title">{label}</p>' in page and "不得从事行政执法活动" in page


def test_an_unknown_certificate_is_not_found(client):
    assert client.get("/portal/certificates/999999999/").status_code == 404
    r = client.get("/portal/certificates/", {"no": "999999999"})
    assert r.status_code == 404 and "未查询到执法证号" in text(r)


def test_the_lookup_form_leads_to_the_certificate(client, town_a):
    officer = make_officer(town_a)
    r = client.get("/portal/certificates/", {"no": officer.certificate_no})
    assert r.status_code == 302 and r["Location"] == f"/portal/certificates/{officer.certificate_no}/"


def test_the_qr_code_encodes_the_absolute_certificate_url(client, town_a, settings):
    settings.FAZHI_PUBLIC_URL = ""  # the request's host (test_public_url.py: the public one)
    officer = make_officer(town_a)
    r = client.get(f"/portal/certificates/{officer.certificate_no}/qr.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert r.content.startswith(b"<svg")
    url = f"http://testserver/portal/certificates/{officer.certificate_no}/"
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", border=4)
    modules = re.compile(
        rb'class="qrline"[^>]* d="([^"]+)"'
    )  # the dark modules, whatever the drawing's scale
    assert modules.search(r.content).group(1) == modules.search(buffer.getvalue()).group(1)


def test_the_card_embeds_the_qr_code_for_staff_of_the_town(client, town_a, officer_town_a, settings):
    settings.FAZHI_PUBLIC_URL = ""
    officer = make_officer(town_a, name="周亮证")
    login(client, officer_town_a)
    r = client.get(f"/portal/officers/{officer.pk}/card/")
    page = text(r)
    assert r.status_code == 200 and "周亮证" in page
    assert f'src="/portal/certificates/{officer.certificate_no}/qr.svg"' in page
    assert f"http://testserver/portal/certificates/{officer.certificate_no}/" in page


def test_the_card_is_for_staff_of_the_officers_town_only(client, town_a, town_b, officer_town_b, auditor):
    officer = make_officer(town_a)
    url = f"/portal/officers/{officer.pk}/card/"
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/login/")
    login(client, officer_town_b)
    assert client.get(url).status_code == 404
    client.logout()
    login(client, auditor)
    assert client.get(url).status_code == 403


# -- the case code (行政行为码) ---------------------------------------------------------------


def _normalised(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


def test_the_right_code_shows_the_progress(client, decision_a):
    case = decision_a.case
    r = client.post("/portal/case/", {"code": f"  {case.access_code} "})
    page = text(r)
    assert r.status_code == 200 and 'data-testid="case-progress"' in page
    assert case.decision_no in page and case.get_status_display() in page
    for step in case.steps.all():
        assert step.label in page
    assert r["Cache-Control"].startswith("max-age=0") or "no-cache" in r["Cache-Control"]


def test_a_wrong_code_a_minors_case_and_a_confidential_case_look_the_same(client, town_a, officer_town_a):
    minor = person_party(town_a, name="钱少年", born=today().replace(year=today().year - 15), n=44)
    minors = make_ordinary_case(town_a, officer_town_a, "decided", party=minor)
    secret = make_ordinary_case(town_a, officer_town_a, "decided", confidential=True,
                                confidential_reason="涉及商业秘密")  # fmt: skip
    assert minors.access_code and secret.access_code
    answers = [
        client.post("/portal/case/", {"code": code})
        for code in ("not-a-real-code-123", minors.access_code, secret.access_code)
    ]
    assert {r.status_code for r in answers} == {200}
    assert "未查询到与该行政行为码对应的案件信息" in text(answers[0])
    assert _normalised(answers[0]) == _normalised(answers[1]) == _normalised(answers[2])


def test_a_conduct_rating_is_taken_once_and_audited_without_an_actor(client, decision_a):
    from fazhi.core.models import AuditEvent
    from fazhi.portal.models import ConductRating

    case = decision_a.case
    r = client.post("/portal/case/rate/", {"code": case.access_code, "score": "4", "comment": "态度很好"})
    assert r.status_code == 200 and "评价已提交" in text(r)
    rating = ConductRating.objects.get(case=case)
    assert (rating.score, rating.comment, rating.org_unit_id) == (4, "态度很好", case.org_unit_id)
    event = AuditEvent.objects.get(action="portal.conductrating.created")
    assert (
        event.actor_id is None
        and event.org_unit_id == case.org_unit_id
        and "态度很好" not in event.new_values
    )
    again = client.post("/portal/case/rate/", {"code": case.access_code, "score": "1"})
    assert "已经评价过" in text(again) and ConductRating.objects.count() == 1
    assert "提交评价" not in text(client.post("/portal/case/", {"code": case.access_code}))


def test_a_rating_needs_a_valid_code_and_score(client, decision_a):
    from fazhi.portal.models import ConductRating

    r = client.post("/portal/case/rate/", {"code": "wrong", "score": "5"})
    assert "未查询到" in text(r)
    r = client.post("/portal/case/rate/", {"code": decision_a.case.access_code, "score": "9"})
    assert "评分应为1至5星" in text(r) and not ConductRating.objects.exists()


def test_case_code_lookups_are_rate_limited_per_address(client, monkeypatch, decision_a):
    from fazhi.portal import throttle

    monkeypatch.setattr(throttle, "LOOKUP", throttle.Limit("case_lookup", 3, 600))
    for _ in range(3):
        assert client.post("/portal/case/", {"code": "guess"}).status_code == 200
    r = client.post("/portal/case/", {"code": decision_a.case.access_code})
    assert r.status_code == 429 and "查询过于频繁" in text(r) and decision_a.case.decision_no not in text(r)
    other = client.post("/portal/case/", {"code": "guess"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_ratings_are_rate_limited_per_address(client, monkeypatch, decision_a):
    from fazhi.portal import throttle

    monkeypatch.setattr(throttle, "RATING", throttle.Limit("rating", 2, 3600))
    for _ in range(2):
        client.post("/portal/case/rate/", {"code": "wrong", "score": "5"})
    r = client.post("/portal/case/rate/", {"code": decision_a.case.access_code, "score": "5"})
    assert r.status_code == 429


def test_the_case_code_form_needs_csrf(decision_a):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/portal/case/", {"code": decision_a.case.access_code}).status_code == 403


# -- scope -------------------------------------------------------------------------------


def test_another_towns_data_shows_under_its_own_town(client, county_unit):
    other = town("500235140", "南溪镇", county_unit)
    person = PersonFactory(org_unit=other, name="吴南溪")
    user_with_role("officer_nx", "officer", other)
    Officer.objects.create(org_unit=other, person=person, certificate_no="500235140001", issuer="重庆市人民政府",
                           valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2030, 1, 1))  # fmt: skip
    page = text(client.get("/portal/officers/", {"town": other.code}))
    assert "吴南溪" in page and "云阳县南溪镇" in page


def _published_major_decision(town):
    from fazhi.decisions.actions import major
    from fazhi.decisions.tests.factories_major import (
        deliberate,
        leader_of,
        make_decision,
        office_of,
        through_review,
    )

    d = deliberate(through_review(make_decision(town, year=2023)))
    major.approve_catalogue(d.catalogue, actor=leader_of(town), on=dt.date(2023, 2, 20), meeting="常务会议")
    major.publish_catalogue(d.catalogue, actor=office_of(town), on=dt.date(2023, 2, 24))
    d = major.report_to_party_committee(d, actor=office_of(town), on=d.decided_on)
    return major.publish_decision(d, actor=office_of(town), on=d.decided_on, where="镇政府网站")


def test_every_portal_route_is_public_but_the_card(client, decision_a, town_a):
    """The portal's own walk of its URL patterns (core's deny-by-default walk skips them)."""
    from django.urls import get_resolver

    from fazhi.decisions.tests.factories_normative import (
        make_commenting,
        make_decision_in_participation,
        make_published,
    )
    from fazhi.oversight.tests.factories_supervision import make_item
    from fazhi.reports.tests.factories import published_report
    from fazhi.services.tests.factories_window import make_item as make_service_item

    officer = Officer.objects.filter(org_unit=town_a).first()
    pks = {
        "body": town_body(town_a).pk,
        "matter": decision_a.matter_id,
        "decision": decision_a.pk,
        "officer-card": officer.pk,
        "normative-document": make_published(town_a).pk,
        "consultation-document": make_commenting(town_a).pk,
        "consultation-decision": make_decision_in_participation(town_a).pk,
        "major-decision": _published_major_decision(town_a).pk,
        "disclosure": make_item(town_a, published_on=dt.date(2023, 10, 9)).pk,
        "service-guide": make_service_item(town_a).pk,
    }
    pks["report"] = pks["report-docx"] = published_report(town_a).pk
    resolver = next(p for p in get_resolver().url_patterns if str(p.pattern) == "portal/")
    for pattern in resolver.url_patterns:
        values = {"pk": pks.get(pattern.name), "certificate_no": officer.certificate_no}
        route = "/portal/" + re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m, v=values: str(v[m.group(1)]), str(pattern.pattern)
        )
        r = client.get(route)
        if pattern.name in ("case-rate", "service-rate"):  # POST only
            assert r.status_code == 405
        elif pattern.name == "officer-card":
            assert r.status_code == 302 and r["Location"].startswith("/login/"), route
        else:
            assert r.status_code == 200, route


def test_lists_cost_a_fixed_number_of_queries(client, town_a, officer_town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_officer(town_a)
    entrusted_matter(town_a)
    published(decided_case(town_a, officer_town_a), officer_town_a, on=today())
    before = {url: cost(url) for url in ("/portal/officers/", "/portal/decisions/", "/portal/entrustments/")}
    for _ in range(4):
        make_officer(town_a)
        entrusted_matter(town_a)
        published(decided_case(town_a, officer_town_a), officer_town_a, on=today())
    after = {url: cost(url) for url in before}
    assert after == before
