"""Pages of the service list and the power and responsibility list. Owned by the service-list work."""

from __future__ import annotations

from fazhi.core.registers.views import register_urls
from fazhi.services.definitions.items import service_items

urlpatterns = [*register_urls(service_items)]
