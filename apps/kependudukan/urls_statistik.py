"""URLs of population statistics and charts; included by urls.py (app_name kependudukan)."""
from django.urls import path

from .views.statistik import StatistikPenduduk, StatistikPendudukCsv

urlpatterns: list = [
    path("statistik/", StatistikPenduduk.as_view(), name="statistik"),
    path("statistik/csv/", StatistikPendudukCsv.as_view(), name="statistik_csv"),
]
