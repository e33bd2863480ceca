from fazhi.core.api.views import OrgUnitViewSet, PersonViewSet

ROUTES = [
    ("org-units", OrgUnitViewSet, "org-unit"),
    ("people", PersonViewSet, "person"),
]
