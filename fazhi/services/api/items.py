"""API of the service list (政务服务事项清单), under /api/v1/services/service-items/: the
items with their guides, validated through the page form, and the publish and
withdraw steps (the same actions as the item's page)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.services.actions import window as actions
from fazhi.services.definitions.items import service_items
from fazhi.services.models import ServiceItem


class ServiceItemSerializer(RegisterFormSerializer):
    """The item and its guide. `status` and `published_on` change only by the publish
    and withdraw endpoints."""

    form_class = service_items.form_class
    # Explicit bounds: a small integer's range differs between SQLite and PostgreSQL,
    # and the committed schema must be the same on both.
    statutory_days = serializers.IntegerField(min_value=0, max_value=365, required=False, allow_null=True,
                                              label="法定办结时限（工作日）", help_text="法律法规未规定办结时限的为 null")  # fmt: skip
    promised_days = serializers.IntegerField(min_value=0, max_value=365, label="承诺办结时限（工作日）",
                                             help_text="0 表示即办件，当场办结")  # fmt: skip
    org_unit = serializers.PrimaryKeyRelatedField(queryset=ServiceItem.objects.none(), required=False,
                                                  label="所属乡镇", help_text="留空为您所在的乡镇")  # fmt: skip
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="事项类型")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    material_list = serializers.ListField(
        child=serializers.CharField(), read_only=True, label="申请材料（逐项）"
    )

    class Meta:
        model = ServiceItem
        fields = ["id", "org_unit", "code", "name", "kind", "kind_label", "basis", "statutory_days", "promised_days",
                  "materials", "material_list", "conditions", "procedure", "fees", "responsible_post", "review_posts",
                  "visits_needed", "online", "location", "hours", "phone", "status", "status_label", "published_on",
                  "note", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "published_on", "updated_at"]
        extra_kwargs = {"fees": {"required": False}, "visits_needed": {"required": False},
                        "review_posts": {"required": False}}  # fmt: skip
        # The form says in Chinese that a code is taken in the town.
        validators: list = []

    def validate(self, attrs):
        if self.instance is None and attrs.get("org_unit") is None:
            # Left out, a new item belongs to the user's town, as on the page.
            town = self.form_class(user=self._user())._default_town()
            attrs = {**attrs, "org_unit": town} if town is not None else attrs
        return super().validate(attrs)


class ItemPublishRequestSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="公布日期（默认今天）")


class ItemWithdrawRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, label="停用理由")


class ServiceItemViewSet(RegisterViewSet):
    """政务服务事项清单：事项及其办事指南（设定依据、法定和承诺办结时限、申请材料、联审会签岗位等）。
    新增的事项为草稿；publish/ 公布后列入清单并在公开平台公布办事指南，方可受理申请；
    withdraw/ 停用（须说明理由）。公布和停用需要“公布、停用政务服务事项”的权限。"""

    register = service_items
    serializer_class = ServiceItemSerializer
    action_verbs = {"publish": "publish", "withdraw": "publish"}
    ordering_fields = ["code", "name", "kind", "status", "promised_days"]

    @extend_schema(request=ItemPublishRequestSerializer, responses=ServiceItemSerializer, summary="公布事项")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = ItemPublishRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = actions.publish_item(self.get_object(), actor=request.user, on=data.validated_data.get("on"))
        return Response(self.get_serializer(item).data)

    @extend_schema(
        request=ItemWithdrawRequestSerializer, responses=ServiceItemSerializer, summary="停用事项（说明理由）"
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = ItemWithdrawRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = actions.withdraw_item(
            self.get_object(), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(item).data)


ROUTES = [("services/service-items", ServiceItemViewSet, "services-service-item")]
