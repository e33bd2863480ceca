from django.db import models


class BodyKind(models.TextChoices):
    TOWN = "town", "本镇（法定职权或赋权）"
    COUNTY_DEPARTMENT = "county_department", "县级部门（委托方）"


class Authority(models.TextChoices):
    """Where the town's power over a matter comes from (行政处罚法 第18、20、24条)."""

    STATUTORY = "statutory", "法定职权"
    ASSIGNED = "assigned", "赋权"
    ENTRUSTED = "entrusted", "委托执法"


class PartyKind(models.TextChoices):
    INDIVIDUAL = "individual", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Procedure(models.TextChoices):
    SUMMARY = "summary", "简易程序"
    ORDINARY = "ordinary", "一般程序"


class PenaltyKind(models.TextChoices):
    WARNING = "warning", "警告"
    FINE = "fine", "罚款"
    CONFISCATION = "confiscation", "没收违法所得、非法财物"
    SUSPENSION = "suspension", "责令停产停业、限制开展生产经营活动"
    LICENCE = "licence", "暂扣或吊销许可证件"
    OTHER = "other", "其他"


class CaseSource(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "现场发现"
    COMPLAINT = "complaint", "投诉举报"
    INSPECTION = "inspection", "监督检查"
    REFERRAL = "referral", "移送"
    REPORT = "report", "上级交办"


class DecisionKind(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    FIRST_VIOLATION = "first_violation", "首违不罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立"
    TRANSFER = "transfer", "移送其他机关"


class CaseStatus(models.TextChoices):
    # summary procedure
    RECORDED = "recorded", "当场记录"
    # ordinary procedure
    REGISTERED = "registered", "线索登记"
    FILED = "filed", "已立案"
    INVESTIGATING = "investigating", "调查取证"
    CASE_REVIEW = "case_review", "案件审核"
    LEGAL_REVIEW = "legal_review", "法制审核"
    DELIBERATION = "deliberation", "集体讨论"
    NOTIFIED = "notified", "已事先告知"
    HEARING = "hearing", "听证"
    # both
    DECIDED = "decided", "已作出决定"
    SERVED = "served", "已送达"
    EXECUTING = "executing", "执行中"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "已撤销立案"


class PaymentStatus(models.TextChoices):
    NONE = "none", "无需缴纳"
    DUE = "due", "待缴纳"
    PAID = "paid", "已缴纳"
    DEFERRED = "deferred", "延期或分期"
    COURT = "court", "申请法院强制执行"


class DisclosureStatus(models.TextChoices):
    QUEUED = "queued", "待公示"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "公示期满"
