"""URLs of the archive under /persuratan/arsip/: search, retention schedule, the unit's books
(?unit=<id>&periode=2026-11&format=pdf|xlsx|csv) and the classification codes."""
from django.urls import path

from .views import arsip

urlpatterns: list = [
    path("", arsip.Arsip.as_view(), name="arsip"),
    path("retensi/", arsip.Retensi.as_view(), name="retensi"),
    path("buku/agenda-masuk/", arsip.BukuAgendaMasuk.as_view(), name="buku_agenda_masuk"),
    path("buku/agenda-keluar/", arsip.BukuAgendaKeluar.as_view(), name="buku_agenda_keluar"),
    path("buku/ekspedisi/", arsip.BukuEkspedisi.as_view(), name="buku_ekspedisi"),
    path("klasifikasi/", arsip.KlasifikasiDaftar.as_view(), name="klasifikasi_daftar"),
    path("klasifikasi/baru/", arsip.KlasifikasiBuat.as_view(), name="klasifikasi_buat"),
    path("klasifikasi/impor/", arsip.KlasifikasiImpor.as_view(), name="klasifikasi_impor"),
    path("klasifikasi/contoh.csv", arsip.KlasifikasiContoh.as_view(), name="klasifikasi_contoh"),
    path("klasifikasi/<uuid:pk>/ubah/", arsip.KlasifikasiUbah.as_view(), name="klasifikasi_ubah"),
    path("klasifikasi/<uuid:pk>/nonaktif/", arsip.KlasifikasiNonaktif.as_view(), name="klasifikasi_nonaktif"),
]
