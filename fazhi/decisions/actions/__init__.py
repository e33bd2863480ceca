"""The writes of lawful decision-making, one module per area. Each write is one
transaction with its audit event (decisions.<model>.<verb>)."""
