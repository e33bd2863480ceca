from fazhi.services import definitions  # noqa: F401  (registers the registers)
from fazhi.services.views import applications, items, market, window_figures

app_name = "services"

urlpatterns = [
    *window_figures.urlpatterns,
    *items.urlpatterns,
    *applications.urlpatterns,
    *market.urlpatterns,
]
