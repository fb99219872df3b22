"""URLs of import and export of spreadsheets (OpenSID, SIAK); included by urls.py (app_name kependudukan)."""
from django.urls import path

from .views import impor as v

urlpatterns: list = [
    path("impor/", v.ImporDaftar.as_view(), name="impor_daftar"),
    path("impor/baru/", v.ImporTambah.as_view(), name="impor_tambah"),
    path("impor/<uuid:pk>/", v.ImporDetail.as_view(), name="impor_detail"),
    path("impor/<uuid:pk>/progres/", v.ImporProgres.as_view(), name="impor_progres"),
    path("impor/<uuid:pk>/laporan/", v.ImporLaporan.as_view(), name="impor_laporan"),
    path("ekspor/opensid/", v.EksporOpenSID.as_view(), name="ekspor_opensid"),
]
