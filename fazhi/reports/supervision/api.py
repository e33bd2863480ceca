"""The supervision flags through the API: list (filtered as the register's list),
read, and confirm or dismiss one with a note (the same actions as the page).
Flags are made by the scan only: there is no create or update."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.reports.models import SupervisionFlag
from fazhi.reports.supervision import actions, rules
from fazhi.reports.supervision.definitions import flags


class FlagSerializer(serializers.ModelSerializer):
    model_name = serializers.SerializerMethodField(label="预警模型名称")
    record_type = serializers.SerializerMethodField(label="记录类型")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    handled_by_name = serializers.SerializerMethodField(label="处理人")

    class Meta:
        model = SupervisionFlag
        fields = ["id", "org_unit", "model_code", "model_name", "record_type", "object_id", "target_label", "url",
                  "reason", "detected_on", "status", "status_label", "note", "handled_by", "handled_by_name",
                  "handled_on"]  # fmt: skip
        read_only_fields = fields

    def get_model_name(self, obj) -> str:
        return rules.name_of(obj.model_code)

    def get_record_type(self, obj) -> str:
        model = rules.BY_CODE.get(obj.model_code)
        return model.record_label if model else ""

    def get_handled_by_name(self, obj) -> str:
        return str(obj.handled_by) if obj.handled_by_id else ""


class FlagConfirmRequestSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=actions.NOTE_MAX,
                                 label="处理说明（核实情况和后续措施）")  # fmt: skip


class FlagDismissRequestSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=actions.NOTE_MAX, label="排除理由（核实情况）")


class FlagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """监督预警。预警由监督预警模型每晚扫描生成，不能新增或修改；confirm/ 确认（可附说明），
    dismiss/ 排除（须说明理由），只有待核实的预警可以处理。"""

    register = flags
    serializer_class = FlagSerializer
    action_verbs = {"confirm": "handle", "dismiss": "handle"}
    ordering_fields = ["detected_on", "status"]

    def get_queryset(self):
        return flags.queryset(self.request.user)

    @property
    def filterset_class(self):
        return flags.filterset_class

    @extend_schema(request=FlagConfirmRequestSerializer, responses=FlagSerializer, summary="确认预警")
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        data = FlagConfirmRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        flag = actions.confirm(self.get_object(), actor=request.user, note=data.validated_data["note"])
        return Response(FlagSerializer(flag).data)

    @extend_schema(
        request=FlagDismissRequestSerializer, responses=FlagSerializer, summary="排除预警（说明理由）"
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        data = FlagDismissRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        flag = actions.dismiss(self.get_object(), actor=request.user, note=data.validated_data["note"])
        return Response(FlagSerializer(flag).data)


ROUTES = [("reports/flags", FlagViewSet, "reports-flag")]
