"""Top-level URLs. Each capability mounts its own `urls.py`; the API lives under /api/v1/."""
from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("", include("apps.dasbor.urls")),
    path("akun/", include("apps.akun.urls")),
    path("wilayah/", include("apps.wilayah.urls")),
    path("penduduk/", include("apps.kependudukan.urls")),
    path("statistik/", include("apps.kependudukan.urls_statistik_publik")),
    path("surat/", include("apps.surat.urls")),
    path("layanan/", include("apps.surat.urls_mandiri")),
    path("persuratan/", include("apps.persuratan.urls")),
    path("perencanaan/", include("apps.perencanaan.urls")),
    path("musrenbang/", include("apps.perencanaan.urls_publik")),
    path("aspirasi/", include("apps.aspirasi.urls")),
    path("lapor/", include("apps.aspirasi.urls_publik")),
    path("dasbor/", include("apps.dasbor.urls_dasbor")),
    path("portal/", include("apps.dasbor.urls_portal")),
    path("tte/", include("apps.dokumen.urls")),
    path("verifikasi/", include("apps.dokumen.urls_verifikasi")),
    path("jurnal/", include("apps.sinkron.urls")),
    path("api/v1/", include("edesa.api")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
