"""Regressions found in review: each was a hole before its fix."""

import pytest
from django.test import RequestFactory

from fazhi.core.middleware import client_ip
from fazhi.core.models import CalendarYear, OrgUnit
from fazhi.core.registers.actions import update_record
from fazhi.core.tests.factories import OrgUnitFactory, login, user_with_role

pytestmark = pytest.mark.django_db


def test_an_administrator_marks_a_new_calendar_year_as_entered(client):
    login(client, user_with_role("sys", "sysadmin", None))
    r = client.post("/core/calendar-years/new/", {"year": 2031, "notice": "国办发明电〔2030〕1号"})
    assert r.status_code == 302
    assert CalendarYear.objects.get(year=2031).source == "manual"


def test_a_user_who_must_change_the_password_gets_no_api_token(client, officer_town_a):
    officer_town_a.must_change_password = True
    officer_town_a.save()
    r = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "Test#Pass2023"})
    assert r.status_code == 403 and "修改" in r.json()["detail"]


def test_session_api_calls_follow_the_account_rules(client, officer_town_a):
    login(client, officer_town_a)
    assert client.get("/api/v1/people/").status_code == 200
    officer_town_a.must_change_password = True
    officer_town_a.save()
    r = client.get("/api/v1/people/")
    assert r.status_code == 403 and r.json()["code"] == "password_change_required"


def test_a_token_of_a_user_who_must_change_the_password_is_refused(client, officer_town_a):
    token = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "Test#Pass2023"}).json()[
        "token"
    ]
    officer_town_a.must_change_password = True
    officer_town_a.save()
    assert client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 403


def test_an_org_unit_cannot_be_moved_out_of_scope(town_a, town_b):
    office = user_with_role("fzb", "rule_of_law_office", town_a)
    village = OrgUnitFactory(kind="village", code="500235131299", name="搬走村", parent=town_a)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        update_record(village, actor=office, data={"parent": town_b})
    assert OrgUnit.objects.get(pk=village.pk).parent_id == town_a.pk


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", "1.2.3.4", [], "203.0.113.9"),  # header of an untrusted peer ignored
        ("10.0.0.2", "198.51.100.7", ["10.0.0.2"], "198.51.100.7"),  # nginx in front
        ("10.0.0.2", "6.6.6.6, 198.51.100.7", ["10.0.0.2"], "198.51.100.7"),  # spoofed first entry ignored
    ],
)
def test_client_ip_believes_only_trusted_proxies(settings, remote, forwarded, trusted, expected):
    settings.FAZHI_TRUSTED_PROXIES = frozenset(trusted)
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_request_id_is_kept_only_when_plain(client):
    assert client.get("/login/", HTTP_X_REQUEST_ID="mobile-retry-0001")["X-Request-ID"] == "mobile-retry-0001"
    assert client.get("/login/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_an_import_error_workbook_is_served_once(client, officer_town_a, town_a):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "公民身份号码", "所属单位代码"])
    wb.active.append(["张三", "123", town_a.code])
    buf = io.BytesIO()
    wb.save(buf)
    login(client, officer_town_a)
    r = client.post("/core/people/import/", {"file": SimpleUploadedFile("p.xlsx", buf.getvalue())})
    token = r.context["token"]
    url = f"/core/people/import/errors/{token}/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 404
