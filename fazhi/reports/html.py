"""A built report as HTML: the staff preview (figures linked to their records),
the public page (no links) and a standalone file for `fazhi report --format html`."""

from __future__ import annotations

from django.template.loader import render_to_string

from fazhi.reports.document import BuiltReport


def standalone(report: BuiltReport) -> str:
    """One self-contained page (styles inline, no script), for saving or mailing."""
    return render_to_string("reports/standalone.html", {"built": report, "links": True})
