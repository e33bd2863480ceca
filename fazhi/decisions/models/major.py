"""Major administrative decisions (重大行政决策): the yearly catalogue, the decision
with its five required steps (重大行政决策程序暂行条例), and what follows."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.decisions.choices import (
    CatalogueStatus,
    DecisionStatus,
    DeliberationOutcome,
    MemberPosition,
    ReviewOpinion,
    RiskLevel,
    StepState,
)
from fazhi.law.decisions import MAJOR_DECISION_STEPS

STEP_CHOICES = [(step.code, step.name) for step in MAJOR_DECISION_STEPS]


class DecisionCatalogue(OrgScopedModel):
    """The year's catalogue of major decision matters (重大行政决策事项目录, 第4条):
    drawn up, approved by the government and published."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("目录名称", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT
    )
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_at_meeting = models.CharField("审定会议", max_length=100, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="dec_catalogue_one_per_year")
        ]

    def __str__(self) -> str:
        return self.title or f"{self.year}年度重大行政决策事项目录"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalogues-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = "年度应为四位年份"
        if self.published_on and not self.approved_on:
            errors["published_on"] = "目录须先审定再公布"
        if self.approved_on and self.published_on and self.published_on < self.approved_on:
            errors["published_on"] = "公布日期不能早于审定日期"
        if errors:
            raise ValidationError(errors)


class MajorDecision(OrgScopedModel):
    catalogue = models.ForeignKey(DecisionCatalogue, on_delete=models.PROTECT, related_name="decisions",
                                  verbose_name="决策事项目录")  # fmt: skip
    title = models.CharField("决策事项", max_length=200)
    summary = models.TextField("决策草案主要内容", blank=True)
    lead_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="承办岗位")  # fmt: skip
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="分管领导")  # fmt: skip
    planned_by = models.DateField("计划完成日期", null=True, blank=True)
    basis_documents = models.ManyToManyField("decisions.NormativeDocument", blank=True, related_name="decisions",
                                             verbose_name="依据的规范性文件")  # fmt: skip
    basis = models.TextField("法律政策依据", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.PLANNED
    )
    # Decision (第30、31条).
    decided_on = models.DateField("决定日期", null=True, blank=True)
    outcome = models.CharField("决定结果", max_length=10, choices=DeliberationOutcome.choices, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    reported_on = models.DateField("向党委报告日期", null=True, blank=True)
    report_note = models.CharField("报告方式", max_length=200, blank=True)
    # Publication (第32条).
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_ref = models.CharField("公布载体", max_length=200, blank=True)
    # Post-evaluation (第36条).
    evaluation_reason = models.TextField("启动后评估的原因", blank=True)
    evaluation_due_on = models.DateField("后评估期限", null=True, blank=True)
    evaluated_on = models.DateField("后评估完成日期", null=True, blank=True)
    evaluation_result = models.TextField("后评估结论", blank=True)
    shelved_reason = models.TextField("暂缓或终止理由", blank=True)

    DEADLINES = [
        DeadlineSpec("complete", "完成决策程序", due=lambda d: d.planned_by, owner=lambda d: d.lead_leader,
                     done=lambda d: d.decided_on is not None or d.status == DecisionStatus.SHELVED,
                     post=lambda d: d.lead_post),
        DeadlineSpec("legality_review", "完成重大行政决策合法性审查", due=lambda d: getattr(d.review_step(), "review_due_on", None),
                     done=lambda d: getattr(d.review_step(), "finished", False), post=lambda d: d.lead_post,
                     citation="重大行政决策程序暂行条例第二十七条"),
        DeadlineSpec("evaluate", "完成决策后评估", due=lambda d: d.evaluation_due_on, owner=lambda d: d.lead_leader,
                     done=lambda d: d.evaluated_on is not None, post=lambda d: d.lead_post,
                     citation="重大行政决策程序暂行条例第三十六条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-catalogue__year", "id"]
        permissions = [
            ("conduct_majordecision", "办理重大行政决策程序"),
            ("review_majordecision", "合法性审查重大行政决策"),
            ("decide_majordecision", "集体讨论决定重大行政决策"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "status"], name="dec_major_org_status"),
            models.Index(fields=["org_unit", "decided_on"], name="dec_major_org_decided"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decisions-detail", args=[self.pk])

    def review_step(self) -> DecisionStep | None:
        """The legality review step (its due date is the reviewer's deadline)."""
        return self.steps.filter(code="legality_review").first()

    def ordered_steps(self) -> list[DecisionStep]:
        """The five steps in order (from the prefetch when the list has one)."""
        return sorted(self.steps.all(), key=lambda s: s.position)

    def step_progress(self) -> str:
        """e.g. "3/5，下一步：合法性审查" for the list."""
        steps = self.ordered_steps()
        if not steps:
            return ""
        finished = sum(1 for s in steps if s.finished)
        pending = next((s for s in steps if not s.finished), None)
        if pending is None:
            return f"{finished}/{len(steps)}，已全部履行"
        doing = "进行中" if pending.state == StepState.STARTED else "下一步"
        return f"{finished}/{len(steps)}，{doing}：{pending.get_code_display()}"


class DecisionStep(models.Model):
    """One of the five required steps of a decision, with its evidence. Fields that
    belong to one step only are left empty on the others."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="steps",
                                 verbose_name="重大行政决策")  # fmt: skip
    code = models.CharField("程序", max_length=32, choices=STEP_CHOICES)
    position = models.PositiveSmallIntegerField("顺序")
    state = models.CharField("状态", max_length=16, choices=StepState.choices, default=StepState.PENDING)
    started_on = models.DateField("开始日期", null=True, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    not_applicable_reason = models.TextField("不适用理由", blank=True)
    summary = models.TextField("情况说明", blank=True)
    # Public participation (第14–18条).
    comment_starts_on = models.DateField("征求意见开始日期", null=True, blank=True)
    comment_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    comment_short_reason = models.TextField("征求意见期限少于30日的理由", blank=True)
    hearing_on = models.DateField("听证会日期", null=True, blank=True)
    hearing_materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    # Risk assessment (第22–24条).
    risk_level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices, blank=True)
    risk_measures = models.TextField("风险防范措施", blank=True)
    # Legality review (第25–28条).
    reviewer = models.CharField("审查机构或人员", max_length=100, blank=True)
    review_requested_on = models.DateField("送请审查日期", null=True, blank=True)
    review_due_on = models.DateField("审查期限", null=True, blank=True)
    review_opinion = models.CharField("审查结论", max_length=16, choices=ReviewOpinion.choices, blank=True)
    # Collective deliberation (第30条).
    meeting = models.CharField("会议名称", max_length=100, blank=True)
    attendees = models.TextField("出席人员", blank=True)
    outcome = models.CharField("讨论结果", max_length=10, choices=DeliberationOutcome.choices, blank=True)
    head_conclusion = models.TextField("行政首长意见", blank=True)
    dissent = models.TextField("不同意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="登记人")  # fmt: skip
    recorded_at = models.DateTimeField("登记时间", null=True, blank=True)

    class Meta:
        verbose_name = "决策程序"
        verbose_name_plural = "决策程序"
        ordering = ["decision", "position"]
        constraints = [models.UniqueConstraint(fields=["decision", "code"], name="dec_step_one_per_code")]

    def __str__(self) -> str:
        return f"{self.get_code_display()}（{self.get_state_display()}）"

    @property
    def finished(self) -> bool:
        return self.state in (StepState.DONE, StepState.NOT_APPLICABLE)


class ExpertOpinion(models.Model):
    step = models.ForeignKey(DecisionStep, on_delete=models.CASCADE, related_name="expert_opinions",
                             verbose_name="专家论证")  # fmt: skip
    expert = models.CharField("专家", max_length=60)
    affiliation = models.CharField("单位及职称", max_length=100, blank=True)
    opinion = models.TextField("论证意见")

    class Meta:
        verbose_name = "专家论证意见"
        verbose_name_plural = "专家论证意见"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.expert


class MemberOpinion(models.Model):
    """A member's opinion at the collective deliberation, in speaking order; the
    head's (行政首长) is last (第30条)."""

    step = models.ForeignKey(DecisionStep, on_delete=models.CASCADE, related_name="member_opinions",
                             verbose_name="集体讨论")  # fmt: skip
    order = models.PositiveSmallIntegerField("发言顺序")
    member = models.CharField("姓名", max_length=60)
    role = models.CharField("职务", max_length=60, blank=True)
    is_head = models.BooleanField("行政首长", default=False)
    position = models.CharField("表态", max_length=10, choices=MemberPosition.choices)
    opinion = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "集体讨论发言"
        verbose_name_plural = "集体讨论发言"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.member}"


class DecisionFollowUp(models.Model):
    """Implementation follow-up (决策执行情况跟踪, 第34、35条)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="follow_ups",
                                 verbose_name="重大行政决策")  # fmt: skip
    on = models.DateField("日期")
    progress = models.TextField("执行情况")
    problems = models.TextField("存在问题", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="登记人")  # fmt: skip
    at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "决策执行跟踪"
        verbose_name_plural = "决策执行跟踪"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}"
