"""What is printed leads to the public portal (FAZHI_PUBLIC_URL), not to the staff
host a page was asked on: the officer card and its QR code, and the case code on a
decision. And the portal's rate limits come from the environment."""

import io
import re

import pytest
import segno
from django.core.exceptions import ImproperlyConfigured

from fazhi import settings as fazhi_settings
from fazhi.core.tests.factories import login
from fazhi.enforcement.documents.context import case_context
from fazhi.enforcement.tests.factories import make_officer
from fazhi.portal import qr, throttle
from fazhi.portal.tests.conftest import decided_case

pytestmark = pytest.mark.django_db

PUBLIC = "https://fazhi.example.gov.cn"
STAFF_HOST = "fazhi-staff.yunyang.internal"
MODULES = re.compile(rb'class="qrline"[^>]* d="([^"]+)"')  # the dark modules, whatever the scale


def encodes(svg: bytes, url: str) -> bool:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", border=4)
    return MODULES.search(svg).group(1) == MODULES.search(buffer.getvalue()).group(1)


@pytest.fixture
def staff_host(settings):
    settings.ALLOWED_HOSTS = [STAFF_HOST, "testserver"]
    return STAFF_HOST


# -- the officer card (扫码亮证) -----------------------------------------------------------


def test_the_card_and_its_qr_code_lead_to_the_public_portal(
    client, settings, staff_host, town_a, officer_town_a
):
    settings.FAZHI_PUBLIC_URL = PUBLIC
    officer = make_officer(town_a, name="周亮证")
    login(client, officer_town_a)
    page = client.get(f"/portal/officers/{officer.pk}/card/", HTTP_HOST=staff_host).content.decode()
    public = f"{PUBLIC}/portal/certificates/{officer.certificate_no}/"
    assert public in page and staff_host not in page
    svg = client.get(f"/portal/certificates/{officer.certificate_no}/qr.svg", HTTP_HOST=staff_host).content
    assert encodes(svg, public)


def test_without_the_setting_the_card_uses_the_host_it_was_asked_on(
    client, settings, staff_host, town_a, officer_town_a
):
    settings.FAZHI_PUBLIC_URL = ""
    officer = make_officer(town_a)
    login(client, officer_town_a)
    page = client.get(f"/portal/officers/{officer.pk}/card/", HTTP_HOST=staff_host).content.decode()
    assert f"http://{staff_host}/portal/certificates/{officer.certificate_no}/" in page


def test_a_public_address_with_a_path_prefix(settings):
    settings.FAZHI_PUBLIC_URL = "https://www.yunyang.gov.cn/fazhi"
    assert qr.public_url("/portal/case/") == "https://www.yunyang.gov.cn/fazhi/portal/case/"
    settings.FAZHI_PUBLIC_URL = ""
    assert qr.public_url("/portal/case/") == ""  # no request, no setting: no address to print


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("https://fazhi.example.gov.cn/", "https://fazhi.example.gov.cn"),
        ("http://10.0.0.5:8080", "http://10.0.0.5:8080"),
        (" https://www.yunyang.gov.cn/fazhi/ ", "https://www.yunyang.gov.cn/fazhi"),
    ],
)
def test_the_setting_keeps_a_base_address(value, expected):
    assert fazhi_settings.public_url(value) == expected


@pytest.mark.parametrize(
    "value", ["fazhi.example.gov.cn", "ftp://fazhi.example.gov.cn", "https://x.cn/?a=1", "https://u:p@x.cn"]
)
def test_the_setting_refuses_what_is_not_a_base_address(value):
    with pytest.raises(ImproperlyConfigured, match="FAZHI_PUBLIC_URL"):
        fazhi_settings.public_url(value)


# -- the case code on a decision (行政行为码) ------------------------------------------------


def test_a_decision_prints_the_case_code_with_the_public_lookup_address(settings, town_a, officer_town_a):
    settings.FAZHI_PUBLIC_URL = PUBLIC
    case = decided_case(town_a, officer_town_a)
    context = case_context(case)
    assert case.access_code and context["access_code"] == case.access_code
    assert context["case_lookup_url"] == f"{PUBLIC}/portal/case/"
    assert (
        case.access_code in context["access_code_text"]
        and f"{PUBLIC}/portal/case/" in context["access_code_text"]
    )


def test_without_the_setting_a_decision_names_no_address(settings, town_a, officer_town_a):
    settings.FAZHI_PUBLIC_URL = ""
    case = decided_case(town_a, officer_town_a)
    context = case_context(case)
    assert context["case_lookup_url"] == ""
    assert "行政执法公示网站" in context["access_code_text"] and "http" not in context["access_code_text"]
    case.access_code = ""  # before the decision: no code yet
    assert case_context(case)["access_code_text"] == ""


# -- rate limits from the environment ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        ("20/600", (20, 600)),
        ("30/10m", (30, 600)),
        ("5/h", (5, 3600)),
        ("5 / 1h", (5, 3600)),
        ("1/1d", (1, 86400)),
    ],
)
def test_a_rate_reads_count_per_window(value, rate):
    assert fazhi_settings.parse_rate("FAZHI_PORTAL_RATE_X", value) == rate


@pytest.mark.parametrize("value", ["20", "0/10m", "20/0", "20/10x", "20/2d", "ten/10m"])
def test_a_wrong_rate_stops_the_start(value):
    with pytest.raises(ImproperlyConfigured, match="FAZHI_PORTAL_RATE_X"):
        fazhi_settings.parse_rate("FAZHI_PORTAL_RATE_X", value)


def test_the_rates_are_read_per_scope_from_the_environment():
    rates = fazhi_settings.portal_rates(
        {"FAZHI_PORTAL_RATE_CASE_LOOKUP": "30/10m", "FAZHI_PORTAL_RATE_RATING": " ", "PATH": "/usr/bin"}
    )
    assert rates == {"case_lookup": (30, 600)}


def test_a_configured_rate_replaces_the_codes_and_others_keep_theirs(settings):
    settings.FAZHI_PORTAL_RATES = {"case_lookup": (30, 300), "complaint": (1, 60)}
    assert throttle.effective(throttle.LOOKUP) == throttle.Limit("case_lookup", 30, 300)
    assert throttle.effective(throttle.RATING) == throttle.RATING == throttle.Limit("rating", 5, 3600)
    # A caller's own limit is configurable by its scope, with nothing to register.
    assert throttle.effective(throttle.Limit("complaint", 10, 3600)) == throttle.Limit("complaint", 1, 60)


def test_the_configured_lookup_limit_is_the_one_enforced(client, settings, decision_a):
    settings.FAZHI_PORTAL_RATES = {"case_lookup": (2, 600)}
    for _ in range(2):
        assert client.post("/portal/case/", {"code": "guess"}).status_code == 200
    assert client.post("/portal/case/", {"code": decision_a.case.access_code}).status_code == 429
