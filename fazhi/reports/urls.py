from django.urls import include, path

from fazhi.core.registers.views import register_urls
from fazhi.reports import views, views_county, warnings_views
from fazhi.reports.dashboard import urls as dashboard_urls
from fazhi.reports.definitions import reports
from fazhi.reports.supervision import urls as supervision_urls

app_name = "reports"

urlpatterns = [
    *register_urls(reports, detail=views.report_detail, edit=views.report_edit),
    path("reports/<int:pk>/steps/<slug:action>/", views.report_step, name="reports-step"),
    path("reports/<int:pk>/download.<slug:fmt>", views.report_download, name="reports-download"),
    path("preview/<slug:kind>/<int:year>/", views.preview, name="preview"),
    path("templates/<slug:kind>/", views.template_edit, name="template"),
    path("county/", views_county.county, name="county"),
    *supervision_urls.urlpatterns,
    *dashboard_urls.urlpatterns,
    path("warnings/", warnings_views.board, name="warnings"),
    path("warnings/badge/", warnings_views.badge, name="warnings-badge"),
    path("notices/", include("fazhi.reports.notify.urls")),
]
