from django.urls import path

from . import views

app_name = "sinkron"
urlpatterns = [
    path("", views.JurnalList.as_view(), name="jurnal_daftar"),
    path("periksa/", views.PeriksaRantai.as_view(), name="periksa_rantai"),
    path("<int:pk>/", views.JurnalDetail.as_view(), name="jurnal_detail"),
    path("riwayat/<str:model>/<uuid:pk>/", views.Riwayat.as_view(), name="riwayat"),
]
