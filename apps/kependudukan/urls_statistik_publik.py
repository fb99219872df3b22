"""The public statistics portal (no login, aggregates only), mounted at /statistik/ by the root
URLconf: `path("statistik/", include("apps.kependudukan.urls_statistik_publik"))`."""
from django.urls import path

from .views.statistik import StatistikPublik, StatistikPublikCsv

app_name = "statistik"
urlpatterns = [
    path("", StatistikPublik.as_view(), name="publik"),
    path("csv/", StatistikPublikCsv.as_view(), name="publik_csv"),
]
