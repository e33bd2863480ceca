from django.db import models


class RectificationSource(models.TextChoices):
    """What raised a rectification item (整改事项来源)."""

    CAMPAIGN = "campaign", "专项整治"
    CASE_FILE_REVIEW = "case_file_review", "案卷评查"
    RECONSIDERATION = "reconsideration", "行政复议纠错"
    INSPECTION = "inspection", "督查"
    APPRAISAL = "appraisal", "评议"
    OTHER = "other", "其他"
    JUDICIAL_SUGGESTION = "judicial_suggestion", "司法建议"
    LITIGATION = "litigation", "行政诉讼败诉"


class RectificationStatus(models.TextChoices):
    OPEN = "open", "待整改"
    IN_PROGRESS = "in_progress", "整改中"
    SUBMITTED = "submitted", "已提交销号"
    CLOSED = "closed", "已销号"


class RubricItemKind(models.TextChoices):
    VETO = "veto", "否决项"
    DOCUMENT = "document", "文书项"


class DeductionKind(models.TextChoices):
    """The three deductions of the Chongqing standard's document score."""

    MISSING_DOCUMENT = "missing_document", "缺少必备文书"
    MISSING_ELEMENT = "missing_element", "文书要素缺失"
    WORDING_ERROR = "wording_error", "文字错误或前后不一致"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "评查中"
    COMPLETED = "completed", "已完成"


class ReviewGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


# -- the leaders' duty: the task board, the leading group, meetings, enforcement responsibility --


class TaskStatus(models.TextChoices):
    """Where a task of the year's work plan stands (overdue is shown, not stored)."""

    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"


class GroupRole(models.TextChoices):
    """A member's place in the rule-of-law leading group (依法治镇领导小组)."""

    HEAD = "head", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    OFFICE_DIRECTOR = "office_director", "办公室主任"


class MeetingKind(models.TextChoices):
    SPECIAL = "special", "法治建设专题会议"
    PARTY_COMMITTEE = "party_committee", "党委会议（学习研究法治建设）"
    EXECUTIVE = "executive", "政府常务会议（研究法治事项）"
    LEADING_GROUP = "leading_group", "领导小组会议"
    OTHER = "other", "其他会议"


class AssessmentResult(models.TextChoices):
    """The grades of an officer's yearly assessment."""

    EXCELLENT = "excellent", "优秀"
    COMPETENT = "competent", "称职"
    BASICALLY_COMPETENT = "basically_competent", "基本称职"
    INCOMPETENT = "incompetent", "不称职"


# -- government information disclosure, deputies' proposals, inspections (supervision) --


class InfoCategory(models.TextChoices):
    """What a proactively disclosed item is about: the matters a town must disclose
    besides the general ones (政府信息公开条例第21条), then the general ones (第20条)."""

    RURAL_POLICY = "rural_policy", "贯彻落实农业农村政策"
    IRRIGATION = "irrigation", "农田水利工程建设运营"
    LAND_CONTRACT = "land_contract", "农村土地承包经营权流转"
    HOMESTEAD = "homestead", "宅基地使用情况审核"
    EXPROPRIATION = "expropriation", "土地征收、房屋征收"
    LEVIES = "levies", "筹资筹劳"
    SOCIAL_ASSISTANCE = "social_assistance", "社会救助"
    FUNCTIONS = "functions", "机构职能"
    NORMATIVE = "normative", "规范性文件"
    PLANNING = "planning", "规划计划及相关政策"
    BUDGET = "budget", "财政预算、决算"
    ENFORCEMENT = "enforcement", "行政许可、行政处罚等执法信息"
    SOCIAL_POLICY = "social_policy", "教育、医疗、社会保障、促进就业等政策"
    EMERGENCY = "emergency", "突发公共事件应急"
    SUPERVISION = "supervision", "安全生产、环境保护等监督检查"
    OTHER = "other", "其他"


# The categories of 第21条 (a town's own), in the order of the article.
TOWN_INFO_CATEGORIES = (
    InfoCategory.RURAL_POLICY,
    InfoCategory.IRRIGATION,
    InfoCategory.LAND_CONTRACT,
    InfoCategory.HOMESTEAD,
    InfoCategory.EXPROPRIATION,
    InfoCategory.LEVIES,
    InfoCategory.SOCIAL_ASSISTANCE,
)


class PublishChannel(models.TextChoices):
    PORTAL = "portal", "政府网站（公开平台）"
    NOTICE_BOARD = "notice_board", "政务公开栏"
    OTHER = "other", "其他渠道"


class InfoItemStatus(models.TextChoices):
    DRAFT = "draft", "待公开"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "已失效"


class RequesterKind(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ORGANISATION = "organisation", "法人或其他组织"


class RequestChannel(models.TextChoices):
    IN_PERSON = "in_person", "当面提交"
    LETTER = "letter", "信函"
    ONLINE = "online", "网络（含电子邮件）"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class RequestReply(models.TextChoices):
    """How a request was answered (政府信息公开条例第36条), as the annual report counts them."""

    DISCLOSED = "disclosed", "予以公开"
    PARTLY = "partly", "部分公开"
    WITHHELD = "withheld", "不予公开"
    NOT_EXIST = "not_exist", "无法提供：本机关不掌握相关政府信息"
    NOT_OURS = "not_ours", "不属于本机关负责公开"
    REPEATED = "repeated", "不予处理：重复申请"
    OTHER = "other", "其他处理"


class ProposalKind(models.TextChoices):
    DEPUTY = "deputy", "人大代表建议"
    CPPCC = "cppcc", "政协委员提案"


class ReplyCategory(models.TextChoices):
    """The usual classes of a reply to a deputy's suggestion."""

    A = "A", "A类：所提问题已解决或采纳"
    B = "B", "B类：正在解决或列入计划解决"
    C = "C", "C类：因条件限制留作参考，已作说明"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class InspectionKind(models.TextChoices):
    COUNTY = "county", "县级督查"
    TOWN = "town", "本级督查检查"
    APPRAISAL = "appraisal", "人大代表评议"
    JUDICIAL = "judicial", "司法建议"
    OTHER = "other", "其他监督"
