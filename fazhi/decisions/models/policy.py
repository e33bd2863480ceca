"""A town's own settings for lawful decision-making: the figures the rulebook marks
configurable (reported or set locally), each defaulting to the rulebook's value."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi import law
from fazhi.core.models import OrgScopedModel


def _default(code: str) -> int:
    return law.period(code).versions[-1].amount


def default_filing_days() -> int:
    return _default("normative_filing")


def default_review_min() -> int:
    return _default("normative_legality_review_min")


def default_review_max() -> int:
    return _default("normative_legality_review_max")


class DecisionPolicy(OrgScopedModel):
    """One row per town (or unit): how long record filing, legality review of a
    normative document and contract review may take there."""

    filing_days = models.PositiveSmallIntegerField(
        "规范性文件报送备案期限（日）", default=default_filing_days,
        help_text="自公布之日起计算；上级未另行规定的为30日",
    )  # fmt: skip
    review_min_working_days = models.PositiveSmallIntegerField(
        "规范性文件合法性审核最短时间（工作日）", default=default_review_min)  # fmt: skip
    review_max_working_days = models.PositiveSmallIntegerField(
        "规范性文件合法性审核最长时间（工作日）", default=default_review_max)  # fmt: skip
    validity_years = models.PositiveSmallIntegerField(
        "规范性文件有效期（年）", default=5, help_text="未写明有效期的文件按此计算，到期前应当评估清理")  # fmt: skip
    contract_review_working_days = models.PositiveSmallIntegerField(
        "合同审查期限（工作日）", default=5, help_text="本镇合同管理制度规定的审查时间")  # fmt: skip

    class Meta:
        verbose_name = "依法决策设置"
        verbose_name_plural = "依法决策设置"
        ordering = ["org_unit__path"]
        constraints = [models.UniqueConstraint(fields=["org_unit"], name="dec_policy_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.org_unit.name}依法决策设置"

    def get_absolute_url(self) -> str:
        return reverse("decisions:policies-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if not 1 <= (self.filing_days or 0) <= 365:
            errors["filing_days"] = "报送备案期限应在1至365日之间"
        if (self.review_min_working_days or 0) < 1:
            errors["review_min_working_days"] = "合法性审核最短时间至少为1个工作日"
        if (self.review_max_working_days or 0) < (self.review_min_working_days or 0):
            errors["review_max_working_days"] = "合法性审核最长时间不能短于最短时间"
        if not 1 <= (self.validity_years or 0) <= 10:
            errors["validity_years"] = "有效期应在1至10年之间"
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_unit(cls, org_unit) -> DecisionPolicy:
        """The policy of the unit or of its nearest ancestor that has one; otherwise
        an unsaved one with the defaults."""
        paths = org_unit.paths_up(org_unit.path)
        found = {
            p.org_unit.path: p
            for p in cls.objects.filter(org_unit__path__in=paths).select_related("org_unit")
        }
        if found:
            return found[max(found, key=len)]
        return cls(org_unit=org_unit)
