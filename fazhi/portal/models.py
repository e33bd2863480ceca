"""The portal's own records: the public's conduct ratings of a case's officers, and
the counters that limit how often one address may try case codes or rate."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fazhi.core.models import OrgScopedModel


class ConductRating(OrgScopedModel):
    """An anonymous rating of the officers' conduct in one case (执法行为评价), given
    by whoever holds the case code printed on the decision: 1 to 5 stars and an
    optional comment, once per case. The comment is never shown on the portal."""

    case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, related_name="conduct_ratings",
                             verbose_name="案件")  # fmt: skip
    score = models.PositiveSmallIntegerField(
        "评分", validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="1至5星"
    )
    comment = models.CharField("评价意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "执法行为评价"
        verbose_name_plural = "执法行为评价"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], name="portal_rating_once_per_case",
                                    violation_error_message="该案件已评价"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="portal_rating_score_1_5"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"案件{self.case_id}的执法行为评价（{self.score}星）"


class Throttle(models.Model):
    """How many requests of one kind (`scope`) one client address made in one fixed
    window. The address is kept only as an HMAC-SM3 under the secret key. A row in
    the database rather than a per-process cache, so that the limit holds across
    gunicorn workers and machines."""

    scope = models.CharField("类别", max_length=20)
    key = models.CharField("来源摘要", max_length=64)
    window_start = models.DateTimeField("时段起")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "访问频率计数"
        verbose_name_plural = "访问频率计数"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="portal_throttle_unique")
        ]
        indexes = [models.Index(fields=["window_start"], name="portal_throttle_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M} {self.count}"
