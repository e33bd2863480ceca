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
