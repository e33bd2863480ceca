"""Storing and serving evidence files.

The type of a file is read from its content (its first bytes, and for Office
files the parts inside the zip), never from its name: an HTML page named
photo.jpg is refused. Files live under FAZHI_DATA_DIR/files/evidence by SM3
digest, outside the static path, and leave only through a view that checks
permission and the digests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.core import audit, sm3
from fazhi.core.models import Attachment
from fazhi.law import RuleError

CHUNK = 1024 * 1024


class FileRefused(RuleError):
    pass


class FileTampered(RuleError):
    pass


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def stored_path(digest: str) -> Path:
    return evidence_root() / digest[:2] / digest[2:4] / digest


def _ooxml_kind(path: Path) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    prefixes = {
        "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
    for prefix, mime in prefixes.items():
        if any(n.startswith(prefix) for n in names):
            return Attachment.Kind.OFFICE, mime
    return None


def detect_type(head: bytes, path: Path | None = None) -> tuple[str, str] | None:
    """(kind, mime) from a file's first bytes, or None for a type Fazhi does not keep."""
    k = Attachment.Kind
    if head.startswith(b"\xff\xd8\xff"):
        return k.IMAGE, "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return k.IMAGE, "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return k.IMAGE, "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return k.IMAGE, "image/webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return k.IMAGE, "image/tiff"
    if head.startswith(b"%PDF-"):
        return k.PDF, "application/pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return k.AUDIO, "audio/wav"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return k.VIDEO, "video/x-msvideo"
    if head.startswith(b"#!AMR"):
        return k.AUDIO, "audio/amr"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return k.AUDIO, "audio/mpeg"
    if head.startswith(b"OggS"):
        return k.AUDIO, "audio/ogg"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1"):
            return k.IMAGE, "image/heic"
        if brand in (b"M4A ", b"M4B "):
            return k.AUDIO, "audio/mp4"
        if brand.startswith(b"qt"):
            return k.VIDEO, "video/quicktime"
        if brand.startswith(b"3g"):
            return k.VIDEO, "video/3gpp"
        return k.VIDEO, "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return k.VIDEO, "video/webm"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return k.OFFICE, "application/vnd.ms-office"
    if head.startswith(b"PK\x03\x04") and path is not None:
        return _ooxml_kind(path)
    return None


def _hash_file(path: Path) -> tuple[str, str, int]:
    h_sm3, h_sha, size = sm3.new_hasher(), hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h_sm3.update(chunk)
            h_sha.update(chunk)
            size += len(chunk)
    return h_sm3.hexdigest(), h_sha.hexdigest(), size


def store(upload, *, actor: Any, org_unit, owner=None, description: str = "") -> Attachment:
    """Keep an uploaded file as evidence: one transaction with its audit event."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.registers.actions import ensure_in_scope
    from fazhi.core.registers.excel import size_text

    limit = settings.FAZHI_UPLOAD_MAX_BYTES
    too_large = f"文件超过{size_text(limit)}的上限"
    if getattr(upload, "size", 0) > limit:
        raise FileRefused(too_large, code="file_too_large")
    tmp_dir = Path(settings.MEDIA_ROOT) / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
    tmp = Path(tmp_name)
    try:
        h_sm3, h_sha, size = sm3.new_hasher(), hashlib.sha256(), 0
        head = b""
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks():
                if len(head) < 64:
                    head += chunk[: 64 - len(head)]
                size += len(chunk)
                if size > limit:
                    raise FileRefused(too_large, code="file_too_large")
                h_sm3.update(chunk)
                h_sha.update(chunk)
                out.write(chunk)
        detected = detect_type(head, tmp)
        if detected is None:
            raise FileRefused(
                "文件类型不允许：只接受图片、PDF、录音、视频和Office文档，类型按文件内容判断而非扩展名",
                code="file_type_refused",
            )
        kind, mime = detected
        digest = h_sm3.hexdigest()
        target = stored_path(digest)
        with transaction.atomic():
            attachment = Attachment(
                org_unit=org_unit,
                content_type=ContentType.objects.get_for_model(owner) if owner is not None else None,
                object_id=str(owner.pk) if owner is not None else "",
                original_name=os.path.basename(getattr(upload, "name", "") or "附件")[:255],
                description=description,
                kind=kind,
                mime=mime,
                size=size,
                sm3=digest,
                sha256=h_sha.hexdigest(),
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            ensure_in_scope(actor, attachment)
            attachment.full_clean()
            attachment.save()
            audit.record(
                actor=actor, action="core.attachment.uploaded", target=attachment,
                new={"name": attachment.original_name, "kind": kind, "size": size, "sm3": digest,
                     "owner": f"{attachment.content_type_id}:{attachment.object_id}"},
            )  # fmt: skip
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(tmp), target)
                target.chmod(0o440)
        return attachment
    finally:
        tmp.unlink(missing_ok=True)


def verified_path(attachment: Attachment) -> Path:
    """The stored file, after checking both digests against those recorded at upload."""
    path = stored_path(attachment.sm3)
    if not path.exists():
        raise FileTampered("文件已丢失，无法下载，请联系系统管理员", code="file_missing")
    got_sm3, got_sha, size = _hash_file(path)
    if (got_sm3, got_sha, size) != (attachment.sm3, attachment.sha256, attachment.size):
        raise FileTampered("文件校验值与上传时不一致，可能已被篡改或损坏，已拒绝下载", code="file_tampered")
    return path
