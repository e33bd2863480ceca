"""Login security (security.md, identity and session rows)."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fazhi.core import accounts, otp
from fazhi.core.tests.factories import login, user_with_role

pytestmark = pytest.mark.django_db
PASSWORD = "Test#Pass2023"


def _fail(client, username, n=5):
    for _ in range(n):
        client.post("/login/", {"username": username, "password": "wrong-password"})


def test_five_failures_lock_the_login_page(client, officer_town_a):
    _fail(client, "officer_a")
    r = client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert r.status_code == 429 and "锁定" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, officer_town_a):
    _fail(client, "officer_a", n=4)
    r = client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert r.status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, officer_town_a):
    _fail(client, "officer_a")
    assert client.post("/login/", {"username": "officer_a", "password": PASSWORD}).status_code == 429
    # Shift the recorded failures 16 minutes into the past instead of sleeping.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert client.post("/login/", {"username": "officer_a", "password": PASSWORD}).status_code == 302


def test_five_failures_lock_the_api_token_endpoint(client, officer_town_a):
    for _ in range(5):
        r = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "wrong-password"})
        assert r.status_code in (401, 403, 429)
    r = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": PASSWORD})
    assert r.status_code == 429
    assert r.json()["code"] == "locked_out" and "token" not in r.json()


def test_failures_on_the_page_also_lock_the_api(client, officer_town_a):
    _fail(client, "officer_a")
    r = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": PASSWORD})
    assert "token" not in r.json()


def test_unknown_user_locks_the_same_way(client):
    _fail(client, "nobody")
    assert client.post("/login/", {"username": "nobody", "password": "x"}).status_code == 429


def test_administrator_login_without_the_code_is_refused(client, auditor):
    otp.enrol(auditor)
    r = client.post("/login/", {"username": auditor.username, "password": PASSWORD})
    assert r.status_code == 200 and "动态验证码" in r.content.decode()
    assert "_auth_user_id" not in client.session
    r = client.post("/login/", {"username": auditor.username, "password": PASSWORD, "otp_token": "000000"})
    assert "_auth_user_id" not in client.session


def test_administrator_login_with_the_code_succeeds(client, auditor):
    otp.enrol(auditor)
    r = client.post(
        "/login/",
        {"username": auditor.username, "password": PASSWORD, "otp_token": otp.current_code(auditor)},
    )
    assert r.status_code == 302
    assert client.get("/").status_code == 200


def test_a_leader_session_without_the_second_factor_is_ended(client, leader):
    client.force_login(leader)  # a session that never passed the second factor
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_api_token_for_a_leader_needs_the_code(client, leader):
    otp.enrol(leader)
    r = client.post("/api/v1/auth/token/", {"username": leader.username, "password": PASSWORD})
    assert r.status_code in (401, 403)
    r = client.post(
        "/api/v1/auth/token/",
        {"username": leader.username, "password": PASSWORD, "otp_token": otp.current_code(leader)},
    )
    assert r.status_code == 200 and r.json()["token"]


def test_sessions_end_after_twelve_hours_however_active(client, officer_town_a):
    login(client, officer_town_a)
    assert client.get("/").status_code == 200
    session = client.session
    session["fazhi_login_at"] -= 12 * 3600 + 1
    session.save()
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_idle_sessions_expire_after_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.FAZHI_SESSION_RENEW_SECONDS <= 60


def test_activity_renews_the_session_at_most_once_a_minute(client, officer_town_a):
    login(client, officer_town_a)
    key = client.session.session_key
    assert client.get("/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    Session.objects.filter(session_key=key).update(expire_date=renewed - dt.timedelta(minutes=10))
    client.get("/")  # within the minute: no write, the expiry stays where it was
    assert Session.objects.get(session_key=key).expire_date == renewed - dt.timedelta(minutes=10)
    session = client.session
    session["fazhi_renewed_at"] -= 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/")  # a minute after the last renewal: renewed to 30 minutes from now
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + dt.timedelta(minutes=29)


def test_login_issues_a_new_session_id(client, officer_town_a):
    client.get("/login/")
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"


def test_expired_api_tokens_are_refused(client, officer_town_a):
    token = Token.objects.create(user=officer_town_a)
    Token.objects.filter(pk=token.pk).update(created=dt.datetime.now(dt.UTC) - dt.timedelta(hours=13))
    r = client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code in (401, 403)
    assert not Token.objects.filter(pk=token.pk).exists()


def test_disabling_an_account_ends_its_sessions_and_tokens(client, officer_town_a, town_a):
    secadmin = user_with_role("sec", "secadmin", None)
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    token = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": PASSWORD}).json()[
        "token"
    ]
    assert Session.objects.count() >= 1
    accounts.set_active(officer_town_a, False, actor=secadmin)
    assert client.get("/").status_code == 302
    assert client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Token {token}").status_code in (401, 403)
    assert not Token.objects.filter(user=officer_town_a).exists()


def test_api_logout_ends_the_token(client, officer_town_a):
    token = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": PASSWORD}).json()[
        "token"
    ]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.post("/api/v1/auth/logout/", **auth).status_code == 204
    assert client.get("/api/v1/people/", **auth).status_code in (401, 403)


def test_passwords_are_hashed_with_argon2(settings):
    assert "Argon2" in next(h for h in settings.PASSWORD_HASHERS if "MD5" not in h)
