"""A built report as .docx in the official document format (GB/T 9704)."""

from __future__ import annotations

from fazhi.reports.document import BuiltReport


def write(report: BuiltReport) -> bytes:
    raise NotImplementedError("the .docx writer comes next")
