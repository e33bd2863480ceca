"""The principal leaders' duty as first responsible persons (第一责任人): the
rule-of-law leading group, admonition talks and the leaders' reports on their
rule-of-law duty (党政主要负责人履行推进法治建设第一责任人职责规定)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import GroupRole
from fazhi.oversight.models.taskboard import YEAR_VALIDATORS


class LeadingGroupMember(OrgScopedModel):
    """A member of the town's rule-of-law leading group (依法治镇领导小组) for a
    period: the principal leader heads it, other leaders are deputies or members,
    and its office (usually the justice office) runs its daily work."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="领导账号",
                             help_text="成员有领导账号的选择账号；没有的填写姓名")  # fmt: skip
    name = models.CharField("姓名", max_length=60, blank=True)
    position = models.CharField("职务", max_length=100, blank=True, help_text="如：镇党委书记、镇长")
    role = models.CharField("小组职务", max_length=20, choices=GroupRole.choices)
    starts_on = models.DateField("任职起")
    ends_on = models.DateField("任职止", null=True, blank=True, help_text="仍在任的留空")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "法治建设领导小组成员"
        verbose_name_plural = "法治建设领导小组成员"
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="ovs_groupmember_org_start")]

    def __str__(self) -> str:
        return f"{self.display_name}（{self.get_role_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("oversight:group-members-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.name or (str(self.user) if self.user_id else "")

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.user_id and not (self.name or "").strip():
            errors["name"] = "请选择领导账号或填写姓名"
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "任职止不能早于任职起"
        heads = not errors and self.role == GroupRole.HEAD and self.org_unit_id and self.starts_on
        if heads and self._overlapping_heads().exists():
            errors["role"] = "该期间本单位已有领导小组组长，请先填写原组长的任职止日期"
        if errors:
            raise ValidationError(errors)

    def _overlapping_heads(self) -> models.QuerySet:
        others = LeadingGroupMember.objects.filter(org_unit_id=self.org_unit_id, role=GroupRole.HEAD).exclude(
            pk=self.pk
        )
        others = others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on))
        return others if self.ends_on is None else others.filter(starts_on__lte=self.ends_on)

    def serves_in(self, start, end) -> bool:
        return self.starts_on <= end and (self.ends_on is None or self.ends_on >= start)


class Admonition(OrgScopedModel):
    """An admonition talk (约谈) with a cadre whose rule-of-law task went badly:
    who was talked to, by which leader, why, and what must be put right by when.
    The follow-up's due date is a deadline of the leader who held the talk."""

    on = models.DateField("约谈日期")
    person_name = models.CharField("被约谈人", max_length=60)
    person_post = models.CharField("被约谈人职务（岗位）", max_length=100)
    talked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="约谈领导")  # fmt: skip
    reason = models.TextField("约谈事由")
    follow_up = models.TextField("整改要求", blank=True)
    follow_up_due_on = models.DateField("整改期限", null=True, blank=True)
    follow_up_done_on = models.DateField("整改完成日期", null=True, blank=True)
    follow_up_result = models.TextField("整改情况", blank=True)

    DEADLINES = [
        DeadlineSpec("follow_up", "约谈整改到位", due=lambda a: a.follow_up_due_on, owner=lambda a: a.talked_by,
                     done=lambda a: a.follow_up_done_on is not None),
    ]  # fmt: skip

    class Meta:
        verbose_name = "约谈"
        verbose_name_plural = "约谈"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["org_unit", "on"], name="ovs_admonition_org_on")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} 约谈{self.person_name}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:admonitions-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.follow_up_due_on and self.on and self.follow_up_due_on < self.on:
            errors["follow_up_due_on"] = "整改期限不能早于约谈日期"
        if self.follow_up_due_on and not (self.follow_up or "").strip():
            errors["follow_up"] = "设定整改期限的，须写明整改要求"
        if self.follow_up_done_on is not None:
            if not self.follow_up_due_on:
                errors["follow_up_done_on"] = "没有整改期限的约谈无需填写整改完成日期"
            elif self.on and self.follow_up_done_on < self.on:
                errors["follow_up_done_on"] = "整改完成日期不能早于约谈日期"
        if errors:
            raise ValidationError(errors)

    def follow_up_state(self, today=None) -> str:
        from django.utils import timezone

        if not self.follow_up_due_on:
            return "无整改要求"
        if self.follow_up_done_on:
            return "按期整改" if self.follow_up_done_on <= self.follow_up_due_on else "逾期整改"
        return "已逾期" if self.follow_up_due_on < (today or timezone.localdate()) else "整改中"


class DutyReport(OrgScopedModel):
    """A leader's report on how they fulfilled their rule-of-law duty in a year
    (述职述法): at the year-end review, before the county's committee, or as a
    report of its own. The text or slides are attached."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="述职领导")  # fmt: skip
    year = models.PositiveSmallIntegerField("述职年度", validators=YEAR_VALIDATORS)
    on = models.DateField("述职日期")
    occasion = models.CharField(
        "述职场合", max_length=200, help_text="如：年度述职述廉述法会议、县委全面依法治县委员会会议"
    )
    summary = models.TextField("述职要点")

    class Meta:
        verbose_name = "述职述法"
        verbose_name_plural = "述职述法"
        ordering = ["-year", "-on", "id"]
        indexes = [models.Index(fields=["org_unit", "year"], name="ovs_dutyreport_org_year")]

    def __str__(self) -> str:
        return f"{self.leader} {self.year}年度述职述法"

    def get_absolute_url(self) -> str:
        return reverse("oversight:duty-reports-detail", args=[self.pk])

    def clean(self) -> None:
        if self.on and self.year and not self.year <= self.on.year <= self.year + 1:
            raise ValidationError({"on": "述职日期应在述职年度内或次年"})
