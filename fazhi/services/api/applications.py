"""API of the applications at the window, under /api/v1/services/applications/.

Creating is 收件 (receive_application), updating is a correction before the
decision (update_application); both validate through the page form, so the
materials received are checked against the item's own list. The applicant's name,
ID number, phone and address are written in full and read back masked. The steps
are `…/<id>/steps/<step>/` (notice, supplement, accept, refuse, route, opinion,
pause, resume, extend, decide, deliver, withdraw), validated by the page's step
forms and answered with the application; the status and the due dates are never
written. A refusal is a 400 with the rule's code and its Chinese message."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import masking
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.services.choices import ApplicationState
from fazhi.services.definitions.applications import applications
from fazhi.services.forms.applications import STEPS, take_step
from fazhi.services.models import Application, ClockPause, CompletenessNotice, ReviewTask


class ApplicationSerializer(RegisterFormSerializer):
    """`applicant`, `id_number`, `phone` and `address` are written in full and read back
    masked (`…_masked`); a natural person's name is masked, an organisation's is not."""

    form_class = applications.form_class
    receipt_code = serializers.CharField(source="receipt_code_display", read_only=True, label="查询码")
    item_name = serializers.CharField(source="item.name", read_only=True, label="申请事项")
    applicant_masked = serializers.CharField(source="masked_applicant", read_only=True, label="申请人")
    id_number_masked = MaskedField(source="id_number", mask=masking.mask_resident_id, label="证件号码")
    phone_masked = MaskedField(source="phone", mask=masking.mask_phone, label="联系电话")
    address_masked = MaskedField(source="address", mask=masking.mask_address, label="联系地址")
    received_materials = serializers.ListField(child=serializers.CharField(max_length=200), required=False,
                                               label="已收材料（事项申请材料的名称）")  # fmt: skip
    missing_materials = serializers.ListField(child=serializers.CharField(), read_only=True, label="尚缺材料")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="办理状态")
    is_paused = serializers.BooleanField(read_only=True, label="中止计时中")
    decision_due_on = serializers.DateField(read_only=True, label="决定期限（法定与承诺期限中较早者）")
    acceptance_due_on = serializers.SerializerMethodField(
        label="受理审查期限（已收件待受理时：收件或补正后5个工作日）"
    )

    class Meta:
        model = Application
        fields = ["id", "org_unit", "number", "receipt_code", "item", "item_name", "applicant_kind", "applicant",
                  "applicant_masked", "id_number", "id_number_masked", "phone", "phone_masked", "address",
                  "address_masked", "village", "channel", "content", "submitted_on", "received_materials",
                  "missing_materials", "revision", "status", "status_label", "handler", "accepted_on", "refused_on",
                  "refusal_reason", "routed_on", "decided_on", "outcome", "decision_note", "delivered_on",
                  "delivery_method", "withdrawn_on", "visit_count", "is_paused", "paused_days",
                  "extension_approved_on", "extension_reason", "due_on", "promised_due_on", "decision_due_on",
                  "acceptance_due_on", "working_days_used", "rating", "updated_at"]  # fmt: skip
        read_only_fields = ["org_unit", "handler", "updated_at"]
        extra_kwargs = {
            "applicant": {"write_only": True},
            "id_number": {"write_only": True},
            "phone": {"write_only": True},
            "address": {"write_only": True},
        }

    def get_acceptance_due_on(self, obj: Application) -> str | None:
        if obj.status != ApplicationState.RECEIVED:
            return None
        due = obj.acceptance_due_on
        return due.isoformat() if due else None


class ReviewTaskSerializer(serializers.ModelSerializer):
    post_name = serializers.CharField(source="post.name", read_only=True, label="会签岗位")
    state_label = serializers.CharField(source="get_state_display", read_only=True, label="意见")

    class Meta:
        model = ReviewTask
        fields = ["id", "post", "post_name", "state", "state_label", "opinion", "reviewer", "given_on"]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompletenessNotice
        fields = ["id", "issued_on", "missing", "other", "revision"]


class PauseSerializer(serializers.ModelSerializer):
    reason_label = serializers.CharField(source="get_reason_display", read_only=True, label="中止事由")

    class Meta:
        model = ClockPause
        fields = ["id", "reason", "reason_label", "note", "started_on", "ended_on", "days"]


class ApplicationDetailSerializer(ApplicationSerializer):
    reviews = ReviewTaskSerializer(many=True, read_only=True, label="联审会签")
    notices = NoticeSerializer(many=True, read_only=True, label="一次性告知书")
    pauses = PauseSerializer(many=True, read_only=True, label="中止计时")

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "reviews", "notices", "pauses"]


class ApplicationStepRequestSerializer(serializers.Serializer):
    """Every field any step takes; each step reads its own (see its form on the page)."""

    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    other = serializers.CharField(required=False, allow_blank=True, label="其他需补正的内容（notice）")
    materials = serializers.ListField(child=serializers.CharField(), required=False,
                                      label="补正的材料（supplement）")  # fmt: skip
    in_person = serializers.BooleanField(required=False, label="到窗口补正，计入到现场次数（supplement）")
    note = serializers.CharField(
        required=False, allow_blank=True, label="说明（supplement、pause、decide、withdraw）"
    )
    reason = serializers.CharField(required=False, allow_blank=True,
                                   label="理由（refuse、extend）；中止事由（pause：hearing、tender、testing、appraisal、expert）")  # fmt: skip
    task = serializers.IntegerField(required=False, label="会签任务ID（opinion，或填 post）")
    post = serializers.IntegerField(required=False, label="会签岗位ID（opinion）")
    agree = serializers.CharField(required=False, label="同意 agree / 不同意 disagree（opinion）")
    opinion = serializers.CharField(required=False, allow_blank=True, label="审查意见（opinion）")
    outcome = serializers.CharField(required=False, label="办理结果 approved / denied（decide）")
    method = serializers.CharField(required=False, label="送达方式 window / post / online（deliver）")
    same_visit = serializers.BooleanField(required=False, label="当场领取，不另计到现场次数（deliver）")


class ApplicationViewSet(RegisterViewSet):
    """一窗受理办件。新增即收件登记（事项须为本单位已公布的事项，已收材料须为该事项申请材料清单中的名称），
    修改仅限作出决定前。申请人姓名、证件号码、联系电话、地址写入完整值，读取时脱敏（…_masked）。
    办理环节通过 steps/<step>/：notice 一次性告知、supplement 补正、accept 受理、refuse 不予受理、
    route 分送会签、opinion 会签意见（会签岗位在岗人员）、pause 中止计时、resume 恢复计时、
    extend 延期（领导）、decide 作出决定（全部会签岗位出具意见后）、deliver 送达、withdraw 撤回。"""

    register = applications
    serializer_class = ApplicationSerializer
    # Each step checks its own permission in its action: seeing the application is enough to ask.
    action_verbs = {"step": "view"}
    # Never sort by the masked applicant.
    ordering_fields = ["submitted_on", "decided_on", "number", "status", "updated_at"]

    def get_serializer_class(self):
        return ApplicationDetailSerializer if self.action in ("retrieve", "step") else ApplicationSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action in ("retrieve", "step"):
            qs = qs.prefetch_related("reviews__post", "notices")
        return qs

    @extend_schema(
        request=ApplicationStepRequestSerializer, responses=ApplicationDetailSerializer, summary="办理办件的一个环节",
        parameters=[OpenApiParameter("step", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(STEPS),
                                     description="办理环节")],
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        app = self.get_object()
        if step not in STEPS:
            raise Http404("未知的办理环节")
        form = STEPS[step].form(data=request.data, user=request.user, application=app)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        take_step(app, step, actor=request.user, data=form.cleaned_data)
        fresh = self.get_queryset().get(pk=app.pk)
        return Response(ApplicationDetailSerializer(fresh, context={"request": request}).data)


ROUTES = [("services/applications", ApplicationViewSet, "services-application")]
