from django.urls import path

from . import views

app_name = "kependudukan"
urlpatterns = [
    path("", views.PendudukList.as_view(), name="penduduk_daftar"),
    path("<uuid:pk>/", views.PendudukDetail.as_view(), name="penduduk_detail"),
    path("keluarga/", views.KeluargaList.as_view(), name="keluarga_daftar"),
    path("keluarga/<uuid:pk>/", views.KeluargaDetail.as_view(), name="keluarga_detail"),
]
