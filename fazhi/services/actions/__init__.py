"""The writes of government services, one module per area. Each write is one
transaction with its audit events (services.<model>.<verb>)."""
