"""URLs of the incoming area under /persuratan/ (namespace "persuratan"): the inbox, paper
registration, incoming letters, dispositions and attachment downloads."""
from django.urls import path

from .views import masuk as v

urlpatterns = [
    path("", v.KotakMasuk.as_view(), name="kotak_masuk"),
    path("masuk/catat/", v.MasukCatat.as_view(), name="masuk_catat"),
    path("masuk/<uuid:pk>/", v.MasukDetail.as_view(), name="masuk_detail"),
    path("masuk/<uuid:pk>/pdf/", v.MasukPdf.as_view(), name="masuk_pdf"),
    path("disposisi/", v.DisposisiDaftar.as_view(), name="disposisi_daftar"),
    path("disposisi/<uuid:pk>/", v.DisposisiDetail.as_view(), name="disposisi_detail"),
    path("berkas/<uuid:pk>/", v.BerkasUnduh.as_view(), name="berkas_unduh"),
]
