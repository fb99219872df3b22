"""Staff URLs under /aspirasi/ (namespace "aspirasi")."""
from django.urls import path

from . import views_staf as v

urlpatterns = [
    path("", v.Daftar.as_view(), name="daftar"),
    path("catat/", v.Catat.as_view(), name="catat"),
    path("<uuid:pk>/", v.Detail.as_view(), name="detail"),
    path("<uuid:pk>/tindak/", v.Tindak.as_view(), name="tindak"),
    path("<uuid:pk>/moderasi/", v.Moderasi.as_view(), name="moderasi"),
    path("foto/<uuid:pk>/", v.FotoStaf.as_view(), name="foto"),
    path("kategori/", v.KategoriDaftar.as_view(), name="kategori_daftar"),
    path("kategori/<uuid:pk>/", v.KategoriUbah.as_view(), name="kategori_ubah"),
    path("libur/", v.LiburDaftar.as_view(), name="libur_daftar"),
    path("libur/<uuid:pk>/hapus/", v.LiburHapus.as_view(), name="libur_hapus"),
    path("laporan/", v.Laporan.as_view(), name="laporan"),
]
