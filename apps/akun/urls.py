from django.urls import path

from . import views
from .views import notifikasi as notifikasi_views

app_name = "akun"
urlpatterns = [
    # Getting in
    path("masuk/", views.Masuk.as_view(), name="masuk"),
    path("keluar/", views.Keluar.as_view(), name="keluar"),
    path("otp/", views.OtpVerifikasi.as_view(), name="otp_verifikasi"),
    path("otp/pasang/", views.OtpPasang.as_view(), name="otp_pasang"),
    path("sandi/lupa/", views.SandiLupa.as_view(), name="sandi_lupa"),
    path("sandi/lupa/terkirim/", views.SandiLupaTerkirim.as_view(), name="sandi_lupa_terkirim"),
    path("sandi/reset/<uidb64>/<token>/", views.SandiReset.as_view(), name="sandi_reset"),
    path("sandi/reset/selesai/", views.SandiResetSelesai.as_view(), name="sandi_reset_selesai"),
    # The holder's own account
    path("profil/", views.Profil.as_view(), name="profil"),
    path("sandi/ganti/", views.SandiGanti.as_view(), name="sandi_ganti"),
    path("otp/matikan/", views.OtpMatikan.as_view(), name="otp_matikan"),
    path("token/buat/", views.TokenBuat.as_view(), name="token_buat"),
    path("token/cabut/", views.TokenCabut.as_view(), name="token_cabut"),
    path("notifikasi/", notifikasi_views.NotifikasiDaftar.as_view(), name="notifikasi"),
    path("notifikasi/jumlah/", notifikasi_views.NotifikasiJumlah.as_view(), name="notifikasi_jumlah"),
    # User management (admins)
    path("pengguna/", views.PenggunaList.as_view(), name="pengguna_daftar"),
    path("pengguna/baru/", views.PenggunaBuat.as_view(), name="pengguna_baru"),
    path("pengguna/pilihan-peran/", views.PilihanPeran.as_view(), name="pilihan_peran"),
    path("pengguna/<int:pk>/", views.PenggunaDetail.as_view(), name="pengguna_detail"),
    path("pengguna/<int:pk>/peran/", views.KeanggotaanTambah.as_view(), name="pengguna_peran"),
    path("pengguna/<int:pk>/status/", views.PenggunaStatus.as_view(), name="pengguna_status"),
    path("pengguna/<int:pk>/otp/", views.PenggunaOtp.as_view(), name="pengguna_otp"),
    path("pengguna/<int:pk>/sandi/", views.PenggunaSandi.as_view(), name="pengguna_sandi"),
    path("keanggotaan/<uuid:pk>/cabut/", views.KeanggotaanCabut.as_view(), name="keanggotaan_cabut"),
]
