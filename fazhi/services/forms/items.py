"""Forms of the service list (政务服务事项清单). Owned by the service-list work."""

from __future__ import annotations

from fazhi.core.forms import RegisterForm
from fazhi.services.models import ServiceItem


class ServiceItemForm(RegisterForm):
    class Meta:
        model = ServiceItem
        fields = ["org_unit", "code", "name", "kind", "basis", "statutory_days", "promised_days", "materials",
                  "conditions", "procedure", "fees", "responsible_post", "review_posts", "visits_needed", "online",
                  "location", "hours", "phone", "note"]  # fmt: skip
