"""Evidence and attachments (证据、附件), kept by content digest.

The full-process record (行政处罚法 第47条) keeps photos, audio and video of
enforcement. A stored file is named by its SM3 digest; SM3 and SHA-256 are
recorded at upload and checked again on every download, so that a file changed
on disk is refused, never served.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.models.scoped import OrgScopedModel


class Attachment(OrgScopedModel):
    class Kind(models.TextChoices):
        IMAGE = "image", "图片"
        PDF = "pdf", "PDF文档"
        AUDIO = "audio", "录音"
        VIDEO = "video", "视频"
        OFFICE = "office", "Office文档"

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name="所属记录类型"
    )
    object_id = models.CharField("所属记录ID", max_length=64, blank=True)
    original_name = models.CharField("原文件名", max_length=255)
    description = models.CharField("说明", max_length=200, blank=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    mime = models.CharField("MIME类型", max_length=100)
    size = models.BigIntegerField("大小（字节）")
    sm3 = models.CharField("SM3", max_length=64, db_index=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name="上传人"
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attachment_owner")]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("attachment-download", args=[self.pk])
