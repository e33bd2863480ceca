"""The supervision flags' pages, included into fazhi/reports/urls.py (namespace
"reports"): the register's list, export and page, the handling forms, the
models page and the scan on demand."""

from django.urls import path

from fazhi.core.registers import views as register_views
from fazhi.reports.supervision import views
from fazhi.reports.supervision.definitions import flags

urlpatterns = [
    path("flags/", register_views.list_view, {"register": flags}, name="flags-list"),
    path("flags/export/", register_views.export_view, {"register": flags}, name="flags-export"),
    path("flags/models/", views.models_page, name="flags-models"),
    path("flags/scan/", views.scan_now, name="flags-scan"),
    path("flags/<int:pk>/", views.flag_detail, name="flags-detail"),
    path("flags/<int:pk>/<slug:action>/", views.flag_handle, name="flags-handle"),
]
