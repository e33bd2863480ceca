"""Demo steps of government services (found by the demo loader's autodiscovery),
one module per area."""

from fazhi.services.demo import market, window  # noqa: F401
