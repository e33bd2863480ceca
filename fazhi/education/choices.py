"""The choices of the education registers (学法普法)."""

from django.db import models


class StudyKind(models.TextChoices):
    """Where a study session was held. Only the first two count towards the report's
    figure of rule-of-law study by the town's leadership (report-figures.md row 1)."""

    CENTRAL_GROUP = "central_group", "党委理论学习中心组学习"
    ENLARGED_COMMITTEE = "enlarged_committee", "党委扩大会议学法"
    STAFF_MEETING = "staff_meeting", "职工会议学法"
    PRE_MEETING = "pre_meeting", "政府常务会议会前学法"
    OTHER = "other", "其他学法活动"


# The kinds whose rule-of-law sessions the annual report counts (一(一)).
REPORT_STUDY_KINDS = (StudyKind.CENTRAL_GROUP, StudyKind.ENLARGED_COMMITTEE)


class VenueKind(models.TextChoices):
    """Where an outreach event reached its audience."""

    VILLAGE = "village", "村（社区）"
    SCHOOL = "school", "学校"
    ENTERPRISE = "enterprise", "企业"
    MARKET = "market", "集市、场镇"
    OTHER = "other", "其他场所"


class OutreachTopic(models.TextChoices):
    CONSTITUTION = "constitution", "宪法"
    CIVIL_CODE = "civil_code", "民法典"
    ANTI_FRAUD = "anti_fraud", "反诈骗"
    RURAL_REVITALISATION = "rural_revitalisation", "乡村振兴促进法"
    SAFETY = "safety", "安全生产与消防"
    OTHER = "other", "其他法律法规"


class Presenter(models.TextChoices):
    """Who spoke at an outreach event; an event may have several. No code is a part of
    another, so that a stored list ("legal_advisor,staff") is searched by `contains`."""

    LEGAL_ADVISOR = "legal_advisor", "政府法律顾问"
    VILLAGE_ADVISOR = "village_advisor", "村居法律顾问"
    LITERATE_RESIDENTS = "literate_residents", "法律明白人"
    STAFF = "staff", "镇村干部"


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", "法律咨询"
    LEGAL_AID = "legal_aid", "引导申请法律援助"
    DRAFTING = "drafting", "代写法律文书"
    MEDIATION = "mediation", "引导人民调解"
    NOTARISATION = "notarisation", "公证事项指引"
    OTHER = "other", "其他法律服务"


class ServiceOutcome(models.TextChoices):
    RESOLVED = "resolved", "已解答、办结"
    REFERRED = "referred", "已转介相关部门"
    FOLLOWING = "following", "跟进办理中"


class RosterKind(models.TextChoices):
    LITERATE_RESIDENT = "literate_resident", "法律明白人"
    VILLAGE_ADVISOR = "village_advisor", "村居法律顾问"


class TrainingMode(models.TextChoices):
    ONLINE = "online", "网络培训"
    CLASSROOM = "classroom", "线下集中培训"
    ON_THE_JOB = "on_the_job", "岗位实训"
