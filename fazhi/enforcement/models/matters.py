from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel
from fazhi.enforcement.choices import Authority


class Matter(OrgScopedModel):
    """An enforcement matter (执法事项) on the town's list: the violation, its legal
    basis and penalty range, and where the town's power comes from. Discretion
    benchmarks are published (行政处罚法 第34条)."""

    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    violation_basis = models.CharField("违法依据", max_length=200)
    penalty_basis = models.CharField("处罚依据", max_length=200)
    penalty_kinds = models.CharField("处罚种类", max_length=200, help_text="如：警告、罚款")
    fine_min_individual = models.DecimalField(
        "自然人罚款下限", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_max_individual = models.DecimalField(
        "自然人罚款上限", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_min_organisation = models.DecimalField(
        "单位罚款下限", max_digits=12, decimal_places=2, null=True, blank=True
    )
    fine_max_organisation = models.DecimalField(
        "单位罚款上限", max_digits=12, decimal_places=2, null=True, blank=True
    )
    authority = models.CharField("职权来源", max_length=16, choices=Authority.choices)
    entrusting_body = models.ForeignKey(
        "enforcement.EnforcementBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="委托机关", help_text="委托执法事项须填写",
    )  # fmt: skip
    summary_allowed = models.BooleanField("可适用简易程序", default=False)
    discretion = models.TextField("裁量基准", blank=True)
    basis_documents = models.ManyToManyField(
        "decisions.NormativeDocument", blank=True, related_name="matters", verbose_name="依据的规范性文件",
        help_text="只能选择已公布且现行有效的本镇或上级规范性文件",
    )  # fmt: skip
    responsible_post = models.ForeignKey(
        "core.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="责任岗位", help_text="权责清单中列明的承办岗位",
    )  # fmt: skip
    is_active = models.BooleanField("启用", default=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项"
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="enf_matter_unique_code")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:matters-detail", args=[self.pk])

    def fine_range(self, party_kind: str):
        if party_kind == "organisation":
            return self.fine_min_organisation, self.fine_max_organisation
        return self.fine_min_individual, self.fine_max_individual
