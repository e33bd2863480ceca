"""Roles are Django groups. The groups are created by a data migration; their
permissions are synchronised after every migrate from ROLE_PERMISSIONS, which
later apps extend with `grant(...)` in their AppConfig.ready()."""

from __future__ import annotations

from collections import defaultdict

ROLES: dict[str, str] = {
    "officer": "执法人员",
    "legal_reviewer": "法制审核人员",
    "window_clerk": "窗口人员",
    "mediator": "调解员",
    "grid_worker": "网格员",
    "rule_of_law_office": "法治办（司法所）",
    "leader": "领导",
    "sysadmin": "系统管理员",
    "secadmin": "安全管理员",
    "auditor": "审计管理员",
}
ADMIN_ROLES = ("sysadmin", "secadmin", "auditor")  # 三员分立: never two in one account
STAFF_ROLES = tuple(r for r in ROLES if r not in ADMIN_ROLES)

# role -> {"app_label.codename", ...}
ROLE_PERMISSIONS: dict[str, set[str]] = defaultdict(set)


def grant(roles: tuple[str, ...] | list[str], *perms: str) -> None:
    for role in roles:
        if role not in ROLES:
            raise ValueError(f"unknown role {role}")
        ROLE_PERMISSIONS[role].update(perms)


# Core registers. The security administrator grants roles and sees no case data;
# the auditor only reads the audit log; the system administrator keeps the org
# tree and the calendar.
grant(
    STAFF_ROLES,
    "core.view_orgunit",
    "core.view_person",
    "core.view_post",
    "core.view_holiday",
    "core.view_calendaryear",
)
grant(
    ("sysadmin",),
    "core.view_orgunit",
    "core.add_orgunit",
    "core.change_orgunit",
    "core.view_post",
    "core.add_post",
    "core.change_post",
    "core.view_holiday",
    "core.add_holiday",
    "core.change_holiday",
    "core.view_calendaryear",
    "core.add_calendaryear",
    "core.change_calendaryear",
)
grant(("rule_of_law_office",), "core.add_orgunit", "core.change_orgunit", "core.add_post", "core.change_post")
grant(
    ("officer", "window_clerk", "mediator", "grid_worker", "rule_of_law_office"),
    "core.add_person",
    "core.change_person",
)
grant(("officer", "window_clerk", "mediator", "rule_of_law_office"), "core.reveal_person_pii")
grant(STAFF_ROLES, "core.view_attachment")
grant(
    ("officer", "legal_reviewer", "window_clerk", "mediator", "grid_worker", "rule_of_law_office"),
    "core.add_attachment",
)
grant(("auditor",), "core.view_auditevent")
grant(("secadmin",), "core.view_user", "core.add_user", "core.change_user")
# Webhooks to other systems are part of keeping the installation running; the
# delivery log says how each went, not which case it carried.
grant(
    ("sysadmin",),
    "core.view_webhooksubscription",
    "core.add_webhooksubscription",
    "core.change_webhooksubscription",
    "core.view_webhookdelivery",
)


def sync_role_permissions(sender=None, using: str = "default", **kwargs) -> None:
    """Make each role group hold exactly the permissions listed for it.

    Runs after each app's post_migrate (permissions of later apps appear only
    then); a handful of queries, so repeating it is cheap."""
    from django.contrib.auth.models import Group, Permission

    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for code in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=code)
        wanted = {by_name[p] for p in ROLE_PERMISSIONS.get(code, set()) if p in by_name}
        have = set(group.permissions.values_list("pk", flat=True))
        if wanted != have:
            group.permissions.set(wanted)
