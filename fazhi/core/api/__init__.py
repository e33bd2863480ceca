"""The API of the core registers; routes.py lists its viewsets for fazhi/api/urls.py."""
