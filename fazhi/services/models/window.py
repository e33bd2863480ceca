"""The single window (一窗受理、集成服务): the town's list of service items with their
guides, the applications accepted at the window, the joint review by the posts an
item names (联审会签), the one-time notices of missing materials (一次性告知) and the
pauses of the clock (行政许可法 第45条).

Every period is in working days (行政许可法 第82条). An application's due dates are
computed by fazhi/services/actions/window.py from its dates, its closed pauses and
its extension, and stored, so that lists, warnings and figures read columns."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from fazhi.core import masking
from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.services.choices import (
    ApplicantKind,
    ApplicationChannel,
    ApplicationOutcome,
    ApplicationState,
    DeliveryMethod,
    ItemKind,
    ItemStatus,
    OpinionState,
    PauseReason,
    ServiceRating,
)

# A receipt code is read off paper and typed on a phone: no 0/O, 1/I/L.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12  # 31**12: about 59 random bits, behind the portal's throttle


def new_receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalize_receipt_code(value: object) -> str:
    """A code as typed: spaces and dashes dropped, letters upper-cased."""
    text = "" if value is None else str(value)
    return "".join(ch for ch in text.upper() if ch.isalnum())


def format_receipt_code(code: str) -> str:
    """XXXX-XXXX-XXXX, as printed on the receipt."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def split_materials(text: str) -> list[str]:
    """The materials of an item, one per line, blank lines and list marks dropped."""
    out: list[str] = []
    for line in (text or "").splitlines():
        name = line.strip().lstrip("-•·*").strip()
        if name and name not in out:
            out.append(name)
    return out


class ServiceItem(OrgScopedModel):
    """A government service item (政务服务事项) on the town's published list, with its
    service guide (办事指南). Only a published item takes applications (清单之外无审批).

    The promised time limit (承诺时限) is the town's own promise and may not exceed the
    statutory one (法定时限); both are in working days, 0 meaning done on the spot (即办).
    An item without a statutory limit leaves it empty. `review_posts` are the posts
    that must give an opinion before the decision (联审会签)."""

    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类型", max_length=16, choices=ItemKind.choices)
    basis = models.TextField("设定依据")
    statutory_days = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）", null=True, blank=True, validators=[MaxValueValidator(365)],
        help_text="法律法规未规定办结时限的不填",
    )  # fmt: skip
    promised_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", validators=[MaxValueValidator(365)], help_text="0 表示即办件，当场办结"
    )  # fmt: skip
    materials = models.TextField("申请材料", blank=True, help_text="每行一项，如：申请人身份证（原件）")
    conditions = models.TextField("受理条件", blank=True)
    procedure = models.TextField("办理流程", blank=True)
    fees = models.CharField("收费标准", max_length=200, default="不收费")
    responsible_post = models.ForeignKey(
        "core.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="承办岗位",
    )  # fmt: skip
    review_posts = models.ManyToManyField(
        "core.Post", blank=True, related_name="+", verbose_name="联审会签岗位",
        help_text="须出具意见的岗位；全部出具意见后方可作出决定",
    )  # fmt: skip
    visits_needed = models.PositiveSmallIntegerField(
        "到现场次数", default=1, choices=[(0, "0次（零跑腿）"), (1, "1次（最多跑一次）")],
        validators=[MaxValueValidator(1)],  # also keeps the API schema the same on every database
    )  # fmt: skip
    online = models.BooleanField("可网上办理", default=False)
    location = models.CharField("办理地点", max_length=200, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    status = models.CharField("状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    published_on = models.DateField("公布日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["code"]
        permissions = [("publish_serviceitem", "公布、停用政务服务事项")]
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="svc_item_unique_code")]
        indexes = [models.Index(fields=["org_unit", "status", "kind"], name="svc_item_org_status_kind")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:service-items-detail", args=[self.pk])

    def material_list(self) -> list[str]:
        return split_materials(self.materials)

    @property
    def time_limit_text(self) -> str:
        statutory = "无" if self.statutory_days is None else f"{self.statutory_days}个工作日"
        promised = "即办" if self.promised_days == 0 else f"{self.promised_days}个工作日"
        return f"法定{statutory}，承诺{promised}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        statutory, promised = self.statutory_days, self.promised_days
        if statutory is not None and promised is not None and promised > statutory:
            errors["promised_days"] = (
                f"承诺办结时限（{promised}个工作日）不能超过法定办结时限（{statutory}个工作日）"
            )
        if self.status == ItemStatus.PUBLISHED and self.published_on is None:
            errors["published_on"] = "已公布的事项须填写公布日期"
        if self.status == ItemStatus.PUBLISHED and not split_materials(self.materials):
            errors["materials"] = "公布的事项须列明申请材料（一次性告知以此为准）"
        if self.visits_needed == 0 and self.kind == ItemKind.LICENCE and not self.online:
            errors["online"] = "零跑腿的行政许可事项须可网上办理"
        if errors:
            raise ValidationError(errors)


class Application(OrgScopedModel):
    """An application (办件) made at the single window for one listed item.

    `status` moves only by the steps (fazhi/services/actions/window.py).
    `received_materials` are the names of the item's materials the window has
    received. `revision` counts the applicant's changes (materials supplied, the
    application corrected): a second one-time notice needs a newer revision. The
    due dates are computed and stored by the actions: `due_on` from the statutory
    limit (empty when the item has none), `promised_due_on` from the promise; both
    move by the working days of every closed pause, and `due_on` by the extension."""

    # The receipt, notices and refusal name the applicant in full: only the window makes and reads them.
    DOCUMENT_PERMISSION = "services.change_application"
    PII_FIELDS = {
        "applicant": masking.mask_name,
        "id_number": masking.mask_resident_id,
        "phone": masking.mask_phone,
        "address": masking.mask_address,
    }

    number = models.CharField("办件编号", max_length=40, editable=False)
    receipt_code = models.CharField("查询码", max_length=16, unique=True, editable=False)
    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="applications",
                             verbose_name="申请事项")  # fmt: skip
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices,
                                      default=ApplicantKind.PERSON)  # fmt: skip
    applicant = models.CharField("申请人", max_length=100)
    id_number = models.CharField("证件号码", max_length=30, blank=True,
                                 help_text="自然人填写居民身份证号码，组织填写统一社会信用代码")  # fmt: skip
    phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    village = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="所在村（社区）")  # fmt: skip
    channel = models.CharField("申请方式", max_length=16, choices=ApplicationChannel.choices,
                               default=ApplicationChannel.WINDOW)  # fmt: skip
    content = models.TextField("申请内容", blank=True)
    submitted_on = models.DateField("收件日期")
    received_materials = models.JSONField("已收材料", default=list, blank=True)
    revision = models.PositiveIntegerField("申请版本", default=1, editable=False)
    status = models.CharField("办理状态", max_length=16, choices=ApplicationState.choices,
                              default=ApplicationState.RECEIVED, editable=False)  # fmt: skip
    supplemented_on = models.DateField("最近补正日期", null=True, blank=True, editable=False)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="受理人")  # fmt: skip
    accepted_on = models.DateField("受理日期", null=True, blank=True, editable=False)
    refused_on = models.DateField("不予受理日期", null=True, blank=True, editable=False)
    refusal_reason = models.TextField("不予受理理由", blank=True, editable=False)
    routed_on = models.DateField("分送会签日期", null=True, blank=True, editable=False)
    decided_on = models.DateField("决定日期", null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="决定人", editable=False)  # fmt: skip
    outcome = models.CharField("办理结果", max_length=16, choices=ApplicationOutcome.choices, blank=True,
                               editable=False)  # fmt: skip
    decision_note = models.TextField("决定内容及理由", blank=True, editable=False)
    delivered_on = models.DateField("送达日期", null=True, blank=True, editable=False)
    delivery_method = models.CharField("送达方式", max_length=16, choices=DeliveryMethod.choices, blank=True,
                                       editable=False)  # fmt: skip
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True, editable=False)
    visit_count = models.PositiveSmallIntegerField("到现场次数", default=0, editable=False)
    paused_days = models.PositiveSmallIntegerField("中止计时工作日", default=0, editable=False)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True, editable=False)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name="延期批准人",
                                              editable=False)  # fmt: skip
    extension_reason = models.TextField("延期理由", blank=True, editable=False)
    due_on = models.DateField("法定办结期限", null=True, blank=True, editable=False)
    promised_due_on = models.DateField("承诺办结期限", null=True, blank=True, editable=False)
    working_days_used = models.PositiveSmallIntegerField("实际办理工作日", null=True, blank=True,
                                                         editable=False)  # fmt: skip
    rating = models.PositiveSmallIntegerField("评价", choices=ServiceRating.choices, null=True, blank=True,
                                              editable=False)  # fmt: skip
    rating_comment = models.CharField("评价意见", max_length=500, blank=True, editable=False)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True, editable=False)

    DEADLINES = [
        DeadlineSpec("accept", "受理审查或一次性告知补正", due=lambda a: a.acceptance_due_on,
                     owner=lambda a: a.handler, done=lambda a: a.status != ApplicationState.RECEIVED,
                     citation="行政许可法第三十二条"),
        DeadlineSpec("decide", "作出办理决定", due=lambda a: None if a.is_paused else a.decision_due_on,
                     owner=lambda a: a.handler, done=lambda a: a.decided_on is not None,
                     citation="行政许可法第四十二条"),
        DeadlineSpec("deliver", "送达办理结果", due=lambda a: a.delivery_due_on, owner=lambda a: a.handler,
                     done=lambda a: a.delivered_on is not None, citation="行政许可法第四十四条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "政务服务办件"
        verbose_name_plural = "政务服务办件"
        ordering = ["-submitted_on", "-id"]
        permissions = [
            ("decide_application", "作出政务服务办件决定"),
            ("extend_application", "批准延长政务服务办件办理期限"),
        ]
        constraints = [models.UniqueConstraint(fields=["org_unit", "number"], name="svc_app_unique_number")]
        indexes = [
            # The list and the year's figures: one town, one period.
            models.Index(fields=["org_unit", "submitted_on"], name="svc_app_org_submitted"),
            models.Index(fields=["org_unit", "status", "submitted_on"], name="svc_app_org_state"),
            models.Index(fields=["org_unit", "decided_on"], name="svc_app_org_decided"),
        ]

    def __str__(self) -> str:
        return f"办件{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("services:applications-detail", args=[self.pk])

    # -- what the pages show ------------------------------------------------------
    @property
    def receipt_code_display(self) -> str:
        return format_receipt_code(self.receipt_code)

    @property
    def masked_applicant(self) -> str:
        if self.applicant_kind == ApplicantKind.ORGANISATION:
            return self.applicant
        return masking.mask_name(self.applicant)

    @property
    def is_paused(self) -> bool:
        """Whether the clock is stopped now (an open pause). Read from the prefetched
        pauses when the page prefetched them."""
        return any(p.ended_on is None for p in self.pauses.all()) if self.pk else False

    @property
    def missing_materials(self) -> list[str]:
        have = set(self.received_materials or [])
        return [m for m in self.item.material_list() if m not in have]

    @property
    def acceptance_due_on(self):
        """The last day to accept, refuse or send the one-time notice: 5 working days
        from receipt, or from the latest supplied materials (第32条)."""
        return _acceptance_due(self)

    @property
    def decision_due_on(self):
        """The earlier of the statutory and the promised due date: the one the town keeps."""
        dates = [d for d in (self.due_on, self.promised_due_on) if d is not None]
        return min(dates) if dates else None

    @property
    def delivery_due_on(self):
        """A licence granted is issued and delivered within 10 working days of the
        decision (第44条); other results the same way, as the town's practice."""
        if self.decided_on is None or self.outcome != ApplicationOutcome.APPROVED:
            return None
        from fazhi.core import workdays
        from fazhi.law.registry import period

        return workdays.period_due(period("licensing_certificate"), self.decided_on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.applicant and masking.MASK in self.applicant:
            errors["applicant"] = "请填写完整的申请人名称，不能填写脱敏后的内容"
        if self.village_id and self.org_unit_id and not self.village.path.startswith(self.org_unit.path):
            errors["village"] = f"{self.village.name}不在{self.org_unit.name}范围内"
        if self.item_id and self.org_unit_id and self.item.org_unit_id != self.org_unit_id:
            errors["item"] = "只能申请本单位政务服务事项清单内的事项"
        if self.item_id and self.received_materials:
            unknown = [m for m in self.received_materials if m not in self.item.material_list()]
            if unknown:
                errors["received_materials"] = f"以下材料不在该事项的申请材料清单中：{'、'.join(unknown)}"
        if errors:
            raise ValidationError(errors)


def _acceptance_due(application: Application):
    start = application.supplemented_on or application.submitted_on
    if start is None:
        return None
    from fazhi.core import workdays
    from fazhi.law.registry import period

    return workdays.period_due(period("licensing_missing_items"), start)


class ReviewTask(models.Model):
    """One post's part in the joint review of an application (联审会签): made for every
    review post of the item when the window routes the application; the decision
    waits until none is pending."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews",
                                    verbose_name="办件")  # fmt: skip
    post = models.ForeignKey("core.Post", on_delete=models.PROTECT, related_name="+", verbose_name="会签岗位")
    state = models.CharField(
        "意见", max_length=16, choices=OpinionState.choices, default=OpinionState.PENDING
    )
    opinion = models.TextField("审查意见", blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="审查人")  # fmt: skip
    given_on = models.DateField("出具意见日期", null=True, blank=True)

    class Meta:
        verbose_name = "联审会签"
        verbose_name_plural = "联审会签"
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "post"], name="svc_review_unique_post"),
        ]

    def __str__(self) -> str:
        return f"{self.application}·{self.post.name}"


class CompletenessNotice(models.Model):
    """A one-time notice of what the applicant must supply (一次性告知书, 第32条): every
    material of the item not yet received, listed at once, within 5 working days of
    receipt. `missing` is kept as issued: the printed notice does not change when the
    item's list does. `revision` is the application's revision it answered."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices",
                                    verbose_name="办件")  # fmt: skip
    issued_on = models.DateField("告知日期")
    missing = models.JSONField("需补正的材料", default=list)
    other = models.TextField("其他需补正的内容", blank=True)
    revision = models.PositiveIntegerField("对应申请版本")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="告知人")  # fmt: skip
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "一次性告知书"
        verbose_name_plural = "一次性告知书"
        ordering = ["application", "issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.application}一次性告知书（{self.issued_on:%Y-%m-%d}）"


class ClockPause(models.Model):
    """A stop of the clock for a hearing, a tender or auction, testing, appraisal or
    expert review, which the law does not count (第45条). The working days after
    `started_on` up to and including `ended_on` are added to the due dates when the
    clock resumes."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses",
                                    verbose_name="办件")  # fmt: skip
    reason = models.CharField("中止事由", max_length=16, choices=PauseReason.choices)
    note = models.TextField("说明", blank=True)
    started_on = models.DateField("中止计时日期")
    ended_on = models.DateField("恢复计时日期", null=True, blank=True)
    days = models.PositiveSmallIntegerField("不计入的工作日", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="登记人")  # fmt: skip

    class Meta:
        verbose_name = "中止计时"
        verbose_name_plural = "中止计时"
        ordering = ["application", "started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}（{self.started_on:%Y-%m-%d}起）"
