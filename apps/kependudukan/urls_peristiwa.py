"""URLs of life events, family changes and temporary residents; included by urls.py (app_name kependudukan)."""
from django.urls import path

from .views import peristiwa as p
from .views import sementara as s

urlpatterns = [
    path("peristiwa/", p.PeristiwaList.as_view(), name="peristiwa_daftar"),
    path("peristiwa/datang/", p.PendatangBaru.as_view(), name="peristiwa_datang"),
    path("peristiwa/<uuid:pk>/", p.PeristiwaDetail.as_view(), name="peristiwa_detail"),
    path("<uuid:pk>/mati/", p.PeristiwaMati.as_view(), name="peristiwa_mati"),
    path("<uuid:pk>/pindah/", p.PeristiwaPindahKeluar.as_view(), name="peristiwa_pindah"),
    path("<uuid:pk>/hilang/", p.PeristiwaHilang.as_view(), name="peristiwa_hilang"),
    path("<uuid:pk>/pergi/", p.PeristiwaPergi.as_view(), name="peristiwa_pergi"),
    path("<uuid:pk>/kembali/", p.PeristiwaKembali.as_view(), name="peristiwa_kembali"),
    path("<uuid:pk>/pindah-kk/", p.PindahAnggota.as_view(), name="pindah_anggota"),
    path("<uuid:pk>/bentuk-kk/", p.BentukKK.as_view(), name="bentuk_kk"),
    path("keluarga/<uuid:pk>/lahir/", p.Kelahiran.as_view(), name="peristiwa_lahir"),
    path("keluarga/<uuid:pk>/pecah/", p.PecahKK.as_view(), name="pecah_kk"),
    path("keluarga/<uuid:pk>/pindah/", p.PindahSekeluarga.as_view(), name="pindah_sekeluarga"),
    path("sementara/", s.SementaraList.as_view(), name="sementara_daftar"),
    path("sementara/tambah/", s.SementaraTambah.as_view(), name="sementara_tambah"),
    path("sementara/<uuid:pk>/", s.SementaraDetail.as_view(), name="sementara_detail"),
    path("sementara/<uuid:pk>/ubah/", s.SementaraUbah.as_view(), name="sementara_ubah"),
    path("sementara/<uuid:pk>/pergi/", s.SementaraPergi.as_view(), name="sementara_pergi"),
]
