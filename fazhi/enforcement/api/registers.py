"""API viewsets of the simple enforcement registers whose rows are written from a
form: parties, entrustments and officers' training years.

Each serializer runs the register's page form in `validate`, so the API, the
pages and the Excel import apply one set of rules with the same Chinese
messages, and offers in its related fields only what the form offers (the
records the user sees): another town's body, matter or officer does not exist.
A party's ID number, phone and address leave the server masked, as a person's
do in the core API; they are written in full and never read back."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core import masking
from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.enforcement.definitions import entrustments, officer_years, parties
from fazhi.enforcement.models import Entrustment, OfficerYear, Party
from fazhi.enforcement.models.officers import YEAR_MIN


class PartySerializer(RegisterFormSerializer):
    """A party's ID number, phone and address are taken on write only and returned masked."""

    form_class = parties.form_class
    resident_id = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=18,
                                        label="公民身份号码")  # fmt: skip
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=32,
                                  label="联系电话")  # fmt: skip
    address = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200,
                                    label="住址或住所")  # fmt: skip
    resident_id_masked = MaskedField(
        source="resident_id", mask=masking.mask_resident_id, label="公民身份号码（脱敏）"
    )
    phone_masked = MaskedField(source="phone", mask=masking.mask_phone, label="联系电话（脱敏）")
    address_masked = MaskedField(source="address", mask=masking.mask_address, label="住址或住所（脱敏）")

    class Meta:
        model = Party
        fields = ["id", "org_unit", "kind", "name", "resident_id", "resident_id_masked", "uscc",
                  "legal_representative", "phone", "phone_masked", "address", "address_masked", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class EntrustmentSerializer(RegisterFormSerializer):
    form_class = entrustments.form_class

    class Meta:
        model = Entrustment
        fields = ["id", "org_unit", "body", "document_no", "matters", "valid_from", "valid_to", "published_on",
                  "source_note", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]


class OfficerYearSerializer(RegisterFormSerializer):
    form_class = officer_years.form_class
    officer_name = serializers.CharField(source="officer.person.name", read_only=True, label="姓名")
    certificate_no = serializers.CharField(source="officer.certificate_no", read_only=True, label="执法证号")
    exam_result = serializers.CharField(read_only=True, label="考试结果")
    # Explicit bounds: a small integer's range differs between SQLite and PostgreSQL,
    # and the committed schema must be the same on both.
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=9999, label="年度")

    class Meta:
        model = OfficerYear
        fields = ["id", "officer", "officer_name", "certificate_no", "year", "training_hours",
                  "training_completed", "exam_passed", "exam_result"]  # fmt: skip
        # One officer, one row a year: the form says so in Chinese, for officers the user sees.
        validators = []


class PartyViewSet(RegisterViewSet):
    """当事人。公民身份号码、联系电话和住址只写不读，返回脱敏值。"""

    register = parties
    serializer_class = PartySerializer
    # Never sort by a masked field: the order would tell what the mask hides.
    ordering_fields = ["name", "kind", "updated_at"]


class EntrustmentViewSet(RegisterViewSet):
    """委托执法：县级部门书面委托本镇实施的执法事项和期限。"""

    register = entrustments
    serializer_class = EntrustmentSerializer
    ordering_fields = ["valid_from", "valid_to", "document_no"]


class OfficerYearViewSet(RegisterViewSet):
    """执法人员年度培训考试。考试结果 exam_passed 为 null 表示未考。"""

    register = officer_years
    serializer_class = OfficerYearSerializer
    ordering_fields = ["year", "training_hours"]
