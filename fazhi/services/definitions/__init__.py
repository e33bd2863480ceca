"""The registers of government services, one module per area; importing this
package registers them all."""

from fazhi.services.definitions import market  # noqa: F401
