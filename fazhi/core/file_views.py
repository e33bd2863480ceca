"""Upload and download of attachments, always through a permission check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import audit, files
from fazhi.core.choices import AuditResult
from fazhi.core.models import Attachment


def download(request, pk: int):
    if not request.user.has_perm("core.view_attachment"):
        raise PermissionDenied("无权查看附件")
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    try:
        path = files.verified_path(attachment)
    except files.FileTampered as exc:
        audit.record(
            actor=request.user,
            action="core.attachment.tamper_detected",
            target=attachment,
            result=AuditResult.FAILURE,
            message=exc.message,
        )
        return render(
            request, "core/file_refused.html", {"attachment": attachment, "message": exc.message}, status=409
        )
    audit.record(actor=request.user, action="core.attachment.downloaded", target=attachment)
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=attachment.original_name, content_type=attachment.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def owner_from_label(user, value: str):
    """The record a file is attached to ("app.model:id"), found only among what the user may see."""
    label, _, pk = value.partition(":")
    try:
        app_label, model = label.split(".")
        ct = ContentType.objects.get_by_natural_key(app_label, model)
    except (ValueError, ContentType.DoesNotExist) as exc:
        raise Http404 from exc
    model_class = ct.model_class()
    manager = getattr(model_class, "objects", None)
    if manager is None or not hasattr(manager, "visible_to") or not pk.isdigit():
        raise Http404
    return get_object_or_404(manager.visible_to(user), pk=pk)


@require_POST
def upload(request):
    if not request.user.has_perm("core.add_attachment"):
        raise PermissionDenied("无权上传附件")
    owner = owner_from_label(request.user, request.POST.get("owner", ""))
    upload_ = request.FILES.get("file")
    back = owner.get_absolute_url() if hasattr(owner, "get_absolute_url") else "/"
    if upload_ is None:
        messages.error(request, "请选择要上传的文件")
        return redirect(back)
    try:
        attachment = files.store(
            upload_,
            actor=request.user,
            org_unit=owner.org_unit,
            owner=owner,
            description=request.POST.get("description", "")[:200],
        )
    except files.FileRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已上传：{attachment.original_name}")
    return redirect(back)


def attachments_of(obj) -> list[Attachment]:
    return attachments_of_many([obj]).get(str(obj.pk), [])


def attachments_of_many(objs) -> dict[str, list[Attachment]]:
    """The attachments of several records of one model, by record id, in one query."""
    objs = list(objs)
    if not objs:
        return {}
    ct = ContentType.objects.get_for_model(objs[0])
    found: dict[str, list[Attachment]] = {}
    for a in Attachment.objects.filter(content_type=ct, object_id__in=[str(o.pk) for o in objs]).order_by(
        "-id"
    ):
        found.setdefault(a.object_id, []).append(a)
    return found
