"""Public URLs under /lapor/ (namespace "lapor"): the form, tracking by code, rating and photos."""
from django.urls import path

from . import views_publik as v

app_name = "lapor"
urlpatterns = [
    path("", v.LaporForm_.as_view(), name="form"),
    path("lacak/", v.Lacak.as_view(), name="lacak"),
    path("status/<str:kode>/", v.Status.as_view(), name="status"),
    path("status/<str:kode>/nilai/", v.Nilai.as_view(), name="nilai"),
    path("foto/<uuid:pk>/", v.Foto.as_view(), name="foto"),
]
