"""Public Musrenbang pages under /musrenbang/ (no login): transparency and "lacak usulan"."""
from django.urls import path

from .views import publik as v

app_name = "musrenbang"
urlpatterns = [
    path("", v.Beranda.as_view(), name="beranda"),
    path("lacak/", v.Lacak.as_view(), name="lacak"),
    path("desa/<str:kode>/", v.Desa.as_view(), name="desa"),
    path("kecamatan/<str:kode>/", v.Kecamatan.as_view(), name="kecamatan"),
    path("usulan/<str:kode>/", v.Usulan.as_view(), name="usulan"),
    path("ekspor/<str:kode>/", v.Ekspor.as_view(), name="ekspor"),
]
