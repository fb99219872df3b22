from django.urls import path

from . import urls_buku, urls_impor, urls_peristiwa, urls_statistik, views

app_name = "kependudukan"
urlpatterns = [
    path("", views.PendudukList.as_view(), name="penduduk_daftar"),
    path("tambah/", views.PendudukTambah.as_view(), name="penduduk_tambah"),
    path("<uuid:pk>/", views.PendudukDetail.as_view(), name="penduduk_detail"),
    path("<uuid:pk>/ubah/", views.PendudukUbah.as_view(), name="penduduk_ubah"),
    path("keluarga/", views.KeluargaList.as_view(), name="keluarga_daftar"),
    path("keluarga/tambah/", views.KeluargaTambah.as_view(), name="keluarga_tambah"),
    path("keluarga/<uuid:pk>/", views.KeluargaDetail.as_view(), name="keluarga_detail"),
    path("keluarga/<uuid:pk>/ubah/", views.KeluargaUbah.as_view(), name="keluarga_ubah"),
]
urlpatterns += urls_peristiwa.urlpatterns + urls_impor.urlpatterns + urls_buku.urlpatterns + urls_statistik.urlpatterns
