"""The dashboard's URL, included in fazhi/reports/urls.py: `reports:dashboard`
(/reports/dashboard/)."""

from django.urls import path

from fazhi.reports.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
