"""API of major decisions. The catalogue and the decision are registers; the five
steps and the moves after the decision are their own endpoints, each calling the
same action as the page (so the same rules and Chinese refusals apply)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.decisions.actions import major as actions
from fazhi.decisions.choices import DeliberationOutcome, MemberPosition, ReviewOpinion, RiskLevel
from fazhi.decisions.definitions.major import catalogues, decisions
from fazhi.decisions.models import (
    DecisionCatalogue,
    DecisionFollowUp,
    DecisionStep,
    ExpertOpinion,
    MajorDecision,
    MemberOpinion,
)
from fazhi.decisions.workflow import major as workflow

# -- serializers ---------------------------------------------------------------------------


class CatalogueSerializer(RegisterFormSerializer):
    form_class = catalogues.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")

    class Meta:
        model = DecisionCatalogue
        fields = ["id", "org_unit", "year", "title", "note", "status", "status_label", "approved_on",
                  "approved_at_meeting", "published_on", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "approved_on", "approved_at_meeting", "published_on", "updated_at"]


class ExpertOpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertOpinion
        fields = ["expert", "affiliation", "opinion"]


class MemberOpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MemberOpinion
        fields = ["order", "member", "role", "is_head", "position", "opinion"]


class StepSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_code_display", read_only=True, label="程序")
    expert_opinions = ExpertOpinionSerializer(many=True, read_only=True)
    member_opinions = MemberOpinionSerializer(many=True, read_only=True)

    class Meta:
        model = DecisionStep
        fields = ["code", "name", "position", "state", "started_on", "completed_on", "not_applicable_reason",
                  "summary", "comment_starts_on", "comment_ends_on", "comment_short_reason", "hearing_on",
                  "hearing_materials_sent_on", "risk_level", "risk_measures", "reviewer", "review_requested_on",
                  "review_due_on", "review_opinion", "meeting", "attendees", "outcome", "head_conclusion", "dissent",
                  "expert_opinions", "member_opinions"]  # fmt: skip


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionFollowUp
        fields = ["on", "progress", "problems"]


class DecisionSerializer(RegisterFormSerializer):
    form_class = decisions.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    step_progress = serializers.CharField(read_only=True, label="法定程序")

    class Meta:
        model = MajorDecision
        fields = ["id", "org_unit", "catalogue", "title", "summary", "lead_post", "lead_leader", "planned_by",
                  "basis", "basis_documents", "status", "status_label", "step_progress", "decided_on", "outcome",
                  "decision_text", "reported_on", "published_on", "publication_ref", "evaluation_reason",
                  "evaluation_due_on", "evaluated_on", "evaluation_result", "shelved_reason", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "decided_on", "outcome", "decision_text", "reported_on", "published_on",
                            "publication_ref", "evaluation_reason", "evaluation_due_on", "evaluated_on",
                            "evaluation_result", "shelved_reason", "updated_at"]  # fmt: skip


class DecisionDetailSerializer(DecisionSerializer):
    steps = serializers.SerializerMethodField(label="法定程序")
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "steps", "follow_ups"]

    @extend_schema(responses=StepSerializer(many=True))
    def get_steps(self, obj) -> list[dict]:
        steps = obj.steps.prefetch_related("expert_opinions", "member_opinions").order_by("position")
        return StepSerializer(steps, many=True).data


class ApproveRequest(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="审定日期（默认今天）")
    meeting = serializers.CharField(max_length=100, label="审定会议")


class DateRequest(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")


class ParticipationRequest(serializers.Serializer):
    comment_starts_on = serializers.DateField(label="征求意见开始日期")
    comment_ends_on = serializers.DateField(label="征求意见截止日期")
    short_reason = serializers.CharField(
        required=False, allow_blank=True, default="", label="期限少于30日的理由"
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="", label="征求意见方式和范围")
    hearing_on = serializers.DateField(required=False, allow_null=True, default=None, label="听证会日期")
    hearing_materials_sent_on = serializers.DateField(required=False, allow_null=True, default=None,
                                                      label="听证材料送达日期")  # fmt: skip


class CloseParticipationRequest(DateRequest):
    summary = serializers.CharField(label="意见收集和采纳情况")


class ExpertRow(serializers.Serializer):
    expert = serializers.CharField(max_length=60, label="专家")
    affiliation = serializers.CharField(max_length=100, required=False, allow_blank=True, default="",
                                        label="单位及职称")  # fmt: skip
    opinion = serializers.CharField(label="论证意见")


class ExpertRequest(DateRequest):
    opinions = ExpertRow(many=True, label="专家意见")
    summary = serializers.CharField(required=False, allow_blank=True, default="", label="论证结论")


class RiskRequest(DateRequest):
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, label="风险等级")
    measures = serializers.CharField(label="风险防范措施")
    summary = serializers.CharField(required=False, allow_blank=True, default="", label="评估报告摘要")


class NotApplicableRequest(DateRequest):
    code = serializers.ChoiceField(choices=["expert_argumentation", "risk_assessment"], label="程序")
    reason = serializers.CharField(label="不适用理由")


class ReviewRequestRequest(serializers.Serializer):
    reviewer = serializers.CharField(max_length=100, label="审查机构或人员")
    requested_on = serializers.DateField(label="送审日期")
    due_on = serializers.DateField(
        required=False, allow_null=True, default=None, label="审查期限（默认7个工作日）"
    )


class ReviewRequest(DateRequest):
    opinion = serializers.ChoiceField(choices=ReviewOpinion.choices, label="审查结论")
    text = serializers.CharField(label="书面审查意见")


class MemberRow(serializers.Serializer):
    member = serializers.CharField(max_length=60, label="姓名")
    role = serializers.CharField(max_length=60, required=False, allow_blank=True, default="", label="职务")
    position = serializers.ChoiceField(choices=MemberPosition.choices, label="表态")
    opinion = serializers.CharField(required=False, allow_blank=True, default="", label="意见")
    is_head = serializers.BooleanField(required=False, default=False, label="行政首长")


class DeliberationRequest(serializers.Serializer):
    meeting = serializers.CharField(max_length=100, label="会议名称")
    on = serializers.DateField(label="会议日期")
    attendees = serializers.CharField(label="出席人员")
    opinions = MemberRow(many=True, label="组成人员意见（按发言顺序，行政首长最后）")
    outcome = serializers.ChoiceField(choices=DeliberationOutcome.choices, label="讨论结果")
    conclusion = serializers.CharField(label="行政首长决定意见")
    dissent = serializers.CharField(required=False, allow_blank=True, default="", label="不同意见")
    decision_text = serializers.CharField(required=False, allow_blank=True, default="", label="决定内容")


class MoveRequest(DateRequest):
    text = serializers.CharField(required=False, allow_blank=True, default="",
                                 label="说明（报告方式、执行情况、后评估原因或结论、暂缓理由）")  # fmt: skip
    extra = serializers.CharField(required=False, allow_blank=True, default="",
                                  label="公布载体（公布时）或存在问题（执行跟踪时）")  # fmt: skip
    due_on = serializers.DateField(required=False, allow_null=True, default=None, label="后评估期限")


# -- viewsets ------------------------------------------------------------------------------


class CatalogueViewSet(RegisterViewSet):
    """重大行政决策事项目录。approve/ 审定（领导），publish/ 公布。"""

    register = catalogues
    serializer_class = CatalogueSerializer
    action_verbs = {"approve": "view", "publish": "view"}
    ordering_fields = ["year"]

    def _answer(self, request, obj):
        return Response(CatalogueSerializer(obj, context={"request": request}).data)

    @extend_schema(request=ApproveRequest, responses=CatalogueSerializer, summary="审定决策事项目录")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = ApproveRequest(data=request.data)
        data.is_valid(raise_exception=True)
        obj = actions.approve_catalogue(self.get_object(), actor=request.user, on=data.validated_data.get("on"),
                                        meeting=data.validated_data["meeting"])  # fmt: skip
        return self._answer(request, obj)

    @extend_schema(request=DateRequest, responses=CatalogueSerializer, summary="公布决策事项目录")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        data = DateRequest(data=request.data)
        data.is_valid(raise_exception=True)
        obj = actions.publish_catalogue(
            self.get_object(), actor=request.user, on=data.validated_data.get("on")
        )
        return self._answer(request, obj)


STEP_ENDPOINTS = ("participation", "participation_close", "experts", "risk", "not_applicable", "review_request",
                  "review", "deliberation")  # fmt: skip


class DecisionViewSet(RegisterViewSet):
    """重大行政决策。五项法定程序依次办理：participation/（发布征求意见）、participation_close/、experts/、
    risk/、not_applicable/（专家论证或风险评估依法不适用，须写明理由）、review_request/、review/、
    deliberation/（集体讨论决定，领导）；决定后 moves/<action>/：report 向党委报告、publish 公布、
    follow_up 执行跟踪、start_evaluation / complete_evaluation 后评估、shelve 暂缓或终止。"""

    register = decisions
    action_verbs = {name: "view" for name in (*STEP_ENDPOINTS, "move")}
    ordering_fields = ["decided_on", "status"]

    def get_serializer_class(self):
        return DecisionSerializer if self.action in ("list", "create", "update", "partial_update") else (
            DecisionDetailSerializer)  # fmt: skip

    def _answer(self, request, decision):
        decision = MajorDecision.objects.get(pk=decision.pk)
        return Response(DecisionDetailSerializer(decision, context={"request": request}).data)

    def _data(self, serializer_class, request) -> dict:
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(
        request=ParticipationRequest, responses=DecisionDetailSerializer, summary="发布征求意见（公众参与）"
    )
    @action(detail=True, methods=["post"])
    def participation(self, request, pk=None):
        decision = self.get_object()
        actions.start_public_participation(
            decision, actor=request.user, **self._data(ParticipationRequest, request)
        )
        return self._answer(request, decision)

    @extend_schema(
        request=CloseParticipationRequest, responses=DecisionDetailSerializer, summary="办结公众参与"
    )
    @action(detail=True, methods=["post"])
    def participation_close(self, request, pk=None):
        decision = self.get_object()
        d = self._data(CloseParticipationRequest, request)
        actions.complete_public_participation(
            decision, actor=request.user, summary=d["summary"], on=d.get("on")
        )
        return self._answer(request, decision)

    @extend_schema(request=ExpertRequest, responses=DecisionDetailSerializer, summary="登记专家论证")
    @action(detail=True, methods=["post"])
    def experts(self, request, pk=None):
        decision = self.get_object()
        d = self._data(ExpertRequest, request)
        actions.record_expert_argumentation(decision, actor=request.user, opinions=d["opinions"], summary=d["summary"],
                                            on=d.get("on"))  # fmt: skip
        return self._answer(request, decision)

    @extend_schema(request=RiskRequest, responses=DecisionDetailSerializer, summary="登记风险评估")
    @action(detail=True, methods=["post"])
    def risk(self, request, pk=None):
        decision = self.get_object()
        d = self._data(RiskRequest, request)
        actions.record_risk_assessment(decision, actor=request.user, risk_level=d["risk_level"],
                                       measures=d["measures"], summary=d["summary"], on=d.get("on"))  # fmt: skip
        return self._answer(request, decision)

    @extend_schema(request=NotApplicableRequest, responses=DecisionDetailSerializer, summary="标记程序不适用")
    @action(detail=True, methods=["post"])
    def not_applicable(self, request, pk=None):
        decision = self.get_object()
        d = self._data(NotApplicableRequest, request)
        actions.mark_not_applicable(
            decision, actor=request.user, code=d["code"], reason=d["reason"], on=d.get("on")
        )
        return self._answer(request, decision)

    @extend_schema(request=ReviewRequestRequest, responses=DecisionDetailSerializer, summary="送请合法性审查")
    @action(detail=True, methods=["post"])
    def review_request(self, request, pk=None):
        decision = self.get_object()
        d = self._data(ReviewRequestRequest, request)
        actions.request_legality_review(decision, actor=request.user, reviewer=d["reviewer"],
                                        requested_on=d["requested_on"], due_on=d["due_on"])  # fmt: skip
        return self._answer(request, decision)

    @extend_schema(request=ReviewRequest, responses=DecisionDetailSerializer, summary="登记合法性审查意见")
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        decision = self.get_object()
        d = self._data(ReviewRequest, request)
        actions.record_legality_review(decision, actor=request.user, opinion=d["opinion"], text=d["text"],
                                       on=d.get("on"))  # fmt: skip
        return self._answer(request, decision)

    @extend_schema(
        request=DeliberationRequest, responses=DecisionDetailSerializer, summary="登记集体讨论决定"
    )
    @action(detail=True, methods=["post"])
    def deliberation(self, request, pk=None):
        decision = self.get_object()
        actions.record_deliberation(decision, actor=request.user, **self._data(DeliberationRequest, request))
        return self._answer(request, decision)

    @extend_schema(request=MoveRequest, responses=DecisionDetailSerializer, summary="决定后的办理环节")
    @action(detail=True, methods=["post"], url_path=r"moves/(?P<move>[a-z_]+)")
    def move(self, request, pk=None, move=None):
        decision = self.get_object()
        if move not in workflow.ACTION_LABELS:
            raise Http404("未知的办理环节")
        d = self._data(MoveRequest, request)
        on, text, extra = d.get("on"), d["text"], d["extra"]
        if move == "report":
            actions.report_to_party_committee(decision, actor=request.user, on=on, note=text)
        elif move == "publish":
            actions.publish_decision(decision, actor=request.user, on=on, where=extra)
        elif move == "follow_up":
            actions.add_follow_up(decision, actor=request.user, progress=text, problems=extra, on=on)
        elif move == "start_evaluation":
            if d["due_on"] is None:
                raise serializers.ValidationError({"due_on": ["请填写后评估期限"]})
            actions.start_evaluation(decision, actor=request.user, reason=text, due_on=d["due_on"])
        elif move == "complete_evaluation":
            actions.complete_evaluation(decision, actor=request.user, result=text, on=on)
        else:
            actions.shelve_decision(decision, actor=request.user, reason=text)
        return self._answer(request, decision)


ROUTES = [
    ("decisions/catalogues", CatalogueViewSet, "decisions-catalogue"),
    ("decisions/decisions", DecisionViewSet, "decisions-decision"),
]
