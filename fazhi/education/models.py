"""The records of legal study and outreach (学法普法): the leadership's study
sessions, outreach events, public legal services, the roster of legally literate
residents and village legal advisors, and staff training programmes.

Each belongs to the unit that keeps it (OrgScopedModel: the town, or a village).
A record about a village names it in `village`, which must lie in the keeping
unit's branch of the tree."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgScopedModel
from fazhi.core.validators import validate_phone
from fazhi.education.choices import (
    REPORT_STUDY_KINDS,
    OutreachTopic,
    Presenter,
    RosterKind,
    ServiceKind,
    ServiceOutcome,
    StudyKind,
    TrainingMode,
    VenueKind,
)

VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
PRESENTER_LABELS = dict(Presenter.choices)


def village_error(village, unit) -> str | None:
    """Why `village` cannot be named on a record kept by `unit`, or None. The village
    must be a village or community, and lie under the unit (a town's record, or an
    office's: an office works for its whole town) or above it (a record kept by the
    village itself or by one of its grids)."""
    if village is None:
        return None
    if village.kind not in VILLAGE_KINDS:
        return "所选单位不是村或社区"
    if unit is None:
        return None
    area = unit.parent if unit.kind == OrgKind.OFFICE and unit.parent_id else unit
    if not (village.path.startswith(area.path) or unit.path.startswith(village.path)):
        return "所选村（社区）不在本单位管辖范围内"
    return None


def check_village(record) -> None:
    """Raise the Chinese error of `village_error` on the record's `village` field."""
    village = record.village if record.village_id else None
    error = village_error(village, record.org_unit if record.org_unit_id else None)
    if error:
        raise ValidationError({"village": error})


def _village_field(label: str, *, required: bool) -> models.ForeignKey:
    return models.ForeignKey(
        "core.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=label,
        null=not required,
        blank=not required,
    )


def split_presenters(value) -> list[str]:
    """A stored presenters value ("legal_advisor,staff") as its codes."""
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [v for v in str(value).split(",") if v]


def presenter_text(value) -> str:
    return "、".join(PRESENTER_LABELS.get(code, code) for code in split_presenters(value))


def validate_presenters(value: str) -> None:
    unknown = [code for code in split_presenters(value) if code not in PRESENTER_LABELS]
    if unknown:
        raise ValidationError(f"宣讲人员类别“{'、'.join(unknown)}”无效")


class StudySession(OrgScopedModel):
    """A study session of the town's leadership or staff (学法). Leading cadres study
    the law in the party committee's central study group, at enlarged committee
    meetings, before the government's executive meetings and at staff meetings
    (《关于完善国家工作人员学法用法制度的意见》, 2016; 《法治政府建设实施纲要
    （2021—2025年）》). The annual report counts the sessions on the rule of law held
    by the central study group or an enlarged party committee meeting."""

    held_on = models.DateField("学习日期")
    kind = models.CharField("学习形式", max_length=24, choices=StudyKind.choices)
    topic = models.CharField("学习内容", max_length=200)
    on_rule_of_law = models.BooleanField(
        "法治专题", default=False, help_text="学习习近平法治思想或法律法规的，选“是”"
    )
    presenter = models.CharField("主讲（领学）人", max_length=60, blank=True)
    attendees = models.PositiveIntegerField("参学人数")
    note = models.TextField("学习讨论情况", blank=True)

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "held_on"], name="edu_study_org_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("education:study-sessions-detail", args=[self.pk])

    @property
    def counts_for_report(self) -> bool:
        """Counted by report-figures.md row 1: a rule-of-law topic at the central study
        group or an enlarged party committee meeting."""
        return self.on_rule_of_law and self.kind in REPORT_STUDY_KINDS

    def report_label(self) -> str:
        return "计入" if self.counts_for_report else "不计入"


class OutreachEvent(OrgScopedModel):
    """A legal outreach event (法治宣传、普法活动): a talk, a stall or a campaign at a
    village, school, enterprise or market. Agencies educate the public in the law
    they enforce (“谁执法谁普法”, 2017); 4 December is National Constitution Day
    (全国人大常委会《关于设立国家宪法日的决定》, 2014). The annual report counts the
    events of the year and the people they reached (人次)."""

    held_on = models.DateField("活动日期")
    venue_kind = models.CharField("活动场所", max_length=16, choices=VenueKind.choices)
    village = _village_field("所在村（社区）", required=False)
    topic = models.CharField("宣传主题", max_length=24, choices=OutreachTopic.choices)
    title = models.CharField("活动名称", max_length=200)
    audience = models.PositiveIntegerField("受众人次")
    presenters = models.CharField(
        "宣讲人员", max_length=100, blank=True, validators=[validate_presenters], help_text="可多选"
    )
    constitution_day = models.BooleanField(
        "“12·4”国家宪法日活动", default=False, help_text="活动日期为12月4日的自动标记"
    )
    note = models.TextField("活动情况", blank=True)

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "held_on"], name="edu_outreach_org_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("education:outreach-detail", args=[self.pk])

    def clean(self) -> None:
        if self.held_on and (self.held_on.month, self.held_on.day) == (12, 4):
            self.constitution_day = True
        check_village(self)

    def presenter_names(self) -> str:
        return presenter_text(self.presenters)


class LegalServiceRecord(OrgScopedModel):
    """A public legal service given to a resident (公共法律服务): an answer to a legal
    question, help to apply for legal aid, a document drafted, a referral to
    mediation or a notary (中办、国办《关于加快推进公共法律服务体系建设的意见》,
    2019). The person served is optional; their name and phone are masked in lists,
    exports, API reads and audit events."""

    PII_FIELDS = {"person_name": masking.mask_name, "phone": masking.mask_phone}

    served_on = models.DateField("服务日期")
    kind = models.CharField("服务类型", max_length=16, choices=ServiceKind.choices)
    village = _village_field("服务对象所在村（社区）", required=True)
    person_name = models.CharField("服务对象", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    summary = models.TextField("服务事项")
    handled_by = models.CharField("服务人员", max_length=60)
    outcome = models.CharField(
        "办理结果", max_length=16, choices=ServiceOutcome.choices, default=ServiceOutcome.RESOLVED
    )

    class Meta:
        verbose_name = "公共法律服务"
        verbose_name_plural = "公共法律服务"
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "served_on"], name="edu_service_org_served")]

    def __str__(self) -> str:
        return f"{self.served_on:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("education:legal-services-detail", args=[self.pk])

    def clean(self) -> None:
        check_village(self)


class RosterMember(OrgScopedModel):
    """A legally literate resident (法律明白人, trained under the rural “法律明白人”
    programme) or a village's legal advisor (村居法律顾问, one lawyer for each village
    and community), named on the town's roster. Their phone is masked."""

    PII_FIELDS = {"phone": masking.mask_phone}

    kind = models.CharField("类别", max_length=20, choices=RosterKind.choices)
    name = models.CharField("姓名", max_length=60)
    village = _village_field("所在村（社区）", required=True)
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    trained_on = models.DateField("培训日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True, help_text="如执业律师事务所、职业")

    class Meta:
        verbose_name = "法律明白人和村居法律顾问"
        verbose_name_plural = "法律明白人和村居法律顾问"
        ordering = ["village__path", "kind", "name", "id"]
        indexes = [models.Index(fields=["org_unit", "kind"], name="edu_roster_org_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "kind", "name"],
                name="edu_roster_unique_person",
                violation_error_message="该村（社区）已登记同名的同类人员",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("education:roster-detail", args=[self.pk])

    def clean(self) -> None:
        check_village(self)


class StaffTraining(OrgScopedModel):
    """A training programme in the law for the town's cadres and staff (干部学法培训):
    online courses, classroom sessions or training on the job."""

    title = models.CharField("培训名称", max_length=200)
    mode = models.CharField("培训方式", max_length=16, choices=TrainingMode.choices)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True, help_text="一天内完成的可不填")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    participants = models.PositiveIntegerField("参训人数")
    organiser = models.CharField("组织单位", max_length=100)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "干部学法培训"
        verbose_name_plural = "干部学法培训"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org_unit", "starts_on"], name="edu_training_org_start")]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("education:trainings-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "结束日期不能早于开始日期"
        if self.hours is not None and self.hours <= 0:
            errors["hours"] = "学时应大于0"
        if errors:
            raise ValidationError(errors)
