"""URLs of layanan mandiri, the residents' pages under /layanan/ (views in views/mandiri.py)."""
from django.urls import path

from .views import mandiri as v

app_name = "mandiri"
urlpatterns = [
    path("", v.Beranda.as_view(), name="beranda"),
    path("masuk/", v.Masuk.as_view(), name="masuk"),
    path("keluar/", v.Keluar.as_view(), name="keluar"),
    path("pin/", v.GantiPin.as_view(), name="ganti_pin"),
    path("notifikasi/", v.Notifikasi.as_view(), name="notifikasi"),
    path("perbaikan/", v.Perbaikan.as_view(), name="perbaikan"),
    path("surat/baru/", v.SuratBaru.as_view(), name="surat_baru"),
    path("surat/<uuid:pk>/", v.SuratDetail.as_view(), name="surat_detail"),
    path("surat/<uuid:pk>/unduh/", v.SuratUnduh.as_view(), name="surat_unduh"),
]
