"""Log a resident in with NIK + PIN (layanan mandiri). Listed in AUTHENTICATION_BACKENDS so the
session it starts is honoured on later requests; the login form calls it through
`mandiri.masuk()` (see there why not through `authenticate()`)."""
from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password

from .models import PinWarga

# Where the login steps middleware sends a resident who still holds the office-issued PIN.
HALAMAN_GANTI_PIN = "mandiri:ganti_pin"
HALAMAN_TERBUKA = ("mandiri:masuk", "mandiri:keluar", "mandiri:ganti_pin")


class NikPinBackend(ModelBackend):
    def authenticate(self, request, nik=None, pin=None, **kwargs):
        from . import mandiri

        if not nik or pin is None:
            return None
        pin_warga = self._cari(nik)
        if pin_warga is None:
            # Same cost as a real check, so the response time does not tell whether the NIK exists.
            make_password(pin)
            return None
        if mandiri.terkunci(pin_warga):
            if request is not None:
                request.mandiri_terkunci = True
            return None
        user = pin_warga.pengguna
        if user.check_password(pin) and self.user_can_authenticate(user):
            mandiri.catat_berhasil(pin_warga)
            return self._tandai(user)
        mandiri.catat_gagal(pin_warga)
        return None

    @staticmethod
    def _cari(nik: str) -> PinWarga | None:
        from . import mandiri

        if not mandiri.NIK_RE.match(nik):
            return None
        return (PinWarga.objects.select_related("pengguna")
                .filter(pengguna__penduduk__nik=nik, pengguna__penduduk__status_dasar=1,
                        pengguna__penduduk__nik_sementara=False)
                .first())

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return self._tandai(user) if user is not None else None

    @staticmethod
    def _tandai(user):
        """Tell the login-steps middleware to use the resident's PIN page, not the staff one."""
        user.halaman_ganti_sandi = HALAMAN_GANTI_PIN
        user.halaman_terbuka = HALAMAN_TERBUKA
        return user
