"""The user's own writes about notices, each one transaction with its audit event:
saving their channels (reports.notificationpreference.changed) and marking their
in-app notices read (reports.notice.read)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.roles import STAFF_ROLES
from fazhi.reports.choices import NoticeChannel
from fazhi.reports.models.notify import Notice, NotificationPreference
from fazhi.reports.notify.channels import mask_phone

FIELDS = ("daily_digest", "immediate_red", "email", "email_address", "sms", "phone", "webhook", "webhook_url")


def may_receive(user) -> bool:
    """Notices are for staff with a unit: the three administrators get none."""
    return bool(getattr(user, "is_authenticated", False) and user.org_unit_id and user.has_role(*STAFF_ROLES))


def require_receiver(user) -> None:
    if not may_receive(user):
        raise PermissionDenied("期限提醒只发给有所属单位的业务人员，您的账号不接收提醒")


def _logged(preference: NotificationPreference) -> dict[str, Any]:
    """What the audit event keeps: the phone masked, of the address only its host
    (a receiver may put a token in its path or query)."""
    values = {name: getattr(preference, name) for name in FIELDS}
    values["phone"] = mask_phone(values["phone"]) if values["phone"] else ""
    values["webhook_url"] = urlsplit(values["webhook_url"]).netloc if values["webhook_url"] else ""
    return values


@audit.audited
def save_preference(*, actor: Any, data: dict[str, Any]) -> NotificationPreference:
    """The actor's own channels (nobody sets another's)."""
    require_receiver(actor)
    preference, created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = None if created else _logged(preference)
    for name in FIELDS:
        if name in data:
            setattr(preference, name, data[name])
    preference.save()
    after = _logged(preference)
    if before != after:
        audit.record(actor=actor, action="reports.notificationpreference.changed", target=preference,
                     old=before, new=after)  # fmt: skip
    return preference


@audit.audited
def mark_read(*, actor: Any, notice: Notice | None = None) -> int:
    """Mark one of the actor's unread in-app notices read, or all of them (no
    notice given); returns how many were marked."""
    qs = Notice.objects.filter(user=actor, channel=NoticeChannel.IN_APP, read_at__isnull=True)
    if notice is not None:
        if notice.user_id != actor.pk:
            raise PermissionDenied("只能处理本人的提醒")
        qs = qs.filter(pk=notice.pk)
    ids = list(qs.select_for_update().values_list("pk", flat=True))
    if not ids:
        return 0
    Notice.objects.filter(pk__in=ids).update(read_at=timezone.now())
    if notice is not None:
        audit.record(actor=actor, action="reports.notice.read", target=notice, target_repr=notice.subject)
    else:
        audit.record(actor=actor, action="reports.notice.read_all", target_repr="我的提醒",
                     new={"count": len(ids)})  # fmt: skip
    return len(ids)
