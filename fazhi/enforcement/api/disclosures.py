"""The publication queue through the API: list and read disclosures, publish a
queued decision, withdraw one with its reason (the same actions as the pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.enforcement import disclosure
from fazhi.enforcement.definitions import disclosures
from fazhi.enforcement.models import Disclosure


class DisclosureSerializer(serializers.ModelSerializer):
    decision_no = serializers.CharField(source="case.decision_no", read_only=True, label="决定书文号")
    body_name = serializers.CharField(source="body.name", read_only=True, label="执法主体")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="公示状态")
    content = serializers.DictField(read_only=True, label="公示内容（已脱敏）")

    class Meta:
        model = Disclosure
        fields = ["id", "case", "decision_no", "body", "body_name", "status", "status_label", "decided_on", "due_on",
                  "published_on", "expires_on", "revoked_on", "withdraw_due", "withdrawn_on", "withdrawal_reason",
                  "content"]  # fmt: skip
        read_only_fields = fields


class PublishRequestSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="公示日（默认今天）")


class WithdrawRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, label="撤回理由")
    on = serializers.DateField(required=False, allow_null=True, label="撤回日（默认今天）")


class DisclosureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """执法决定公示队列。公示与撤回各为一个端点；内容按字段清单生成，自然人姓名已脱敏。"""

    register = disclosures
    serializer_class = DisclosureSerializer
    action_verbs = {"publish": "change", "withdraw": "change"}
    ordering_fields = ["decided_on", "due_on", "published_on"]

    def get_queryset(self):
        return disclosures.queryset(self.request.user)

    @property
    def filterset_class(self):
        return disclosures.filterset_class

    @extend_schema(request=PublishRequestSerializer, responses=DisclosureSerializer, summary="在门户网站公示")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = PublishRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = disclosure.publish(self.get_object(), actor=request.user, on=data.validated_data.get("on"))
        return Response(DisclosureSerializer(item).data)

    @extend_schema(
        request=WithdrawRequestSerializer, responses=DisclosureSerializer, summary="撤回公示（说明理由）"
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = WithdrawRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = disclosure.withdraw(self.get_object(), actor=request.user, reason=data.validated_data["reason"],
                                   on=data.validated_data.get("on"))  # fmt: skip
        return Response(DisclosureSerializer(item).data)
