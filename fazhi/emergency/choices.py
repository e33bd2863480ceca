"""Choices of emergency management (应急管理): plans, drills and teams."""

from django.db import models


class PlanCategory(models.TextChoices):
    """The four kinds of public emergency that 突发事件应对法 names; each plan covers one."""

    NATURAL_DISASTER = "natural_disaster", "自然灾害类"
    ACCIDENT = "accident", "事故灾难类"
    PUBLIC_HEALTH = "public_health", "公共卫生事件类"
    SOCIAL_SAFETY = "social_safety", "社会安全事件类"


class PlanLevel(models.TextChoices):
    TOWN = "town", "镇级"
    VILLAGE = "village", "村（社区）级"


class PlanStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    SUPERSEDED = "superseded", "已被替代"
    REPEALED = "repealed", "已废止"


class DrillKind(models.TextChoices):
    GEOLOGICAL_HAZARD = "geological_hazard", "地质灾害避险"
    FLOOD = "flood", "防汛"
    FIRE_EVACUATION = "fire_evacuation", "消防疏散"
    FOREST_FIRE = "forest_fire", "森林防灭火"
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", "危险化学品"
    PUBLIC_HEALTH = "public_health", "公共卫生"
    EARTHQUAKE = "earthquake", "地震"
    OTHER = "other", "其他"


class TeamKind(models.TextChoices):
    MILITIA = "militia", "镇民兵应急分队"
    VILLAGE = "village", "村（社区）应急队"
    SPECIALIST = "specialist", "专业应急队伍"


class MemberRole(models.TextChoices):
    CAPTAIN = "captain", "队长"
    DEPUTY = "deputy", "副队长"
    MEMBER = "member", "队员"
