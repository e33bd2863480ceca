"""API of the leaders' duty registers, under /api/v1/oversight/. The serializers
validate through the page forms; a task's progress is its own endpoint
(…/tasks/<id>/progress/), never a PATCH of its status; the special meetings per
quarter of a year are …/meetings/quarters/?year=."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.oversight import statistics_duty as stats
from fazhi.oversight.duty import actions
from fazhi.oversight.duty.definitions import (
    admonitions,
    conduct_trainings,
    duty_reports,
    group_members,
    meetings,
    officer_assessments,
    officer_posts,
    plans,
    tasks,
)
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
    TaskProgress,
    WorkPlan,
)

YEAR = {"min_value": 2000, "max_value": 2100}


def _year_field(label: str) -> serializers.IntegerField:
    # Explicit bounds: a small integer's range differs between SQLite and PostgreSQL.
    return serializers.IntegerField(label=label, **YEAR)


class PlanSerializer(RegisterFormSerializer):
    form_class = plans.form_class
    year = _year_field("年度")

    class Meta:
        model = WorkPlan
        fields = ["id", "org_unit", "year", "title", "approved_on", "approved_at", "summary", "updated_at"]
        read_only_fields = ["updated_at"]


class TaskProgressSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.__str__", read_only=True, label="填报人")

    class Meta:
        model = TaskProgress
        fields = ["on", "percent", "text", "by", "at"]


class TaskSerializer(RegisterFormSerializer):
    form_class = tasks.form_class
    position = serializers.IntegerField(min_value=0, max_value=999, required=False, label="序号")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    deadline_state = serializers.CharField(read_only=True, label="期限情况")

    class Meta:
        model = Task
        fields = ["id", "org_unit", "plan", "position", "title", "measures", "responsible_post", "lead_leader",
                  "due_on", "done_on", "status", "status_label", "deadline_state", "progress_percent", "progress_on",
                  "progress_note", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "progress_percent", "progress_on", "progress_note", "updated_at"]


class TaskDetailSerializer(TaskSerializer):
    progress = TaskProgressSerializer(many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "progress"]


class ProgressRequestSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    percent = serializers.IntegerField(min_value=0, max_value=100, label="进度（%），100即为完成")
    text = serializers.CharField(label="进展情况")


class GroupMemberSerializer(RegisterFormSerializer):
    form_class = group_members.form_class

    class Meta:
        model = LeadingGroupMember
        fields = [
            "id",
            "org_unit",
            "user",
            "name",
            "position",
            "role",
            "starts_on",
            "ends_on",
            "note",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class AdmonitionSerializer(RegisterFormSerializer):
    form_class = admonitions.form_class
    follow_up_state = serializers.CharField(read_only=True, label="整改情况")

    class Meta:
        model = Admonition
        fields = ["id", "org_unit", "on", "person_name", "person_post", "talked_by", "reason", "follow_up",
                  "follow_up_due_on", "follow_up_done_on", "follow_up_result", "follow_up_state",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class DutyReportSerializer(RegisterFormSerializer):
    form_class = duty_reports.form_class
    year = _year_field("述职年度")

    class Meta:
        model = DutyReport
        fields = ["id", "org_unit", "leader", "year", "on", "occasion", "summary", "updated_at"]
        read_only_fields = ["updated_at"]


class MeetingSerializer(RegisterFormSerializer):
    form_class = meetings.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="会议类型")

    class Meta:
        model = Meeting
        fields = ["id", "org_unit", "on", "kind", "kind_label", "title", "chaired_by", "attendees", "decisions",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class QuarterSerializer(serializers.Serializer):
    number = serializers.IntegerField(label="季度")
    start = serializers.DateField(label="开始日期")
    end = serializers.DateField(label="结束日期")
    count = serializers.IntegerField(label="专题会议次数")
    ended = serializers.BooleanField(label="季度已结束")
    missing = serializers.BooleanField(label="已结束且未召开专题会议")


class MeetingQuartersSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")
    quarters = QuarterSerializer(many=True, label="各季度")
    missing = serializers.ListField(child=serializers.IntegerField(), label="缺少专题会议的季度")
    every_quarter = serializers.BooleanField(label="每季度均召开")


class OfficerPostSerializer(RegisterFormSerializer):
    form_class = officer_posts.form_class

    class Meta:
        model = OfficerPost
        fields = ["id", "org_unit", "officer", "post", "duties", "starts_on", "ends_on", "updated_at"]
        read_only_fields = ["updated_at"]


class ConductTrainingSerializer(RegisterFormSerializer):
    form_class = conduct_trainings.form_class
    attendees = serializers.IntegerField(min_value=1, max_value=100_000, label="参训人数")

    class Meta:
        model = ConductTraining
        fields = ["id", "org_unit", "on", "quarter", "topic", "attendees", "trainer", "note", "updated_at"]
        read_only_fields = ["quarter", "updated_at"]


class AssessmentSerializer(RegisterFormSerializer):
    form_class = officer_assessments.form_class
    year = _year_field("考核年度")
    result_label = serializers.CharField(source="get_result_display", read_only=True, label="考核结果")

    class Meta:
        model = OfficerAssessment
        fields = ["id", "org_unit", "officer", "year", "result", "result_label", "reward_penalty", "note",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class PlanViewSet(RegisterViewSet):
    """法治建设年度工作计划：每个单位每年一份。"""

    register = plans
    serializer_class = PlanSerializer
    ordering_fields = ["year"]


class TaskViewSet(RegisterViewSet):
    """法治建设任务（挂图作战）。进展只能通过 progress/ 填报：进度100%即完成；
    执法人员只能填报本岗位的任务。"""

    register = tasks
    # The progress step checks its own permission in its action: seeing the task is enough to ask.
    action_verbs = {"progress": "view"}
    ordering_fields = ["due_on", "position", "status"]

    def get_serializer_class(self):
        return TaskDetailSerializer if self.action in ("retrieve", "progress") else TaskSerializer

    @extend_schema(request=ProgressRequestSerializer, responses=TaskDetailSerializer, summary="填报任务进展")
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        task = self.get_object()
        data = ProgressRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = actions.report_progress(task, actor=request.user, **data.validated_data)
        return Response(TaskDetailSerializer(task, context={"request": request}).data)


class GroupMemberViewSet(RegisterViewSet):
    """法治建设（依法治镇）领导小组成员：领导账号或姓名、小组职务、任职起止。"""

    register = group_members
    serializer_class = GroupMemberSerializer
    ordering_fields = ["starts_on", "role"]


class AdmonitionViewSet(RegisterViewSet):
    """约谈：被约谈人、约谈领导、事由、整改要求和期限、整改情况。"""

    register = admonitions
    serializer_class = AdmonitionSerializer
    ordering_fields = ["on", "follow_up_due_on"]


class DutyReportViewSet(RegisterViewSet):
    """述职述法：领导履行推进法治建设职责情况的述职。"""

    register = duty_reports
    serializer_class = DutyReportSerializer
    ordering_fields = ["year", "on"]


class MeetingViewSet(RegisterViewSet):
    """法治会议：专题会议、党委会议、政府常务会议、领导小组会议等。quarters/ 给出某年度
    各季度的专题会议次数和已结束却未召开专题会议的季度。"""

    register = meetings
    serializer_class = MeetingSerializer
    action_verbs = {"quarters": "view"}
    ordering_fields = ["on", "kind"]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses=MeetingQuartersSerializer,
        summary="各季度法治建设专题会议",
    )
    @action(detail=False, methods=["get"])
    def quarters(self, request):
        unit = request.user.org_unit
        if unit is None:
            raise PermissionDenied("没有所属单位的账号不能查看统计")
        this_year = timezone.localdate().year
        raw = request.query_params.get("year") or this_year
        year = serializers.IntegerField(**YEAR).run_validation(raw)
        figures = stats.meeting_quarters(unit, year)
        return Response(MeetingQuartersSerializer({
            "year": figures.year, "quarters": figures.quarters, "missing": figures.missing,
            "every_quarter": figures.every_quarter,
        }).data)  # fmt: skip


class OfficerPostViewSet(RegisterViewSet):
    """执法岗位职责（定岗定责）：执法人员、执法岗位、职责、任职起止。"""

    register = officer_posts
    serializer_class = OfficerPostSerializer
    ordering_fields = ["starts_on"]


class ConductTrainingViewSet(RegisterViewSet):
    """执法纪律作风培训：每季度的办案纪律、执法理念、职业道德培训。"""

    register = conduct_trainings
    serializer_class = ConductTrainingSerializer
    ordering_fields = ["on"]


class AssessmentViewSet(RegisterViewSet):
    """执法人员年度考核：考核结果和奖惩情况。"""

    register = officer_assessments
    serializer_class = AssessmentSerializer
    ordering_fields = ["year", "result"]


ROUTES = [
    ("oversight/plans", PlanViewSet, "oversight-plan"),
    ("oversight/tasks", TaskViewSet, "oversight-task"),
    ("oversight/group-members", GroupMemberViewSet, "oversight-group-member"),
    ("oversight/admonitions", AdmonitionViewSet, "oversight-admonition"),
    ("oversight/duty-reports", DutyReportViewSet, "oversight-duty-report"),
    ("oversight/meetings", MeetingViewSet, "oversight-meeting"),
    ("oversight/officer-posts", OfficerPostViewSet, "oversight-officer-post"),
    ("oversight/conduct-trainings", ConductTrainingViewSet, "oversight-conduct-training"),
    ("oversight/officer-assessments", AssessmentViewSet, "oversight-officer-assessment"),
]
