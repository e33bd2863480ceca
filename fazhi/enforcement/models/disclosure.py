"""Enforcement disclosure (行政执法公示): the decisions the public portal shows.

A `Disclosure` is made when a decision that its body's policy publishes is
taken (`fazhi.enforcement.disclosure`); it waits in the publication queue until
published, by its due date; it is withdrawn, with the reason shown, when the
decision is changed or revoked (行政处罚法 第48条: within 3 working days), and
it expires after its publication term. What the portal shows is `content`, a
snapshot built from an allow-list of fields with the natural person's name
masked: never an ID number, phone, address or bank account.
"""

from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel
from fazhi.enforcement.choices import DisclosureStatus


class Disclosure(OrgScopedModel):
    case = models.OneToOneField("enforcement.Case", on_delete=models.PROTECT, related_name="disclosure",
                                verbose_name="案件")  # fmt: skip
    body = models.ForeignKey("enforcement.EnforcementBody", on_delete=models.PROTECT, related_name="disclosures",
                             verbose_name="执法主体")  # fmt: skip
    matter = models.ForeignKey("enforcement.Matter", on_delete=models.PROTECT, related_name="disclosures",
                               verbose_name="执法事项")  # fmt: skip
    status = models.CharField("公示状态", max_length=16, choices=DisclosureStatus.choices,
                              default=DisclosureStatus.QUEUED)  # fmt: skip
    decided_on = models.DateField("决定日")
    due_on = models.DateField("公示期限")
    published_on = models.DateField("公示日", null=True, blank=True)
    expires_on = models.DateField("公示截止日", null=True, blank=True)
    revoked_on = models.DateField("决定变更或撤销日", null=True, blank=True)
    withdraw_due = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=500, blank=True)
    content = models.JSONField("公示内容", default=dict, help_text="按公示字段清单生成，自然人姓名已脱敏")

    DEADLINES = [
        DeadlineSpec("publish", "公示行政处罚决定", due=lambda d: d.due_on,
                     done=lambda d: d.status != DisclosureStatus.QUEUED,
                     citation="国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"),
        DeadlineSpec("withdraw", "撤回已公示的处罚决定", due=lambda d: d.withdraw_due,
                     done=lambda d: d.withdrawn_on is not None, citation="行政处罚法第四十八条"),
    ]  # fmt: skip

    class Meta:
        verbose_name = "执法决定公示"
        verbose_name_plural = "执法决定公示"
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["org_unit", "status", "decided_on"], name="enf_disc_org_status"),
            models.Index(fields=["status", "published_on"], name="enf_disc_status_pub"),
        ]

    def __str__(self) -> str:
        return self.content.get("decision_no") or f"公示{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:disclosures-detail", args=[self.pk])

    @property
    def party_shown(self) -> str:
        """The party as the portal shows it (masked when a natural person)."""
        return self.content.get("party", "")
