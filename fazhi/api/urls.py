"""The API router: gathers the viewsets that each app lists in its api.ROUTES."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from fazhi.core.api.auth import LogoutView, ObtainTokenView
from fazhi.core.api.routes import ROUTES as CORE_ROUTES
from fazhi.decisions.api.routes import ROUTES as DECISIONS_ROUTES
from fazhi.disputes.api.routes import ROUTES as DISPUTES_ROUTES
from fazhi.education.api.routes import ROUTES as EDUCATION_ROUTES
from fazhi.emergency.api.routes import ROUTES as EMERGENCY_ROUTES
from fazhi.enforcement.api.routes import ROUTES as ENFORCEMENT_ROUTES
from fazhi.oversight.api.routes import ROUTES as OVERSIGHT_ROUTES
from fazhi.reports.api import ROUTES as REPORTS_ROUTES
from fazhi.reports.supervision.api import ROUTES as SUPERVISION_ROUTES
from fazhi.services.api.routes import ROUTES as SERVICES_ROUTES

router = DefaultRouter()
for prefix, viewset, basename in [
    *CORE_ROUTES,
    *ENFORCEMENT_ROUTES,
    *OVERSIGHT_ROUTES,
    *DECISIONS_ROUTES,
    *DISPUTES_ROUTES,
    *EDUCATION_ROUTES,
    *EMERGENCY_ROUTES,
    *SERVICES_ROUTES,
    *REPORTS_ROUTES,
    *SUPERVISION_ROUTES,
]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include(router.urls)),
]

if settings.FAZHI_BENCH:
    from fazhi.api.bench import BenchInsertView, BenchPingView

    urlpatterns.insert(0, path("bench/insert/", BenchInsertView.as_view()))
    urlpatterns.insert(0, path("bench/ping/", BenchPingView.as_view()))
