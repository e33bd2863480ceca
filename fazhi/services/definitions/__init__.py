"""The registers of government services, one module per area; importing this
package registers them all."""

from fazhi.services.definitions import applications, items, market  # noqa: F401
