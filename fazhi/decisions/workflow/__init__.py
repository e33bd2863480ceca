"""Transition tables of lawful decision-making, one module per area."""
