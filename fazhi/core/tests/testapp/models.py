"""A register that exists only in tests: a chore with a due date and an owner,
to test the deadline mechanism before real registers arrive."""

from django.conf import settings
from django.db import models

from fazhi.core.deadlines import DeadlineSpec
from fazhi.core.models import OrgScopedModel


class Chore(OrgScopedModel):
    title = models.CharField("事项", max_length=100)
    due_on = models.DateField("到期日", null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    done = models.BooleanField("已办结", default=False)

    DEADLINES = [
        DeadlineSpec(
            "due",
            "办理期限",
            due=lambda c: c.due_on,
            owner=lambda c: c.owner,
            done=lambda c: c.done,
            citation="测试规则",
        ),
    ]

    class Meta:
        app_label = "testapp"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/chores/{self.pk}/"
