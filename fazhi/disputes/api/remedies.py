"""API of reconsideration and litigation cases. A case's steps are their own endpoint
(`…/<id>/steps/<step>/`), validated by the same step forms as the page; its status is
never PATCHed. The due date is worked out, never written. A natural person's name
(applicant, plaintiff) is written in full and read back masked."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.definitions.remedies import litigations, reconsiderations
from fazhi.disputes.forms.remedies import LITIGATION_STEP_FORMS, RECONSIDERATION_STEP_FORMS
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.models.remedies import RemedyStep


def _plain(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class RemedyStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True, default="", label="操作人")

    class Meta:
        model = RemedyStep
        fields = ["action", "label", "on", "actor", "note"]


class _CaseSerializer(RegisterFormSerializer):
    """Validates through the page form; the form may fill the act from the linked
    enforcement case, so that field is taken from the form too."""

    filled_by_form = ("act",)
    enforcement_case_no = serializers.CharField(source="enforcement_case.decision_no", read_only=True, default="",
                                                label="关联执法决定书文号")  # fmt: skip
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")

    def validate(self, attrs):
        data = self.form_class.initial_for(self.instance) if self.instance is not None else {}
        data.update({k: _plain(v) for k, v in attrs.items()})
        form = self.form_class(data=data, instance=self.instance, user=self._user())
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        keys = set(attrs) | ({*self.filled_by_form} if self.instance is None else set())
        return {k: form.cleaned_data[k] for k in keys if k in form.cleaned_data}


class ReconsiderationSerializer(_CaseSerializer):
    form_class = reconsiderations.form_class
    applicant = serializers.CharField(write_only=True, max_length=100, label="申请人")
    applicant_masked = serializers.CharField(
        source="masked_applicant", read_only=True, label="申请人（自然人脱敏）"
    )
    reply_state = serializers.CharField(read_only=True, label="答复情况")

    class Meta:
        model = Reconsideration
        fields = ["id", "org_unit", "case_no", "body", "applicant_kind", "applicant", "applicant_masked", "act",
                  "enforcement_case", "enforcement_case_no", "applied_on", "copy_served_on", "simple_procedure",
                  "reply_due_on", "replied_on", "reply_state", "handler", "status", "status_label", "outcome",
                  "decided_on", "decision_no", "outcome_note", "updated_at"]  # fmt: skip
        read_only_fields = ["reply_due_on", "status", "updated_at"]
        extra_kwargs = {"act": {"required": False}}


class LitigationSerializer(_CaseSerializer):
    form_class = litigations.form_class
    plaintiff = serializers.CharField(write_only=True, max_length=100, label="原告")
    plaintiff_masked = serializers.CharField(
        source="masked_plaintiff", read_only=True, label="原告（自然人脱敏）"
    )
    defence_state = serializers.CharField(read_only=True, label="答辩情况")
    final_outcome = serializers.CharField(read_only=True, label="生效裁判结果")

    class Meta:
        model = Litigation
        fields = ["id", "org_unit", "case_no", "court", "plaintiff_kind", "plaintiff", "plaintiff_masked", "act",
                  "enforcement_case", "enforcement_case_no", "reconsideration", "complaint_received_on",
                  "defence_due_on", "defence_filed_on", "defence_state", "hearing_on", "head_appeared",
                  "appearing_person", "non_appearance_reason", "handler", "status", "status_label", "outcome",
                  "judged_on", "instance", "appealed", "appealed_on", "appeal_outcome", "appeal_judged_on",
                  "final_outcome", "note", "updated_at"]  # fmt: skip
        read_only_fields = ["defence_due_on", "status", "instance", "updated_at"]
        extra_kwargs = {"act": {"required": False}}


class _DetailMixin(serializers.Serializer):
    steps = RemedyStepSerializer(many=True, read_only=True, label="办理过程")
    rectifications = serializers.SerializerMethodField(label="生成的整改事项")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_rectifications(self, obj) -> list[int]:
        return list(actions.rectifications_of(obj).values_list("pk", flat=True))


class ReconsiderationDetailSerializer(_DetailMixin, ReconsiderationSerializer):
    class Meta(ReconsiderationSerializer.Meta):
        fields = [*ReconsiderationSerializer.Meta.fields, "steps", "rectifications"]


class LitigationDetailSerializer(_DetailMixin, LitigationSerializer):
    class Meta(LitigationSerializer.Meta):
        fields = [*LitigationSerializer.Meta.fields, "steps", "rectifications"]


class RemedyStepRequestSerializer(serializers.Serializer):
    """Every field any step takes; each step reads its own (see the step's page form)."""

    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    note = serializers.CharField(required=False, allow_blank=True, label="说明")
    outcome = serializers.CharField(required=False, label="结果（decide、end、judge、appeal_result）")
    decision_no = serializers.CharField(required=False, allow_blank=True, max_length=60,
                                        label="决定书文号（decide、end）")  # fmt: skip
    lead_leader = serializers.IntegerField(required=False, allow_null=True,
                                           label="整改牵头领导账号ID（纠错、败诉时必填）")  # fmt: skip
    responsible_post = serializers.IntegerField(required=False, allow_null=True, label="整改责任岗位ID")
    days = serializers.IntegerField(required=False, allow_null=True, label="整改期限天数（默认30）")
    head_appeared = serializers.BooleanField(required=False, label="负责人出庭应诉（hearing）")
    appearing_person = serializers.CharField(required=False, allow_blank=True, max_length=60,
                                             label="出庭负责人（hearing）")  # fmt: skip
    non_appearance_reason = serializers.CharField(required=False, allow_blank=True,
                                                  label="负责人未出庭的理由（hearing）")  # fmt: skip


class _CaseViewSet(RegisterViewSet):
    # A step checks its own permission in its action: seeing the case is enough to ask.
    action_verbs = {"step": "view"}
    step_forms: dict = {}
    detail_serializer: type[serializers.Serializer]
    list_serializer: type[serializers.Serializer]

    def get_serializer_class(self):
        return self.detail_serializer if self.action in ("retrieve", "step") else self.list_serializer

    def get_queryset(self):
        qs = super().get_queryset()
        return qs.prefetch_related("steps__actor") if self.action == "retrieve" else qs

    def _take(self, request, step: str):
        case = self.get_object()
        if step not in self.step_forms:
            raise Http404("未知的办理环节")
        form = self.step_forms[step](data=request.data, user=request.user)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        take = (
            actions.take_reconsideration_step
            if isinstance(case, Reconsideration)
            else actions.take_litigation_step
        )
        case = take(case, step, actor=request.user, data=form.cleaned_data)
        return Response(self.detail_serializer(case, context={"request": request}).data)


class ReconsiderationViewSet(_CaseViewSet):
    """行政复议（本镇为被申请人）。新增即登记收到申请书副本，书面答复期限由系统按收到之日施行的行政复议法计算；
    新增时可补录历史案件的答复和结果。办理环节通过 steps/<step>/：reply 提交书面答复、decide 登记复议决定
    （纠错决定须指定整改牵头领导，自动生成整改事项）、end 登记终止（撤回申请、调解或和解）。"""

    register = reconsiderations
    list_serializer = ReconsiderationSerializer
    detail_serializer = ReconsiderationDetailSerializer
    step_forms = RECONSIDERATION_STEP_FORMS
    # Never sort by the masked applicant.
    ordering_fields = ["copy_served_on", "reply_due_on", "decided_on", "status", "updated_at"]

    @extend_schema(request=RemedyStepRequestSerializer, responses=ReconsiderationDetailSerializer,
                   summary="办理行政复议案件的一个环节")  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        return self._take(request, step)


class LitigationViewSet(_CaseViewSet):
    """行政诉讼（本镇为被告）。新增即登记收到起诉状副本，答辩期限由系统计算（十五日）；新增时可补录历史案件的诉讼过程。
    办理环节通过 steps/<step>/：defend 提交答辩状、hearing 登记开庭及负责人出庭应诉（未出庭须说明理由）、
    judge 登记裁判结果（败诉须指定整改牵头领导，自动生成整改事项）、appeal 登记上诉、appeal_result 登记二审结果、
    close 裁判生效结案。"""

    register = litigations
    list_serializer = LitigationSerializer
    detail_serializer = LitigationDetailSerializer
    step_forms = LITIGATION_STEP_FORMS
    # Never sort by the masked plaintiff.
    ordering_fields = ["complaint_received_on", "defence_due_on", "judged_on", "status", "updated_at"]

    @extend_schema(request=RemedyStepRequestSerializer, responses=LitigationDetailSerializer,
                   summary="办理行政诉讼案件的一个环节")  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        return self._take(request, step)


ROUTES = [
    ("disputes/reconsiderations", ReconsiderationViewSet, "disputes-reconsideration"),
    ("disputes/litigations", LitigationViewSet, "disputes-litigation"),
]
