"""The registers of lawful decision-making, one module per area; importing this
package registers them all."""

# In the order the module page lists them: decisions, documents and comments, then the advisor.
from fazhi.decisions.definitions import major  # noqa: F401  isort: skip
from fazhi.decisions.definitions import normative  # noqa: F401  isort: skip
from fazhi.decisions.definitions import advisor  # noqa: F401  isort: skip
