"""URLs of the staff letter pages (namespace "surat"): the workflow (views/alur.py), surat
massal (views/batch.py), plus the template, archive and staff-side layanan mandiri pages,
which their modules define and this one mounts when they are installed."""
from importlib import import_module

from django.urls import path

from .views import alur as a
from .views import batch as b

app_name = "surat"
urlpatterns = [
    path("", a.Antrian.as_view(), name="antrian"),
    path("buat/", a.Buat.as_view(), name="buat"),
    path("buat/penduduk/", a.CariPenduduk.as_view(), name="cari_penduduk"),
    path("buat/isian/", a.IsianJenis.as_view(), name="isian_jenis"),
    path("tandatangani/", a.TandatanganiBanyak.as_view(), name="tandatangani_banyak"),
    path("<uuid:pk>/", a.Detail.as_view(), name="detail"),
    path("<uuid:pk>/unduh/", a.Unduh.as_view(), name="unduh"),
    path("<uuid:pk>/pratinjau/", a.Pratinjau.as_view(), name="pratinjau"),
    path("<uuid:pk>/salinan/", a.Salinan.as_view(), name="salinan"),
    path("lampiran/<uuid:pk>/", a.UnduhLampiran.as_view(), name="lampiran"),
    path("massal/", b.BatchDaftar.as_view(), name="batch_daftar"),
    path("massal/buat/", b.BatchBuat.as_view(), name="batch_buat"),
    path("massal/<uuid:pk>/", b.BatchDetail.as_view(), name="batch_detail"),
    path("massal/<uuid:pk>/zip/", b.BatchZip.as_view(), name="batch_zip"),
]

for _modul in ("urls_template", "urls_arsip", "urls_mandiri_staf"):
    try:
        urlpatterns += import_module(f"{__package__}.{_modul}").urlpatterns
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{_modul}":
            raise
