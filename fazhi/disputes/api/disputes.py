"""API of disputes under /api/v1/disputes/disputes/. Registration takes the parties in
full and every read gives them back masked; the full values come only from
`reveal/` (its own permission, audited). Steps are their own endpoint
(`<id>/steps/<step>/`), validated by the page's step forms; a status is never PATCHed."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, ConfirmationResult, PartyKind, Referral
from fazhi.disputes.definitions.disputes import disputes
from fazhi.disputes.forms.disputes import STEP_FORMS, DisputeForm, party_formset
from fazhi.disputes.models import Dispute, DisputeParty, DisputeStep


class DisputePartySerializer(serializers.ModelSerializer):
    """A party as it is written (in full) and read (masked)."""

    name = serializers.CharField(max_length=100, write_only=True, label="姓名或名称")
    resident_id = serializers.CharField(max_length=18, required=False, allow_blank=True, write_only=True,
                                        label="公民身份号码")  # fmt: skip
    phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, write_only=True, label="联系电话"
    )
    address = serializers.CharField(
        max_length=200, required=False, allow_blank=True, write_only=True, label="住址"
    )
    kind = serializers.ChoiceField(choices=PartyKind.choices, required=False, label="类型")
    name_masked = serializers.CharField(source="masked_name", read_only=True, label="姓名或名称（脱敏）")
    resident_id_masked = serializers.CharField(source="masked_resident_id", read_only=True,
                                               label="公民身份号码（脱敏）")  # fmt: skip
    phone_masked = serializers.CharField(source="masked_phone", read_only=True, label="联系电话（脱敏）")
    address_masked = serializers.CharField(source="masked_address", read_only=True, label="住址（脱敏）")

    class Meta:
        model = DisputeParty
        fields = ["kind", "name", "resident_id", "phone", "address", "name_masked", "resident_id_masked",
                  "phone_masked", "address_masked"]  # fmt: skip


class DisputeStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True, default="", label="操作人")

    class Meta:
        model = DisputeStep
        fields = ["action", "label", "on", "actor", "note"]


class DisputeSerializer(RegisterFormSerializer):
    """A dispute: registered with its parties (POST), what was registered corrected
    (PATCH: village, source, category, risk, summary, amount, people)."""

    form_class = DisputeForm
    parties = DisputePartySerializer(many=True, label="当事人")
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    outcome = serializers.CharField(read_only=True, label="调解结果")
    high_risk = serializers.BooleanField(source="is_high_risk", read_only=True, label="重大风险")

    class Meta:
        model = Dispute
        fields = ["id", "number", "org_unit", "village", "source", "category", "risk_level", "high_risk", "summary",
                  "amount", "people_involved", "registered_on", "status", "status_label", "committee", "mediators",
                  "room", "assigned_on", "mediation_started_on", "resolved_on", "outcome", "agreement_form",
                  "agreement_text", "confirmation_wanted", "confirmation_due_on", "confirmation_applied_on",
                  "confirmation_result", "referral", "referral_note", "follow_up_on", "follow_up_note", "closed_on",
                  "parties", "updated_at"]  # fmt: skip
        read_only_fields = ["number", "org_unit", "status", "committee", "mediators", "room", "assigned_on",
                            "mediation_started_on", "resolved_on", "agreement_form", "agreement_text",
                            "confirmation_wanted", "confirmation_due_on", "confirmation_applied_on",
                            "confirmation_result", "referral", "referral_note", "follow_up_on", "follow_up_note",
                            "closed_on", "updated_at"]  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["parties"].read_only = True  # parties change on the page, not by PATCH
            fields["registered_on"].read_only = True
        return fields

    def validate(self, attrs):
        parties = attrs.pop("parties", None)
        data = super().validate(attrs)
        if parties is not None:
            formset = party_formset(_formset_data(parties))
            if not formset.is_valid():
                errors = (
                    [dict(f.errors) for f in formset.forms] if any(f.errors for f in formset.forms) else []
                )
                raise serializers.ValidationError({"parties": errors or list(formset.non_form_errors())})
            data["parties"] = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("name")]
        return data


def _formset_data(parties: list[dict]) -> dict:
    data = {"parties-TOTAL_FORMS": str(len(parties)), "parties-INITIAL_FORMS": "0", "parties-MIN_NUM_FORMS": "1",
            "parties-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for i, party in enumerate(parties):
        for key in ("kind", "name", "resident_id", "phone", "address"):
            data[f"parties-{i}-{key}"] = party.get(key, "individual" if key == "kind" else "")
    return data


class DisputeDetailSerializer(DisputeSerializer):
    steps = DisputeStepSerializer(many=True, read_only=True, label="办理过程")

    class Meta(DisputeSerializer.Meta):
        fields = [*DisputeSerializer.Meta.fields, "steps"]


class DisputeStepRequestSerializer(serializers.Serializer):
    """Every field any step takes; each step reads its own (see the step's page form)."""

    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    note = serializers.CharField(required=False, allow_blank=True, label="说明；回访情况（follow_up，必填）")
    committee = serializers.IntegerField(required=False, label="承办调解委员会（assign）")
    mediators = serializers.ListField(
        child=serializers.IntegerField(), required=False, label="调解员（assign）"
    )
    room = serializers.IntegerField(required=False, allow_null=True, label="调解室（assign，可选）")
    agreement_form = serializers.ChoiceField(choices=AgreementForm.choices, required=False,
                                             label="协议形式（resolve）")  # fmt: skip
    agreement_text = serializers.CharField(required=False, label="协议内容（resolve）")
    confirmation_wanted = serializers.BooleanField(required=False, label="当事人拟申请司法确认（resolve）")
    referral = serializers.ChoiceField(
        choices=Referral.choices, required=False, label="调解不成的处理（fail）"
    )
    referral_note = serializers.CharField(required=False, allow_blank=True, label="处理情况（fail）")
    confirmation_result = serializers.ChoiceField(choices=ConfirmationResult.choices, required=False,
                                                  label="司法确认结果（confirmation_result）")  # fmt: skip


class RevealedDisputePartySerializer(serializers.Serializer):
    kind = serializers.CharField(label="类型")
    name = serializers.CharField(label="姓名或名称")
    resident_id = serializers.CharField(label="公民身份号码")
    phone = serializers.CharField(label="联系电话")
    address = serializers.CharField(label="住址")


class DisputeViewSet(RegisterViewSet):
    """矛盾纠纷。POST 登记（至少一方当事人，自动编号）；PATCH 更正登记内容。
    办理环节通过 steps/<step>/：assign 分派调解、start 开始调解、resolve 调解成功、fail 调解不成、
    apply_confirmation 申请司法确认、confirmation_result 登记司法确认结果、follow_up 回访、close 结案
    （须已有调解结果和回访记录）。当事人信息脱敏返回，完整信息通过 reveal/ 查看（留痕）。"""

    register = disputes
    # A step checks its own permission in its action: seeing the dispute is enough to ask.
    action_verbs = {"step": "view", "reveal": "view"}
    ordering_fields = ["registered_on", "closed_on", "status", "updated_at"]

    def get_serializer_class(self):
        return DisputeDetailSerializer if self.action in ("retrieve", "step") else DisputeSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        parties = data.pop("parties", [])
        serializer.instance = actions.register_dispute(actor=self.request.user, data=data, parties=parties)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "parties"}
        serializer.instance = actions.update_dispute(serializer.instance, actor=self.request.user, data=data)

    @extend_schema(request=DisputeStepRequestSerializer, responses=DisputeDetailSerializer,
                   summary="办理矛盾纠纷的一个环节")  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        dispute = self.get_object()
        if step not in STEP_FORMS:
            raise Http404("未知的办理环节")
        form = STEP_FORMS[step](data=request.data, user=request.user)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        dispute = actions.take_step(dispute, step, actor=request.user, data=form.cleaned_data)
        return Response(DisputeDetailSerializer(dispute, context={"request": request}).data)

    @extend_schema(request=None, responses=RevealedDisputePartySerializer(many=True),
                   summary="查看当事人完整个人信息（留痕）")  # fmt: skip
    @action(detail=True, methods=["post"], pagination_class=None)
    def reveal(self, request, pk=None):
        dispute = self.get_object()
        return Response(actions.reveal_parties(dispute, actor=request.user))


ROUTES = [("disputes/disputes", DisputeViewSet, "disputes-dispute")]
