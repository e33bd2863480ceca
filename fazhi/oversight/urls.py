from django.urls import path

from fazhi.core.registers.base import Register
from fazhi.core.registers.views import register_urls
from fazhi.oversight import views
from fazhi.oversight.definitions import campaigns, rectifications, reviews, rubric_items, rubrics
from fazhi.oversight.duty import views as duty_views
from fazhi.oversight.supervision import views as supervision_views

app_name = "oversight"


def _pages(register: Register, **own) -> list:
    """The register's generic pages, with those named in `own` ("detail", "create", …)
    served by the app's own views under the same URL and name."""
    patterns = []
    for pattern in register_urls(register):
        view = own.get(pattern.name.removeprefix(f"{register.key}-"))
        patterns.append(pattern if view is None else path(str(pattern.pattern), view, name=pattern.name))
    return patterns


urlpatterns = [
    path("rectifications/<int:pk>/step/<slug:action>/", views.rectification_step, name="rectifications-step"),
    path("reviews/report/", views.review_report, name="reviews-report"),
    path("reviews/<int:pk>/findings/", views.review_findings, name="reviews-findings"),
    path("reviews/<int:pk>/complete/", views.review_complete, name="reviews-complete"),
    path("rubrics/default/", views.rubric_default, name="rubrics-default"),
    *_pages(rectifications, detail=views.rectification_detail),
    *_pages(campaigns, detail=views.campaign_detail),
    *_pages(reviews, detail=views.review_detail, create=views.review_new),
    *register_urls(rubrics),
    *register_urls(rubric_items),
]
urlpatterns += duty_views.urlpatterns
urlpatterns += supervision_views.urlpatterns
