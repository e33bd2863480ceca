from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel
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


class OfficerYear(models.Model):
    """An officer's yearly training hours and exam result (年度培训与考试)."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="years", verbose_name="执法人员"
    )
    year = models.PositiveSmallIntegerField("年度")
    training_hours = models.DecimalField("培训学时", max_digits=6, decimal_places=1, default=0)
    training_completed = models.BooleanField("完成年度培训", default=False)
    exam_passed = models.BooleanField("考试合格", null=True, blank=True)

    class Meta:
        verbose_name = "年度培训考试"
        verbose_name_plural = "年度培训考试"
        constraints = [models.UniqueConstraint(fields=["officer", "year"], name="enf_officer_year_unique")]

    def __str__(self) -> str:
        return f"{self.officer} {self.year}"
