"""API viewsets of the oversight registers. Steps are their own endpoints
(`…/steps/<step>/`, `…/findings/`, `…/complete/`); a status is never PATCHed."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.models import Post
from fazhi.oversight import actions, workflow
from fazhi.oversight.api import serializers as s
from fazhi.oversight.definitions import campaigns, rectifications, reviews, rubric_items, rubrics
from fazhi.oversight.forms import leaders_visible_to


class RectificationViewSet(RegisterViewSet):
    """整改事项。进度只能通过 steps/<step>/ 办理：start 开始整改、submit 提交销号、
    close_out 审核销号、reject 退回整改；提交人不能审核本事项的销号。"""

    register = rectifications
    # A step checks its own permission in its action: seeing the item is enough to ask.
    action_verbs = {"step": "view"}
    ordering_fields = ["due_on", "status", "closed_on"]

    def get_serializer_class(self):
        return (
            s.RectificationDetailSerializer
            if self.action in ("retrieve", "step")
            else s.RectificationSerializer
        )

    @extend_schema(request=s.RectificationStepRequestSerializer, responses=s.RectificationDetailSerializer,
                   summary="办理整改事项的下一环节")  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        item = self.get_object()
        if step not in workflow.ACTION_LABELS:
            raise Http404("未知的整改环节")
        data = s.RectificationStepRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = actions.take_step(item, step, actor=request.user, on=data.validated_data.get("on"),
                                 note=data.validated_data["note"])  # fmt: skip
        return Response(s.RectificationDetailSerializer(item, context={"request": request}).data)


class CampaignViewSet(RegisterViewSet):
    """专项整治及其问题类别（categories：按顺序的类别名称列表）。"""

    register = campaigns
    serializer_class = s.CampaignSerializer
    ordering_fields = ["starts_on", "name"]


class RubricViewSet(RegisterViewSet):
    """案卷评查标准：扣分分值、等次分数线和整改期限。"""

    register = rubrics
    serializer_class = s.RubricSerializer
    ordering_fields = ["name"]


class RubricItemViewSet(RegisterViewSet):
    """评查标准的否决项和文书项。"""

    register = rubric_items
    serializer_class = s.RubricItemSerializer
    ordering_fields = ["position"]


class ReviewViewSet(RegisterViewSet):
    """案卷评查。POST 开始评查（已结案的案卷，评查人不得为本案承办人员）；findings/ 录入评查结果；
    complete/ 完成评查：任一否决项不通过得0分、不合格，发现问题的生成整改事项。"""

    register = reviews
    action_verbs = {"findings": "change", "complete": "change"}
    ordering_fields = ["reviewed_on", "score"]

    def get_serializer_class(self):
        return s.ReviewDetailSerializer if self.action != "list" else s.ReviewSerializer

    @extend_schema(
        request=s.FindingsRequestSerializer, responses=s.ReviewDetailSerializer, summary="录入评查结果"
    )
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        review = self.get_object()
        data = s.FindingsRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        review = actions.record_findings(review, actor=request.user, vetoes=d["vetoes"], deductions=d["deductions"],
                                         summary=d["summary"])  # fmt: skip
        return Response(s.ReviewDetailSerializer(review, context={"request": request}).data)

    @extend_schema(
        request=s.CompleteRequestSerializer, responses=s.ReviewDetailSerializer, summary="完成评查"
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        review = self.get_object()
        data = s.CompleteRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        leader = post = None
        if d.get("lead_leader"):
            leader = leaders_visible_to(request.user).filter(pk=d["lead_leader"]).first()
            if leader is None:
                raise serializers.ValidationError({"lead_leader": ["牵头领导不存在或不是本单位的领导账号"]})
        if d.get("responsible_post"):
            post = Post.objects.visible_to(request.user).filter(pk=d["responsible_post"]).first()
            if post is None:
                raise serializers.ValidationError(
                    {"responsible_post": ["责任岗位不存在或不在本单位管辖范围内"]}
                )
        review = actions.complete_review(review, actor=request.user, lead_leader=leader, responsible_post=post,
                                         on=d.get("on"))  # fmt: skip
        return Response(s.ReviewDetailSerializer(review, context={"request": request}).data)
