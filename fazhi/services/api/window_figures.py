"""The single window's figures of a year, under /api/v1/services/window-figures/: the
same figures as the page (fazhi/services/statistics/window.py says what each
counts), for the user's unit and the units under it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from fazhi.services.choices import ApplicationState, ItemKind, ServiceRating
from fazhi.services.definitions.applications import applications
from fazhi.services.statistics import WindowFigures, window_figures

RATE = {"allow_null": True, "help_text": "0 至 1 的小数；无可计算的办件时为 null"}


class WindowCountSerializer(serializers.Serializer):
    value = serializers.CharField(label="代码")
    label = serializers.CharField(label="名称")
    count = serializers.IntegerField(label="数量")


class WindowItemsSerializer(serializers.Serializer):
    listed = serializers.IntegerField(label="已公布事项", help_text="截至年底已公布且现仍在清单内的事项")
    online = serializers.IntegerField(label="可网上办理事项")
    zero_visit = serializers.IntegerField(label="零跑腿事项")
    one_visit = serializers.IntegerField(label="需到现场1次的事项")
    at_most_one_visit = serializers.IntegerField(label="最多跑一次事项")
    by_kind = WindowCountSerializer(many=True, label="按事项类型")


class WindowReceivedSerializer(serializers.Serializer):
    received = serializers.IntegerField(label="收件", help_text="收件日期在本年度内的办件")
    by_status = WindowCountSerializer(many=True, label="按现在的办理状态")
    accepted = serializers.IntegerField(label="受理", help_text="本年度收件中已受理的（含其后办结、撤回的）")
    refused = serializers.IntegerField(label="不予受理")
    withdrawn = serializers.IntegerField(label="申请人撤回")
    notices = serializers.IntegerField(label="一次性告知书", help_text="告知日期在本年度内的一次性告知书份数")


class WindowDecidedSerializer(serializers.Serializer):
    decided = serializers.IntegerField(label="作出决定", help_text="决定日期在本年度内的办件")
    approved = serializers.IntegerField(label="准予")
    denied = serializers.IntegerField(label="不予准予")
    statutory_counted = serializers.IntegerField(label="有法定办结时限的")
    on_time_statutory = serializers.IntegerField(label="法定时限内办结")
    on_time_statutory_rate = serializers.FloatField(label="法定时限内办结率", **RATE)
    promised_counted = serializers.IntegerField(label="有承诺办结时限的")
    on_time_promised = serializers.IntegerField(label="承诺时限内办结")
    on_time_promised_rate = serializers.FloatField(label="承诺时限内办结率", **RATE)
    average_working_days = serializers.FloatField(
        label="平均办理工作日", allow_null=True, help_text="自受理至决定，中止计时的不计入"
    )


class WindowVisitsSerializer(serializers.Serializer):
    ended = serializers.IntegerField(label="已办结", help_text="本年度收件中已送达或不予受理的办件")
    delivered = serializers.ListField(
        child=serializers.IntegerField(), label="送达办结：到现场0次、1次、2次及以上"
    )
    refused = serializers.ListField(
        child=serializers.IntegerField(), label="不予受理：到现场0次、1次、2次及以上"
    )
    zero_visit = serializers.IntegerField(label="零跑腿办件")
    at_most_one_visit = serializers.IntegerField(label="最多跑一次办件")
    zero_visit_share = serializers.FloatField(label="零跑腿比例", **RATE)
    at_most_one_visit_share = serializers.FloatField(label="最多跑一次比例", **RATE)


class WindowGradeSerializer(serializers.Serializer):
    grade = serializers.IntegerField(label="评分")
    label = serializers.CharField(label="评价")
    count = serializers.IntegerField(label="数量")


class WindowRatingsSerializer(serializers.Serializer):
    rated = serializers.IntegerField(label="评价数", help_text="本年度收件的办件中已评价的")
    by_grade = WindowGradeSerializer(many=True, label="按评价等级")
    good = serializers.IntegerField(label="好评", help_text="非常满意、满意、基本满意")
    bad = serializers.IntegerField(label="差评", help_text="不满意、非常不满意")
    good_rate = serializers.FloatField(label="好评率", **RATE)
    average = serializers.FloatField(label="平均评分", allow_null=True)


class WindowItemRowSerializer(serializers.Serializer):
    item = serializers.IntegerField(label="事项")
    code = serializers.CharField(label="事项编码")
    name = serializers.CharField(label="事项名称")
    org_unit = serializers.IntegerField(label="所属单位")
    received = serializers.IntegerField(label="收件")
    decided = serializers.IntegerField(label="作出决定")
    on_time_statutory_rate = serializers.FloatField(label="法定时限内办结率", **RATE)
    on_time_promised_rate = serializers.FloatField(label="承诺时限内办结率", **RATE)
    average_working_days = serializers.FloatField(label="平均办理工作日", allow_null=True)


@extend_schema_serializer(many=False)  # one object, though answered by the list action
class WindowFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")
    org_unit = serializers.IntegerField(label="统计单位")
    items = WindowItemsSerializer(label="政务服务事项清单")
    received = WindowReceivedSerializer(label="收件与受理")
    decided = WindowDecidedSerializer(label="办理决定与时效")
    visits = WindowVisitsSerializer(label="跑动次数")
    ratings = WindowRatingsSerializer(label="好差评")
    per_item = WindowItemRowSerializer(many=True, label="分事项统计")


def figures_body(f: WindowFigures, org_unit: int) -> dict[str, Any]:
    """The figures as the API gives them."""
    return {
        "year": f.year,
        "org_unit": org_unit,
        "items": {
            "listed": f.items_listed, "online": f.items_online, "zero_visit": f.items_zero_visit,
            "one_visit": f.items_one_visit, "at_most_one_visit": f.items_at_most_one_visit,
            "by_kind": [{"value": k.value, "label": k.label, "count": f.items_by_kind[k.value]} for k in ItemKind],
        },
        "received": {
            "received": f.received, "accepted": f.accepted, "refused": f.refused, "withdrawn": f.withdrawn,
            "notices": f.notices,
            "by_status": [{"value": s.value, "label": s.label, "count": f.received_by_status[s.value]}
                          for s in ApplicationState],
        },
        "decided": {
            "decided": f.decided, "approved": f.approved, "denied": f.denied,
            "statutory_counted": f.statutory_counted, "on_time_statutory": f.on_time_statutory,
            "on_time_statutory_rate": f.on_time_statutory_rate, "promised_counted": f.promised_counted,
            "on_time_promised": f.on_time_promised, "on_time_promised_rate": f.on_time_promised_rate,
            "average_working_days": f.average_working_days,
        },
        "visits": {
            "ended": f.ended, "delivered": list(f.delivered_visits), "refused": list(f.refused_visits),
            "zero_visit": f.ended_zero_visit, "at_most_one_visit": f.ended_at_most_one_visit,
            "zero_visit_share": f.zero_visit_share, "at_most_one_visit_share": f.at_most_one_visit_share,
        },
        "ratings": {
            "rated": f.rated, "good": f.good, "bad": f.bad, "good_rate": f.good_rate, "average": f.rating_average,
            "by_grade": [{"grade": g, "label": ServiceRating(g).label, "count": n} for g, n in f.ratings.items()],
        },
        "per_item": [
            {"item": r.item_id, "code": r.code, "name": r.name, "org_unit": r.org_unit_id, "received": r.received,
             "decided": r.decided, "on_time_statutory_rate": r.on_time_statutory_rate,
             "on_time_promised_rate": r.on_time_promised_rate, "average_working_days": r.average_working_days}
            for r in f.items
        ],
    }  # fmt: skip


class WindowFiguresViewSet(viewsets.ViewSet):
    """一窗受理年度统计：本单位及下级单位的事项清单、收件受理、办理时效、跑动次数和好差评。
    收件、跑动次数和好差评按收件日期所在年度统计，办理决定和时效按决定日期所在年度统计。"""

    register = applications  # RegisterPermission: whoever may view the applications
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        summary="一窗受理年度统计",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="年度，如 2023；不填为今年")],
        responses=WindowFiguresSerializer,
    )
    def list(self, request):
        unit = request.user.org_unit
        if unit is None:
            raise PermissionDenied("没有所属单位的账号不能查看统计")
        raw = request.query_params.get("year") or str(timezone.localdate().year)
        try:
            year = int(raw)
        except ValueError:
            raise ValidationError({"year": ["年度应为四位数字，如 2023"]}) from None
        if not 2000 <= year <= 2100:
            raise ValidationError({"year": ["年度应在2000年至2100年之间"]})
        body = figures_body(window_figures(unit, year), unit.pk)
        return Response(WindowFiguresSerializer(body).data)


ROUTES = [("services/window-figures", WindowFiguresViewSet, "services-window-figures")]
