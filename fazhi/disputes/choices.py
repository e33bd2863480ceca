from django.db import models

# --- Mediation organisations ---------------------------------------------------------


class CommitteeLevel(models.TextChoices):
    TOWN = "town", "镇（乡、街道）人民调解委员会"
    VILLAGE = "village", "村人民调解委员会"
    COMMUNITY = "community", "社区人民调解委员会"
    INDUSTRY = "industry", "行业性、专业性人民调解委员会"


class MediatorRole(models.TextChoices):
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    MEMBER = "member", "委员"
    MEDIATOR = "mediator", "调解员"


class RoomKind(models.TextChoices):
    COURT = "court", "驻法庭调解室"
    POLICE = "police", "驻派出所调解室"
    PETITION = "petition", "驻信访接待场所调解室"
    OTHER = "other", "其他调解室"


# --- Disputes ------------------------------------------------------------------------


class DisputeSource(models.TextChoices):
    GRID = "grid", "网格员排查"
    WALK_IN = "walk_in", "群众来访"
    COURT = "court", "法院委派"
    POLICE = "police", "公安机关移送"
    PETITION = "petition", "信访部门转交"
    OTHER = "other", "其他"


class DisputeCategory(models.TextChoices):
    NEIGHBOURS = "neighbours", "邻里纠纷"
    FAMILY = "family", "婚姻家庭纠纷"
    LAND = "land", "山林土地纠纷"
    LABOUR = "labour", "劳动争议"
    CONTRACT = "contract", "合同纠纷"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    OTHER = "other", "其他纠纷"


class RiskLevel(models.TextChoices):
    """The chance that the dispute escalates (矛盾激化风险)."""

    LOW = "low", "一般"
    MEDIUM = "medium", "较大"
    HIGH = "high", "重大（可能激化）"


class DisputeStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ASSIGNED = "assigned", "已分派"
    MEDIATING = "mediating", "调解中"
    RESOLVED = "resolved", "调解成功"
    UNRESOLVED = "unresolved", "调解不成"
    CLOSED = "closed", "已结案"


class AgreementForm(models.TextChoices):
    WRITTEN = "written", "书面调解协议"
    ORAL = "oral", "口头调解协议"


class Referral(models.TextChoices):
    LITIGATION = "litigation", "引导诉讼"
    ARBITRATION = "arbitration", "引导仲裁"
    OTHER_BODY = "other_body", "移交有关部门"
    NONE = "none", "当事人放弃"


class ConfirmationResult(models.TextChoices):
    CONFIRMED = "confirmed", "裁定确认有效"
    REJECTED = "rejected", "驳回申请"


class PartyKind(models.TextChoices):
    INDIVIDUAL = "individual", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


# --- Reconsideration and litigation --------------------------------------------------


class ReconsiderationStatus(models.TextChoices):
    RECEIVED = "received", "已收到答复通知"
    REPLIED = "replied", "已提交答复"
    DECIDED = "decided", "已作出复议决定"
    ENDED = "ended", "已终止"


class ReconsiderationOutcome(models.TextChoices):
    UPHELD = "upheld", "维持"
    REVOKED = "revoked", "撤销"
    CHANGED = "changed", "变更"
    CONFIRMED_UNLAWFUL = "unlawful", "确认违法"
    ORDERED_TO_ACT = "ordered", "责令履行"
    DISMISSED = "dismissed", "驳回复议请求"
    WITHDRAWN = "withdrawn", "申请人撤回申请（终止）"
    SETTLED = "settled", "调解或和解结案"


# Outcomes that correct the town (纠错): a lost case opens a rectification item.
CORRECTING_OUTCOMES = (
    ReconsiderationOutcome.REVOKED,
    ReconsiderationOutcome.CHANGED,
    ReconsiderationOutcome.CONFIRMED_UNLAWFUL,
    ReconsiderationOutcome.ORDERED_TO_ACT,
)


class LitigationStatus(models.TextChoices):
    RECEIVED = "received", "已收到起诉状副本"
    DEFENDED = "defended", "已提交答辩"
    JUDGED = "judged", "已裁判"
    APPEALED = "appealed", "上诉中"
    ENDED = "ended", "已结案"


class LitigationOutcome(models.TextChoices):
    CLAIM_DISMISSED = "dismissed", "驳回诉讼请求"
    REVOKED = "revoked", "撤销行政行为"
    CHANGED = "changed", "变更"
    CONFIRMED_UNLAWFUL = "unlawful", "确认违法"
    CONFIRMED_VOID = "void", "确认无效"
    ORDERED_TO_ACT = "ordered", "判决履行"
    COMPENSATION = "compensation", "判决赔偿或补偿"
    WITHDRAWN = "withdrawn", "原告撤诉"
    RULING_DISMISSED = "ruling_dismissed", "裁定驳回起诉"


class RemedyDeadlineState(models.TextChoices):
    """Where a reconsideration reply or a litigation defence stands against its due date
    (the list filters of both registers)."""

    PENDING = "pending", "未到期"
    OVERDUE = "overdue", "已逾期未办"
    ON_TIME = "on_time", "按期办理"
    LATE = "late", "逾期办理"
