"""Pages of government services, one module per area; each module exposes its
`urlpatterns`, gathered by fazhi/services/urls.py."""
