"""Choices of government services (政务服务). One section per area."""

from django.db import models

# --- Market entities ---------------------------------------------------------------


class EntityType(models.TextChoices):
    """The kind of a market entity (市场主体), as the annual report counts them."""

    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    OTHER = "other", "其他"


class EntityStatus(models.TextChoices):
    EXISTING = "existing", "存续"
    CANCELLED = "cancelled", "注销"


class VisitState(models.TextChoices):
    """Where the follow-up of an enterprise visit stands (EnterpriseVisit.state)."""

    NONE = "none", "无需跟进"
    OPEN = "open", "跟进中"
    OVERDUE = "overdue", "已逾期"
    RESOLVED = "resolved", "已解决"
