from django.urls import path

from . import views

app_name = "wilayah"
urlpatterns = [
    path("", views.WilayahList.as_view(), name="daftar"),
    path("<uuid:pk>/", views.WilayahDetail.as_view(), name="detail"),
    path("<uuid:pk>/lingkungan/", views.LingkunganPanel.as_view(), name="lingkungan_panel"),
    path("<uuid:pk>/lingkungan/tambah/", views.LingkunganTambah.as_view(), name="lingkungan_tambah"),
    path("<uuid:pk>/ubah/", views.LingkunganUbah.as_view(), name="lingkungan_ubah"),
    path("<uuid:pk>/hapus/", views.LingkunganHapus.as_view(), name="lingkungan_hapus"),
    path("unit/", views.UnitList.as_view(), name="unit_daftar"),
    path("unit/tambah/", views.UnitTambah.as_view(), name="unit_tambah"),
    path("unit/<uuid:pk>/", views.UnitDetail.as_view(), name="unit_detail"),
    path("unit/<uuid:pk>/ubah/", views.UnitUbah.as_view(), name="unit_ubah"),
    path("unit/<uuid:pk>/jabatan/tambah/", views.JabatanTambah.as_view(), name="jabatan_tambah"),
    path("jabatan/<uuid:pk>/ubah/", views.JabatanUbah.as_view(), name="jabatan_ubah"),
    path("jabatan/<uuid:pk>/delegasi/", views.DelegasiTambah.as_view(), name="delegasi_tambah"),
    path("delegasi/<uuid:pk>/cabut/", views.DelegasiCabut.as_view(), name="delegasi_cabut"),
    path("pejabat/", views.PejabatList.as_view(), name="pejabat_daftar"),
    path("pejabat/tambah/", views.PejabatTambah.as_view(), name="pejabat_tambah"),
    path("pejabat/<uuid:pk>/", views.PejabatDetail.as_view(), name="pejabat_detail"),
    path("pejabat/<uuid:pk>/ubah/", views.PejabatUbah.as_view(), name="pejabat_ubah"),
]
