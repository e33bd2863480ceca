"""Three separated administrators (三员分立, GB/T 22239 8.1.4.2d, 8.1.5): a role ×
action matrix, and no account may hold two of the roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import accounts
from fazhi.core.models import AuditEvent, User
from fazhi.core.tests.factories import PersonFactory, login, user_with_role

pytestmark = pytest.mark.django_db

ACTIONS = {
    # action: (method, url)
    "read_audit_log": ("get", "/audit/"),
    "list_accounts": ("get", "/core/accounts/"),
    "create_account": ("get", "/core/accounts/new/"),
    "list_org_units": ("get", "/core/org-units/"),
    "create_org_unit": ("get", "/core/org-units/new/"),
    "edit_calendar": ("get", "/core/holidays/new/"),
    "list_people": ("get", "/core/people/"),
    "create_person": ("get", "/core/people/new/"),
}
ALLOWED = {
    "sysadmin": {"list_org_units", "create_org_unit", "edit_calendar"},
    "secadmin": {"list_accounts", "create_account"},
    "auditor": {"read_audit_log"},
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_role_action_matrix(client, role, action, town_a):
    PersonFactory(org_unit=town_a)
    user = user_with_role(f"adm_{role}", role, None)
    login(client, user)
    method, url = ACTIONS[action]
    status = getattr(client, method)(url).status_code
    if action in ALLOWED[role]:
        assert status == 200, (role, action, status)
    else:
        assert status in (403, 404), (role, action, status)


def test_secadmin_sees_no_register_data(town_a):
    PersonFactory(org_unit=town_a)
    secadmin = user_with_role("sec", "secadmin", None)
    from fazhi.core.models import Person

    assert not secadmin.has_perm("core.view_person")
    assert Person.objects.visible_to(secadmin).count() == 0


@pytest.mark.parametrize(
    ("first", "second"), [("sysadmin", "auditor"), ("secadmin", "sysadmin"), ("auditor", "secadmin")]
)
def test_one_account_cannot_hold_two_admin_roles(first, second):
    user = user_with_role("double", first, None)
    group = Group.objects.get(name=second)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        user.groups.add(group)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        group.user_set.add(user)
    assert list(user.groups.values_list("name", flat=True)) == [first]


def test_the_account_form_refuses_two_admin_roles(client, town_a):
    secadmin = user_with_role("sec", "secadmin", None)
    login(client, secadmin)
    r = client.post(
        "/core/accounts/new/", {"username": "both", "display_name": "兼任", "roles": ["sysadmin", "auditor"]}
    )
    assert "三员分立" in r.content.decode()
    assert not User.objects.filter(username="both").exists()


def test_secadmin_creates_an_account_and_sees_its_password_once(client, town_a):
    secadmin = user_with_role("sec", "secadmin", None)
    login(client, secadmin)
    r = client.post(
        "/core/accounts/new/",
        {"username": "new_officer", "display_name": "新执法员", "org_unit": town_a.pk, "roles": ["officer"]},
    )
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    user = User.objects.get(username="new_officer")
    assert user.must_change_password and user.role_codes == {"officer"}
    assert "initial-password" in r.content.decode()
    event = AuditEvent.objects.get(action="core.user.created", target_id=str(user.pk))
    assert event.new["roles"] == ["officer"] and event.actor_name == "sec"


def test_role_changes_are_audited(town_a):
    secadmin = user_with_role("sec", "secadmin", None)
    officer = user_with_role("o", "officer", town_a)
    accounts.update_account(officer, actor=secadmin, data={"roles": ["officer", "legal_reviewer"]})
    event = AuditEvent.objects.get(action="core.user.roles_changed")
    assert event.old == {"roles": ["officer"]} and event.new == {"roles": ["legal_reviewer", "officer"]}


def test_a_leader_role_brings_a_second_factor(town_a):
    secadmin = user_with_role("sec", "secadmin", None)
    officer = user_with_role("o", "officer", town_a)
    user = accounts.update_account(officer, actor=secadmin, data={"roles": ["leader"]})
    assert user.fazhi_new_totp_uri.startswith("otpauth://totp/")


def test_only_the_secadmin_manages_accounts(town_a):
    sysadmin = user_with_role("sys", "sysadmin", None)
    officer = user_with_role("o", "officer", town_a)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        accounts.update_account(officer, actor=sysadmin, data={"roles": ["leader"]})
