from fazhi.decisions import definitions  # noqa: F401  (registers the registers)
from fazhi.decisions.views import advisor, major, normative

app_name = "decisions"

urlpatterns = [*advisor.urlpatterns, *normative.urlpatterns, *major.urlpatterns]
