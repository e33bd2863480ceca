from fazhi.emergency.views import urlpatterns as _pages

app_name = "emergency"

urlpatterns = [*_pages]
