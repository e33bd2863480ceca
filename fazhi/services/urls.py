from fazhi.services import definitions  # noqa: F401  (registers the registers)
from fazhi.services.views import market

app_name = "services"

urlpatterns = [*market.urlpatterns]
