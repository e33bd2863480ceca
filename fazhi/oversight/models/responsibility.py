"""The enforcement responsibility system (行政执法责任制, 重庆市行政执法责任制条例):
each officer's post and duties (定岗定责), the quarterly trainings in discipline
and conduct, and the yearly assessment with its reward or penalty (检查考核、
落实奖惩). The officers themselves, their certificates and their yearly online
training and exam live in `fazhi.enforcement`; nothing here writes them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import AssessmentResult
from fazhi.oversight.models.taskboard import YEAR_VALIDATORS


def _within(record, related, field: str, message: str, errors: dict) -> None:
    """`related` (an officer, a post) must belong to the record's unit or a unit under it."""
    if (
        related is not None
        and record.org_unit_id
        and not related.org_unit.path.startswith(record.org_unit.path)
    ):
        errors[field] = message


class OfficerPost(OrgScopedModel):
    """The post an enforcement officer holds and the duties it carries, for a
    period (定岗定责)."""

    officer = models.ForeignKey("enforcement.Officer", on_delete=models.PROTECT, related_name="+",
                                verbose_name="执法人员")  # fmt: skip
    post = models.ForeignKey("core.Post", on_delete=models.PROTECT, related_name="+", verbose_name="执法岗位")
    duties = models.TextField("岗位职责")
    starts_on = models.DateField("任职起")
    ends_on = models.DateField("任职止", null=True, blank=True, help_text="仍在岗的留空")

    class Meta:
        verbose_name = "执法岗位职责"
        verbose_name_plural = "执法岗位职责"
        ordering = ["officer__certificate_no", "-starts_on", "id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="ovs_officerpost_org_start")]

    def __str__(self) -> str:
        return f"{self.officer.person.name}·{self.post.name}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:officer-posts-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "任职止不能早于任职起"
        _within(self, self.officer if self.officer_id else None, "officer", "执法人员不属于本单位", errors)
        _within(self, self.post if self.post_id else None, "post", "岗位不属于本单位", errors)
        if not errors and self.officer_id and self.post_id and self.starts_on:
            same = OfficerPost.objects.filter(officer_id=self.officer_id, post_id=self.post_id).exclude(
                pk=self.pk
            )
            same = same.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on))
            if self.ends_on is not None:
                same = same.filter(starts_on__lte=self.ends_on)
            if same.exists():
                errors["post"] = "该执法人员在此期间已登记该岗位"
        if errors:
            raise ValidationError(errors)


class ConductTraining(OrgScopedModel):
    """A training of the officers in case-handling discipline, enforcement
    philosophy and professional ethics, held every quarter (办案纪律、执法理念、
    职业道德培训)."""

    on = models.DateField("培训日期")
    quarter = models.PositiveSmallIntegerField("季度", editable=False,
                                               validators=[MinValueValidator(1), MaxValueValidator(4)])  # fmt: skip
    topic = models.CharField("培训主题", max_length=200)
    attendees = models.PositiveIntegerField("参训人数")
    trainer = models.CharField("授课人", max_length=100, blank=True)
    note = models.TextField("主要内容", blank=True)

    class Meta:
        verbose_name = "执法纪律作风培训"
        verbose_name_plural = "执法纪律作风培训"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["org_unit", "on"], name="ovs_conducttraining_org_on")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:conduct-trainings-detail", args=[self.pk])

    def clean(self) -> None:
        if self.attendees is not None and self.attendees < 1:
            raise ValidationError({"attendees": "参训人数应大于0"})


class OfficerAssessment(OrgScopedModel):
    """An officer's yearly assessment under the responsibility system, with the
    reward or penalty that followed (落实奖惩)."""

    officer = models.ForeignKey("enforcement.Officer", on_delete=models.PROTECT, related_name="+",
                                verbose_name="执法人员")  # fmt: skip
    year = models.PositiveSmallIntegerField("考核年度", validators=YEAR_VALIDATORS)
    result = models.CharField("考核结果", max_length=24, choices=AssessmentResult.choices)
    reward_penalty = models.CharField("奖惩情况", max_length=200, blank=True)
    note = models.TextField("考核意见", blank=True)

    class Meta:
        verbose_name = "执法人员年度考核"
        verbose_name_plural = "执法人员年度考核"
        ordering = ["-year", "officer__certificate_no", "id"]
        indexes = [models.Index(fields=["org_unit", "year"], name="ovs_assessment_org_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "year"],
                name="ovs_assessment_unique_year",
                violation_error_message="该执法人员该年度已有考核记录，请修改原记录",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer.person.name} {self.year}年度考核"

    def get_absolute_url(self) -> str:
        return reverse("oversight:officer-assessments-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _within(self, self.officer if self.officer_id else None, "officer", "执法人员不属于本单位", errors)
        if errors:
            raise ValidationError(errors)
