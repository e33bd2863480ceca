"""Pages of the applications at the window. Owned by the application work."""

from __future__ import annotations

from fazhi.core.registers.views import register_urls
from fazhi.services.definitions.applications import applications

urlpatterns = [*register_urls(applications)]
