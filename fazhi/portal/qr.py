"""QR codes as SVG (segno, pure Python: nothing to install beside the package)."""

from __future__ import annotations

import io

import segno


def svg(url: str, *, title: str = "") -> bytes:
    """The QR code of `url` (error correction M: a printed card survives some wear)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, dark="#000", light="#fff", xmldecl=False,
              title=title or None, encoding="utf-8")  # fmt: skip
    return buffer.getvalue()
