"""API of the mediation registers, under /api/v1/disputes/. The serializers validate
through the page forms; a mediator's phone is written in full and read back masked
(`phone_masked`); a screening round's villages report through
…/rounds/<id>/results/ and the round closes through …/rounds/<id>/finish/."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import masking
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.definitions.mediation import committees, mediators, rooms, rounds
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningResult, ScreeningRound

COUNT = {"min_value": 0, "max_value": 100000}  # explicit bounds: the same schema on SQLite and PostgreSQL


class MediationCommitteeSerializer(RegisterFormSerializer):
    form_class = committees.form_class
    level_label = serializers.CharField(source="get_level_display", read_only=True, label="层级")

    class Meta:
        model = MediationCommittee
        fields = ["id", "org_unit", "name", "level", "level_label", "established_on", "dissolved_on", "address",
                  "phone", "note", "source_note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class MediatorSerializer(RegisterFormSerializer):
    """`phone` is written in full and read back as `phone_masked`. The unit is the
    committee's."""

    form_class = mediators.form_class
    phone_masked = MaskedField(source="phone", mask=masking.mask_phone, label="联系电话")
    role_label = serializers.CharField(source="get_role_display", read_only=True, label="职务")

    class Meta:
        model = Mediator
        fields = ["id", "org_unit", "committee", "name", "role", "role_label", "full_time", "phone", "phone_masked",
                  "user", "appointed_on", "left_on", "note", "updated_at"]  # fmt: skip
        read_only_fields = ["org_unit", "updated_at"]
        extra_kwargs = {"phone": {"write_only": True}}


class MediationRoomSerializer(RegisterFormSerializer):
    form_class = rooms.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="类型")

    class Meta:
        model = MediationRoom
        fields = ["id", "org_unit", "name", "kind", "kind_label", "host", "committee", "opened_on", "closed_on",
                  "note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class ScreeningResultSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True, label="村（社区）")
    reported = serializers.BooleanField(source="is_reported", read_only=True, label="已上报")

    class Meta:
        model = ScreeningResult
        fields = ["village", "village_name", "reported", "found", "resolved_on_spot", "high_risk", "reported_on",
                  "reporter", "note"]  # fmt: skip
        read_only_fields = fields


class ScreeningRoundSerializer(RegisterFormSerializer):
    form_class = rounds.form_class
    month = serializers.DateField(label="排查月份", help_text="当月任一日期均按当月1日登记")
    started_on = serializers.DateField(required=False, allow_null=True, label="开始日期",
                                       help_text="留空为当月1日")  # fmt: skip
    results = ScreeningResultSerializer(many=True, read_only=True, label="各村（社区）排查结果")

    class Meta:
        model = ScreeningRound
        fields = ["id", "org_unit", "month", "started_on", "finished_on", "note", "results", "updated_at"]
        read_only_fields = ["finished_on", "updated_at"]


class ScreeningResultRowSerializer(serializers.Serializer):
    village = serializers.IntegerField(label="村（社区）ID")
    found = serializers.IntegerField(
        allow_null=True, label="排查发现", help_text="没有发现填0；null 撤回上报", **COUNT
    )
    resolved_on_spot = serializers.IntegerField(required=False, default=0, label="当场化解", **COUNT)
    high_risk = serializers.IntegerField(required=False, default=0, label="重大风险隐患", **COUNT)
    reported_on = serializers.DateField(required=False, allow_null=True, label="上报日期（默认今天）")
    reporter = serializers.CharField(required=False, allow_blank=True, max_length=50, label="上报人")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, label="情况说明")


class ScreeningResultsSerializer(serializers.Serializer):
    results = ScreeningResultRowSerializer(many=True, label="各村（社区）排查结果")


class ScreeningFinishSerializer(serializers.Serializer):
    finished_on = serializers.DateField(required=False, allow_null=True, label="完成日期（默认今天）")


class CommitteeViewSet(RegisterViewSet):
    """人民调解委员会：镇、村（社区）和行业性、专业性调解委员会。"""

    register = committees
    serializer_class = MediationCommitteeSerializer
    ordering_fields = ["name", "established_on"]


class MediatorViewSet(RegisterViewSet):
    """调解员。联系电话只写入，读取时脱敏（phone_masked）；所属单位随调解委员会。"""

    register = mediators
    serializer_class = MediatorSerializer
    ordering_fields = ["name", "appointed_on"]


class RoomViewSet(RegisterViewSet):
    """派驻法庭、派出所等的调解室。"""

    register = rooms
    serializer_class = MediationRoomSerializer
    ordering_fields = ["name", "opened_on"]


class RoundViewSet(RegisterViewSet):
    """每月矛盾纠纷排查。新建即为本镇每个村（社区）生成待上报的结果行；results/ 填报，
    finish/ 在全部上报后完成本轮排查。"""

    register = rounds
    serializer_class = ScreeningRoundSerializer
    action_verbs = {"results": "change", "finish": "change"}
    ordering_fields = ["month"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("results__village")

    def _answer(self, request, screening: ScreeningRound) -> Response:
        screening = self.get_queryset().get(pk=screening.pk)
        return Response(ScreeningRoundSerializer(screening, context={"request": request}).data)

    @extend_schema(
        request=ScreeningResultsSerializer,
        responses=ScreeningRoundSerializer,
        summary="填报各村（社区）排查结果",
    )
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        screening = self.get_object()
        data = ScreeningResultsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            actions.record_results(screening, actor=request.user, results=data.validated_data["results"])
        except ValidationError as exc:
            raise serializers.ValidationError({"results": exc.messages}) from exc
        return self._answer(request, screening)

    @extend_schema(
        request=ScreeningFinishSerializer, responses=ScreeningRoundSerializer, summary="完成本轮排查"
    )
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        screening = self.get_object()
        data = ScreeningFinishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actions.finish_round(screening, actor=request.user, on=data.validated_data.get("finished_on"))
        return self._answer(request, screening)


ROUTES = [
    ("disputes/committees", CommitteeViewSet, "disputes-committee"),
    ("disputes/mediators", MediatorViewSet, "disputes-mediator"),
    ("disputes/rooms", RoomViewSet, "disputes-room"),
    ("disputes/rounds", RoundViewSet, "disputes-round"),
]
