"""The channels a notice goes out on. Each has `send(user, subject, body, *, items)`,
which returns when the message has left and raises `ChannelError` (its message in
Chinese, kept on the failed Notice) when it has not:

- in-app (站内): nothing to send, the Notice row is the message;
- email (电子邮件): Django's email backend, from DEFAULT_FROM_EMAIL, to the address
  the user gave (or their account's);
- webhook (推送地址): a JSON POST to the user's address, checked against server-side
  request forgery and connected to the checked addresses as core's webhooks are
  (`fazhi.core.webhooks.post`), signed like them when FAZHI_NOTICE_WEBHOOK_SECRET
  is set;
- SMS (短信): through an `SmsGateway`, the class named by FAZHI_SMS_GATEWAY; the
  default `LoggingSmsGateway` only writes the message to the `fazhi.sms` logger,
  for installations without a gateway contract (and for tests).

`items` is the structured content (one dict per deadline) that the webhook sends
beside the text; the other channels send the text.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.utils.module_loading import import_string

from fazhi.reports.choices import NoticeChannel

DEFAULT_SMS_GATEWAY = "fazhi.reports.notify.channels.LoggingSmsGateway"
SMS_MAX_CHARS = 300  # a long message is several SMS; the digest's text is on the platform

sms_logger = logging.getLogger("fazhi.sms")


class ChannelError(Exception):
    """A notice that did not leave; the message is Chinese and is shown to the user."""


def preference_of(user):
    """The user's channel settings, or an unsaved default (digest and red notices
    in-app only) when they never saved any."""
    from fazhi.reports.models.notify import NotificationPreference

    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def mask_phone(phone: str) -> str:
    """138****5678: what the logs keep of a phone number."""
    phone = phone or ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


# -- SMS gateways --------------------------------------------------------------------


@runtime_checkable
class SmsGateway(Protocol):
    """An SMS provider's client: `send` returns once the provider accepted the
    message, and raises (ChannelError with a Chinese message, or anything else)
    when it did not."""

    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsGateway:
    """No provider: each message is written to the `fazhi.sms` logger (the phone
    number masked), so that the rest works and can be checked before a contract
    with a provider exists."""

    def send(self, phone: str, text: str) -> None:
        sms_logger.info("短信（未接入短信网关，仅记录）发往 %s：%s", mask_phone(phone), text)


def sms_gateway() -> SmsGateway:
    """An instance of the class FAZHI_SMS_GATEWAY names (dotted path)."""
    path = getattr(settings, "FAZHI_SMS_GATEWAY", "") or DEFAULT_SMS_GATEWAY
    try:
        gateway = import_string(path)()
    except Exception as exc:
        raise ChannelError(f"短信网关配置有误（FAZHI_SMS_GATEWAY={path}）：{exc}") from exc
    if not isinstance(gateway, SmsGateway):
        raise ChannelError(f"短信网关配置有误（FAZHI_SMS_GATEWAY={path}）：缺少 send(phone, text) 方法")
    return gateway


# -- the channels --------------------------------------------------------------------


class Channel:
    code: str = ""

    def send(self, user, subject: str, body: str, *, items: list[dict[str, Any]], kind: str = "",
             ref: str = "") -> None:  # fmt: skip
        """Send one message; `kind` (digest, red) and `ref` (a key that is the same
        for every attempt at the same notice) are for channels that carry them."""
        raise NotImplementedError


class InAppChannel(Channel):
    code = NoticeChannel.IN_APP

    def send(self, user, subject, body, *, items, kind="", ref=""):
        return None  # the Notice row is the message


class EmailChannel(Channel):
    code = NoticeChannel.EMAIL

    def send(self, user, subject, body, *, items, kind="", ref=""):
        address = preference_of(user).email_address or user.email
        if not address:
            raise ChannelError("未填写接收提醒的邮箱")
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 30
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address],
                      connection=get_connection(timeout=timeout))  # fmt: skip
        except Exception as exc:  # SMTP refusals, a server that does not answer, a bad address
            raise ChannelError(f"邮件发送失败：{exc}"[:300]) from exc


class WebhookChannel(Channel):
    code = NoticeChannel.WEBHOOK
    EVENTS = {"digest": "reports.notice.digest", "red": "reports.notice.red"}

    def send(self, user, subject, body, *, items, kind="", ref=""):
        from fazhi.core import webhooks

        url = preference_of(user).webhook_url
        if not url:
            raise ChannelError("未填写推送地址")
        event = self.EVENTS.get(kind, "reports.notice")
        payload = {
            "event": event,
            "notice": ref,
            "user": user.get_username(),
            "subject": subject,
            "body": body,
            "items": items,
        }
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": webhooks.USER_AGENT,
            "X-Fazhi-Event": event,
            "X-Fazhi-Delivery": ref or str(uuid.uuid4()),
        }
        secret = getattr(settings, "FAZHI_NOTICE_WEBHOOK_SECRET", "")
        if secret:
            headers["X-Fazhi-Signature"] = webhooks.sign(secret, data)
        code, error = webhooks.post(url, data, headers, float(settings.FAZHI_WEBHOOK_TIMEOUT_SECONDS))
        if code is None or not 200 <= code < 300:
            raise ChannelError(f"推送失败：{error or f'对方返回 HTTP {code}'}"[:300])


class SmsChannel(Channel):
    code = NoticeChannel.SMS

    def send(self, user, subject, body, *, items, kind="", ref=""):
        phone = preference_of(user).phone
        if not phone:
            raise ChannelError("未填写接收短信的手机号")
        text = f"{subject}。详情请登录法治政府建设平台查看。"[:SMS_MAX_CHARS]
        gateway = sms_gateway()
        try:
            gateway.send(phone, text)
        except ChannelError:
            raise
        except Exception as exc:
            raise ChannelError(f"短信发送失败：{exc}"[:300]) from exc


CHANNELS: dict[str, Channel] = {
    c.code: c for c in (InAppChannel(), EmailChannel(), SmsChannel(), WebhookChannel())
}
ORDER = [NoticeChannel.IN_APP, NoticeChannel.EMAIL, NoticeChannel.SMS, NoticeChannel.WEBHOOK]


def chosen(preference) -> list[str]:
    """The channels a user's notices go out on: in-app always, then those chosen."""
    codes = [NoticeChannel.IN_APP]
    if preference.email:
        codes.append(NoticeChannel.EMAIL)
    if preference.sms:
        codes.append(NoticeChannel.SMS)
    if preference.webhook:
        codes.append(NoticeChannel.WEBHOOK)
    return [str(c) for c in codes]
