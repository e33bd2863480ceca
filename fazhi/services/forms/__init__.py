"""Forms of government services, one module per area."""
