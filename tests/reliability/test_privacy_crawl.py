"""The privacy crawl (security.md, "privacy"; legal-rules.md: published text never shows
a natural person's ID number, address, phone or bank account, and their name only
masked).

Hypothesis makes natural persons (a resident ID number with its GB 11643 check
character, a mobile number, an address, a bank card number with its Luhn digit, a
Chinese name) and puts each into something that gets published, through the apps'
own actions: a penalty decision against them (published, or withdrawn with a careless
reason), a normative document, a draft open for comment (with a comment they send), a
major decision, a government information disclosure. Then a crawler, signed in as
nobody, starts at /portal/ and follows every link, reads every public page, the case
pages opened by each case code, the published report files and every API address
(which must refuse it), and looks for each person's data in full.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import deque
from dataclasses import astuple, dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fazhi.core import masking
from fazhi.core.validators import is_valid_mobile, is_valid_resident_id, resident_id_check_char

pytestmark = pytest.mark.django_db

MAX_PAGES = 2000  # a runaway guard
EXAMPLES = 24

# -- the people -----------------------------------------------------------------------------

AREAS = ("500235", "110105", "510104", "440305", "320102", "610113")
SURNAMES = ("赵", "钱", "孙", "李", "周", "吴", "郑", "冯", "陈", "蒋", "沈", "韩", "欧阳", "司马", "上官")
# Uncommon characters for given names, so that a name found on a page is this person's.
GIVEN = "彧翀鋆璟珩玥琰翊晞骞湉瑭砚滢澍琇旻曦钰珏"
VILLAGES = ("凤鸣村", "龙洞村", "石桥社区", "黄岭村", "清水村")


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        n = int(ch)
        if i % 2 == 0:  # every second digit from the right, the check digit to come excluded
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return str(-total % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and luhn_digit(number[:-1]) == number[-1]


@dataclass(frozen=True)
class Person:
    name: str
    resident_id: str
    phone: str
    address: str
    card: str
    lower_x: bool  # staff typed the check character X in lower case

    def free_text(self) -> str:
        """How staff paste a person into a text the public reads."""
        rid = self.resident_id.lower() if self.lower_x else self.resident_id
        return f"身份证号：{rid}，联系电话{self.phone}，银行卡号{self.card}"


@st.composite
def people(draw) -> Person:
    area = draw(st.sampled_from(AREAS))
    born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31)))
    body = f"{area}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    rid = body + resident_id_check_char(body)
    phone = draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
    card_body = "62" + draw(st.text("0123456789", min_size=13, max_size=16))
    card = card_body + luhn_digit(card_body)
    name = draw(st.sampled_from(SURNAMES)) + draw(st.text(GIVEN, min_size=2, max_size=2))
    address = (
        f"重庆市云阳县江口镇{draw(st.sampled_from(VILLAGES))}"
        f"{draw(st.integers(1, 12))}组{draw(st.integers(1, 99))}号"
    )
    return Person(name, rid, phone, address, card, draw(st.booleans()))


def test_the_generated_people_are_valid():
    @settings(max_examples=50, derandomize=True, deadline=None, database=None)
    @given(people())
    def check(p):
        assert is_valid_resident_id(p.resident_id) and is_valid_mobile(p.phone)
        assert luhn_valid(p.card) and 16 <= len(p.card) <= 19
        assert masking.mask_name(p.name) != p.name and p.name not in masking.mask_address(p.address)

    check()


# -- publishing them -------------------------------------------------------------------------


class Publisher:
    """Puts each person into one kind of published record, in turn."""

    KINDS = ("penalty", "withdrawn", "normative", "consultation", "major", "disclosure")

    def __init__(self, town, officer):
        self.town, self.officer = town, officer
        self.by_kind: dict[str, list[Person]] = {k: [] for k in self.KINDS}
        self.named: list[Person] = []  # people whose name is a structured field: looked for too
        self.case_codes: list[str] = []
        self.comments: list[tuple[int, Person]] = []  # (open draft, its commenter)
        self.seeds: list[str] = []
        self.count = 0

    def add(self, person: Person) -> None:
        kind = self.KINDS[self.count % len(self.KINDS)]
        getattr(self, kind)(person)
        self.by_kind[kind].append(person)
        self.count += 1

    def _case(self, person: Person):
        from fazhi.enforcement.choices import PartyKind
        from fazhi.enforcement.models import Disclosure, Party
        from fazhi.enforcement.tests.factories import make_ordinary_case

        party = Party.objects.create(
            org_unit=self.town, kind=PartyKind.INDIVIDUAL, name=person.name, resident_id=person.resident_id,
            phone=person.phone, address=person.address,
        )  # fmt: skip
        case = make_ordinary_case(self.town, self.officer, "decided", party=party)
        self.named.append(person)
        self.case_codes.append(case.access_code)
        return Disclosure.objects.get(case=case)

    def penalty(self, person: Person) -> None:
        from fazhi.enforcement import disclosure

        item = disclosure.publish(self._case(person), actor=self.officer, on=timezone.localdate())
        self.seeds.append(f"/portal/decisions/{item.pk}/")

    def withdrawn(self, person: Person) -> None:
        """Published, then withdrawn with a reason that names the party in full."""
        from fazhi.enforcement import disclosure

        item = disclosure.publish(self._case(person), actor=self.officer, on=timezone.localdate())
        reason = f"经行政复议撤销。当事人{person.name}，住{person.address}，{person.free_text()}"
        disclosure.withdraw(item, actor=self.officer, reason=reason, on=timezone.localdate())
        self.seeds.append(f"/portal/decisions/{item.pk}/")

    def normative(self, person: Person) -> None:
        from fazhi.decisions.tests.factories_normative import make_historical

        text = f"第一条　对{person.free_text()}的补助按本办法发放。"
        doc = make_historical(self.town, published_on=timezone.localdate() - dt.timedelta(days=3), text=text)
        self.seeds.append(f"/portal/normative/{doc.pk}/")

    def consultation(self, person: Person) -> None:
        from fazhi.decisions.tests.factories_normative import make_commenting

        doc = make_commenting(
            self.town, summary=f"起草说明：征求{person.free_text()}的意见", text="第一条　测试。"
        )
        self.seeds.append(f"/portal/consultations/documents/{doc.pk}/")
        self.comments.append((doc.pk, person))

    def major(self, person: Person) -> None:
        from fazhi.decisions.actions import major as actions
        from fazhi.decisions.choices import CatalogueStatus
        from fazhi.decisions.tests.factories_major import (
            deliberate,
            leader_of,
            make_decision,
            office_of,
            through_review,
        )

        text = f"对被征收人{person.free_text()}予以补偿。"
        decision = deliberate(through_review(make_decision(self.town, summary=text)), conclusion=text)
        catalogue, office = decision.catalogue, office_of(self.town)
        if catalogue.status != CatalogueStatus.PUBLISHED:
            actions.approve_catalogue(
                catalogue, actor=leader_of(self.town), on=dt.date(2023, 2, 20), meeting="常务会议"
            )
            actions.publish_catalogue(catalogue, actor=office, on=dt.date(2023, 2, 24))
        decision = actions.report_to_party_committee(decision, actor=office, on=decision.decided_on)
        actions.publish_decision(
            decision, actor=office, on=decision.decided_on + dt.timedelta(days=2), where="镇政府网站"
        )
        self.seeds.append(f"/portal/major-decisions/{decision.pk}/")

    def disclosure(self, person: Person) -> None:
        from fazhi.oversight.tests.factories_supervision import make_item

        item = make_item(
            self.town, made_on=timezone.localdate() - dt.timedelta(days=5),
            published_on=timezone.localdate() - dt.timedelta(days=2), content=f"低保对象：{person.free_text()}",
        )  # fmt: skip
        self.seeds.append(f"/portal/disclosures/{item.pk}/")


def post_comments(client, publisher: Publisher) -> int:
    """Each consulted person sends a comment with their name and phone: never shown."""
    sent = 0
    for i, (pk, person) in enumerate(publisher.comments):
        cache.clear()  # the portal's per-address limits
        r = client.post(
            f"/portal/consultations/documents/{pk}/",
            {
                "content": f"建议修改第一条。{person.free_text()}",
                "commenter": person.name,
                "contact": person.phone,
            },
            REMOTE_ADDR=f"10.9.{i // 200}.{i % 200 + 1}",
        )
        assert r.status_code == 200, r.content.decode()[:500]
        sent += 1
        publisher.named.append(person)
    return sent


# -- the crawler -----------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value and (key == "href" or (tag in ("img", "script") and key == "src")):
                self.hrefs.append(value)


def readable(response) -> str:
    """The text of an answer: HTML, JSON, SVG as they are; a .docx its XML parts."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return data.decode("utf-8", "replace")


def crawl(client, seeds: list[str]) -> dict[str, str]:
    """Every public address reachable from the seeds by links, anonymously (GET)."""
    seen: dict[str, str] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        r = client.get(url)
        assert r.status_code < 500, (url, r.status_code)
        seen[url] = readable(r)
        if r.status_code in (301, 302):
            queue.append(r["Location"])
        if not r.get("Content-Type", "").startswith("text/html"):
            continue
        parser = Links()
        parser.feed(seen[url])
        for href in parser.hrefs:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith(
                ("/portal/", "/api/", "/static/")
            ):
                continue
            if parts.path.startswith("/static/"):
                continue  # the project's own files, no data
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    assert len(seen) < MAX_PAGES, "the crawl did not end"
    return seen


def api_addresses(pks: list[int]) -> list[str]:
    from fazhi.api.urls import router

    urls = ["/api/v1/", "/api/v1/schema/"]
    for prefix, _, _ in router.registry:
        urls.append(f"/api/v1/{prefix}/")
        urls += [f"/api/v1/{prefix}/{pk}/" for pk in pks]
    return urls


def case_pages(client, codes: list[str]) -> dict[str, str]:
    """What each case code opens (the party's own page, but anyone holding it may read)."""
    pages = {}
    for code in codes:
        cache.clear()
        r = client.post("/portal/case/", {"code": code})
        assert r.status_code == 200 and "未查询到" not in r.content.decode(), code
        pages[f"POST /portal/case/ {code}"] = readable(r)
    return pages


# -- the test --------------------------------------------------------------------------------


def leaks(person: Person, text: str, *, named: bool) -> list[str]:
    found = []
    upper = text.upper()
    if person.resident_id in upper:
        found.append(f"ID {person.resident_id}")
    if person.phone in text:
        found.append(f"phone {person.phone}")
    if person.card in text:
        found.append(f"card {person.card}")
    if person.address in text:
        found.append(f"address {person.address}")
    if named and person.name in text:
        found.append(f"name {person.name}")
    return found


def test_no_personal_data_on_any_public_page(client, town_a, officer_town_a):
    from fazhi.enforcement.tests.factories import make_officer

    make_officer(town_a, user=officer_town_a), make_officer(town_a)
    publisher = Publisher(town_a, officer_town_a)

    @settings(
        max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip
    @given(people())
    def publish(person):
        # Distinct people: a value shared by two would blur which page shows whose data.
        assume(
            not any(
                set(astuple(person)[:5]) & set(astuple(p)[:5])
                for ps in publisher.by_kind.values()
                for p in ps
            )
        )
        publisher.add(person)

    publish()
    comments = post_comments(client, publisher)
    everyone = [p for ps in publisher.by_kind.values() for p in ps]
    assert all(publisher.by_kind.values()), {k: len(v) for k, v in publisher.by_kind.items()}

    from fazhi.reports.tests.factories import published_report

    report = published_report(town_a)
    seeds = [
        "/portal/",
        *publisher.seeds,
        f"/portal/reports/{report.pk}/",
        f"/portal/reports/{report.pk}/report.docx",
    ]
    pages = crawl(client, seeds)
    crawled = len(pages)
    pages.update({f"GET {u}": readable(client.get(u)) for u in api_addresses(sorted({1, 2, 3, report.pk}))})
    pages.update(case_pages(client, publisher.case_codes))

    # Every kind was reached by the crawl, with its text: the checks below read real pages.
    assert all(s in pages for s in publisher.seeds)
    assert sum("该决定信息已于" in html for html in pages.values()) >= len(publisher.by_kind["withdrawn"])
    for kind in ("normative", "consultation", "major", "disclosure"):
        for person in publisher.by_kind[kind]:
            masked = masking.mask_resident_id(person.resident_id)
            assert any(masked in t or masked.lower() in t for t in pages.values()), (kind, masked)

    print(
        f"\nprivacy crawl: {crawled} pages crawled, {len(pages) - crawled - len(publisher.case_codes)} API"
        f" answers, {len(publisher.case_codes)} case-code pages; {len(everyone)} parties generated,"
        f" {comments} comments sent"
    )
    named = {p.name for p in publisher.named}
    found = {}
    for url, text in pages.items():
        for person in everyone:
            hit = leaks(person, text, named=person.name in named)
            if hit:
                found.setdefault(url, []).extend(hit)
    if found:  # where the first leak sits, for the reader of the failure
        url = next(iter(found))
        person = next(p for p in everyone if leaks(p, pages[url], named=p.name in named))
        for value in (person.resident_id, person.phone, person.card, person.address, person.name):
            at = pages[url].find(value)
            if at >= 0:
                print(url, "…" + pages[url][max(at - 200, 0) : at + 60].replace("\n", " ") + "…")
                break
    assert not found, found
