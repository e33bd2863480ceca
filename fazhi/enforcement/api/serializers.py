from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from fazhi.enforcement.choices import PartyKind, PenaltyKind
from fazhi.enforcement.models import Case, CaseStep, Matter, Officer


class CaseStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True)

    class Meta:
        model = CaseStep
        fields = ["action", "label", "at", "actor", "place", "latitude", "longitude", "note"]


class CaseSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party.masked_name", read_only=True)
    matter_name = serializers.CharField(source="matter.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "decision_no", "procedure", "authority", "status", "status_label", "body", "body_name",
                  "matter", "matter_name", "party", "facts", "place", "latitude", "longitude", "occurred_on",
                  "decided_on", "decision_kind", "penalty_kind", "fine", "served_on", "payment_status",
                  "payment_due", "paid_amount", "surcharge", "closed_on", "decision_due", "version"]  # fmt: skip
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    steps = CaseStepSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "hearing_notified_on", "hearing_on", "hearing_place",
                  "hearing_held_on", "steps"]  # fmt: skip
        read_only_fields = fields


# An officer's id is a database key (a signed 64-bit integer); a larger number
# names nobody, and the database could not even compare it.
OFFICER_ID_MAX = 2**63 - 1
_OFFICER_ID_RULE = f"执法人员编号须为1至{OFFICER_ID_MAX}之间的整数"
OFFICER_ID_ERRORS = {
    "invalid": _OFFICER_ID_RULE,
    "min_value": _OFFICER_ID_RULE,
    "max_value": _OFFICER_ID_RULE,
}


class SummaryCaseRequestSerializer(serializers.Serializer):
    """An on-the-spot penalty from an officer's phone, photos included (multipart)."""

    matter = serializers.PrimaryKeyRelatedField(queryset=Matter.objects.none(), label="执法事项")
    party_kind = serializers.ChoiceField(choices=PartyKind.choices, label="当事人类型")
    party_name = serializers.CharField(max_length=200, label="当事人姓名或名称")
    party_id = serializers.CharField(max_length=18, required=False, allow_blank=True, label="证件号码")
    party_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    party_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    penalty_kind = serializers.ChoiceField(choices=[PenaltyKind.WARNING, PenaltyKind.FINE], label="处罚种类")
    fine = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False,
                                    default=Decimal("0"))  # fmt: skip
    officers = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=OFFICER_ID_MAX,
                                                                    error_messages=OFFICER_ID_ERRORS),
                                     allow_empty=False, max_length=20, label="执法人员")  # fmt: skip
    facts = serializers.CharField(label="违法事实")
    place = serializers.CharField(max_length=200, label="地点")
    occurred_on = serializers.DateField(label="违法行为发生日")
    collected_on_spot = serializers.BooleanField(required=False, default=False)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True,
                                        min_value=Decimal("-90"), max_value=Decimal("90"))  # fmt: skip
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True,
                                         min_value=Decimal("-180"), max_value=Decimal("180"))  # fmt: skip
    client_time = serializers.DateTimeField(required=False, allow_null=True, label="终端时间")
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = request.user if request is not None else None
        self.fields["matter"].queryset = Matter.objects.visible_to(user).filter(
            summary_allowed=True, is_active=True
        )
        self._user = user

    def validate_officers(self, ids: list[int]) -> list[Officer]:
        """The officers named, read in one query (not one per officer)."""
        found = Officer.objects.visible_to(self._user).select_related("person").in_bulk(set(ids))
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise serializers.ValidationError(f"执法人员{'、'.join(missing)}不存在或不在本单位")
        return [found[i] for i in dict.fromkeys(ids)]


class StepRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(label="案件版本（防止覆盖他人修改）")
    on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    decision_kind = serializers.CharField(required=False, allow_blank=True, default="")
    penalty_kind = serializers.CharField(required=False, allow_blank=True, default="")
    fine = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=Decimal("0"),
                                    min_value=Decimal("0"))  # fmt: skip
    days = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    hearing_on = serializers.DateField(required=False, allow_null=True, label="听证日期（通知听证时间地点）")
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200,
                                  label="听证地点（通知听证时间地点）")  # fmt: skip
