from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core import masking
from fazhi.core.models import OrgScopedModel
from fazhi.core.validators import (
    validate_phone,
    validate_resident_id,
    validate_uscc,
)
from fazhi.enforcement.choices import PartyKind


class Party(OrgScopedModel):
    """A party to a case (当事人): a natural person with a resident identity number,
    or an organisation with its unified social credit code (GB 32100-2015)."""

    PII_FIELDS = {"resident_id": masking.mask_resident_id, "phone": masking.mask_phone,
                  "address": masking.mask_address}  # fmt: skip

    kind = models.CharField("类型", max_length=16, choices=PartyKind.choices)
    name = models.CharField("姓名或名称", max_length=200)
    resident_id = models.CharField(
        "公民身份号码", max_length=18, blank=True, validators=[validate_resident_id]
    )
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True, validators=[validate_uscc])
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    address = models.CharField("住址或住所", max_length=200, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["org_unit", "name"], name="enf_party_org_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:parties-detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind == PartyKind.INDIVIDUAL and self.uscc:
            raise ValidationError({"uscc": "自然人不填写统一社会信用代码"})
        if self.kind == PartyKind.ORGANISATION and self.resident_id:
            raise ValidationError({"resident_id": "单位当事人请填写统一社会信用代码和法定代表人"})

    @property
    def masked_name(self) -> str:
        return masking.mask_name(self.name) if self.kind == PartyKind.INDIVIDUAL else self.name
