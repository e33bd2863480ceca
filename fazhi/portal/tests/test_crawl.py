"""Acceptance (issue 5, security.md "privacy"): after `fazhi demo --no-serve`, a crawler
over every portal page finds no valid resident ID number, no mobile phone number and
no unmasked name of a natural-person party."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from fazhi.core.validators import is_valid_resident_id
from fazhi.enforcement.choices import DisclosureStatus, PartyKind
from fazhi.enforcement.models import Disclosure, Officer, Party

pytestmark = pytest.mark.django_db

ID_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9A-Z])")
MOBILE = re.compile(r"1[3-9][0-9]{9}")
MAX_PAGES = 3000  # a runaway guard: the demo portal has a few hundred pages


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


def crawl(client, seeds: list[str]) -> dict[str, str]:
    """Every HTML page under /portal/ reachable from the seeds by links (GET only)."""
    seen: dict[str, str] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        r = client.get(url)
        assert r.status_code in (200, 404), (url, r.status_code)
        if not r["Content-Type"].startswith("text/html"):
            continue
        html = r.content.decode()
        seen[url] = html
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc in ("", "testserver") and parts.path.startswith("/portal/"):
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if target not in seen:
                    queue.append(target)
    assert len(seen) < MAX_PAGES, "the crawl did not end"
    return seen


def _decide_against_residents() -> None:
    """The demo publishes decisions against firms only; two of its residents get one
    too, through the actions: one published, one withdrawn with a careless reason."""
    from django.utils import timezone

    from fazhi.core.models import OrgUnit, User
    from fazhi.enforcement import disclosure
    from fazhi.enforcement.tests.factories import make_ordinary_case

    town = OrgUnit.objects.get(code="500235131")
    officer = User.objects.get(username="officer")
    residents = Party.objects.filter(kind=PartyKind.INDIVIDUAL, org_unit=town).order_by("id")[:2]
    today = timezone.localdate()
    items = []
    for party in residents:
        case = make_ordinary_case(town, officer, "decided", party=party)
        items.append(disclosure.publish(Disclosure.objects.get(case=case), actor=officer, on=today))
    reason = f"经行政复议撤销，当事人{residents[1].name}电话{residents[1].phone}"
    disclosure.withdraw(items[1], actor=officer, reason=reason, on=today)


def test_no_personal_data_on_any_portal_page_after_the_demo(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    _decide_against_residents()

    certificates = [
        f"/portal/certificates/{no}/" for no in Officer.objects.values_list("certificate_no", flat=True)
    ]
    shown = Disclosure.objects.exclude(status=DisclosureStatus.QUEUED).filter(published_on__isnull=False)
    decisions = [f"/portal/decisions/{pk}/" for pk in shown.values_list("pk", flat=True)]
    pages = crawl(client, ["/portal/", *certificates, *decisions])

    # Officers are public by law (第四十二条, 扫码亮证): a party who shares an officer's
    # name cannot be told apart from the officer, so that name is not looked for.
    officer_names = set(Officer.objects.values_list("person__name", flat=True))
    party_names = set(Party.objects.filter(kind=PartyKind.INDIVIDUAL).values_list("name", flat=True))
    looked_for = sorted(party_names - officer_names)
    assert len(looked_for) > 100  # the demo's residents who were parties

    assert "/portal/officers/?page=2" in pages and all(c in pages for c in certificates + decisions)
    assert sum("该决定信息已于" in html for html in pages.values()) >= 1
    # Normative documents and 意见征集 (fazhi.decisions): the demo's published documents and its open draft.
    assert "/portal/normative/" in pages and "/portal/consultations/" in pages
    assert any(url.startswith("/portal/consultations/documents/") for url in pages)
    assert sum(url.startswith("/portal/normative/") for url in pages) > 3
    for url, html in pages.items():
        ids = [m for m in ID_CANDIDATE.findall(html) if is_valid_resident_id(m)]
        assert not ids, (url, ids)
        assert not MOBILE.search(html), (url, MOBILE.search(html)[0])
        named = [n for n in looked_for if n in html]
        assert not named, (url, named)
