"""Download of a generated document (文书), always through a permission check and
the digest recorded when it was generated."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import engines
from django.utils.http import content_disposition_header

from fazhi.core import audit, documents, files
from fazhi.core.choices import AuditResult
from fazhi.core.models import GeneratedDocument

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_NO_PDF_PAGE = """{% extends "base.html" %}
{% block title %}无法生成PDF{% endblock %}
{% block content %}
<div class="card p-4 mx-auto" style="max-width: 560px">
  <h1 class="h5">无法生成PDF（404）</h1>
  <p>{{ message }}</p>
  <a class="btn btn-outline-secondary" href="{{ docx_url }}">下载Word文档</a>
</div>
{% endblock %}"""


def _owner(request, doc: GeneratedDocument):
    """The record the document belongs to, found only among what the user may see."""
    model_class = doc.content_type.model_class()
    manager = getattr(model_class, "objects", None)
    if manager is None or not hasattr(manager, "visible_to"):
        raise Http404
    owner = manager.visible_to(request.user).filter(pk=doc.object_id).first()
    if owner is None:
        raise Http404
    if not request.user.has_perm(f"{doc.content_type.app_label}.view_{doc.content_type.model}"):
        raise PermissionDenied("无权查看该文书")
    # A record whose documents carry personal data in full (a mediation agreement names
    # the parties with their ID numbers) says which permission reading them needs.
    needed = getattr(model_class, "DOCUMENT_PERMISSION", None)
    if needed and not request.user.has_perm(needed):
        raise PermissionDenied("该文书载有当事人完整个人信息，您的角色无权下载")
    return owner


def _no_pdf(request, doc: GeneratedDocument, message: str, status: int) -> HttpResponse:
    page = engines["django"].from_string(_NO_PDF_PAGE)
    body = page.render({"message": message, "docx_url": doc.get_absolute_url()}, request)
    return HttpResponse(body, status=status)


def download(request, pk: int):
    doc = get_object_or_404(GeneratedDocument.objects.visible_to(request.user), pk=pk)
    _owner(request, doc)
    try:
        data = documents.verified_bytes(doc)
    except files.FileTampered as exc:
        audit.record(
            actor=request.user,
            action="core.document.tamper_detected",
            target=doc,
            result=AuditResult.FAILURE,
            message=exc.message,
        )
        shown = {"original_name": f"{doc.title}{doc.doc_number}.docx", "sm3": doc.sm3}
        return render(
            request, "core/file_refused.html", {"attachment": shown, "message": exc.message}, status=409
        )
    filename, mime = f"{doc.title}{doc.doc_number}.docx", DOCX_MIME
    if request.GET.get("format") == "pdf":
        try:
            pdf = documents.to_pdf(data)
        except documents.PdfConversionFailed:
            return _no_pdf(request, doc, "PDF转换失败，请稍后重试，或下载Word文档后自行打印", status=503)
        if pdf is None:
            return _no_pdf(
                request, doc, "本系统服务器未安装LibreOffice，无法生成PDF，请下载Word文档", status=404
            )
        data, filename, mime = pdf, f"{doc.title}{doc.doc_number}.pdf", "application/pdf"
    audit.record(
        actor=request.user,
        action="core.document.downloaded",
        target=doc,
        new={"format": "pdf" if mime == "application/pdf" else "docx"},
    )
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
