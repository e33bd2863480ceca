from django.urls import path

from fazhi.core.registers import views as register_views
from fazhi.core.registers.views import register_urls
from fazhi.enforcement import views
from fazhi.enforcement.definitions import (
    bodies,
    cases,
    disclosures,
    entrustments,
    matters,
    officer_years,
    officers,
    parties,
)

app_name = "enforcement"

urlpatterns = [
    *register_urls(bodies),
    *register_urls(entrustments),
    *register_urls(matters),
    *register_urls(officers),
    *register_urls(officer_years),
    *register_urls(parties),
    path("statistics/", views.statistics_page, name="statistics"),
    path("disclosures/", register_views.list_view, {"register": disclosures}, name="disclosures-list"),
    path(
        "disclosures/export/",
        register_views.export_view,
        {"register": disclosures},
        name="disclosures-export",
    ),
    path(
        "disclosures/<int:pk>/",
        register_views.detail_view,
        {"register": disclosures},
        name="disclosures-detail",
    ),
    path("disclosures/<int:pk>/publish/", views.disclosure_publish, name="disclosures-publish"),
    path("disclosures/<int:pk>/withdraw/", views.disclosure_withdraw, name="disclosures-withdraw"),
    path("cases/", register_views.list_view, {"register": cases}, name="cases-list"),
    path("cases/export/", register_views.export_view, {"register": cases}, name="cases-export"),
    path("cases/import/", register_views.import_view, {"register": cases}, name="cases-import"),
    path("cases/import/template/", register_views.template_view, {"register": cases}, name="cases-template"),
    path(
        "cases/import/errors/<str:token>/",
        register_views.import_errors_view,
        {"register": cases},
        name="cases-import-errors",
    ),
    path("cases/new/", views.summary_new, name="cases-create"),
    path("cases/<int:pk>/", views.case_detail, name="cases-detail"),
    path("cases/<int:pk>/step/<slug:action>/", views.case_step, name="cases-step"),
    path("cases/<int:pk>/documents/<slug:kind>/", views.case_document, name="cases-document"),
]
