from django.db import models


class OrgKind(models.TextChoices):
    COUNTY = "county", "县（区）"
    TOWN = "town", "镇（乡、街道）"
    OFFICE = "office", "镇内设机构"
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班"


class CalendarSource(models.TextChoices):
    PACKAGE = "package", "国务院放假通知（chinesecalendar）"
    MANUAL = "manual", "管理员录入"


class AuditResult(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
    DENIED = "denied", "拒绝"


class DeliveryStatus(models.TextChoices):
    """A webhook delivery (推送记录): waiting for an answer in 2xx, answered, given up."""

    PENDING = "pending", "待投递"
    DELIVERED = "delivered", "已送达"
    FAILED = "failed", "投递失败"
