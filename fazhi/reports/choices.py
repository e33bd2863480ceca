from django.db import models


class ReportKind(models.TextChoices):
    ANNUAL = "annual", "法治政府建设年度报告"
    DISCLOSURE = "disclosure", "政府信息公开工作年度报告"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已审定"
    SUBMITTED = "submitted", "已报送"
    PUBLISHED = "published", "已公开"


class NoticeKind(models.TextChoices):
    DIGEST = "digest", "每日汇总"
    RED = "red", "逾期提醒"


class NoticeChannel(models.TextChoices):
    IN_APP = "in_app", "站内"
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"
    WEBHOOK = "webhook", "推送地址"


class NoticeStatus(models.TextChoices):
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class FlagStatus(models.TextChoices):
    OPEN = "open", "待核实"
    CONFIRMED = "confirmed", "已确认"
    DISMISSED = "dismissed", "已排除"
