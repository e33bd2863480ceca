"""Notifications about deadlines: what each user wants to receive, and the log of
every notice sent (a daily digest of what is due soon or overdue, and an immediate
notice when an item turns red), whatever the channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.reports.choices import NoticeChannel, NoticeKind, NoticeStatus


class NotificationPreference(models.Model):
    """A user's channels. In-app notices are always kept; the others are chosen."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference", verbose_name="用户")  # fmt: skip
    daily_digest = models.BooleanField("每日汇总", default=True)
    immediate_red = models.BooleanField("逾期即时提醒", default=True)
    email = models.BooleanField("电子邮件", default=False)
    email_address = models.EmailField("邮箱", blank=True)
    sms = models.BooleanField("短信", default=False)
    phone = models.CharField("手机号", max_length=20, blank=True)
    webhook = models.BooleanField("推送地址", default=False)
    webhook_url = models.URLField("推送地址URL", blank=True, max_length=300)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "提醒设置"
        verbose_name_plural = "提醒设置"

    def __str__(self) -> str:
        return f"{self.user}的提醒设置"


class Notice(models.Model):
    """One notice sent to one user on one channel: the digest of a day, or the red
    notice of one deadline. The unique constraints make the jobs idempotent: one
    digest per user, channel and day; one red notice per user, channel and deadline."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices",
                             verbose_name="接收人")  # fmt: skip
    kind = models.CharField("类型", max_length=16, choices=NoticeKind.choices)
    channel = models.CharField("渠道", max_length=16, choices=NoticeChannel.choices)
    day = models.DateField("日期")
    deadline = models.ForeignKey("core.Deadline", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="期限")  # fmt: skip
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    items = models.PositiveIntegerField("事项数", default=0)
    status = models.CharField("状态", max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.SENT)
    error = models.CharField("失败原因", max_length=300, blank=True)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "提醒记录"
        verbose_name_plural = "提醒记录"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "channel", "day"], condition=Q(kind="digest"),
                                    name="rep_notice_one_digest"),
            models.UniqueConstraint(fields=["user", "channel", "deadline"], condition=Q(kind="red"),
                                    name="rep_notice_one_red"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["user", "read_at"], name="rep_notice_user_unread")]

    def __str__(self) -> str:
        return self.subject
