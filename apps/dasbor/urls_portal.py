"""The public portal, mounted at /portal/ (namespace portal); every page is public and cached."""
from django.urls import path

from . import views_portal

app_name = "portal"
urlpatterns = [
    path("", views_portal.beranda, name="beranda"),
    path("peta/", views_portal.peta, name="peta"),
    path("kecamatan/<str:kode>/", views_portal.kecamatan, name="kecamatan"),
    path("desa/<str:kode>/", views_portal.desa, name="desa"),
]
