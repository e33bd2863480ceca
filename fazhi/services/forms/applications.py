"""Forms of the applications at the window (办件). Owned by the application work."""

from __future__ import annotations

from fazhi.core.forms import RegisterForm
from fazhi.services.models import Application


class ApplicationForm(RegisterForm):
    class Meta:
        model = Application
        fields = ["item", "applicant_kind", "applicant", "id_number", "phone", "address", "village", "channel",
                  "content", "submitted_on", "received_materials"]  # fmt: skip
