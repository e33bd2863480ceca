"""Pages of lawful decision-making, one module per area; each module exposes its
`urlpatterns`, gathered by fazhi/decisions/urls.py."""
