"""Demo steps of lawful decision-making (found by the demo loader's autodiscovery),
one module per area."""

from fazhi.decisions.demo import advisor, major, normative  # noqa: F401
