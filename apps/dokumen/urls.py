"""Staff pages for electronic signatures, mounted at /tte/ (login required)."""
from django.urls import path

from .views import tte as v

app_name = "tte"
urlpatterns = [
    path("", v.saya, name="saya"),
    path("sertifikat/", v.daftar, name="daftar"),
    path("sertifikat/<uuid:pk>/unduh/", v.unduh, name="unduh"),
    path("sertifikat/<uuid:pk>/cabut/", v.cabut, name="cabut"),
]
