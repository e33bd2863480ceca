"""API of the legal advisor's registers, under /api/v1/decisions/. The serializers
validate through the page forms; a natural person's name as counterparty leaves
masked; the review of a contract is its own endpoint (…/contracts/<id>/review/)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.choices import ContractOpinion
from fazhi.decisions.definitions.advisor import activities, advisors, contracts, policies
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor
from fazhi.decisions.models.advisor import mask_counterparty


class AdvisorSerializer(RegisterFormSerializer):
    form_class = advisors.form_class

    class Meta:
        model = LegalAdvisor
        fields = ["id", "org_unit", "firm", "lawyers", "contract_no", "starts_on", "ends_on", "fee", "scope",
                  "contact", "source_note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class ActivitySerializer(RegisterFormSerializer):
    form_class = activities.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="类型")
    # Explicit bounds: the database's own integer range differs between SQLite and PostgreSQL.
    audience = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, allow_null=True,
                                        label="参加人数")  # fmt: skip

    class Meta:
        model = AdvisorActivity
        fields = ["id", "org_unit", "advisor", "kind", "kind_label", "on", "title", "lawyers", "audience", "note",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class ContractSerializer(RegisterFormSerializer):
    """`counterparty` is written in full and read back as `counterparty_masked`: a
    natural person's name is masked, an organisation's shown as it is."""

    form_class = contracts.form_class
    counterparty_masked = MaskedField(source="counterparty", mask=mask_counterparty, label="合同相对方")
    opinion_label = serializers.CharField(source="get_opinion_display", read_only=True, label="审查结论")
    state = serializers.CharField(read_only=True, label="审查状态")

    class Meta:
        model = ContractReview
        fields = ["id", "org_unit", "advisor", "title", "counterparty", "counterparty_masked", "amount",
                  "submitting_post", "submitted_on", "due_on", "reviewer", "reviewed_on", "opinion", "opinion_label",
                  "opinion_text", "risk_points", "state", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {
            "counterparty": {"write_only": True},
            "due_on": {"required": False, "allow_null": True,
                       "help_text": "留空按本镇设置的合同审查工作日数计算"},
        }  # fmt: skip


class ContractReviewRequestSerializer(serializers.Serializer):
    reviewer = serializers.CharField(max_length=60, label="审查人")
    reviewed_on = serializers.DateField(required=False, allow_null=True, label="审查完成日期（默认今天）")
    opinion = serializers.ChoiceField(choices=ContractOpinion.choices, label="审查结论")
    opinion_text = serializers.CharField(required=False, allow_blank=True, default="", label="审查意见")
    risk_points = serializers.CharField(required=False, allow_blank=True, default="", label="风险提示")


class PolicySerializer(RegisterFormSerializer):
    form_class = policies.form_class
    NUMBERS = {"filing_days": 365, "review_min_working_days": 365, "review_max_working_days": 365,
               "validity_years": 10, "contract_review_working_days": 60}  # fmt: skip

    class Meta:
        model = DecisionPolicy
        fields = ["id", "org_unit", "filing_days", "review_min_working_days", "review_max_working_days",
                  "validity_years", "contract_review_working_days", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]

    def get_fields(self):
        # Explicit bounds: a small integer's range differs between SQLite and PostgreSQL,
        # and the committed schema must be the same on both.
        fields = super().get_fields()
        for name, top in self.NUMBERS.items():
            fields[name] = serializers.IntegerField(min_value=1, max_value=top, required=False,
                                                    label=fields[name].label)  # fmt: skip
        return fields


class AdvisorViewSet(RegisterViewSet):
    """法律顾问的聘用情况：顾问单位、律师、聘期、服务范围。"""

    register = advisors
    serializer_class = AdvisorSerializer
    ordering_fields = ["starts_on", "firm"]


class ActivityViewSet(RegisterViewSet):
    """法律顾问履职：培训、讲座、列席决策会议、咨询等（合同审查另见 contracts/）。"""

    register = activities
    serializer_class = ActivitySerializer
    ordering_fields = ["on", "kind"]


class ContractViewSet(RegisterViewSet):
    """合同审查。审查期限留空时按本镇设置的工作日数计算；review/ 登记审查结论。
    相对方为自然人的，读取时姓名隐去（counterparty_masked）。"""

    register = contracts
    serializer_class = ContractSerializer
    action_verbs = {"review": "change"}
    ordering_fields = ["submitted_on", "due_on", "reviewed_on"]

    @extend_schema(
        request=ContractReviewRequestSerializer, responses=ContractSerializer, summary="登记合同审查结论"
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        contract = self.get_object()
        data = ContractReviewRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contract = actions.record_contract_review(contract, actor=request.user, **data.validated_data)
        return Response(ContractSerializer(contract, context={"request": request}).data)


class PolicyViewSet(RegisterViewSet):
    """依法决策设置：每个单位一份，规定备案、合法性审核、有效期和合同审查的期限。"""

    register = policies
    serializer_class = PolicySerializer
    ordering_fields = ["org_unit__path"]


ROUTES = [
    ("decisions/advisors", AdvisorViewSet, "decisions-advisor"),
    ("decisions/activities", ActivityViewSet, "decisions-activity"),
    ("decisions/contracts", ContractViewSet, "decisions-contract"),
    ("decisions/policies", PolicyViewSet, "decisions-policy"),
]
