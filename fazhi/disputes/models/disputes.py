"""Disputes (矛盾纠纷) from screening to close, their parties and history, and the
monthly screening round (矛盾纠纷大排查) with one result per village."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from fazhi.core import masking
from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel, StepRecord
from fazhi.core.validators import validate_phone, validate_resident_id
from fazhi.disputes.choices import (
    AgreementForm,
    ConfirmationResult,
    DisputeCategory,
    DisputeSource,
    DisputeStatus,
    PartyKind,
    Referral,
    RiskLevel,
)


class Dispute(OrgScopedModel):
    """One dispute (矛盾纠纷), from its registration to its close, mediated by a people's
    mediation committee (人民调解法). A written agreement binds the parties once signed
    and sealed (第29条); they may jointly apply to the court for judicial confirmation
    within 30 days of its taking effect (第33条; `fazhi.law.period("mediation_judicial_confirmation")`).

    `village` is the village or community where it arose. `org_unit` is the unit that
    keeps the record: the village, or the grid of the grid worker who registered it,
    so that the registrar, the village and the town above all see it; the number
    (江口调〔2023〕15号) runs per town and year."""

    number = models.CharField("编号", max_length=40, blank=True)
    village = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="发生村（社区）")  # fmt: skip
    source = models.CharField("来源", max_length=12, choices=DisputeSource.choices)
    category = models.CharField("类别", max_length=12, choices=DisputeCategory.choices)
    summary = models.TextField("纠纷简要情况")
    risk_level = models.CharField("激化风险", max_length=8, choices=RiskLevel.choices, default=RiskLevel.LOW)
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    people_involved = models.PositiveIntegerField("涉及人数", default=2)
    registered_on = models.DateField("登记日期")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                      verbose_name="登记人")  # fmt: skip
    status = models.CharField(
        "状态", max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.REGISTERED
    )
    # Assignment and mediation.
    committee = models.ForeignKey("disputes.MediationCommittee", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="disputes", verbose_name="承办调解委员会")  # fmt: skip
    mediators = models.ManyToManyField("disputes.Mediator", blank=True, related_name="disputes",
                                       verbose_name="调解员")  # fmt: skip
    room = models.ForeignKey("disputes.MediationRoom", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="disputes", verbose_name="调解室")  # fmt: skip
    assigned_on = models.DateField("分派日期", null=True, blank=True)
    mediation_started_on = models.DateField("开始调解日期", null=True, blank=True)
    # Result.
    resolved_on = models.DateField("调解结束日期", null=True, blank=True)
    agreement_form = models.CharField("协议形式", max_length=10, choices=AgreementForm.choices, blank=True)
    agreement_text = models.TextField("协议内容", blank=True)
    confirmation_wanted = models.BooleanField("当事人拟申请司法确认", default=False)
    confirmation_due_on = models.DateField("申请司法确认期限", null=True, blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_result = models.CharField("司法确认结果", max_length=10, choices=ConfirmationResult.choices,
                                           blank=True)  # fmt: skip
    referral = models.CharField("调解不成的处理", max_length=12, choices=Referral.choices, blank=True)
    referral_note = models.TextField("处理情况", blank=True)
    # Follow-up and close.
    follow_up_on = models.DateField("回访日期", null=True, blank=True)
    follow_up_note = models.TextField("回访情况", blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)

    # The parties apply; the mediator who helped them reach the agreement reminds them.
    # Closing the dispute ends the reminder (an application after that is still recorded).
    # The mediation agreement names the parties in full: only those who mediate download it.
    DOCUMENT_PERMISSION = "disputes.mediate_dispute"

    DEADLINES = [
        DeadlineSpec("judicial_confirmation", "共同申请司法确认", due=lambda d: d.confirmation_due_on,
                     done=lambda d: (d.confirmation_applied_on is not None or not d.confirmation_wanted
                                     or d.status == DisputeStatus.CLOSED),
                     owner=lambda d: d.reminder_owner(), citation="人民调解法第三十三条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        ordering = ["-registered_on", "-id"]
        permissions = [
            ("mediate_dispute", "调解纠纷（分派、调解、结果、回访、结案）"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "registered_on"], name="dsp_dispute_org_registered"),
            models.Index(fields=["org_unit", "closed_on"], name="dsp_dispute_org_closed"),
            models.Index(fields=["org_unit", "status"], name="dsp_dispute_org_status"),
            models.Index(fields=["village", "closed_on"], name="dsp_dispute_village_closed"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "number"], condition=~models.Q(number=""),
                                    name="dsp_dispute_unique_number"),
        ]  # fmt: skip

    def __str__(self) -> str:
        text = " ".join(self.summary.split())
        label = text if len(text) <= 30 else text[:29] + "…"
        return f"{self.number} {label}" if self.number else label

    def get_absolute_url(self) -> str:
        return reverse("disputes:disputes-detail", args=[self.pk])

    def reminder_owner(self):
        """The first assigned mediator with an account, else the registrar."""
        for mediator in self.mediators.all():
            if mediator.user_id:
                return mediator.user
        return self.registered_by

    def parties_masked(self) -> str:
        """The parties as lists show them (names of natural persons masked)."""
        return "、".join(p.masked_name for p in self.parties.all())

    @property
    def is_high_risk(self) -> bool:
        return self.risk_level == RiskLevel.HIGH

    def risk_badge(self) -> str:
        """The risk level for lists: a red badge when the dispute may escalate."""
        label = self.get_risk_level_display()
        if self.risk_level == RiskLevel.HIGH:
            return format_html('<span class="badge text-bg-danger" data-risk="high">{}</span>', label)
        if self.risk_level == RiskLevel.MEDIUM:
            return format_html('<span class="badge text-bg-warning">{}</span>', label)
        return label

    def outcome(self) -> str:
        """调解成功 / 调解不成 once a result is recorded (closed or not), else ""."""
        if self.agreement_form:
            return DisputeStatus.RESOLVED.label
        if self.referral:
            return DisputeStatus.UNRESOLVED.label
        return ""

    def confirmation_state(self, today=None) -> str:
        """Where the judicial confirmation stands, for the page and the list."""
        if self.confirmation_result:
            return self.get_confirmation_result_display()
        if self.confirmation_applied_on:
            return f"已于{self.confirmation_applied_on:%Y-%m-%d}申请，待法院裁定"
        if self.confirmation_wanted and self.confirmation_due_on:
            today = today or timezone.localdate()
            if self.status != DisputeStatus.CLOSED and self.confirmation_due_on < today:
                return f"逾期未申请（期限{self.confirmation_due_on:%Y-%m-%d}）"
            return f"待申请（期限{self.confirmation_due_on:%Y-%m-%d}）"
        return ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.village_id and self.village.kind not in (OrgKind.VILLAGE, OrgKind.COMMUNITY):
            errors["village"] = "发生村（社区）须为村或社区"
        elif self.village_id and self.org_unit_id:
            village, unit = self.village.path, self.org_unit.path
            # The record sits in the village, under it (a grid), or above it (the town).
            if not (unit.startswith(village) or village.startswith(unit)):
                errors["village"] = "发生村（社区）须为本单位所辖"
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = "登记日期不能晚于今天"
        if errors:
            raise ValidationError(errors)


class DisputeParty(models.Model):
    """A party to a dispute. Personal data is masked wherever it is listed."""

    PII_FIELDS = {"resident_id": masking.mask_resident_id, "phone": masking.mask_phone,
                  "address": masking.mask_address}  # fmt: skip

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties",
                                verbose_name="矛盾纠纷")  # fmt: skip
    kind = models.CharField("类型", max_length=12, choices=PartyKind.choices, default=PartyKind.INDIVIDUAL)
    name = models.CharField("姓名或名称", max_length=100)
    resident_id = models.CharField(
        "公民身份号码", max_length=18, blank=True, validators=[validate_resident_id]
    )
    phone = models.CharField("联系电话", max_length=32, blank=True, validators=[validate_phone])
    address = models.CharField("住址", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("顺序", default=1)

    class Meta:
        verbose_name = "纠纷当事人"
        verbose_name_plural = "纠纷当事人"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.masked_name

    @property
    def masked_name(self) -> str:
        """A natural person's name masked (张*); an organisation's name as it is."""
        return masking.mask_name(self.name) if self.kind == PartyKind.INDIVIDUAL else self.name

    @property
    def masked_resident_id(self) -> str:
        return masking.mask_resident_id(self.resident_id)

    @property
    def masked_phone(self) -> str:
        return masking.mask_phone(self.phone)

    @property
    def masked_address(self) -> str:
        return masking.mask_address(self.address)

    def masked(self) -> dict[str, str]:
        """The party as lists, exports, the API and audit events show it."""
        return {"kind": self.kind, "name": self.masked_name, "resident_id": self.masked_resident_id,
                "phone": self.masked_phone, "address": self.masked_address}  # fmt: skip


class DisputeStep(StepRecord):
    """One step of a dispute (assigned, mediation started, resolved, follow-up…)."""

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="steps", verbose_name="矛盾纠纷"
    )

    class Meta(StepRecord.Meta):
        verbose_name = "纠纷办理环节"
        verbose_name_plural = "纠纷办理环节"


class ScreeningRound(OrgScopedModel):
    """A town's monthly screening round (矛盾纠纷大排查): every village and community of
    the town reports what it found, even when it found none (0, reported as 无). Opening
    a round makes one result row per village, empty until the village reports; the
    round is finished only when every village has reported."""

    month = models.DateField("排查月份", help_text="当月1日")
    started_on = models.DateField("开始日期")
    finished_on = models.DateField("完成日期", null=True, blank=True)
    note = models.TextField("工作情况", blank=True)

    class Meta:
        verbose_name = "矛盾纠纷排查"
        verbose_name_plural = "矛盾纠纷排查"
        ordering = ["-month", "id"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "month"], name="dsp_round_one_per_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y年%m月}矛盾纠纷排查"

    def get_absolute_url(self) -> str:
        return reverse("disputes:rounds-detail", args=[self.pk])

    def clean(self) -> None:
        from fazhi.core.choices import OrgKind

        errors: dict[str, str] = {}
        if self.month and self.month.day != 1:
            errors["month"] = "排查月份请填写当月1日"
        if self.org_unit_id and self.org_unit.kind != OrgKind.TOWN:
            errors["org_unit"] = "矛盾纠纷排查以镇（乡、街道）为单位组织，请选择镇"
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            errors["finished_on"] = "完成日期不能早于开始日期"
        if errors:
            raise ValidationError(errors)

    @property
    def is_finished(self) -> bool:
        return self.finished_on is not None

    def status_label(self) -> str:
        return f"已完成（{self.finished_on:%Y-%m-%d}）" if self.is_finished else "排查中"

    def _tally(self, name: str) -> int:
        """A figure the list's filter set annotates (n_villages, n_reported, n_found…);
        counted here for a round read without it."""
        if hasattr(self, "n_villages"):  # annotated (filters.mediation.with_tallies)
            return getattr(self, name) or 0
        results = self.results.all()
        return {
            "n_villages": lambda: len(results),
            "n_reported": lambda: sum(1 for r in results if r.found is not None),
            "n_found": lambda: sum(r.found or 0 for r in results),
            "n_resolved": lambda: sum(r.resolved_on_spot for r in results),
            "n_high_risk": lambda: sum(r.high_risk for r in results),
        }[name]()

    def progress(self) -> str:
        return f"{self._tally('n_reported')}/{self._tally('n_villages')}"

    def found_total(self) -> int:
        return self._tally("n_found") or 0

    def resolved_total(self) -> int:
        return self._tally("n_resolved") or 0

    def high_risk_total(self) -> int:
        return self._tally("n_high_risk") or 0


class ScreeningResult(models.Model):
    """A village's report in a screening round. `found` is empty until the village
    reports; 0 is a report (无)."""

    round = models.ForeignKey(ScreeningRound, on_delete=models.CASCADE, related_name="results",
                              verbose_name="排查")  # fmt: skip
    village = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                verbose_name="村（社区）")  # fmt: skip
    found = models.PositiveIntegerField(
        "排查发现纠纷", null=True, blank=True, help_text="未上报时为空；没有发现填0"
    )
    resolved_on_spot = models.PositiveIntegerField("当场化解", default=0)
    high_risk = models.PositiveIntegerField("重大风险隐患", default=0)
    reported_on = models.DateField("上报日期", null=True, blank=True)
    reporter = models.CharField("上报人", max_length=50, blank=True)
    note = models.CharField("情况说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "村（社区）排查结果"
        verbose_name_plural = "村（社区）排查结果"
        ordering = ["village__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "village"], name="dsp_result_one_per_village")
        ]

    def __str__(self) -> str:
        return f"{self.village.name}：{'未上报' if self.found is None else f'{self.found}件'}"

    @property
    def is_reported(self) -> bool:
        return self.found is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.found is None:
            if self.resolved_on_spot or self.high_risk:
                errors["found"] = "请先填写排查发现纠纷数（没有发现填0）"
            if self.reported_on is not None:
                errors["found"] = "已填写上报日期的，请填写排查发现纠纷数（没有发现填0）"
        else:
            if self.reported_on is None:
                errors["reported_on"] = "请填写上报日期"
            if self.resolved_on_spot > self.found:
                errors["resolved_on_spot"] = "当场化解数不能多于排查发现数"
            if self.high_risk > self.found:
                errors["high_risk"] = "重大风险隐患数不能多于排查发现数"
        if errors:
            raise ValidationError(errors)
