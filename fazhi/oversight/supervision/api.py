"""API of the supervision registers, under /api/v1/oversight/. The serializers
validate through the page forms; a requester's name and phone are written in full
and read back masked; steps are their own endpoints (withdraw/, expire/,
extend/, difficult/, findings/), never a PATCH of a status or a due date."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import masking
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.core.models.scoped import visible_unit_ids
from fazhi.oversight.api.serializers import RectificationSerializer
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal
from fazhi.oversight.supervision import actions
from fazhi.oversight.supervision.definitions import disclosure_requests, disclosures, inspections, proposals
from fazhi.oversight.supervision.forms import FindingForm


class InfoItemSerializer(RegisterFormSerializer):
    form_class = disclosures.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    deadline_state = serializers.CharField(read_only=True, label="期限情况")

    class Meta:
        model = InfoItem
        fields = ["id", "org_unit", "category", "title", "content", "made_on", "due_on", "handler", "published_on",
                  "channel", "status", "status_label", "deadline_state", "ended_on", "end_reason", "updated_at"]  # fmt: skip
        read_only_fields = ["due_on", "status", "ended_on", "end_reason", "updated_at"]


class InfoRequestSerializer(RegisterFormSerializer):
    """`requester` and `contact` are written in full and read back masked
    (`requester_masked`, `contact_masked`)."""

    form_class = disclosure_requests.form_class
    requester_masked = serializers.CharField(source="masked_requester", read_only=True, label="申请人")
    contact_masked = MaskedField(source="contact", mask=masking.mask_phone, label="联系电话")
    reply_state = serializers.CharField(read_only=True, label="办理情况")

    class Meta:
        model = InfoRequest
        fields = ["id", "org_unit", "number", "requester_kind", "requester", "requester_masked", "contact",
                  "contact_masked", "content", "received_on", "request_channel", "handler", "correction_asked_on",
                  "correction_received_on", "third_party_asked_on", "third_party_answered_on", "reply_due_on",
                  "extension_approved_by", "extension_approved_on", "extension_reason", "replied_on", "reply_kind",
                  "reply_reason", "reply_state", "updated_at"]  # fmt: skip
        read_only_fields = ["reply_due_on", "extension_approved_by", "extension_approved_on", "extension_reason",
                            "updated_at"]  # fmt: skip
        extra_kwargs = {"requester": {"write_only": True}, "contact": {"write_only": True}}


class ProposalSerializer(RegisterFormSerializer):
    form_class = proposals.form_class
    deadline_state = serializers.CharField(read_only=True, label="期限情况")

    class Meta:
        model = Proposal
        fields = ["id", "org_unit", "kind", "number", "title", "proposer", "content", "received_on", "assigned_on",
                  "responsible_post", "lead_leader", "difficult", "difficult_approved_by", "difficult_approved_on",
                  "difficult_reason", "reply_due_on", "replied_on", "reply_category", "reply_text", "satisfaction",
                  "report_published_on", "deadline_state", "updated_at"]  # fmt: skip
        read_only_fields = ["difficult", "difficult_approved_by", "difficult_approved_on", "difficult_reason",
                            "reply_due_on", "updated_at"]  # fmt: skip


class InspectionSerializer(RegisterFormSerializer):
    form_class = inspections.form_class
    answer_state = serializers.CharField(read_only=True, label="反馈情况")
    # Explicit bounds: the database's own integer range differs between SQLite and PostgreSQL.
    participants = serializers.IntegerField(min_value=0, max_value=9999, required=False, allow_null=True,
                                            label="参加评议的代表人数")  # fmt: skip

    class Meta:
        model = Inspection
        fields = ["id", "org_unit", "kind", "title", "by_whom", "held_on", "reference", "scope", "summary",
                  "participants", "lead_leader", "answer_due_on", "answered_on", "answer_state", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class SupervisionStepSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, label="理由"
    )


class FindingRequestSerializer(serializers.Serializer):
    org_unit = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                        label="责任单位（默认为督查评议对象）")  # fmt: skip
    problem = serializers.CharField(max_length=4000, label="问题")
    measures = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000,
                                     label="整改措施")  # fmt: skip
    lead_leader = serializers.IntegerField(min_value=1, label="牵头领导")
    responsible_post = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, label="责任岗位"
    )
    due_on = serializers.DateField(label="整改期限")


def _step_data(request) -> dict:
    data = SupervisionStepSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


class InfoItemViewSet(RegisterViewSet):
    """主动公开的政府信息。填写 published_on 即公开（公开期限为形成或变更之日起20个工作日）；
    withdraw/ 撤回（须说明理由）、expire/ 标记失效：之后不再在公开平台展示。"""

    register = disclosures
    serializer_class = InfoItemSerializer
    action_verbs = {"withdraw": "change", "expire": "change"}
    ordering_fields = ["made_on", "published_on", "due_on"]

    @extend_schema(
        request=SupervisionStepSerializer, responses=InfoItemSerializer, summary="撤回已公开的信息"
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        d = _step_data(request)
        item = actions.withdraw_info_item(
            self.get_object(), actor=request.user, reason=d["reason"], on=d.get("on")
        )
        return Response(InfoItemSerializer(item, context={"request": request}).data)

    @extend_schema(
        request=SupervisionStepSerializer, responses=InfoItemSerializer, summary="标记已公开的信息失效"
    )
    @action(detail=True, methods=["post"])
    def expire(self, request, pk=None):
        d = _step_data(request)
        item = actions.expire_info_item(
            self.get_object(), actor=request.user, reason=d["reason"], on=d.get("on")
        )
        return Response(InfoItemSerializer(item, context={"request": request}).data)


class InfoRequestViewSet(RegisterViewSet):
    """政府信息公开申请。答复期限（reply_due_on）由系统计算：收到申请（或补正后的申请）之日起
    20个工作日，征求第三方意见的时间不计算在内；extend/ 由领导批准延长一次（20个工作日）。"""

    register = disclosure_requests
    serializer_class = InfoRequestSerializer
    # The extension checks its own permission (a leader's) in its action.
    action_verbs = {"extend": "view"}
    ordering_fields = ["received_on", "reply_due_on", "replied_on"]

    @extend_schema(
        request=SupervisionStepSerializer, responses=InfoRequestSerializer, summary="批准延长答复期限"
    )
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        d = _step_data(request)
        item = actions.extend_info_request(
            self.get_object(), actor=request.user, reason=d["reason"], on=d.get("on")
        )
        return Response(InfoRequestSerializer(item, context={"request": request}).data)


class ProposalViewSet(RegisterViewSet):
    """人大代表建议和政协委员提案。答复期限为交办之日起三个月；difficult/ 由领导认定涉及面广、
    处理难度大，答复期限改为六个月（代表法第四十二条）。"""

    register = proposals
    serializer_class = ProposalSerializer
    action_verbs = {"difficult": "view"}
    ordering_fields = ["assigned_on", "reply_due_on", "replied_on"]

    @extend_schema(
        request=SupervisionStepSerializer, responses=ProposalSerializer, summary="认定涉及面广、处理难度大"
    )
    @action(detail=True, methods=["post"])
    def difficult(self, request, pk=None):
        d = _step_data(request)
        item = actions.approve_difficult_period(self.get_object(), actor=request.user, reason=d["reason"],
                                                on=d.get("on"))  # fmt: skip
        return Response(ProposalSerializer(item, context={"request": request}).data)


class InspectionViewSet(RegisterViewSet):
    """督查、评议和司法建议。GET findings/ 列出发现的问题（整改事项），POST findings/ 登记一项。"""

    register = inspections
    serializer_class = InspectionSerializer
    # Adding a finding checks its own permission (oversight.add_rectification) in its action.
    action_verbs = {"findings": "view"}
    ordering_fields = ["held_on"]

    @extend_schema(methods=["GET"], request=None, responses=RectificationSerializer(many=True),
                   summary="督查评议发现的问题")  # fmt: skip
    @extend_schema(methods=["POST"], request=FindingRequestSerializer, responses={201: RectificationSerializer},
                   summary="登记督查评议发现的问题")  # fmt: skip
    @action(detail=True, methods=["get", "post"])
    def findings(self, request, pk=None):
        inspection = self.get_object()
        context = {"request": request}
        if request.method == "GET":
            found = (actions.findings_of(inspection).filter(org_unit__in=visible_unit_ids(request.user))
                     .order_by("due_on", "id")[:500])  # fmt: skip
            return Response(RectificationSerializer(found, many=True, context=context).data)
        data = FindingRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        form = FindingForm(data=data.validated_data, inspection=inspection, user=request.user)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        item = actions.add_inspection_finding(inspection, actor=request.user, data=form.cleaned_data)
        return Response(RectificationSerializer(item, context=context).data, status=201)


ROUTES = [
    ("oversight/disclosures", InfoItemViewSet, "oversight-disclosure"),
    ("oversight/disclosure-requests", InfoRequestViewSet, "oversight-disclosure-request"),
    ("oversight/proposals", ProposalViewSet, "oversight-proposal"),
    ("oversight/inspections", InspectionViewSet, "oversight-inspection"),
]
