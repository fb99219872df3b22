"""URLs of the population books (Permendagri 47/2016) and list exports; included by urls.py (app_name kependudukan).
Desa, period and format are query parameters (?desa=62.07.01.2005&periode=2026-01&format=pdf)."""
from django.urls import path

from .views import buku, ekspor_daftar

urlpatterns: list = [
    path("ekspor/", ekspor_daftar.PendudukEkspor.as_view(), name="penduduk_ekspor"),
    path("keluarga/ekspor/", ekspor_daftar.KeluargaEkspor.as_view(), name="keluarga_ekspor"),
    path("pilihan-lingkungan/", ekspor_daftar.PilihanLingkungan.as_view(), name="pilihan_lingkungan"),
    path("buku/", buku.BukuIndeks.as_view(), name="buku_indeks"),
    path("buku/induk/", buku.BukuInduk.as_view(), name="buku_induk"),
    path("buku/mutasi/", buku.BukuMutasi.as_view(), name="buku_mutasi"),
    path("buku/rekapitulasi/", buku.BukuRekapitulasi.as_view(), name="buku_rekapitulasi"),
    path("buku/sementara/", buku.BukuSementara.as_view(), name="buku_sementara"),
    path("buku/ktp-kk/", buku.BukuKtpKk.as_view(), name="buku_ktp_kk"),
]
