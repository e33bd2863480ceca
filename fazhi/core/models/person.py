"""The people register: natural persons the town deals with (parties, applicants,
mediation parties) and its own staff."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.core import masking
from fazhi.core.choices import Sex
from fazhi.core.models.scoped import OrgScopedModel
from fazhi.core.validators import birth_date_from_resident_id, validate_phone, validate_resident_id


class Person(OrgScopedModel):
    """A natural person. The resident identity number (公民身份号码, GB 11643-1999)
    is personal information under 个人信息保护法 第28条 (sensitive): lists show it
    masked, and revealing it in full is its own permission and an audit event."""

    # Fields masked in lists, exports and audit values, with their masking function.
    PII_FIELDS = {
        "resident_id": masking.mask_resident_id,
        "phone": masking.mask_phone,
        "address": masking.mask_address,
    }

    name = models.CharField("姓名", max_length=50, db_index=True)
    sex = models.CharField("性别", max_length=8, choices=Sex.choices, blank=True)
    resident_id = models.CharField(
        "公民身份号码", max_length=18, blank=True, validators=[validate_resident_id]
    )
    birth_date = models.DateField("出生日期", null=True, blank=True, editable=False)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    address = models.CharField("住址", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["org_unit", "name"], name="core_person_org_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "resident_id"],
                condition=~Q(resident_id=""),
                name="core_person_unique_id_per_unit",
                violation_error_message="本单位已登记该公民身份号码的人员",
            )
        ]
        permissions = [("reveal_person_pii", "查看完整身份证号码等个人信息")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:people-detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        # The birth date is part of the ID number; keep the two from disagreeing.
        self.birth_date = birth_date_from_resident_id(self.resident_id) if self.resident_id else None
        super().save(*args, **kwargs)

    @property
    def masked_resident_id(self) -> str:
        return masking.mask_resident_id(self.resident_id)

    @property
    def masked_phone(self) -> str:
        return masking.mask_phone(self.phone)

    @property
    def masked_address(self) -> str:
        return masking.mask_address(self.address)
