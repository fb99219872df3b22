"""Public verification pages, mounted at /verifikasi/ (no login)."""
from django.urls import path

from .views import verifikasi as v

app_name = "verifikasi"
urlpatterns = [
    path("", v.beranda, name="beranda"),
    path("periksa/", v.berkas, name="berkas"),
    path("q/", v.q, name="q"),
    path("kunci-publik.pem", v.kunci_publik, name="kunci_publik"),
    path("ca.pem", v.sertifikat_ca, name="ca"),
    path("<uuid:pk>/", v.detail, name="detail"),
]
