from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import OrgScopedModel, ScopedQuerySet
from fazhi.enforcement.choices import OfficerStatus


class Officer(OrgScopedModel):
    """An enforcement officer holding a certificate (执法证, 行政处罚法 第42条)."""

    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="officer_roles",
                               verbose_name="人员")  # fmt: skip
    user = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="officer_roles", verbose_name="系统账号")  # fmt: skip
    certificate_no = models.CharField("执法证号", max_length=40, unique=True)
    issuer = models.CharField("发证机关", max_length=100)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止")
    status = models.CharField(
        "证件状态", max_length=16, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE
    )

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["certificate_no"]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.certificate_no}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officers-detail", args=[self.pk])

    def valid_on(self, day) -> bool:
        return self.status == OfficerStatus.ACTIVE and self.valid_from <= day <= self.valid_to


class OfficerYearQuerySet(ScopedQuerySet):
    """A year belongs to the officer's org unit: no copy of it is kept on the row,
    so moving an officer moves their years with them."""

    scope_field = "officer__org_unit"


YEAR_MIN = 2000  # the earliest year a ledger row may describe


class OfficerYear(models.Model):
    """An officer's yearly training hours and exam result (年度培训与考试). Officers
    hold their certificate on condition of training and passing the exam (行政处罚法
    第42条; 行政执法证件管理办法). `exam_passed` is None while the exam is not taken."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="years", verbose_name="执法人员"
    )
    year = models.PositiveSmallIntegerField("年度")
    training_hours = models.DecimalField("培训学时", max_digits=6, decimal_places=1, default=0)
    training_completed = models.BooleanField("完成年度培训", default=False)
    exam_passed = models.BooleanField("考试合格", null=True, blank=True)

    objects = OfficerYearQuerySet.as_manager()

    class Meta:
        verbose_name = "年度培训考试"
        verbose_name_plural = "年度培训考试"
        constraints = [models.UniqueConstraint(fields=["officer", "year"], name="enf_officer_year_unique")]

    def __str__(self) -> str:
        return f"{self.officer} {self.year}年度"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer-years-detail", args=[self.pk])

    @property
    def org_unit_id(self) -> int | None:
        """The officer's unit: audit events of the row go to the officer's town."""
        return self.officer.org_unit_id if self.officer_id else None

    def is_visible_to(self, user) -> bool:
        return self.officer_id is not None and self.officer.is_visible_to(user)

    def exam_result(self) -> str:
        return {True: "合格", False: "不合格"}.get(self.exam_passed, "未考")

    def clean(self) -> None:
        errors = {}
        latest = timezone.localdate().year + 1
        if self.year is not None and not YEAR_MIN <= self.year <= latest:
            errors["year"] = f"年度应在{YEAR_MIN}年至{latest}年之间"
        if self.training_hours is not None and self.training_hours < 0:
            errors["training_hours"] = "培训学时不能为负数"
        if (
            "year" not in errors
            and self.officer_id
            and self.year is not None
            and OfficerYear.objects.filter(officer_id=self.officer_id, year=self.year)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["year"] = f"该执法人员{self.year}年度的培训考试记录已存在，请编辑原记录"
        if errors:
            raise ValidationError(errors)
