"""Later stages and deliberations under /perencanaan/tahap/ (each object page takes `pk`)."""
from django.urls import path

from .views import musyawarah as m
from .views import tahap as t

urlpatterns = [
    path("", t.TahapDaftar.as_view(), name="tahap_daftar"),
    path("<uuid:pk>/", t.TahapKerja.as_view(), name="tahap_kerja"),
    path("<uuid:pk>/kirim/", t.TahapKirim.as_view(), name="tahap_kirim"),
    path("revisi/<uuid:pk>/ubah/", t.RevisiUbah.as_view(), name="revisi_ubah"),
    path("musyawarah/", m.MusyawarahDaftar.as_view(), name="musyawarah_daftar"),
    path("musyawarah/baru/", m.MusyawarahBaru.as_view(), name="musyawarah_baru"),
    path("musyawarah/<uuid:pk>/", m.MusyawarahDetail.as_view(), name="musyawarah_detail"),
    path("musyawarah/<uuid:pk>/ubah/", m.MusyawarahUbah.as_view(), name="musyawarah_ubah"),
    path("musyawarah/<uuid:pk>/peserta/", m.PesertaTambah.as_view(), name="peserta_tambah"),
    path("musyawarah/peserta/<uuid:pk>/hapus/", m.PesertaHapus.as_view(), name="peserta_hapus"),
    path("musyawarah/<uuid:pk>/hadir/", m.MusyawarahHadir.as_view(), name="musyawarah_hadir"),
    path("musyawarah/<uuid:pk>/unggah/", m.MusyawarahBerkasUnggah.as_view(), name="musyawarah_unggah"),
    path("musyawarah/berkas/<uuid:pk>/", m.MusyawarahBerkas.as_view(), name="musyawarah_berkas"),
    path("musyawarah/<uuid:pk>/setujui/", m.MusyawarahSetujui.as_view(), name="musyawarah_setujui"),
    path("musyawarah/<uuid:pk>/berita-acara/", m.MusyawarahBa.as_view(), name="musyawarah_ba"),
    path("musyawarah/<uuid:pk>/berita-acara/unduh/", m.MusyawarahBaUnduh.as_view(), name="musyawarah_ba_unduh"),
]
