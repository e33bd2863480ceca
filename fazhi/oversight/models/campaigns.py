"""Special rectification campaigns (专项整治) and their problem categories."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel


class Campaign(OrgScopedModel):
    """A special rectification campaign the town takes part in, such as the 2023
    campaign on road traffic and transport enforcement launched by 中央依法治国办.
    Its problems are rectification items (source 专项整治), each in one of the
    campaign's problem categories."""

    name = models.CharField("专项整治名称", max_length=200)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    description = models.TextField("工作要求", blank=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "专项整治"
        verbose_name_plural = "专项整治"
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="ovs_campaign_org_start")]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="ovs_campaign_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("oversight:campaigns-detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})

    def category_names(self) -> list[str]:
        """The categories in order; reads the prefetched ones when the list page prefetched them."""
        return [c.name for c in self.categories.all()]

    def categories_display(self) -> str:
        return "、".join(self.category_names())


class CampaignCategory(models.Model):
    """A problem category of a campaign (e.g. 逐利执法), edited with the campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="categories", verbose_name="专项整治"
    )
    name = models.CharField("问题类别", max_length=60)
    position = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "问题类别"
        verbose_name_plural = "问题类别"
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="ovs_category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
