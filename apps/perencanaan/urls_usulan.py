"""The cycle administration (Bappeda) and proposals with the village stage, under /perencanaan/."""
from django.urls import path

from .views import siklus as s
from .views import usulan as u

urlpatterns = [
    path("", s.SiklusDaftar.as_view(), name="siklus_daftar"),
    path("siklus/baru/", s.SiklusBaru.as_view(), name="siklus_baru"),
    path("siklus/<uuid:pk>/", s.SiklusDetail.as_view(), name="siklus_detail"),
    path("siklus/<uuid:pk>/ubah/", s.SiklusUbah.as_view(), name="siklus_ubah"),
    path("siklus/<uuid:pk>/pagu/", s.PaguDaftar.as_view(), name="pagu_daftar"),
    path("siklus/<uuid:pk>/pagu/impor/", s.PaguImpor.as_view(), name="pagu_impor"),
    path("siklus/tahap/<uuid:pk>/ubah/", s.TahapUbah.as_view(), name="tahap_ubah"),
    path("siklus/tahap/<uuid:pk>/buka/", s.TahapBuka.as_view(), name="tahap_buka"),
    path("siklus/tahap/<uuid:pk>/tutup/", s.TahapTutup.as_view(), name="tahap_tutup"),
    path("siklus/tahap/<uuid:pk>/kriteria/baru/", s.KriteriaBaru.as_view(), name="kriteria_baru"),
    path("siklus/kriteria/<uuid:pk>/ubah/", s.KriteriaUbah.as_view(), name="kriteria_ubah"),
    path("siklus/kriteria/<uuid:pk>/hapus/", s.KriteriaHapus.as_view(), name="kriteria_hapus"),
    path("usulan/", u.UsulanDaftar.as_view(), name="usulan_daftar"),
    path("usulan/baru/", u.UsulanBaru.as_view(), name="usulan_baru"),
    path("usulan/<uuid:pk>/", u.UsulanDetail.as_view(), name="usulan_detail"),
    path("usulan/<uuid:pk>/ubah/", u.UsulanUbah.as_view(), name="usulan_ubah"),
    path("usulan/<uuid:pk>/foto/tambah/", u.UsulanFotoTambah.as_view(), name="usulan_foto_tambah"),
    path("usulan/<uuid:pk>/dukung/", u.UsulanDukung.as_view(), name="usulan_dukung"),
    path("usulan/<uuid:pk>/dukung/batal/", u.UsulanBatalDukung.as_view(), name="usulan_batal_dukung"),
    path("usulan/<uuid:pk>/dukungan-kertas/", u.UsulanDukunganKertas.as_view(), name="usulan_dukungan_kertas"),
    path("usulan/<uuid:pk>/tarik/", u.UsulanTarik.as_view(), name="usulan_tarik"),
    path("usulan/foto/<uuid:pk>/", u.UsulanFoto.as_view(), name="usulan_foto"),
    # The ranking page of the user's own village (cycle by ?tahun=): the stage is kabupaten
    # reference data, so it is not named by its id in the URL (see the final report).
    path("usulan/peringkat/", u.PeringkatDesa.as_view(), name="peringkat_desa"),
    path("usulan/peringkat/kirim/", u.KirimDesa.as_view(), name="kirim_desa"),
]
