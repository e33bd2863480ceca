from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.core import audit_views, document_views, file_views
from fazhi.core import views as core_views

urlpatterns = [
    path("", core_views.workbench, name="workbench"),
    path("workbench/deadlines/", core_views.workbench_deadlines, name="workbench-deadlines"),
    path("login/", core_views.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", core_views.password_change, name="password-change"),
    path("m/<slug:module>/", core_views.module_view, name="module"),
    path("audit/", audit_views.audit_log, name="audit-log"),
    path("audit/export/", audit_views.audit_export, name="audit-export"),
    path("audit/<int:pk>/", audit_views.audit_event, name="audit-event"),
    path("files/upload/", file_views.upload, name="attachment-upload"),
    path("files/<int:pk>/", file_views.download, name="attachment-download"),
    path("documents/<int:pk>/", document_views.download, name="document-download"),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("core/", include("fazhi.core.urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("oversight/", include("fazhi.oversight.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("disputes/", include("fazhi.disputes.urls")),
    path("education/", include("fazhi.education.urls")),
    path("emergency/", include("fazhi.emergency.urls")),
    path("services/", include("fazhi.services.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("api/v1/", include("fazhi.api.urls")),
]

handler500 = "fazhi.core.unavailable.server_error"  # a lost database is a 503 with Retry-After
