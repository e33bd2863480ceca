from django.urls import path

from fazhi.core import account_views, live, views, webhook_views
from fazhi.core.definitions import calendar_years, holidays, org_units, people, posts
from fazhi.core.registers.views import register_urls

app_name = "core"

urlpatterns = [
    *register_urls(people),
    path("people/<int:pk>/reveal/", views.person_reveal, name="people-reveal"),
    *register_urls(org_units),
    *register_urls(posts),
    *register_urls(holidays),
    *register_urls(calendar_years),
    *account_views.urls(),
    path("live/stream/", live.stream, name="live-stream"),
    path("live/events/", live.events, name="live-events"),
    *webhook_views.urls(),
]
