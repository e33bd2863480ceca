from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel
from fazhi.enforcement.choices import BodyKind


class EnforcementBody(OrgScopedModel):
    """A body in whose name penalties are decided: the town itself, or a county
    department that entrusts matters to the town (行政处罚法 第20条: the entrusted
    body acts in the entrusting body's name)."""

    name = models.CharField("主体名称", max_length=100)
    kind = models.CharField("类型", max_length=32, choices=BodyKind.choices)
    short_code = models.CharField("文号代字", max_length=20, help_text="例如：云江执罚")
    number_format = models.CharField(
        "文号格式",
        max_length=60,
        default="{code}〔{year}〕{n}号",
        help_text="{code} 代字，{year} 年度，{n} 序号",
    )
    is_active = models.BooleanField("启用", default=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)
    # Disclosure policy (行政执法公示): which decisions the portal shows, by when, how long.
    publish_summary = models.BooleanField("公示简易程序决定", default=False)
    publish_warnings = models.BooleanField("公示仅给予警告的决定", default=False)
    publication_days = models.PositiveSmallIntegerField(
        "公示期限（工作日）", default=7, help_text="自决定作出之日起，7至20个工作日"
    )
    short_term_fine_limit = models.DecimalField(
        "较低数额罚款上限（元）", max_digits=12, decimal_places=2, default=0,
        help_text="仅警告或罚款不超过此数额的，公示3个月；其他公示3年",
    )  # fmt: skip

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:bodies-detail", args=[self.pk])

    def number(self, year: int, n: int) -> str:
        return self.number_format.format(code=self.short_code, year=year, n=n)

    def sequence_number(self, year: int, number: str) -> int | None:
        """The inverse of `number`: 12 for 云江执罚〔2023〕12号, None for a 文号 that is
        not of this body's format and year."""
        import re
        import string

        pattern = ""
        for literal, field, _spec, _conversion in string.Formatter().parse(self.number_format):
            pattern += re.escape(literal)
            if field == "code":
                pattern += re.escape(self.short_code)
            elif field == "year":
                pattern += str(year)
            elif field == "n":
                pattern += r"(?P<n>\d+)"
            elif field is not None:
                return None
        match = re.fullmatch(pattern, number.strip())
        return int(match.group("n")) if match and "n" in match.groupdict() else None


class Entrustment(OrgScopedModel):
    """A written entrustment of enforcement matters to the town (行政处罚法 第20条):
    in writing, within the entrusting body's powers, published, no sub-entrustment."""

    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="entrustments",
                             verbose_name="委托机关")  # fmt: skip
    document_no = models.CharField("委托书文号", max_length=100)
    matters = models.ManyToManyField(
        "enforcement.Matter", related_name="entrustments", verbose_name="委托事项"
    )
    valid_from = models.DateField("委托起始日")
    valid_to = models.DateField("委托截止日")
    published_on = models.DateField("公布日期", null=True, blank=True)
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "委托执法"
        verbose_name_plural = "委托执法"
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.body}·{self.document_no}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:entrustments-detail", args=[self.pk])
