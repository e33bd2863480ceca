"""API of the market entity registers, under /api/v1/services/. The serializers
validate through the page forms; the legal representative is written in full
and read back masked; the year's figures are their own endpoint."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from fazhi.core import masking
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.services.definitions.market import entities, visits
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.statistics import market_figures


class MarketEntitySerializer(RegisterFormSerializer):
    """`legal_rep` is written in full and read back as `legal_rep_masked`."""

    form_class = entities.form_class
    legal_rep_masked = MaskedField(source="legal_rep", mask=masking.mask_name, label="法定代表人（经营者）")
    entity_type_label = serializers.CharField(
        source="get_entity_type_display", read_only=True, label="主体类型"
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="登记状态")

    class Meta:
        model = MarketEntity
        fields = ["id", "org_unit", "entity_type", "entity_type_label", "name", "uscc", "legal_rep",
                  "legal_rep_masked", "registered_on", "village", "address", "industry", "registered_capital",
                  "status", "status_label", "cancelled_on", "note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {"legal_rep": {"write_only": True}}

    def get_fields(self):
        fields = super().get_fields()
        # The form checks the code itself (GB 32100-2015) and its uniqueness, with Chinese messages.
        fields["uscc"].validators = []
        return fields


class EnterpriseVisitSerializer(RegisterFormSerializer):
    form_class = visits.form_class
    entity_name = serializers.CharField(source="entity.name", read_only=True, label="走访对象")
    state = serializers.CharField(read_only=True, label="跟进情况")

    class Meta:
        model = EnterpriseVisit
        fields = ["id", "org_unit", "entity", "entity_name", "visited_on", "visitors", "problems", "assistance",
                  "follow_up_due", "resolved_on", "handler", "state", "updated_at"]  # fmt: skip
        read_only_fields = ["org_unit", "updated_at"]


class MarketFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")
    org_unit = serializers.IntegerField(label="统计单位")
    enterprises = serializers.IntegerField(label="企业")
    individual_businesses = serializers.IntegerField(label="个体工商户")
    cooperatives = serializers.IntegerField(label="农民专业合作社")
    others = serializers.IntegerField(label="其他")
    total = serializers.IntegerField(label="合计")


class MarketEntityViewSet(RegisterViewSet):
    """市场主体登记。统一社会信用代码按 GB 32100-2015 校验且全系统唯一；法定代表人（经营者）
    写入完整姓名，读取时隐去（legal_rep_masked）。figures/ 为某年度新增市场主体统计。"""

    register = entities
    serializer_class = MarketEntitySerializer
    ordering_fields = ["registered_on", "name"]

    @extend_schema(
        summary="年度新增市场主体统计",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True, description="年度，如 2023")],
        responses=MarketFiguresSerializer,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def figures(self, request):
        unit = request.user.org_unit
        if unit is None:
            raise PermissionDenied("没有所属单位的账号不能查看统计")
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            raise ValidationError({"year": ["请填写年度，如 2023"]}) from None
        if not 1949 <= year <= 2100:
            raise ValidationError({"year": ["年度应在1949至2100之间"]})
        figures = market_figures(unit, year)
        data = {"org_unit": unit.pk, "total": figures.total, **figures.__dict__}
        return Response(MarketFiguresSerializer(data).data)


class EnterpriseVisitViewSet(RegisterViewSet):
    """走访服务企业：反映的问题、帮扶措施；未当场解决的设办结期限，state 为跟进情况。
    走访记录属于走访对象所在的单位。"""

    register = visits
    serializer_class = EnterpriseVisitSerializer
    ordering_fields = ["visited_on", "follow_up_due"]


ROUTES = [
    ("services/market-entities", MarketEntityViewSet, "services-market-entity"),
    ("services/enterprise-visits", EnterpriseVisitViewSet, "services-enterprise-visit"),
]
