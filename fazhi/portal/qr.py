"""What Fazhi prints that leads to the public portal: the address (on the public
host, FAZHI_PUBLIC_URL, not the staff host a page was asked on) and its QR code as
SVG (segno, pure Python: nothing to install beside the package)."""

from __future__ import annotations

import io

import segno
from django.conf import settings


def public_url(path: str, request=None) -> str:
    """The portal address of `path` (a path from `reverse`, "/portal/…") as it is
    printed: under FAZHI_PUBLIC_URL when set, else on the host `request` came to;
    "" when neither is known (a document made without a request)."""
    base = getattr(settings, "FAZHI_PUBLIC_URL", "")
    if base:
        return base.rstrip("/") + "/" + path.lstrip("/")
    if request is not None:
        return request.build_absolute_uri(path)
    return ""


def svg(url: str, *, title: str = "") -> bytes:
    """The QR code of `url` (error correction M: a printed card survives some wear)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, dark="#000", light="#fff", xmldecl=False,
              title=title or None, encoding="utf-8")  # fmt: skip
    return buffer.getvalue()
