"""URLs of the archive and the outgoing-letter books; included by urls.py (app_name "surat").
Filters, desa, period and format are query parameters (?desa=62.07.01.2005&tahun=2026&bulan=11&format=pdf)."""
from django.urls import path

from .views import arsip, buku

urlpatterns: list = [
    path("arsip/", arsip.Arsip.as_view(), name="arsip"),
    path("buku/agenda/", buku.BukuAgenda.as_view(), name="buku_agenda"),
    path("buku/ekspedisi/", buku.BukuEkspedisi.as_view(), name="buku_ekspedisi"),
]
