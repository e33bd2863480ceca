"""The registers of lawful decision-making, one module per area; importing this
package registers them all."""

from fazhi.decisions.definitions import advisor, major, normative  # noqa: F401
