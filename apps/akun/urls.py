from django.urls import path

from . import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.Masuk.as_view(), name="masuk"),
    path("keluar/", views.Keluar.as_view(), name="keluar"),
    path("profil/", views.Profil.as_view(), name="profil"),
    path("otp/", views.OtpVerifikasi.as_view(), name="otp_verifikasi"),
    path("otp/pasang/", views.OtpPasang.as_view(), name="otp_pasang"),
    path("pengguna/", views.PenggunaList.as_view(), name="pengguna_daftar"),
]
