"""People's mediation organisations (人民调解法): committees at town and village
level with their members and mediators, and the mediation rooms stationed at a
court, a police station or elsewhere."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgScopedModel
from fazhi.core.validators import validate_phone
from fazhi.disputes.choices import CommitteeLevel, MediatorRole, RoomKind

# The kind of org unit a committee of each level belongs to (人民调解法第八条: villagers'
# and residents' committees set up theirs; a town sets up its own). Industry and
# professional committees may sit anywhere.
LEVEL_UNIT_KINDS = {
    CommitteeLevel.TOWN: OrgKind.TOWN,
    CommitteeLevel.VILLAGE: OrgKind.VILLAGE,
    CommitteeLevel.COMMUNITY: OrgKind.COMMUNITY,
}


class MediationCommittee(OrgScopedModel):
    """A people's mediation committee (人民调解委员会). `org_unit` is the town, village
    or community it belongs to."""

    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=12, choices=CommitteeLevel.choices)
    established_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    address = models.CharField("办公地点", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    note = models.TextField("备注", blank=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "人民调解委员会"
        verbose_name_plural = "人民调解委员会"
        ordering = ["org_unit__path", "name"]
        indexes = [models.Index(fields=["org_unit", "established_on"], name="dsp_committee_org_est")]
        constraints = [models.UniqueConstraint(fields=["org_unit", "name"], name="dsp_committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("disputes:committees-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.established_on and self.dissolved_on and self.dissolved_on < self.established_on:
            errors["dissolved_on"] = "撤销日期不能早于成立日期"
        expected = LEVEL_UNIT_KINDS.get(self.level)
        if expected and self.org_unit_id and self.org_unit.kind != expected:
            errors["level"] = (
                f"{self.get_level_display()}应设在{OrgKind(expected).label}，请核对所属单位或层级"
            )
        if errors:
            raise ValidationError(errors)

    def active_in(self, start, end) -> bool:
        return self.established_on <= end and (self.dissolved_on is None or self.dissolved_on >= start)


class Mediator(OrgScopedModel):
    """A member of a committee or a mediator working for it (调解员)."""

    PII_FIELDS = {"phone": masking.mask_phone}

    committee = models.ForeignKey(MediationCommittee, on_delete=models.PROTECT, related_name="mediators",
                                  verbose_name="人民调解委员会")  # fmt: skip
    name = models.CharField("姓名", max_length=50)
    role = models.CharField(
        "职务", max_length=12, choices=MediatorRole.choices, default=MediatorRole.MEDIATOR
    )
    full_time = models.BooleanField("专职", default=False)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    user = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="系统账号", help_text="调解员在本系统办理纠纷的账号")  # fmt: skip
    appointed_on = models.DateField("聘任日期")
    left_on = models.DateField("离任日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "调解员"
        verbose_name_plural = "调解员"
        ordering = ["committee__name", "role", "name"]
        indexes = [models.Index(fields=["org_unit", "committee"], name="dsp_mediator_org_committee")]

    def __str__(self) -> str:
        return f"{self.name}（{self.committee.name}）"

    def get_absolute_url(self) -> str:
        return reverse("disputes:mediators-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.appointed_on and self.left_on and self.left_on < self.appointed_on:
            errors["left_on"] = "离任日期不能早于聘任日期"
        if self.committee_id and self.org_unit_id and self.org_unit_id != self.committee.org_unit_id:
            errors["committee"] = "调解员的所属单位应与其人民调解委员会的所属单位一致"
        if errors:
            raise ValidationError(errors)

    def active_in(self, start, end) -> bool:
        return self.appointed_on <= end and (self.left_on is None or self.left_on >= start)


class MediationRoom(OrgScopedModel):
    """A mediation room stationed at another body (驻法庭、驻派出所调解室…)."""

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=12, choices=RoomKind.choices)
    host = models.CharField("派驻单位", max_length=100, help_text="如：云阳县人民法院江口人民法庭")
    committee = models.ForeignKey(MediationCommittee, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="rooms", verbose_name="所属人民调解委员会")  # fmt: skip
    opened_on = models.DateField("设立日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "调解室"
        verbose_name_plural = "调解室"
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["org_unit", "kind"], name="dsp_room_org_kind")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("disputes:rooms-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = "撤销日期不能早于设立日期"
        if self.committee_id and self.org_unit_id:
            room_path, committee_path = self.org_unit.path, self.committee.org_unit.path
            if not (room_path.startswith(committee_path) or committee_path.startswith(room_path)):
                errors["committee"] = "所属人民调解委员会应为本单位或上级、下级单位的调解委员会"
        if errors:
            raise ValidationError(errors)

    def active_in(self, start, end) -> bool:
        return self.opened_on <= end and (self.closed_on is None or self.closed_on >= start)
