from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from fazhi.core.models import Attachment, OrgUnit, Person, Post


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A foreign key to an org unit the requesting user may see; others do not exist."""

    def get_queryset(self):
        request = self.context.get("request")
        return OrgUnit.objects.visible_to(request.user if request else None)


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = ScopedPrimaryKeyField(allow_null=True, required=False)
    # Bounded explicitly: the database's own integer range differs between SQLite and PostgreSQL.
    sort_order = serializers.IntegerField(min_value=0, max_value=99999, required=False, label="排序")

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "kind",
            "code",
            "name",
            "parent",
            "path",
            "depth",
            "sort_order",
            "is_active",
            "source_note",
        ]
        read_only_fields = ["path", "depth"]


class PersonSerializer(serializers.ModelSerializer):
    """Personal data leaves the server masked; the full values need the reveal
    action, which is permission-checked and audited."""

    org_unit = ScopedPrimaryKeyField()
    resident_id = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=18)
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=32)
    address = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200)
    resident_id_masked = serializers.CharField(source="masked_resident_id", read_only=True)
    phone_masked = serializers.CharField(source="masked_phone", read_only=True)
    address_masked = serializers.CharField(source="masked_address", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "org_unit",
            "name",
            "sex",
            "resident_id",
            "resident_id_masked",
            "birth_date",
            "phone",
            "phone_masked",
            "address",
            "address_masked",
            "note",
            "version",
            "updated_at",
        ]
        read_only_fields = ["birth_date", "version", "updated_at"]

    def validate(self, attrs):
        # The same checks as the page form: one set of rules for both doors.
        from fazhi.core.forms import PersonForm

        data = PersonForm.initial_for(self.instance) if self.instance is not None else {}
        data.update({k: (v.pk if hasattr(v, "pk") else v) for k, v in attrs.items()})
        form = PersonForm(data=data, instance=self.instance, user=self.context["request"].user)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        return {k: form.cleaned_data[k] for k in attrs} | (
            {"sex": form.cleaned_data["sex"]} if "sex" not in attrs and form.cleaned_data.get("sex") else {}
        )


class RevealSerializer(serializers.Serializer):
    resident_id = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()


class PostSerializer(serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyField()
    holders = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Person.objects.none())

    class Meta:
        model = Post
        fields = ["id", "org_unit", "code", "name", "duties", "holders", "is_active"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["holders"].child_relation.queryset = Person.objects.visible_to(
            request.user if request else None
        )
        return fields


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "org_unit", "original_name", "description", "kind", "mime", "size", "sm3", "sha256",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label="文件")
    owner = serializers.CharField(label="所属记录", help_text="app.model:id，例如 core.person:12")
    description = serializers.CharField(label="说明", required=False, allow_blank=True, max_length=200)


# -- the base of register serializers whose writes go through the page form ----------


class MaskedField(serializers.CharField):
    """A personal-data field read back masked (`mask` from fazhi.core.masking)."""

    def __init__(self, *, mask, **kwargs):
        self.mask = mask
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return self.mask(value) if value else ""


def _form_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_form_value(v) for v in value]
    return value


class RegisterFormSerializer(serializers.ModelSerializer):
    """A register's serializer that validates through its page form (`form_class`)."""

    form_class: Any = None

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_fields(self):
        fields = super().get_fields()
        form = self.form_class(user=self._user())
        for name, field in fields.items():
            queryset = getattr(form.fields.get(name), "queryset", None)
            if field.read_only or queryset is None:
                continue
            if isinstance(field, serializers.ManyRelatedField):
                field.child_relation.queryset = queryset
            elif isinstance(field, serializers.RelatedField):
                field.queryset = queryset
        return fields

    def validate(self, attrs):
        data = self.form_class.initial_for(self.instance) if self.instance is not None else {}
        data.update({k: _form_value(v) for k, v in attrs.items()})
        form = self.form_class(data=data, instance=self.instance, user=self._user())
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        return {k: form.cleaned_data[k] for k in attrs}
