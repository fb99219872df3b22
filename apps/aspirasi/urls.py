"""Staff URLs under /aspirasi/ (namespace "aspirasi"). The public form and tracking are under
/lapor/ (urls_publik, namespace "lapor")."""
from django.urls import include, path

app_name = "aspirasi"

urlpatterns = [path("", include("apps.aspirasi.urls_staf"))]
