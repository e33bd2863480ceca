"""Choices of government services (政务服务). One section per area."""

from django.db import models

from fazhi.law.licensing import UNCOUNTED_PROCEDURES

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


# --- Single-window services (一窗受理) ---------------------------------------------------


class ItemKind(models.TextChoices):
    """The kind of a government service item (政务服务事项), as the lists group them."""

    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    BENEFIT = "benefit", "行政给付"
    PUBLIC_SERVICE = "public_service", "公共服务"
    OTHER = "other", "其他行政权力"


class ItemStatus(models.TextChoices):
    """Whether an item is on the published list (清单之外无审批: only published items are accepted)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"
    WITHDRAWN = "withdrawn", "已停用"


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class ApplicationChannel(models.TextChoices):
    """How an application reached the window."""

    WINDOW = "window", "窗口现场申请"
    ONLINE = "online", "网上申请"
    POST = "post", "邮寄申请"
    AGENT = "agent", "村（社区）代办"


class ApplicationState(models.TextChoices):
    """Where an application stands (Application.state); fazhi/services/workflow.py
    holds the transitions."""

    RECEIVED = "received", "已收件待受理"
    NOTIFIED = "notified", "已一次性告知待补正"
    ACCEPTED = "accepted", "已受理"
    REVIEWING = "reviewing", "联审会签中"
    DECIDED = "decided", "已作出决定"
    DELIVERED = "delivered", "已送达办结"
    REFUSED = "refused", "不予受理"
    WITHDRAWN = "withdrawn", "申请人撤回"


class ApplicationOutcome(models.TextChoices):
    APPROVED = "approved", "准予（办结）"
    DENIED = "denied", "不予准予"


class OpinionState(models.TextChoices):
    """A reviewing post's opinion on an application in joint review (会签)."""

    PENDING = "pending", "待出具意见"
    AGREED = "agreed", "同意"
    DISAGREED = "disagreed", "不同意"


# What stops the clock, from the rulebook (行政许可法 第45条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审).
PauseReason = models.TextChoices(
    "PauseReason", [(code.upper(), (code, label)) for code, label in UNCOUNTED_PROCEDURES.items()]
)


class DeliveryMethod(models.TextChoices):
    WINDOW = "window", "窗口领取"
    POST = "post", "邮寄送达"
    ONLINE = "online", "网上送达"


class ServiceRating(models.IntegerChoices):
    """The applicant's rating (政务服务好差评: five grades; 3 and above count as good)."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASIC = 3, "基本满意"
    UNSATISFIED = 2, "不满意"
    VERY_UNSATISFIED = 1, "非常不满意"
