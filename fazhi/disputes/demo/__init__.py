"""Demo steps of disputes and remedies (found by autodiscovery), one module per area."""

from fazhi.disputes.demo import disputes, mediation, remedies  # noqa: F401
