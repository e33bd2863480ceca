"""Serializers of the oversight API. The register serializers validate through
the page forms (RegisterFormSerializer), so both doors apply one set of rules
with the same Chinese messages and offer only the records the user sees."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core.api.serializers import RegisterFormSerializer
from fazhi.oversight.choices import DeductionKind
from fazhi.oversight.definitions import campaigns, rectifications, reviews, rubric_items, rubrics
from fazhi.oversight.models import (
    Campaign,
    CaseFileReview,
    Rectification,
    RectificationStep,
    ReviewDeduction,
    ReviewRubric,
    ReviewVetoResult,
    RubricItem,
)


class RectificationStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True, label="操作人")

    class Meta:
        model = RectificationStep
        fields = ["action", "label", "on", "actor", "note"]


class RectificationSerializer(RegisterFormSerializer):
    form_class = rectifications.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    deadline_state = serializers.CharField(read_only=True, label="期限情况")

    class Meta:
        model = Rectification
        fields = ["id", "org_unit", "source", "source_label", "campaign", "category", "problem", "lead_leader",
                  "responsible_post", "measures", "due_on", "status", "status_label", "deadline_state", "result",
                  "submitted_by", "submitted_on", "closed_by", "closed_on", "updated_at"]  # fmt: skip
        read_only_fields = ["source_label", "status", "result", "submitted_by", "submitted_on", "closed_by",
                            "closed_on", "updated_at"]  # fmt: skip


class RectificationDetailSerializer(RectificationSerializer):
    steps = RectificationStepSerializer(many=True, read_only=True)

    class Meta(RectificationSerializer.Meta):
        fields = [*RectificationSerializer.Meta.fields, "steps"]


class RectificationStepRequestSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 label="说明（提交销号时为整改情况，退回时为理由）")  # fmt: skip


@extend_schema_field({"type": "array", "items": {"type": "string", "maxLength": 60}})
class CategoryNamesField(serializers.Field):
    """A campaign's problem categories as a list of names, in order."""

    def to_representation(self, value) -> list[str]:
        return [c.name for c in value.all()]

    def to_internal_value(self, data) -> list[str]:
        if not isinstance(data, list) or not all(isinstance(n, str) for n in data):
            raise serializers.ValidationError("应为问题类别名称的列表")
        return data


class CampaignSerializer(RegisterFormSerializer):
    form_class = campaigns.form_class
    categories = CategoryNamesField(required=False, label="问题类别")

    class Meta:
        model = Campaign
        fields = ["id", "org_unit", "name", "starts_on", "ends_on", "description", "categories", "source_note",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]

    def validate(self, attrs):
        if "categories" in attrs:
            attrs = {**attrs, "categories": "\n".join(attrs["categories"])}
        return super().validate(attrs)


class RubricSerializer(RegisterFormSerializer):
    form_class = rubrics.form_class
    NUMBERS = ("excellent_min", "good_min", "pass_min", "missing_document_points", "missing_element_points",
               "wording_error_points", "rectification_days")  # fmt: skip

    class Meta:
        model = ReviewRubric
        fields = ["id", "org_unit", "name", "is_active", "excellent_min", "good_min", "pass_min",
                  "missing_document_points", "missing_element_points", "wording_error_points",
                  "rectification_days", "source_note"]  # fmt: skip

    def get_fields(self):
        # Explicit bounds: a small integer's range differs between SQLite and PostgreSQL,
        # and the committed schema must be the same on both.
        fields = super().get_fields()
        for name in self.NUMBERS:
            fields[name] = serializers.IntegerField(min_value=0, max_value=365, required=False,
                                                    label=fields[name].label)  # fmt: skip
        return fields


class RubricItemSerializer(RegisterFormSerializer):
    form_class = rubric_items.form_class
    position = serializers.IntegerField(min_value=0, max_value=999, required=False, label="序号")

    class Meta:
        model = RubricItem
        fields = ["id", "rubric", "kind", "position", "title", "guidance", "is_active"]


class VetoResultSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="item.title", read_only=True, label="否决项")

    class Meta:
        model = ReviewVetoResult
        fields = ["item", "title", "passed", "note"]


class DeductionSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="item.title", read_only=True, label="文书")

    class Meta:
        model = ReviewDeduction
        fields = ["item", "title", "kind", "count", "points", "note"]


class ReviewSerializer(RegisterFormSerializer):
    form_class = reviews.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    grade_label = serializers.CharField(source="get_grade_display", read_only=True, label="等次")

    class Meta:
        model = CaseFileReview
        fields = ["id", "org_unit", "case", "rubric", "evaluator", "reviewed_on", "status", "status_label",
                  "completed_on", "summary", "vetoed", "score", "grade", "grade_label", "lead_leader"]  # fmt: skip
        read_only_fields = ["org_unit", "status", "completed_on", "summary", "vetoed", "score", "grade",
                            "lead_leader"]  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        fields["score"] = serializers.IntegerField(read_only=True, allow_null=True, label="得分")
        return fields


class ReviewDetailSerializer(ReviewSerializer):
    veto_results = VetoResultSerializer(many=True, read_only=True)
    deductions = DeductionSerializer(many=True, read_only=True)

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "veto_results", "deductions"]


class VetoInputSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, label="否决项")
    passed = serializers.BooleanField(label="通过")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500, label="说明")


class DeductionInputSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, label="文书")
    kind = serializers.ChoiceField(choices=DeductionKind.choices, label="扣分情形")
    count = serializers.IntegerField(min_value=1, max_value=99, default=1, label="处数")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500, label="说明")


class FindingsRequestSerializer(serializers.Serializer):
    vetoes = VetoInputSerializer(many=True, label="否决项评查结果")
    deductions = DeductionInputSerializer(many=True, required=False, default=list, label="文书扣分")
    summary = serializers.CharField(required=False, allow_blank=True, default="", label="评查意见")


class CompleteRequestSerializer(serializers.Serializer):
    lead_leader = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                           label="整改牵头领导（案卷存在问题时必填）")  # fmt: skip
    responsible_post = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, label="整改责任岗位"
    )
    on = serializers.DateField(required=False, allow_null=True, label="完成日期（默认今天）")
