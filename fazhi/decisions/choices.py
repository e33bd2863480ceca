from django.db import models

# --- Legal advisor -----------------------------------------------------------------


class ActivityKind(models.TextChoices):
    """What the legal advisor did (法律顾问履职情况), as the annual report counts it."""

    CONTRACT_REVIEW = "contract_review", "合同审查"
    TRAINING = "training", "法治培训"
    LECTURE = "lecture", "法治讲座"
    DECISION_MEETING = "decision_meeting", "列席政府决策会议"
    DOCUMENT_REVIEW = "document_review", "规范性文件审核"
    LITIGATION = "litigation", "诉讼代理"
    CONSULTATION = "consultation", "法律咨询"
    OTHER = "other", "其他"


class ContractOpinion(models.TextChoices):
    APPROVED = "approved", "同意签订"
    APPROVED_WITH_CHANGES = "changes", "修改后签订"
    NOT_APPROVED = "not_approved", "不宜签订"


# --- Normative documents -----------------------------------------------------------


class DocumentStatus(models.TextChoices):
    """The life of a normative document (行政规范性文件)."""

    DRAFTING = "drafting", "起草中"
    COMMENTING = "commenting", "征求意见"
    REVIEWING = "reviewing", "合法性审核"
    DELIBERATING = "deliberating", "待集体审议"
    APPROVED = "approved", "审议通过"
    ISSUED = "issued", "已印发"
    PUBLISHED = "published", "已公布"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"
    ABANDONED = "abandoned", "终止制定"


class ReviewOpinion(models.TextChoices):
    """The reviewer's conclusion on legality (合法性审核/审查意见)."""

    LAWFUL = "lawful", "合法"
    LAWFUL_WITH_CHANGES = "changes", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


class CleanupOutcome(models.TextChoices):
    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"


class CommentChannel(models.TextChoices):
    PORTAL = "portal", "门户网站"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    MEETING = "meeting", "座谈会"
    HEARING = "hearing", "听证会"
    SURVEY = "survey", "问卷调查"
    OTHER = "other", "其他"


# --- Major decisions ---------------------------------------------------------------


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    APPROVED = "approved", "已审定"
    PUBLISHED = "published", "已公布"


class DecisionStatus(models.TextChoices):
    """The life of a major administrative decision (重大行政决策)."""

    PLANNED = "planned", "已列入目录"
    IN_PROCEDURE = "in_procedure", "履行法定程序"
    DECIDED = "decided", "已作出决定"
    REPORTED = "reported", "已向党委报告"
    PUBLISHED = "published", "已公布"
    IMPLEMENTING = "implementing", "执行中"
    EVALUATED = "evaluated", "已后评估"
    SHELVED = "shelved", "暂缓或终止"


class StepState(models.TextChoices):
    PENDING = "pending", "未开始"
    STARTED = "started", "进行中"
    DONE = "done", "已完成"
    NOT_APPLICABLE = "not_applicable", "不适用"


class RiskLevel(models.TextChoices):
    LOW = "low", "低风险"
    MEDIUM = "medium", "中风险"
    HIGH = "high", "高风险"


class DeliberationOutcome(models.TextChoices):
    ADOPTED = "adopted", "通过"
    ADOPTED_WITH_CHANGES = "changes", "修改后通过"
    POSTPONED = "postponed", "暂缓决定"
    REJECTED = "rejected", "不予通过"


class MemberPosition(models.TextChoices):
    AGREE = "agree", "同意"
    AGREE_WITH_CHANGES = "changes", "原则同意并提出修改意见"
    DISAGREE = "disagree", "不同意"
    ABSTAIN = "abstain", "弃权"
