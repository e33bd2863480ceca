"""Case-file evaluation (案卷评查): the rubric a town scores its closed penalty
case files by, and each review of one file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.models import OrgScopedModel, ScopedQuerySet
from fazhi.oversight import scoring
from fazhi.oversight.choices import DeductionKind, ReviewGrade, ReviewStatus, RubricItemKind


class ReviewRubric(OrgScopedModel):
    """A town's case-file evaluation standard, by default the Chongqing one
    (《重庆市行政处罚案卷评查标准（试行）》): veto items, any of which fails the
    file, and documents scored out of 100. The points of each deduction, the
    grade cut-offs and the days a finding has to be put right are editable here."""

    name = models.CharField("标准名称", max_length=100)
    is_active = models.BooleanField("启用", default=True)
    excellent_min = models.PositiveSmallIntegerField("优秀分数线", default=scoring.DEFAULT_CUTOFFS.excellent)
    good_min = models.PositiveSmallIntegerField("良好分数线", default=scoring.DEFAULT_CUTOFFS.good)
    pass_min = models.PositiveSmallIntegerField("合格分数线", default=scoring.DEFAULT_CUTOFFS.passing)
    missing_document_points = models.PositiveSmallIntegerField(
        "缺少必备文书扣分（每件）", default=scoring.DEFAULT_POINTS[DeductionKind.MISSING_DOCUMENT]
    )
    missing_element_points = models.PositiveSmallIntegerField(
        "文书要素缺失扣分（每处）", default=scoring.DEFAULT_POINTS[DeductionKind.MISSING_ELEMENT]
    )
    wording_error_points = models.PositiveSmallIntegerField(
        "文字错误或前后不一致扣分（每处）", default=scoring.DEFAULT_POINTS[DeductionKind.WORDING_ERROR]
    )
    rectification_days = models.PositiveSmallIntegerField(
        "整改期限（日）", default=30, help_text="评查完成之日起算的自然日，发现问题的案卷据此生成整改事项"
    )
    source_note = models.CharField("数据来源说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "评查标准"
        verbose_name_plural = "评查标准"
        ordering = ["-is_active", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="ovs_rubric_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("oversight:rubrics-detail", args=[self.pk])

    def cutoffs(self) -> scoring.Cutoffs:
        return scoring.Cutoffs(excellent=self.excellent_min, good=self.good_min, passing=self.pass_min)

    def cutoffs_display(self) -> str:
        return f"优秀≥{self.excellent_min}，良好≥{self.good_min}，合格≥{self.pass_min}"

    def points_for(self, kind: str) -> int:
        return {
            DeductionKind.MISSING_DOCUMENT: self.missing_document_points,
            DeductionKind.MISSING_ELEMENT: self.missing_element_points,
            DeductionKind.WORDING_ERROR: self.wording_error_points,
        }[kind]

    def clean(self) -> None:
        if None in (self.excellent_min, self.good_min, self.pass_min):
            return
        problems = self.cutoffs().problems()
        if problems:
            raise ValidationError({"excellent_min": problems})
        if self.rectification_days is not None and self.rectification_days < 1:
            raise ValidationError({"rectification_days": "整改期限至少为1日"})


class RubricItemQuerySet(ScopedQuerySet):
    """An item belongs to its rubric's org unit."""

    scope_field = "rubric__org_unit"


class RubricItem(models.Model):
    """One line of a rubric: a veto item (否决项: pass or fail) or a document whose
    missing parts and errors cost points (文书项)."""

    rubric = models.ForeignKey(ReviewRubric, on_delete=models.PROTECT, related_name="items",
                               verbose_name="评查标准")  # fmt: skip
    kind = models.CharField("类型", max_length=16, choices=RubricItemKind.choices)
    position = models.PositiveSmallIntegerField("序号", default=0)
    title = models.CharField("评查项目", max_length=200)
    guidance = models.TextField("评查要点", blank=True)
    is_active = models.BooleanField("启用", default=True)

    objects = RubricItemQuerySet.as_manager()

    class Meta:
        verbose_name = "评查项目"
        verbose_name_plural = "评查项目"
        ordering = ["rubric", "kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "kind", "title"], name="ovs_rubric_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.position}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:rubric-items-detail", args=[self.pk])

    @property
    def org_unit_id(self) -> int | None:
        return self.rubric.org_unit_id if self.rubric_id else None

    def is_visible_to(self, user) -> bool:
        return self.rubric_id is not None and self.rubric.is_visible_to(user)


class CaseFileReview(OrgScopedModel):
    """The evaluation of one closed penalty case file (案卷评查) against a rubric,
    by an evaluator who did not handle the case. It reads the case and never
    changes it. Completing it fixes the score and grade and turns its findings
    into rectification items (source 案卷评查)."""

    case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, related_name="file_reviews",
                             verbose_name="案卷")  # fmt: skip
    rubric = models.ForeignKey(ReviewRubric, on_delete=models.PROTECT, related_name="reviews",
                               verbose_name="评查标准")  # fmt: skip
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="评查人")  # fmt: skip
    status = models.CharField("状态", max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    reviewed_on = models.DateField("评查日期")
    completed_on = models.DateField("完成日期", null=True, blank=True)
    summary = models.TextField("评查意见", blank=True)
    vetoed = models.BooleanField("否决项不通过", default=False)
    score = models.PositiveSmallIntegerField("得分", null=True, blank=True)
    grade = models.CharField("等次", max_length=16, choices=ReviewGrade.choices, blank=True)
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="整改牵头领导")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="登记人")  # fmt: skip

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-reviewed_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "completed_on"], name="ovs_review_org_completed"),
            models.Index(fields=["case", "status"], name="ovs_review_case_status"),
        ]

    def __str__(self) -> str:
        return f"案卷评查：{self.case.decision_no or f'案件{self.case_id}'}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:reviews-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT

    def score_display(self) -> str:
        return "" if self.score is None else f"{self.score}分"


class ReviewVetoResult(models.Model):
    """The answer to one veto item of a review: passed or failed, and why."""

    review = models.ForeignKey(CaseFileReview, on_delete=models.CASCADE, related_name="veto_results",
                               verbose_name="案卷评查")  # fmt: skip
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+", verbose_name="否决项")
    passed = models.BooleanField("通过")
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "否决项评查结果"
        verbose_name_plural = "否决项评查结果"
        ordering = ["item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "item"], name="ovs_veto_result_unique")]

    def __str__(self) -> str:
        return f"{self.item.title}：{'通过' if self.passed else '不通过'}"


class ReviewDeduction(models.Model):
    """Points lost on one document of the file: `count` findings of one kind, each
    costing the rubric's points for that kind when the deduction was recorded."""

    review = models.ForeignKey(CaseFileReview, on_delete=models.CASCADE, related_name="deductions",
                               verbose_name="案卷评查")  # fmt: skip
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+", verbose_name="文书")
    kind = models.CharField("扣分情形", max_length=20, choices=DeductionKind.choices)
    count = models.PositiveSmallIntegerField("处数", default=1)
    points = models.PositiveSmallIntegerField("扣分")
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "文书扣分"
        verbose_name_plural = "文书扣分"
        ordering = ["item__position", "id"]

    def __str__(self) -> str:
        return f"{self.item.title}：{self.get_kind_display()}{self.count}处，扣{self.points}分"
