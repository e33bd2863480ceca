"""The notices' pages, relative to where reports/urls.py includes them:

    path("notices/", include("fazhi.reports.notify.urls"))

No app_name: the names join the reports namespace (reports:notices,
reports:notices-read, reports:notice-read, reports:notice-settings)."""

from django.urls import path

from fazhi.reports.notify import views

urlpatterns = [
    path("", views.inbox, name="notices"),
    path("read/", views.read, name="notices-read"),
    path("<int:pk>/read/", views.read, name="notice-read"),
    path("settings/", views.preference, name="notice-settings"),
]
