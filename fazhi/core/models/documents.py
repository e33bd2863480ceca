"""Generated documents (文书): numbered, rendered from an editable .docx template,
stored by SM3 digest, and their generation audited."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.models.scoped import OrgScopedModel


class DocumentSequence(models.Model):
    """The last number given out for one numbering scheme in one year, e.g. the
    penalty decisions of one enforcement body: 云江执罚〔2023〕12号. Taken under a
    row lock so that two officers never get the same number."""

    scheme = models.CharField("编号方案", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "文号序列"
        verbose_name_plural = "文号序列"
        constraints = [models.UniqueConstraint(fields=["scheme", "year"], name="core_docseq_unique")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.year}: {self.last}"


class GeneratedDocument(OrgScopedModel):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="所属记录类型")
    object_id = models.CharField("所属记录ID", max_length=64)
    kind = models.CharField("文书种类", max_length=64)
    title = models.CharField("文书名称", max_length=100)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    sm3 = models.CharField("SM3", max_length=64)
    size = models.BigIntegerField("大小（字节）")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name="生成人"
    )

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_gendoc_owner")]

    def __str__(self) -> str:
        return f"{self.title} {self.doc_number}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("document-download", args=[self.pk])
