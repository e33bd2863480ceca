from django.urls import path

from fazhi.core.registers.views import register_urls
from fazhi.education import definitions
from fazhi.education.views import figures_page

app_name = "education"

urlpatterns = [
    path("figures/", figures_page, name="figures"),
    *register_urls(definitions.study_sessions),
    *register_urls(definitions.outreach_events),
    *register_urls(definitions.legal_services),
    *register_urls(definitions.roster),
    *register_urls(definitions.trainings),
]
