"""Serializers of the education registers. Writes are validated by the page forms
(RegisterFormSerializer); the person served and every phone leave masked."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core import masking
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.education import definitions
from fazhi.education.choices import Presenter
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
    split_presenters,
)


def _count(label: str, top: int, low: int = 0) -> serializers.IntegerField:
    # Explicit bounds: the database's own integer range differs between SQLite and PostgreSQL.
    return serializers.IntegerField(min_value=low, max_value=top, label=label)


class PresentersField(serializers.ListField):
    """The presenter kinds as a list of codes; stored joined by commas."""

    child = serializers.ChoiceField(choices=Presenter.choices)

    def to_representation(self, data):
        return split_presenters(data)


class StudySessionSerializer(RegisterFormSerializer):
    form_class = definitions.study_sessions.form_class
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label="学习形式")
    attendees = _count("参学人数", 10000, low=1)
    counts_for_report = serializers.BooleanField(read_only=True, label="计入年度报告学法次数")

    class Meta:
        model = StudySession
        fields = ["id", "org_unit", "held_on", "kind", "kind_label", "topic", "on_rule_of_law", "presenter",
                  "attendees", "note", "counts_for_report", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class OutreachEventSerializer(RegisterFormSerializer):
    form_class = definitions.outreach_events.form_class
    audience = _count("受众人次", 1_000_000)
    presenters = PresentersField(required=False, label="宣讲人员")

    class Meta:
        model = OutreachEvent
        fields = ["id", "org_unit", "held_on", "venue_kind", "village", "topic", "title", "audience", "presenters",
                  "constitution_day", "note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {"constitution_day": {"help_text": "活动日期为12月4日的，自动标记为是"}}


class LegalServiceSerializer(RegisterFormSerializer):
    """`person_name` and `phone` are written in full and read back masked."""

    form_class = definitions.legal_services.form_class
    person_name_masked = MaskedField(source="person_name", mask=masking.mask_name, label="服务对象")
    phone_masked = MaskedField(source="phone", mask=masking.mask_phone, label="联系电话")

    class Meta:
        model = LegalServiceRecord
        fields = ["id", "org_unit", "served_on", "kind", "village", "person_name", "person_name_masked", "phone",
                  "phone_masked", "summary", "handled_by", "outcome", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {"person_name": {"write_only": True}, "phone": {"write_only": True}}


class RosterMemberSerializer(RegisterFormSerializer):
    form_class = definitions.roster.form_class
    phone_masked = MaskedField(source="phone", mask=masking.mask_phone, label="联系电话")

    class Meta:
        model = RosterMember
        fields = ["id", "org_unit", "kind", "name", "village", "phone", "phone_masked", "trained_on", "note",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
        extra_kwargs = {"phone": {"write_only": True}}
        # The database's uniqueness (village, kind, name) is checked by the form, in Chinese.
        validators: list = []


class StaffTrainingSerializer(RegisterFormSerializer):
    form_class = definitions.trainings.form_class
    participants = _count("参训人数", 100_000, low=1)

    class Meta:
        model = StaffTraining
        fields = ["id", "org_unit", "title", "mode", "starts_on", "ends_on", "hours", "participants", "organiser",
                  "note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]
