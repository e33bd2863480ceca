from fazhi.disputes import definitions  # noqa: F401  (registers the registers)
from fazhi.disputes.views import disputes, mediation, remedies

app_name = "disputes"

urlpatterns = [*disputes.urlpatterns, *mediation.urlpatterns, *remedies.urlpatterns]
