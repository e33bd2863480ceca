"""API of the education registers, under /api/v1/education/: list, read, create
and update through the same actions as the pages; another town's record is a 404."""

from __future__ import annotations

from fazhi.core.api.base import RegisterViewSet
from fazhi.education import definitions
from fazhi.education.api.serializers import (
    LegalServiceSerializer,
    OutreachEventSerializer,
    RosterMemberSerializer,
    StaffTrainingSerializer,
    StudySessionSerializer,
)


class StudySessionViewSet(RegisterViewSet):
    """学法活动：理论学习中心组、党委扩大会议、会前学法、职工会议学法。counted=true 为计入年度报告的法治专题学习。"""

    register = definitions.study_sessions
    serializer_class = StudySessionSerializer
    ordering_fields = ["held_on", "kind"]


class OutreachEventViewSet(RegisterViewSet):
    """普法活动：场所、主题、受众人次、宣讲人员；12月4日的活动自动标记为国家宪法日活动。"""

    register = definitions.outreach_events
    serializer_class = OutreachEventSerializer
    ordering_fields = ["held_on", "audience"]


class LegalServiceViewSet(RegisterViewSet):
    """公共法律服务。服务对象姓名和电话只写入，读取时隐去（*_masked）。"""

    register = definitions.legal_services
    serializer_class = LegalServiceSerializer
    ordering_fields = ["served_on", "kind"]


class RosterMemberViewSet(RegisterViewSet):
    """法律明白人和村居法律顾问名册。电话只写入，读取时隐去（phone_masked）。"""

    register = definitions.roster
    serializer_class = RosterMemberSerializer
    ordering_fields = ["name", "kind", "trained_on"]


class StaffTrainingViewSet(RegisterViewSet):
    """干部学法培训：网络培训、线下集中培训、岗位实训。"""

    register = definitions.trainings
    serializer_class = StaffTrainingSerializer
    ordering_fields = ["starts_on", "participants"]
