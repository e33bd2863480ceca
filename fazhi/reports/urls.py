from django.urls import path

from fazhi.core.registers.views import register_urls
from fazhi.reports import views, views_county
from fazhi.reports.definitions import reports

app_name = "reports"

urlpatterns = [
    *register_urls(reports, detail=views.report_detail, edit=views.report_edit),
    path("reports/<int:pk>/steps/<slug:action>/", views.report_step, name="reports-step"),
    path("reports/<int:pk>/download.<slug:fmt>", views.report_download, name="reports-download"),
    path("preview/<slug:kind>/<int:year>/", views.preview, name="preview"),
    path("templates/<slug:kind>/", views.template_edit, name="template"),
    path("county/", views_county.county, name="county"),
]
