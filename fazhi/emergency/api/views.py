"""API of emergency management, under /api/v1/emergency/: plans (with the revision
step plans/<id>/revise/), drills (with the year's figures, drills/figures/),
teams, members and equipment. The serializers validate through the page forms;
phones are taken on write and read back masked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.core.masking import mask_phone
from fazhi.core.models import Attachment
from fazhi.emergency import actions
from fazhi.emergency.definitions import drills, equipment, members, plans, teams
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, PlanVersion, TeamEquipment, TeamMember
from fazhi.emergency.models.drills import MAX_PARTICIPANTS
from fazhi.emergency.models.plans import DEFAULT_REVISION_YEARS, MAX_REVISION_YEARS
from fazhi.emergency.models.teams import MAX_QUANTITY
from fazhi.emergency.statistics import drill_figures


class EmergencyPlanVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = ["id", "number", "approved_on", "approved_by", "changes", "file"]
        read_only_fields = fields


class EmergencyPlanSerializer(RegisterFormSerializer):
    """A new `version` on an update records a revision (the old version is kept in
    `versions`); `next_revision_due` is counted from `revised_on`."""

    form_class = plans.form_class
    category_label = serializers.CharField(source="get_category_display", read_only=True, label="预案类别")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    revision_years = serializers.IntegerField(min_value=1, max_value=MAX_REVISION_YEARS, required=False,
                                              default=DEFAULT_REVISION_YEARS, label="修订周期（年）")  # fmt: skip
    revision_state = serializers.CharField(read_only=True, label="修订期限情况")
    versions = EmergencyPlanVersionSerializer(many=True, read_only=True, label="修订记录")

    class Meta:
        model = EmergencyPlan
        fields = ["id", "org_unit", "category", "category_label", "name", "level", "version", "revised_on",
                  "approved_by", "changes", "revision_years", "next_revision_due", "revision_state", "status",
                  "status_label", "post", "note", "versions", "updated_at"]  # fmt: skip
        read_only_fields = ["next_revision_due", "updated_at"]


class EmergencyPlanReviseSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30, label="新版本号")
    approved_on = serializers.DateField(label="批准日期")
    approved_by = serializers.CharField(max_length=100, label="批准单位")
    changes = serializers.CharField(label="修订内容")
    file = serializers.IntegerField(required=False, allow_null=True, label="预案文本",
                                    help_text="本预案的附件编号（先通过 attachments/ 上传到本预案）")  # fmt: skip


class EmergencyDrillSerializer(RegisterFormSerializer):
    form_class = drills.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="演练类型")
    participants = serializers.IntegerField(min_value=0, max_value=MAX_PARTICIPANTS, label="参演人数")

    class Meta:
        model = Drill
        fields = ["id", "org_unit", "held_on", "title", "kind", "kind_label", "plan", "place", "village",
                  "organiser", "participants", "scenario", "went_well", "problems", "improvements", "note",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class EmergencyDrillKindCountSerializer(serializers.Serializer):
    kind = serializers.CharField(label="演练类型代码")
    label = serializers.CharField(label="演练类型")
    count = serializers.IntegerField(label="次数")


class EmergencyDrillFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")
    total = serializers.IntegerField(label="开展演练次数（准确数）")
    participants = serializers.IntegerField(label="参演人数合计")
    by_kind = EmergencyDrillKindCountSerializer(many=True, label="按类型")


class EmergencyTeamSerializer(RegisterFormSerializer):
    """`leader_phone` is written in full and read back as `leader_phone_masked`."""

    form_class = teams.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="队伍类型")
    leader_phone_masked = MaskedField(source="leader_phone", mask=mask_phone, label="队长电话")
    member_count = serializers.IntegerField(read_only=True, label="在队人数")

    class Meta:
        model = EmergencyTeam
        fields = ["id", "org_unit", "kind", "kind_label", "name", "leader", "leader_phone", "leader_phone_masked",
                  "duties", "founded_on", "is_active", "member_count", "note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {"leader_phone": {"write_only": True}}


class EmergencyTeamMemberSerializer(RegisterFormSerializer):
    """`phone` is written in full and read back as `phone_masked`."""

    form_class = members.form_class
    role_label = serializers.CharField(source="get_role_display", read_only=True, label="队内职务")
    phone_masked = MaskedField(source="phone", mask=mask_phone, label="联系电话")

    class Meta:
        model = TeamMember
        fields = ["id", "team", "name", "role", "role_label", "phone", "phone_masked", "skills", "is_active",
                  "note"]  # fmt: skip
        extra_kwargs = {"phone": {"write_only": True}}


class EmergencyTeamEquipmentSerializer(RegisterFormSerializer):
    form_class = equipment.form_class
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_QUANTITY, label="数量")

    class Meta:
        model = TeamEquipment
        fields = ["id", "team", "item", "quantity", "unit", "location", "checked_on", "in_order", "note"]


class EmergencyPlanViewSet(RegisterViewSet):
    """应急预案。修改时填写新的 version 即登记一次修订；revise/ 为修订环节。"""

    register = plans
    serializer_class = EmergencyPlanSerializer
    action_verbs = {"revise": "change"}
    ordering_fields = ["name", "revised_on", "next_revision_due"]

    @extend_schema(
        request=EmergencyPlanReviseSerializer, responses=EmergencyPlanSerializer, summary="登记预案修订"
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        plan = self.get_object()
        data = EmergencyPlanReviseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        file_id = values.pop("file", None)
        file = None
        if file_id is not None:
            file = Attachment.objects.visible_to(request.user).filter(pk=file_id).first()
            if file is None:
                raise serializers.ValidationError({"file": ["附件不存在"]})
        plan = actions.revise_plan(plan, actor=request.user, file=file, **values)
        plan = self.get_queryset().get(pk=plan.pk)
        return Response(EmergencyPlanSerializer(plan, context={"request": request}).data)


YEAR = OpenApiParameter("year", int, OpenApiParameter.QUERY, required=False, description="年度，默认今年")


class EmergencyDrillViewSet(RegisterViewSet):
    """应急演练。figures/ 为某年度的演练次数（准确数，按类型）和参演人数。"""

    register = drills
    serializer_class = EmergencyDrillSerializer
    action_verbs = {"figures": "view"}
    ordering_fields = ["held_on", "participants"]

    @extend_schema(parameters=[YEAR], responses=EmergencyDrillFiguresSerializer, summary="年度应急演练统计")
    @action(detail=False, methods=["get"])
    def figures(self, request):
        unit = request.user.org_unit
        if unit is None:
            raise PermissionDenied("没有所属单位的账号不能查看统计")
        try:
            year = int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError as exc:
            raise serializers.ValidationError({"year": ["年度应为四位数字"]}) from exc
        if not 2000 <= year <= 2100:
            raise serializers.ValidationError({"year": ["年度应在2000年至2100年之间"]})
        figures = drill_figures(unit, year)
        body = {"year": figures.year, "total": figures.total, "participants": figures.participants,
                "by_kind": [{"kind": v, "label": label, "count": n} for v, label, n in figures.kinds()]}  # fmt: skip
        return Response(EmergencyDrillFiguresSerializer(body).data)


class EmergencyTeamViewSet(RegisterViewSet):
    """应急队伍：镇民兵应急分队、村（社区）应急队、专业应急队伍。队长电话读取时隐去中间数字。"""

    register = teams
    serializer_class = EmergencyTeamSerializer
    ordering_fields = ["name", "kind"]


class EmergencyTeamMemberViewSet(RegisterViewSet):
    """应急队员。联系电话读取时隐去中间数字（phone_masked）。"""

    register = members
    serializer_class = EmergencyTeamMemberSerializer
    ordering_fields = ["name"]


class EmergencyTeamEquipmentViewSet(RegisterViewSet):
    """应急队伍的装备物资。"""

    register = equipment
    serializer_class = EmergencyTeamEquipmentSerializer
    ordering_fields = ["item", "checked_on"]
