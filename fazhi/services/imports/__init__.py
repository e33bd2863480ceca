"""Bulk importers of government services' ledgers, one module per area."""
