from django.db import models


class RectificationSource(models.TextChoices):
    """What raised a rectification item (整改事项来源)."""

    CAMPAIGN = "campaign", "专项整治"
    CASE_FILE_REVIEW = "case_file_review", "案卷评查"
    RECONSIDERATION = "reconsideration", "行政复议纠错"
    INSPECTION = "inspection", "督查"
    APPRAISAL = "appraisal", "评议"
    OTHER = "other", "其他"


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
