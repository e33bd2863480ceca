"""Filters of government services, one module per area."""
