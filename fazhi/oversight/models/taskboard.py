"""The year's rule-of-law work plan and its task board (挂图作战).

The principal leaders answer for the town's rule-of-law building as its first
responsible persons (党政主要负责人履行推进法治建设第一责任人职责规定): they approve
a plan for the year, give each task a lead leader, a responsible post, measures
and a deadline, follow its progress, and count the year's completion in the
cadres' assessment (法治政府建设与责任落实督察工作规定)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.oversight.choices import TaskStatus

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class WorkPlan(OrgScopedModel):
    """A town's rule-of-law work plan for one year (年度法治建设工作计划), approved
    by the party committee or the government, usually at a special meeting."""

    year = models.PositiveSmallIntegerField("年度", validators=YEAR_VALIDATORS)
    title = models.CharField("计划名称", max_length=200)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_at = models.CharField(
        "审定会议", max_length=200, blank=True, help_text="如：镇党委会议、法治建设专题会议"
    )
    summary = models.TextField("主要内容", blank=True)

    class Meta:
        verbose_name = "法治建设工作计划"
        verbose_name_plural = "法治建设工作计划"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year"],
                name="ovs_workplan_unique_year",
                violation_error_message="本单位该年度已有法治建设工作计划，请修改原计划",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:plans-detail", args=[self.pk])

    def clean(self) -> None:
        if self.approved_on and self.year and abs(self.approved_on.year - self.year) > 1:
            raise ValidationError({"approved_on": "审定日期应在计划年度或其前后一年内"})


class Task(OrgScopedModel):
    """A task of the year's plan on the board: what is to be done (measures), by
    which post, under which lead leader, by when. Its status follows the progress
    reported; overdue is shown when the deadline has passed unfinished."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="tasks", verbose_name="工作计划"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    title = models.CharField("任务", max_length=200)
    measures = models.TextField("工作措施", blank=True)
    responsible_post = models.ForeignKey("core.Post", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="责任岗位")  # fmt: skip
    lead_leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="牵头领导")  # fmt: skip
    due_on = models.DateField("完成时限")
    status = models.CharField("状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED,
                              editable=False)  # fmt: skip
    done_on = models.DateField("完成日期", null=True, blank=True, help_text="填写即视为已完成")
    # The latest progress report, copied here so that lists and the board read one row.
    progress_percent = models.PositiveSmallIntegerField("进度（%）", default=0, editable=False)
    progress_on = models.DateField("最近进展日期", null=True, blank=True, editable=False)
    progress_note = models.TextField("最近进展", blank=True, editable=False)
    progress_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", editable=False, verbose_name="最近填报人")  # fmt: skip

    DEADLINES = [
        DeadlineSpec("task", "完成法治建设任务", due=lambda t: t.due_on, owner=lambda t: t.lead_leader,
                     done=lambda t: t.status == TaskStatus.DONE, post=lambda t: t.responsible_post),
    ]  # fmt: skip

    class Meta:
        verbose_name = "法治建设任务"
        verbose_name_plural = "法治建设任务"
        ordering = ["plan", "position", "id"]
        permissions = [("report_task", "填报任务进度")]
        indexes = [
            models.Index(fields=["plan", "position"], name="ovs_task_plan_pos"),
            models.Index(fields=["org_unit", "due_on"], name="ovs_task_org_due"),
            models.Index(fields=["org_unit", "status"], name="ovs_task_org_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:tasks-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.plan_id and self.org_unit_id and not self.org_unit.path.startswith(self.plan.org_unit.path):
            errors["org_unit"] = "任务的所属单位应为工作计划的单位或其下级单位"
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = "完成日期不能晚于今天"
        if errors:
            raise ValidationError(errors)

    # -- what the board and the lists show ---------------------------------------------
    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status != TaskStatus.DONE and self.due_on < (today or timezone.localdate())

    def board_status(self, today: dt.date | None = None) -> str:
        """not_started / in_progress / overdue / done: the column of the board."""
        return "overdue" if self.is_overdue(today) else self.status

    def deadline_state(self, today: dt.date | None = None) -> str:
        """按期完成 / 逾期完成 / 已逾期 / 未到期: one word for the list."""
        if self.status == TaskStatus.DONE:
            return "按期完成" if self.done_on <= self.due_on else "逾期完成"
        return "已逾期" if self.is_overdue(today) else "未到期"

    def latest_progress(self) -> str:
        if self.progress_on is None:
            return ""
        return f"{self.progress_percent}%（{self.progress_on:%Y-%m-%d}）{self.progress_note}"


class TaskProgress(models.Model):
    """One progress report on a task: the day, how far it is (percent) and what was
    done, by whom. The task's own history, read on its page."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="progress", verbose_name="任务")
    on = models.DateField("日期")
    percent = models.PositiveSmallIntegerField("进度（%）", validators=[MaxValueValidator(100)])
    text = models.TextField("进展情况")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name="填报人")  # fmt: skip
    at = models.DateTimeField("填报时间", default=timezone.now)

    class Meta:
        verbose_name = "任务进展"
        verbose_name_plural = "任务进展"
        ordering = ["on", "at", "id"]
        indexes = [models.Index(fields=["task", "on"], name="ovs_taskprogress_task_on")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.percent}%"
