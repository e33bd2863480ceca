"""Forms of lawful decision-making, one module per area."""
