from fazhi.core.api.views import AttachmentViewSet, OrgUnitViewSet, PersonViewSet, PostViewSet

ROUTES = [
    ("org-units", OrgUnitViewSet, "org-unit"),
    ("people", PersonViewSet, "person"),
    ("posts", PostViewSet, "post"),
    ("attachments", AttachmentViewSet, "attachment"),
]
