"""The leaders' dashboard, mounted at /dasbor/ (namespace dasbor_pimpinan)."""
from django.urls import path

from . import views_dasbor

app_name = "dasbor_pimpinan"
urlpatterns = [
    path("", views_dasbor.Utama.as_view(), name="utama"),
    path("data/", views_dasbor.Data.as_view(), name="data"),
]
