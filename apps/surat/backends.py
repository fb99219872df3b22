"""Log a resident in with NIK + PIN (layanan mandiri). Listed in AUTHENTICATION_BACKENDS so the
session it starts is honoured on later requests; the login form calls it through
`mandiri.masuk()` (see there why not through `authenticate()`)."""
from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.views.decorators.debug import sensitive_variables

from .models import PinWarga

# Where the login steps middleware sends a resident who still holds the office-issued PIN.
HALAMAN_GANTI_PIN = "mandiri:ganti_pin"
HALAMAN_TERBUKA = ("mandiri:masuk", "mandiri:keluar", "mandiri:ganti_pin")


class NikPinBackend(ModelBackend):
    """One lock for every NIK (`mandiri.terkunci_nik`, in the cache), decided before the
    database is asked whether the NIK has an account, and exactly one password hash check on
    every path (unknown, locked, wrong, right), so neither the answer nor its timing tells
    whether a NIK is registered."""

    @sensitive_variables("pin")
    def authenticate(self, request, nik=None, pin=None, **kwargs):
        from . import mandiri

        if not nik or pin is None:
            return None
        if mandiri.terkunci_nik(nik):
            mandiri.periksa_dummy(pin)
            if request is not None:
                request.mandiri_terkunci = True
            return None
        pin_warga = self._cari(nik)
        if pin_warga is not None:
            user = pin_warga.pengguna
            if user.check_password(pin) and self.user_can_authenticate(user):
                mandiri.catat_berhasil_nik(nik)
                mandiri.catat_berhasil(pin_warga)
                return self._tandai(user)
        else:
            mandiri.periksa_dummy(pin)
        # The failure that reaches the limit still reads "wrong PIN"; the next attempt is refused.
        mandiri.catat_gagal_nik(nik, pin_warga)
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
