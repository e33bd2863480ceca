from django.urls import path

from fazhi.decisions import portal_major
from fazhi.decisions import portal_views as decisions
from fazhi.oversight import portal_views as oversight
from fazhi.portal import views
from fazhi.reports import portal_views as reports
from fazhi.services import portal_guides, portal_lookup

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("matters/", views.matters, name="matters"),
    path("matters/<int:pk>/", views.matter_detail, name="matter"),
    path("officers/", views.officers, name="officers"),
    path("officers/<int:pk>/card/", views.officer_card, name="officer-card"),
    path("entrustments/", views.entrustments, name="entrustments"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("certificates/", views.certificate_lookup, name="certificate-lookup"),
    path("certificates/<str:certificate_no>/", views.certificate, name="certificate"),
    path("certificates/<str:certificate_no>/qr.svg", views.certificate_qr, name="certificate-qr"),
    path("case/", views.case_lookup, name="case"),
    path("case/rate/", views.case_rate, name="case-rate"),
    path("disclosures/", oversight.disclosures, name="disclosures"),
    path("disclosures/<int:pk>/", oversight.disclosure, name="disclosure"),
    path("major-decisions/", portal_major.catalogues, name="major-decisions"),
    path("major-decisions/<int:pk>/", portal_major.decision, name="major-decision"),
    # The single window (fazhi.services.portal_guides, fazhi.services.portal_lookup).
    path("services/", portal_guides.guide_list, name="service-guides"),
    path("services/<int:pk>/", portal_guides.guide_detail, name="service-guide"),
    path("services/status/", portal_lookup.status_lookup, name="service-status"),
    path("services/status/rate/", portal_lookup.status_rate, name="service-rate"),
    path("powers/", portal_guides.power_list, name="powers"),
    # The yearly reports, as published (fazhi.reports.portal_views).
    path("reports/", reports.report_list, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/report.docx", reports.report_docx, name="report-docx"),
    # Normative documents and 意见征集 (fazhi.decisions.portal_views).
    path("normative/", decisions.documents, name="normative-documents"),
    path("normative/<int:pk>/", decisions.document_detail, name="normative-document"),
    path("consultations/", decisions.consultations, name="consultations"),
    path(
        "consultations/documents/<int:pk>/",
        decisions.consultation,
        {"kind": "document"},
        name="consultation-document",
    ),
    path(
        "consultations/decisions/<int:pk>/",
        decisions.consultation,
        {"kind": "decision"},
        name="consultation-decision",
    ),
]
