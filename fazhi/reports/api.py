"""The reports through the API: list, read, create a year's report, edit a draft's
texts (`texts/`), take a workflow step (`steps/<step>/`), read the built report
(`built/`: the figures and paragraphs as data, or Markdown)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.core.models import Deadline
from fazhi.reports import actions, workflow
from fazhi.reports.builder import build_for
from fazhi.reports.definitions import reports
from fazhi.reports.document import BuiltReport
from fazhi.reports.models import Report, ReportStep


class ReportStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True, label="操作人")

    class Meta:
        model = ReportStep
        fields = ["action", "label", "on", "actor", "note"]


class ReportSerializer(RegisterFormSerializer):
    form_class = reports.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="报告类型")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    deadline_state = serializers.CharField(read_only=True, label="期限情况")

    class Meta:
        model = Report
        fields = ["id", "org_unit", "kind", "kind_label", "year", "status", "status_label", "deadline_state",
                  "submit_due_on", "publish_due_on", "reviewed_on", "approved_on", "submitted_on", "submitted_to",
                  "submission_ref", "published_on", "revision", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "submit_due_on", "publish_due_on", "reviewed_on", "approved_on",
                            "submitted_on", "submitted_to", "submission_ref", "published_on", "revision",
                            "updated_at"]  # fmt: skip


class ReportDetailSerializer(ReportSerializer):
    steps = ReportStepSerializer(many=True, read_only=True)
    texts = serializers.JSONField(read_only=True, label="各部分文字")
    order = serializers.JSONField(read_only=True, label="部分顺序")
    rounding = serializers.JSONField(read_only=True, label="数字取整")

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "texts", "order", "rounding", "comparison", "steps"]


class ReportTextsRequestSerializer(serializers.Serializer):
    texts = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False,
                                  label="各部分文字（preamble 及各部分代码）")  # fmt: skip
    order = serializers.ListField(child=serializers.CharField(), required=False, label="部分顺序（部分代码）")
    rounding = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=6), required=False,
                                     label="数字取整（10的幂次）")  # fmt: skip
    comparison = serializers.BooleanField(required=False, label="附与上年对比表")


class ReportStepRequestSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500,
                                 label="说明（退回时为理由）")  # fmt: skip
    submitted_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=100,
                                         label="报送单位（报送时；默认上级党委和政府）")  # fmt: skip
    submission_ref = serializers.CharField(required=False, allow_blank=True, default="", max_length=60,
                                           label="报送文号")  # fmt: skip


BUILT = inline_serializer("BuiltReport", fields={
    "title": serializers.ListField(child=serializers.CharField()),
    "parts": serializers.ListField(child=serializers.DictField()),
    "quoted": serializers.DictField(child=serializers.DictField()),
    "markdown": serializers.CharField(),
})  # fmt: skip


class ReportViewSet(RegisterViewSet):
    """年度报告（法治政府建设年度报告、政府信息公开工作年度报告）。POST 按本镇模板新建某年度的报告；
    texts/ 修改草稿的文字和设置；steps/<step>/ 办理：review 审核、approve 领导审定、submit 报送上级、
    publish 向社会公开、return 退回修改；built/ 返回按当前台账生成的报告（已公开的为公开文本）。"""

    register = reports
    http_method_names = ["get", "post", "head", "options"]
    action_verbs = {"step": "view", "texts": "change", "built": "view"}
    ordering_fields = ["year", "status", "published_on"]

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action in ("retrieve", "step", "texts") else ReportSerializer

    @extend_schema(
        request=ReportTextsRequestSerializer, responses=ReportDetailSerializer, summary="修改草稿的文字和设置"
    )
    @action(detail=True, methods=["post"], url_path="texts")
    def texts(self, request, pk=None):
        report = self.get_object()
        data = ReportTextsRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = actions.update_report(report, actor=request.user, data=dict(data.validated_data))
        return Response(ReportDetailSerializer(report, context={"request": request}).data)

    @extend_schema(
        request=ReportStepRequestSerializer,
        responses=ReportDetailSerializer,
        summary="办理年度报告的下一环节",
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        report = self.get_object()
        if step not in workflow.ACTION_LABELS:
            raise Http404("未知的办理环节")
        data = ReportStepRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        report = actions.take_step(report, step, actor=request.user, on=v.get("on"), note=v["note"],
                                   submitted_to=v["submitted_to"], submission_ref=v["submission_ref"])  # fmt: skip
        return Response(ReportDetailSerializer(report, context={"request": request}).data)

    @extend_schema(responses=BUILT, summary="生成的报告（数字、段落和 Markdown）",
                   parameters=[OpenApiParameter("live", bool, description="已公开的报告也按当前台账重新生成")])  # fmt: skip
    @action(detail=True, methods=["get"], url_path="built")
    def built(self, request, pk=None):
        from fazhi.reports import markdown

        report = self.get_object()
        if report.published_snapshot and request.query_params.get("live") not in ("1", "true"):
            built = BuiltReport.from_dict(report.published_snapshot)
        else:
            built = build_for(report)
        data = built.to_dict()
        data["markdown"] = markdown.write(built, suggestions=report.editable)
        return Response(data)


class WarningItemSerializer(serializers.Serializer):
    level = serializers.CharField(label="预警：red 逾期、yellow 临期")
    days = serializers.IntegerField(label="剩余工作日（临期）或逾期天数（逾期）")
    label = serializers.CharField(source="deadline.label", label="事项")
    record = serializers.CharField(source="deadline.record_label", label="记录")
    url = serializers.CharField(source="deadline.url", label="记录链接")
    due_date = serializers.DateField(source="deadline.due_date", label="到期日")
    citation = serializers.CharField(source="deadline.citation", label="依据")
    org_unit = serializers.IntegerField(source="deadline.org_unit_id", label="单位")


class WarningQuerySerializer(serializers.Serializer):
    """The board's query: an unknown scope or level is refused, not read as the default."""

    scope = serializers.ChoiceField(choices=["mine", "unit"], required=False, allow_blank=True,
                                    error_messages={"invalid_choice": "范围（scope）只能是 mine（我的）或 unit（本单位）"})  # fmt: skip
    level = serializers.ChoiceField(choices=["red", "yellow"], required=False, allow_blank=True,
                                    error_messages={"invalid_choice": "预警（level）只能是 red（逾期）或 yellow（临期）"})  # fmt: skip


class WarningViewSet(viewsets.GenericViewSet):
    """预警：逾期（red）和临期（yellow，FAZHI_WARNING_DAYS 个工作日内到期）的事项。
    scope=mine 我的（默认）或 unit 本单位（仅本人角色可查看的台账）；level=red|yellow。"""

    serializer_class = WarningItemSerializer
    pagination_class = None
    queryset = Deadline.objects.none()  # the items are read by warnings.board, scoped there

    @extend_schema(parameters=[
        OpenApiParameter("scope", str, enum=["mine", "unit"], description="范围"),
        OpenApiParameter("level", str, enum=["red", "yellow"], description="只看逾期或临期"),
    ], summary="预警事项")  # fmt: skip
    def list(self, request):
        from fazhi.reports import warnings

        query = WarningQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if request.user.org_unit_id is None:
            return Response([])
        items = warnings.board(request.user, scope=query.validated_data.get("scope") or "mine",
                               only=query.validated_data.get("level") or None)  # fmt: skip
        return Response(WarningItemSerializer(items, many=True).data)


ROUTES = [
    ("reports/reports", ReportViewSet, "reports-report"),
    ("reports/warnings", WarningViewSet, "reports-warning"),
]
