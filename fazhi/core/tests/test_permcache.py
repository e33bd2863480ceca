"""Roles and permissions kept per process (fazhi.core.permcache): a change of a
user's roles, or of a role's permissions, is seen on the user's next request by
every process, since it raises the user's stamp in the database."""

import pytest
from django.contrib.auth.models import Group, Permission

from fazhi.core import permcache
from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PERM = "core.view_person"


def _fresh(user):
    """The user as the next request reads it (another process would, too)."""
    return User.objects.get(pk=user.pk)


def test_a_second_request_reads_no_permissions(town_a, django_assert_num_queries):
    user = user_with_role("clerk", "officer", town_a)
    first = _fresh(user)
    assert first.has_perm(PERM) and first.role_codes
    again = _fresh(user)
    with django_assert_num_queries(0):
        assert again.has_perm(PERM) and "officer" in again.role_codes


def test_a_revoked_role_is_seen_on_the_next_request(town_a):
    user = user_with_role("clerk", "officer", town_a)
    assert _fresh(user).has_perm(PERM)
    stamp = _fresh(user).perm_stamp
    user.groups.clear()
    fresh = _fresh(user)
    assert fresh.perm_stamp > stamp
    assert not fresh.has_perm(PERM) and fresh.role_codes == set()


def test_another_process_cache_is_not_trusted_after_a_change(town_a):
    """Entries this process still holds are keyed by the old stamp."""
    user = user_with_role("clerk", "officer", town_a)
    assert _fresh(user).has_perm(PERM)
    cached = dict(permcache._perms)
    Group.objects.get(name="officer").user_set.remove(user)
    permcache._perms.update(cached)  # as if another process had not seen the signal
    assert not _fresh(user).has_perm(PERM)


def test_a_permission_taken_from_a_role_is_seen_by_its_members(town_a):
    user = user_with_role("clerk", "officer", town_a)
    assert _fresh(user).has_perm(PERM)
    group = Group.objects.get(name="officer")
    group.permissions.remove(Permission.objects.get(codename="view_person", content_type__app_label="core"))
    assert not _fresh(user).has_perm(PERM)


def test_a_reused_id_is_another_key(town_a):
    """SQLite may give a rolled-back user's id to the next one: the key holds the
    account's creation time too, so the new account never inherits its roles."""
    user = user_with_role("clerk", "officer", town_a)
    assert _fresh(user).has_perm(PERM)
    other = User(
        pk=user.pk, username="x", perm_stamp=user.perm_stamp, date_joined=user.date_joined.replace(year=2001)
    )
    assert permcache._key(other) != permcache._key(_fresh(user))
