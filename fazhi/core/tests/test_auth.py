import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.passwords import CharacterClassValidator

pytestmark = pytest.mark.django_db


def test_login_page_is_public_and_chinese(client):
    r = client.get("/login/")
    assert r.status_code == 200 and "登录" in r.content.decode()


def test_wrong_password_and_unknown_user_look_the_same(client, officer_town_a):
    a = client.post("/login/", {"username": "officer_a", "password": "wrong"}).content.decode()
    b = client.post("/login/", {"username": "nobody", "password": "wrong"}).content.decode()

    def strip(page: str, username: str) -> str:
        return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page).replace(username, "USER")

    assert "用户名、密码或动态验证码不正确" in a
    assert strip(a, "officer_a") == strip(b, "nobody")


def test_first_login_must_change_password(client, officer_town_a):
    officer_town_a.must_change_password = True
    officer_town_a.save()
    client.force_login(officer_town_a)
    r = client.get("/core/people/")
    assert r.status_code == 302 and r["Location"] == "/password/"
    r = client.post(
        "/password/",
        {
            "old_password": "Test#Pass2023",
            "new_password1": "Jk#2023new-pass",
            "new_password2": "Jk#2023new-pass",
        },
    )
    assert r.status_code == 302
    assert client.get("/core/people/").status_code == 200


def test_expired_password_must_be_changed(client, officer_town_a):
    officer_town_a.password_changed_at = timezone.now() - dt.timedelta(days=91)
    officer_town_a.save()
    client.force_login(officer_town_a)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("pw", ["abcdefgh", "abcdefg1", "ABCDEFG1"])
def test_simple_passwords_are_refused(pw):
    with pytest.raises(ValidationError, match="三类"):
        CharacterClassValidator().validate(pw)


def test_three_classes_are_enough():
    CharacterClassValidator().validate("abcDEF12")


def test_every_page_refuses_anonymous_users(client):
    """Deny by default: walk every URL pattern; only login answers anonymous users."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    public = {"login/"}
    for route in walk(get_resolver().url_patterns):
        if route in public or "format" in route:
            continue
        if route.startswith("portal/") and not route.endswith("/card/"):
            continue  # the public portal; fazhi/portal/tests walks its own routes
        url = "/" + re.sub(r"\(\?P<(\w+)>[^)]+\)", lambda m: "1" if m.group(1) == "pk" else "file", route)
        url = re.sub(r"<int:\w+>", "1", url)
        url = re.sub(r"<(str|slug):\w+>", "basic", url).replace("^", "").replace("$", "")
        r = client.get(url)
        assert r.status_code in (302, 401, 403, 405), (url, r.status_code)
        if r.status_code == 302:
            assert r["Location"].startswith("/login/"), url


def test_security_headers_are_set(client):
    r = client.get("/login/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
    assert r["X-Request-ID"]


def test_module_pages_say_when_they_are_empty(client, officer_town_a):
    client.force_login(officer_town_a)
    assert "尚未启用" in client.get("/m/reports/").content.decode()
    assert "执法案件" in client.get("/m/enforcement/").content.decode()
    assert "人员" in client.get("/m/basic/").content.decode()


def _production(tmp_path, *args, check=False):
    """Run `fazhi ARGS` with production settings on a data dir of its own."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "FAZHI_DATA_DIR": str(tmp_path),
        "FAZHI_HTTPS": "1",
        "FAZHI_DEBUG": "0",
        "FAZHI_SECRET_KEY": "k" * 20 + "Xy9#" * 12,
        "FAZHI_ALLOWED_HOSTS": "fazhi.example.gov.cn",
        "FAZHI_AUDIT_KEY": "audit-key-kept-in-the-vault",
        "FAZHI_PUBLIC_URL": "https://fazhi.example.gov.cn",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=check,
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    r = _production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert r.returncode == 0, r.stdout + r.stderr


def test_deploy_check_fails_while_an_initial_password_is_unchanged(tmp_path):
    _production(tmp_path, "init", check=True)
    r = _production(tmp_path, "check", "--deploy")
    assert r.returncode != 0 and "fazhi.E001" in r.stderr and "sysadmin" in r.stderr


def test_error_pages_speak_chinese(client, officer_town_a, auditor):
    from fazhi.core.tests.factories import login

    login(client, officer_town_a)
    assert "不存在" in client.get("/core/people/999999/").content.decode()
    login(client, auditor)
    assert "无权访问" in client.get("/core/people/").content.decode()


def test_a_post_without_csrf_token_is_refused(officer_town_a, town_a):
    from django.test import Client

    from fazhi.core.models import Person

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer_town_a)
    r = csrf_client.post("/core/people/new/", {"org_unit": town_a.pk, "name": "伪造"})
    assert r.status_code == 403 and "跨站请求伪造" in r.content.decode()
    assert not Person.objects.filter(name="伪造").exists()
