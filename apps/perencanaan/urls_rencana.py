"""Village plans under /perencanaan/rencana/ (namespace "perencanaan"): RPJM Desa, RKP Desa,
their lines, setting by Perdes, prints, and the Daftar Usulan RKP Desa."""
from django.urls import path

from .views import rencana as v

urlpatterns = [
    path("rpjmdes/", v.RPJMDesDaftar.as_view(), name="rpjmdes_daftar"),
    path("rpjmdes/baru/", v.RPJMDesBaru.as_view(), name="rpjmdes_baru"),
    path("rpjmdes/<uuid:pk>/", v.RPJMDesDetail.as_view(), name="rpjmdes_detail"),
    path("rpjmdes/<uuid:pk>/ubah/", v.RPJMDesUbah.as_view(), name="rpjmdes_ubah"),
    path("rpjmdes/<uuid:pk>/tetapkan/", v.RPJMDesTetapkan.as_view(), name="rpjmdes_tetapkan"),
    path("rpjmdes/<uuid:pk>/pdf/", v.RPJMDesPdf.as_view(), name="rpjmdes_pdf"),
    path("rpjmdes/<uuid:pk>/xlsx/", v.RPJMDesXlsx.as_view(), name="rpjmdes_xlsx"),
    path("rpjmdes/<uuid:pk>/kegiatan/baru/", v.KegiatanRPJMDesBaru.as_view(), name="kegiatan_rpjmdes_baru"),
    path("rpjmdes/kegiatan/<uuid:pk>/ubah/", v.KegiatanRPJMDesUbah.as_view(), name="kegiatan_rpjmdes_ubah"),
    path("rpjmdes/kegiatan/<uuid:pk>/hapus/", v.KegiatanRPJMDesHapus.as_view(), name="kegiatan_rpjmdes_hapus"),
    path("rkpdes/", v.RKPDesDaftar.as_view(), name="rkpdes_daftar"),
    path("rkpdes/baru/", v.RKPDesBaru.as_view(), name="rkpdes_baru"),
    path("rkpdes/<uuid:pk>/", v.RKPDesDetail.as_view(), name="rkpdes_detail"),
    path("rkpdes/<uuid:pk>/ubah/", v.RKPDesUbah.as_view(), name="rkpdes_ubah"),
    path("rkpdes/<uuid:pk>/tetapkan/", v.RKPDesTetapkan.as_view(), name="rkpdes_tetapkan"),
    path("rkpdes/<uuid:pk>/ambil-rpjm/", v.RKPDesAmbilRpjm.as_view(), name="rkpdes_ambil_rpjm"),
    path("rkpdes/<uuid:pk>/pdf/", v.RKPDesPdf.as_view(), name="rkpdes_pdf"),
    path("rkpdes/<uuid:pk>/xlsx/", v.RKPDesXlsx.as_view(), name="rkpdes_xlsx"),
    path("rkpdes/<uuid:pk>/kegiatan/baru/", v.KegiatanRKPDesBaru.as_view(), name="kegiatan_rkpdes_baru"),
    path("rkpdes/kegiatan/<uuid:pk>/ubah/", v.KegiatanRKPDesUbah.as_view(), name="kegiatan_rkpdes_ubah"),
    path("rkpdes/kegiatan/<uuid:pk>/hapus/", v.KegiatanRKPDesHapus.as_view(), name="kegiatan_rkpdes_hapus"),
    path("daftar-usulan.pdf", v.DaftarUsulanPdf.as_view(), name="daftar_usulan_pdf"),
]
