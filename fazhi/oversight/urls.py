from django.urls import path

from fazhi.core.registers.views import register_urls
from fazhi.oversight import views
from fazhi.oversight.definitions import campaigns, rectifications, reviews, rubric_items, rubrics
from fazhi.oversight.duty import views as duty_views
from fazhi.oversight.supervision import views as supervision_views

app_name = "oversight"


urlpatterns = [
    path("rectifications/<int:pk>/step/<slug:action>/", views.rectification_step, name="rectifications-step"),
    path("reviews/report/", views.review_report, name="reviews-report"),
    path("reviews/<int:pk>/findings/", views.review_findings, name="reviews-findings"),
    path("reviews/<int:pk>/complete/", views.review_complete, name="reviews-complete"),
    path("rubrics/default/", views.rubric_default, name="rubrics-default"),
    *register_urls(rectifications, detail=views.rectification_detail),
    *register_urls(campaigns, detail=views.campaign_detail),
    *register_urls(reviews, detail=views.review_detail, create=views.review_new),
    *register_urls(rubrics),
    *register_urls(rubric_items),
]
urlpatterns += duty_views.urlpatterns
urlpatterns += supervision_views.urlpatterns
