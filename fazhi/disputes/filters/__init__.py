"""filters of disputes and remedies, one module per area."""
