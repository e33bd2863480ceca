"""A town's report templates and its yearly reports.

A `ReportTemplate` is a town's own narrative for a kind of report (the default
wording until the town edits it), its part order, its rounding settings and its
deadline days. A `Report` is one year's report: created from the template, its
texts then edited for that year, moved through the workflow draft → reviewed →
approved → submitted → published. Its figures are computed at every build; the
published text is kept as it was published (`published_snapshot`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel, StepRecord
from fazhi.law import disclosure as law_disclosure
from fazhi.law import reports as law_reports
from fazhi.reports.choices import ReportKind, ReportStatus


def _deadline_day(text: str, fallback: tuple[int, int]) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in (text or "").split("-"))
        dt.date(2001, month, day)
        return month, day
    except (TypeError, ValueError):
        return fallback


def due_dates(kind: str, year: int, template: ReportTemplate | None) -> tuple[dt.date | None, dt.date | None]:
    """(submit by, publish by) of the report of `year`: the town's template's days,
    else the rulebook's (the submission only for kinds submitted to the county)."""
    from fazhi.reports.kinds import kind as kind_spec

    spec = kind_spec(kind)
    submit = None
    if spec.needs_submission:
        rule = spec.deadlines[0]
        m, d = _deadline_day(template.submit_by if template else "", (rule.month, rule.day))
        submit = dt.date(year + 1, m, d)
    rule = spec.deadlines[-1]
    m, d = _deadline_day(template.publish_by if template else "", (rule.month, rule.day))
    return submit, dt.date(year + 1, m, d)


class ReportSettings(models.Model):
    """What a template and a report share: texts by part, order, rounding, appendix."""

    texts = models.JSONField("各部分文字", default=dict, blank=True)
    order = models.JSONField("部分顺序", default=list, blank=True)
    rounding = models.JSONField("数字取整", default=dict, blank=True)
    comparison = models.BooleanField("附与上年对比表", default=False)

    class Meta:
        abstract = True

    @property
    def spec(self):
        from fazhi.reports.kinds import kind

        return kind(self.kind)

    def clean(self) -> None:
        from fazhi.reports import text as template_text

        spec = self.spec
        errors: dict[str, str] = {}
        known = [name for name, _ in spec.names()] or None
        try:
            spec.check_order(self.order or spec.default_order)
        except template_text.TemplateError as exc:
            errors["order"] = str(exc)
        allowed = {"preamble", *spec.part_titles}
        extra = [k for k in (self.texts or {}) if k not in allowed]
        if extra:
            errors["texts"] = f"报告没有“{'、'.join(extra)}”这一部分"
        elif known is not None:
            for code, value in (self.texts or {}).items():
                try:
                    template_text.check(value, known, spec.table_names)
                except template_text.TemplateError as exc:
                    title = spec.part_titles.get(code, "开头")
                    errors["texts"] = f"“{title}”：{exc}"
                    break
        bad = {k: v for k, v in (self.rounding or {}).items()
               if k not in spec.rounding or not isinstance(v, int) or not 0 <= v <= 6}  # fmt: skip
        if bad:
            errors["rounding"] = "取整位数应为0（精确）到6之间的整数"
        if errors:
            raise ValidationError(errors)


class ReportTemplate(ReportSettings, OrgScopedModel):
    """A town's template for one kind of report."""

    kind = models.CharField("报告类型", max_length=16, choices=ReportKind.choices)
    submit_by = models.CharField("报送期限（月-日）", max_length=5, blank=True,
                                 help_text="如 03-01；留空按规定期限")  # fmt: skip
    publish_by = models.CharField("公开期限（月-日）", max_length=5, blank=True,
                                  help_text="如 04-01；留空按规定期限")  # fmt: skip

    class Meta:
        verbose_name = "报告模板"
        verbose_name_plural = "报告模板"
        ordering = ["org_unit", "kind"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind"], name="rep_template_unique")]

    def __str__(self) -> str:
        return f"{self.org_unit.name}{ReportKind(self.kind).label}模板"

    def clean(self) -> None:
        super().clean()
        for name in ("submit_by", "publish_by"):
            value = getattr(self, name)
            if value and _deadline_day(value, (0, 0)) == (0, 0):
                raise ValidationError({name: "期限应写作“月-日”，如 03-01"})


class Report(ReportSettings, OrgScopedModel):
    """One year's report of a town, of one kind."""

    kind = models.CharField("报告类型", max_length=16, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    drafter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="撰写人")  # fmt: skip
    submit_due_on = models.DateField("报送期限", null=True, blank=True)
    publish_due_on = models.DateField("公开期限", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审核人")  # fmt: skip
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="审定领导")  # fmt: skip
    approved_on = models.DateField("审定日期", null=True, blank=True)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    submitted_to = models.CharField("报送单位", max_length=100, blank=True)
    submission_ref = models.CharField("报送文号", max_length=60, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_snapshot = models.JSONField("公开文本", null=True, blank=True, editable=False)
    revision = models.PositiveIntegerField("修改次数", default=0)

    # One row each; the publication's citation differs by kind, hence two keys.
    DEADLINES = [
        DeadlineSpec("submit", "向上级党委政府报送法治政府建设年度报告", due=lambda r: r.submit_due_on,
                     owner=lambda r: r.drafter,
                     done=lambda r: r.status in (ReportStatus.SUBMITTED, ReportStatus.PUBLISHED),
                     citation=law_reports.REPORT_SUBMISSION.citation),
        DeadlineSpec("publish", "向社会公开法治政府建设年度报告",
                     due=lambda r: r.publish_due_on if r.kind == ReportKind.ANNUAL else None,
                     owner=lambda r: r.drafter, done=lambda r: r.status == ReportStatus.PUBLISHED,
                     citation=law_reports.REPORT_PUBLICATION.citation),
        DeadlineSpec("publish_disclosure", "向社会公布政府信息公开工作年度报告",
                     due=lambda r: r.publish_due_on if r.kind == ReportKind.DISCLOSURE else None,
                     owner=lambda r: r.drafter, done=lambda r: r.status == ReportStatus.PUBLISHED,
                     citation=law_disclosure.ANNUAL_REPORT_PUBLICATION.citation),
    ]  # fmt: skip

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "kind", "org_unit"]
        permissions = [
            ("review_report", "审核年度报告"),
            ("approve_report", "审定年度报告"),
            ("submit_report", "报送和公开年度报告"),
        ]
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind", "year"], name="rep_report_unique")]
        indexes = [
            models.Index(fields=["org_unit", "year"], name="rep_report_org_year"),
            models.Index(fields=["kind", "year", "status"], name="rep_report_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit.name}{self.year}年{ReportKind(self.kind).label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:reports-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "年度应为四位数字，如 2023"})

    @property
    def status_label(self) -> str:
        return ReportStatus(self.status).label

    @property
    def editable(self) -> bool:
        return self.status == ReportStatus.DRAFT

    def deadline_state(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.status == ReportStatus.PUBLISHED:
            return "已公开"
        due = self.publish_due_on
        if self.spec.needs_submission and self.status not in (ReportStatus.SUBMITTED,):
            due = self.submit_due_on or due
        if due is None:
            return ""
        return "已逾期" if due < today else f"{due:%Y-%m-%d}前"


class ReportStep(StepRecord):
    """One step of a report's workflow, with who took it and what they wrote."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="steps", verbose_name="年度报告"
    )

    class Meta(StepRecord.Meta):
        verbose_name = "报告环节"
        verbose_name_plural = "报告环节"
