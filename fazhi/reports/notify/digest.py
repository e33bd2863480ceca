"""What the notices say, who gets them, and the sending, for the periodic jobs
(fazhi/reports/tasks.py):

- `send_digests(day)`: each active staff user who wants the daily digest and has
  anything red or yellow of their own on the warnings board (`warnings.board(user,
  scope="mine")`) gets one digest per chosen channel (in-app always) for the day;
- `send_red_notices(day)`: each open deadline that is overdue on `day` (due the day
  before or earlier, within FAZHI_RED_NOTICE_MAX_DAYS) gets one red notice per
  chosen channel to its owner, or with no owner to each holder of its post.

Both are idempotent: a notice already logged (sent or failed) for the same user and
channel, and day (digest) or deadline (red), is not sent again; the unique
constraints of `Notice` hold that even when two runs overlap. A channel is tried
outside any transaction (a webhook may take seconds; on SQLite a transaction holds
the write lock); then its Notice row, sent or failed with the Chinese error, is
written in one transaction with its audit event (reports.notice.sent /
reports.notice.failed). A failed channel does not stop the others, and is not
retried: the in-app notice is always there.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Q

from fazhi.core import audit, workdays
from fazhi.core.choices import AuditResult
from fazhi.core.models import Deadline, User
from fazhi.core.roles import STAFF_ROLES
from fazhi.core.workdays import CalendarNotCovered
from fazhi.reports import warnings
from fazhi.reports.choices import NoticeKind, NoticeStatus
from fazhi.reports.models.notify import Notice
from fazhi.reports.notify.channels import CHANNELS, ChannelError, chosen, preference_of

logger = logging.getLogger("fazhi.notices")

MAX_LINES = 50  # items written out in a digest's text; the rest are counted
SIGNATURE = "本提醒由法治政府建设平台自动发送，可在“我的提醒设置”中选择接收渠道。"


class Tally(NamedTuple):
    """What a run did: notices sent, and notices that failed (both logged)."""

    sent: int = 0
    failed: int = 0


@dataclass
class Message:
    subject: str
    body: str
    items: list[dict[str, Any]] = field(default_factory=list)


# -- the text -----------------------------------------------------------------------


def site_url(path: str) -> str:
    """A record's address as a notice prints it: absolute under FAZHI_SITE_URL (the
    staff site's address), else FAZHI_PUBLIC_URL; the path alone when neither is set."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    base = getattr(settings, "FAZHI_SITE_URL", "") or getattr(settings, "FAZHI_PUBLIC_URL", "")
    return base.rstrip("/") + "/" + path.lstrip("/") if base else path


def item_data(item: warnings.WarningItem) -> dict[str, Any]:
    d = item.deadline
    return {
        "deadline": d.pk,
        "level": item.level,
        "level_label": item.level_label,
        "when": item.when,
        "label": d.label,
        "record": d.record_label,
        "due_date": d.due_date.isoformat(),
        "citation": d.citation,
        "url": site_url(d.url),
    }


def _line(n: int, item: warnings.WarningItem) -> str:
    d = item.deadline
    text = f"{n}. {d.label}：{d.record_label}，到期日{d.due_date:%Y-%m-%d}，{item.level_label}（{item.when}）"
    url = site_url(d.url)
    return f"{text}\n   {url}" if url else text


def _day_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def digest_items(user, day: dt.date) -> tuple[list[warnings.WarningItem], str]:
    """The user's own red and yellow items on `day`, red first, and a note when the
    year's calendar is missing (then only the red ones, which need no calendar)."""
    try:
        return warnings.board(user, scope="mine", today=day), ""
    except CalendarNotCovered as exc:
        items = warnings.board(user, scope="mine", only=warnings.RED, today=day)
        return items, f"{exc}；临期事项暂无法计算，以下仅列逾期事项。"


def digest_for(user, day: dt.date) -> Message | None:
    """The digest of a user's day, or None when nothing is red or yellow."""
    items, note = digest_items(user, day)
    if not items:
        return None
    red = [i for i in items if i.level == warnings.RED]
    yellow = [i for i in items if i.level == warnings.YELLOW]
    subject = f"【预警汇总】{day.month}月{day.day}日：逾期{len(red)}项，临期{len(yellow)}项"
    lines = [
        f"{user}，您好：",
        "",
        f"截至{_day_text(day)}，您负责的事项中逾期{len(red)}项、临期{len(yellow)}项"
        f"（临期指{warnings.window_days()}个工作日内到期）。",
    ]
    if note:
        lines += ["", note]
    written = 0
    for title, group in (("【逾期】", red), ("【临期】", yellow)):
        if not group:
            continue
        lines += ["", title]
        for n, item in enumerate(group, start=1):
            if written >= MAX_LINES:
                lines.append(f"另有{len(items) - written}项，请登录平台在“预警”中查看。")
                break
            lines.append(_line(n, item))
            written += 1
        if written >= MAX_LINES and len(items) > written:
            break
    lines += ["", "请及时办理。", SIGNATURE]
    return Message(subject=subject, body="\n".join(lines), items=[item_data(i) for i in items])


def red_notice_for(user, deadline: Deadline, day: dt.date) -> Message:
    item = warnings.WarningItem(deadline, warnings.RED, (day - deadline.due_date).days)
    subject = f"【逾期提醒】{deadline.record_label}：{deadline.label}"[:200]
    lines = [
        f"{user}，您好：",
        "",
        f"您负责的以下事项已逾期（{item.when}）：",
        f"事项：{deadline.label}",
        f"记录：{deadline.record_label}",
        f"到期日：{deadline.due_date:%Y-%m-%d}",
    ]
    if deadline.citation:
        lines.append(f"依据：{deadline.citation}")
    url = site_url(deadline.url)
    if url:
        lines.append(f"链接：{url}")
    lines += ["", "请尽快办理。", SIGNATURE]
    return Message(subject=subject, body="\n".join(lines), items=[item_data(item)])


# -- sending ------------------------------------------------------------------------


def staff_users():
    """Who receives notices: active accounts of a unit with a staff role (the three
    administrators hold no register data and get none)."""
    return (
        User.objects.filter(is_active=True, org_unit__isnull=False, groups__name__in=STAFF_ROLES)
        .select_related("org_unit", "notification_preference")
        .distinct()
    )


def _ref(kind: str, user, day: dt.date, deadline: Deadline | None) -> str:
    """The same key for every attempt at one notice: receivers drop repeats by it."""
    return f"{kind}-{user.pk}-{deadline.pk if deadline else day.isoformat()}"


def deliver(user, channel: str, kind: str, day: dt.date, message: Message,
            deadline: Deadline | None = None) -> Notice | None:  # fmt: skip
    """Send one notice on one channel and log it (a Notice row and an audit event, in
    one transaction). None when another run logged it first."""
    error = ""
    try:
        CHANNELS[channel].send(user, message.subject, message.body, items=message.items, kind=kind,
                               ref=_ref(kind, user, day, deadline))  # fmt: skip
    except ChannelError as exc:
        error = str(exc) or "发送失败"
    except Exception as exc:  # a bug or an unexpected failure of one channel: the others go on
        logger.exception("notice %s to %s on %s failed", kind, user.get_username(), channel)
        error = f"发送出错：{type(exc).__name__}"
    status = NoticeStatus.FAILED if error else NoticeStatus.SENT
    try:
        with audit.batch():
            notice = Notice.objects.create(
                user=user, kind=kind, channel=channel, day=day, deadline=deadline, subject=message.subject[:200],
                body=message.body, items=len(message.items), status=status, error=error[:300],
            )  # fmt: skip
            audit.record(
                actor=None,
                action="reports.notice.failed" if error else "reports.notice.sent",
                target=notice,
                org_unit_id=user.org_unit_id,
                target_repr=f"{user.get_username()}：{notice.subject}",
                new={
                    "user": user.pk,
                    "kind": kind,
                    "channel": channel,
                    "day": day,
                    "status": status,
                    "deadline": deadline.pk if deadline else None,
                    "items": len(message.items),
                },
                result=AuditResult.FAILURE if error else AuditResult.SUCCESS,
                message=error,
            )
    except IntegrityError:
        logger.warning("notice %s to %s on %s for %s: logged by another run", kind, user.get_username(),
                       channel, day)  # fmt: skip
        return None
    logger.info("notice %s to %s on %s for %s: %s%s", kind, user.get_username(), channel, day, status,
                f" ({error})" if error else "")  # fmt: skip
    return notice


def _count(tally: Tally, notice: Notice | None) -> Tally:
    if notice is None:
        return tally
    if notice.status == NoticeStatus.SENT:
        return tally._replace(sent=tally.sent + 1)
    return tally._replace(failed=tally.failed + 1)


def digest_until(day: dt.date) -> dt.date:
    """The last due date a digest of `day` lists (the day before when the year's
    calendar is missing: then only the red items)."""
    try:
        return warnings.yellow_until(day, warnings.window_days())
    except CalendarNotCovered:
        return day - dt.timedelta(days=1)


def digest_recipients(day: dt.date):
    """The staff users who may have something on their digest: owners of open
    deadlines due by then, and holders of the posts of those no one owns."""
    due = Deadline.objects.filter(closed_at__isnull=True, due_date__lte=digest_until(day))
    owners = due.filter(owner__isnull=False).values("owner_id")
    holders = due.filter(owner__isnull=True, post__isnull=False).values("post__holders")
    return staff_users().filter(Q(pk__in=owners) | Q(person__in=holders)).order_by("pk")


def send_digests(day: dt.date) -> Tally:
    """One digest per user, chosen channel and day; returns what was sent and failed."""
    tally = Tally()
    for user in list(digest_recipients(day)):
        preference = preference_of(user)
        if not preference.daily_digest:
            continue
        done = set(
            Notice.objects.filter(user=user, kind=NoticeKind.DIGEST, day=day).values_list(
                "channel", flat=True
            )
        )
        todo = [c for c in chosen(preference) if c not in done]
        if not todo:
            continue
        message = digest_for(user, day)
        if message is None:
            continue
        for channel in todo:
            tally = _count(tally, deliver(user, channel, NoticeKind.DIGEST, day, message))
    logger.info("digests of %s: %d sent, %d failed", day, tally.sent, tally.failed)
    return tally


def overdue_deadlines(day: dt.date):
    """The open deadlines red on `day` that a red notice is for: due the day before
    or earlier, and not more than FAZHI_RED_NOTICE_MAX_DAYS days ago (0: any), so
    that the first run does not send one notice for every item ever overdue (those
    are in the daily digest)."""
    qs = Deadline.objects.filter(closed_at__isnull=True, due_date__lt=day)
    max_days = int(getattr(settings, "FAZHI_RED_NOTICE_MAX_DAYS", 30))
    if max_days > 0:
        qs = qs.filter(due_date__gte=day - dt.timedelta(days=max_days))
    return qs.select_related("org_unit").order_by("due_date", "id")


def _in_scope(user, deadline: Deadline) -> bool:
    return deadline.org_unit.path.startswith(user.org_unit.path)


def send_red_notices(day: dt.date) -> Tally:
    """One red notice per overdue deadline, recipient and chosen channel."""
    deadlines = list(overdue_deadlines(day))
    if not deadlines:
        return Tally()
    done = set(
        Notice.objects.filter(
            kind=NoticeKind.RED, deadline__in=overdue_deadlines(day).values("pk")
        ).values_list("deadline_id", "user_id", "channel")
    )
    post_ids = {d.post_id for d in deadlines if d.owner_id is None and d.post_id}
    holders: dict[int, set[int]] = defaultdict(set)
    for post_id, user_id in User.objects.filter(person__posts__in=post_ids).values_list(
        "person__posts", "pk"
    ):
        holders[post_id].add(user_id)
    wanted = {d.owner_id for d in deadlines if d.owner_id} | {u for ids in holders.values() for u in ids}
    users = {u.pk: u for u in staff_users().filter(pk__in=wanted)}
    tally = Tally()
    for deadline in deadlines:
        recipients = [deadline.owner_id] if deadline.owner_id else sorted(holders.get(deadline.post_id, ()))
        for user_id in recipients:
            user = users.get(user_id)
            if user is None or not _in_scope(user, deadline):
                continue
            preference = preference_of(user)
            if not preference.immediate_red:
                continue
            todo = [c for c in chosen(preference) if (deadline.pk, user.pk, c) not in done]
            if not todo:
                continue
            message = red_notice_for(user, deadline, day)
            for channel in todo:
                tally = _count(tally, deliver(user, channel, NoticeKind.RED, day, message, deadline))
    logger.info("red notices of %s: %d sent, %d failed", day, tally.sent, tally.failed)
    return tally


def is_digest_day(day: dt.date) -> bool:
    """The digest goes out on working days (Monday to Friday when the year's calendar
    is missing)."""
    try:
        return workdays.is_working_day(day)
    except CalendarNotCovered:
        return day.weekday() < 5
