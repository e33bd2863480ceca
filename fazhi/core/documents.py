"""Generated documents (文书): numbered, rendered from an editable .docx template,
stored by SM3 digest, verified when read back, their generation audited.

Templates are docxtpl files that staff can open and edit in Word. A rendered
document is normalised (fixed zip timestamps) so that the same template and the
same values give the same bytes, hence the same digest and the same stored file.
Files live under MEDIA_ROOT/documents by SM3 digest, outside the static path,
and leave only through `document_views.download`, which checks the digest again.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction

from fazhi.core import audit, officialdoc, sm3
from fazhi.core.files import FileTampered
from fazhi.core.models import DocumentSequence, GeneratedDocument

PDF_TIMEOUT_SECONDS = 120


# -- numbering ---------------------------------------------------------------------


def next_number(scheme: str, year: int) -> int:
    """The next number of a numbering scheme in a year. The increment is one
    UPDATE that keeps the row locked until the commit, so that two officers
    deciding at the same moment never share a 文号."""
    q = connection.ops.quote_name
    table, last = q(DocumentSequence._meta.db_table), q("last")
    sql = f"UPDATE {table} SET {last} = {last} + 1 WHERE {q('scheme')} = %s AND {q('year')} = %s RETURNING {last}"  # noqa: S608 (constant names)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(sql, [scheme, year])
            row = cursor.fetchone()
            if row is not None:
                return row[0]
            try:
                with transaction.atomic():
                    DocumentSequence.objects.create(scheme=scheme, year=year, last=0)
            except IntegrityError:
                pass  # another writer created it first
    raise RuntimeError(f"numbering scheme {scheme} {year} could not be created")


def reserve_number(scheme: str, year: int, n: int) -> None:
    """Move a sequence past `n`, a number given out elsewhere (an imported ledger's
    文号), so that `next_number` never gives it again."""
    from django.db.models import Case, Value, When

    with transaction.atomic(savepoint=False):
        for _ in range(2):
            rows = DocumentSequence.objects.filter(scheme=scheme, year=year)
            bumped = Case(
                When(last__lt=n, then=Value(n)), default="last", output_field=models.PositiveIntegerField()
            )
            if rows.update(last=bumped):
                return
            try:
                with transaction.atomic():
                    DocumentSequence.objects.create(scheme=scheme, year=year, last=n)
                return
            except IntegrityError:
                pass  # another writer created it first: update it


# -- rendering ---------------------------------------------------------------------


_normalise_zip = officialdoc.normalise_zip  # one writer of deterministic .docx zips


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """Render a docxtpl template. Values are escaped (autoescape), so a party named
    "A&B<公司>" cannot break the document XML."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return _normalise_zip(buf.getvalue())


# -- storage -----------------------------------------------------------------------


def documents_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def stored_path(digest: str) -> Path:
    return documents_root() / digest[:2] / digest[2:4] / f"{digest}.docx"


def _write_once(data: bytes, digest: str) -> Path:
    """Keep `data` under its digest. A file already there with the right content is
    kept; one that no longer matches (damaged) is replaced by the good bytes."""
    target = stored_path(digest)
    if target.exists() and sm3.sm3_hex(target.read_bytes()) == digest:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp_name, 0o440)
        os.replace(tmp_name, target)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    return target


def generate(
    owner: models.Model,
    *,
    kind: str,
    title: str,
    template: Path,
    context: dict[str, Any],
    actor: Any,
    doc_number: str = "",
) -> GeneratedDocument:
    """Render `template` for `owner` (a record with an org unit), keep the bytes by
    their SM3 digest and record the document and its audit event in one transaction."""
    data = render_docx(template, context)
    digest = sm3.sm3_hex(data)
    with transaction.atomic():
        doc = GeneratedDocument.objects.create(
            org_unit=owner.org_unit,
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
            kind=kind,
            title=title,
            doc_number=doc_number,
            sm3=digest,
            size=len(data),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="core.document.generated",
            target=doc,
            new={"kind": kind, "doc_number": doc_number, "sm3": digest},
        )
        # Written last, inside the transaction: a failed write rolls the row back, and
        # a rolled-back row leaves at most an unreferenced file under its own digest.
        _write_once(data, digest)
    return doc


def verified_bytes(doc: GeneratedDocument) -> bytes:
    """The stored document, after checking it against the digest recorded at generation."""
    path = stored_path(doc.sm3)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise FileTampered("文书文件已丢失，无法下载，请联系系统管理员", code="file_missing") from exc
    if len(data) != doc.size or sm3.sm3_hex(data) != doc.sm3:
        raise FileTampered(
            "文书文件校验值与生成时不一致，可能已被篡改或损坏，已拒绝下载", code="file_tampered"
        )
    return data


# -- PDF ---------------------------------------------------------------------------


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class PdfConversionFailed(Exception):
    """LibreOffice is installed but did not produce a PDF (crash, timeout)."""


def to_pdf(docx_bytes: bytes) -> bytes | None:
    """The document as PDF through LibreOffice headless, or None where it is not
    installed. Each conversion runs with its own profile directory, so that parallel
    conversions (and the service account's home) do not share LibreOffice state."""
    binary = libreoffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        profile = (work / "profile").as_uri()
        command = [
            binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(work), str(source),
        ]  # fmt: skip
        # Its own session, so that a timeout kills LibreOffice's child processes too.
        proc = subprocess.Popen(  # noqa: S603 - our own binary path and temp files, no shell
            command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            proc.wait(timeout=PDF_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise PdfConversionFailed("PDF转换超时") from exc
        result = work / "document.pdf"
        if not result.exists():
            raise PdfConversionFailed("PDF转换失败")
        return result.read_bytes()
