"""The registers of disputes and remedies, one module per area."""

# In the order the module page lists them.
from fazhi.disputes.definitions import disputes  # noqa: F401  isort: skip
from fazhi.disputes.definitions import mediation  # noqa: F401  isort: skip
from fazhi.disputes.definitions import remedies  # noqa: F401  isort: skip
