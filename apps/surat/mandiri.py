"""Layanan mandiri accounts: a resident logs in with their NIK and a 6-digit PIN that the
village office issues on paper.

The PIN is the account's password (argon2), so it is never stored or logged in clear; the
office sees it once, on the slip printed right after issuing. A PIN has only a million
values, so the lockout here is what keeps it safe: after `EDESA_PIN_GAGAL_MAKS` failures in a
row the account is locked for `EDESA_PIN_KUNCI_MENIT` minutes, even for the right PIN.

The resident form does not go through `django.contrib.auth.authenticate()`: django-axes (first
in AUTHENTICATION_BACKENDS) would store the submitted form, PIN included, in its attempt log and
answer a lockout with the officials' page. `masuk()` calls the NIK+PIN backend itself and keeps
its own counters, so residents never touch the staff counters and vice versa.
"""
from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.akun import ratelimit
from apps.akun.models import Keanggotaan, Pengguna
from apps.akun.scope import covers, has_action, restrict
from apps.kependudukan.models import Penduduk
from apps.kependudukan.selectors import umur
from apps.sinkron import journal

from .models import PinWarga, Surat

PANJANG_PIN = 6
UMUR_MIN = 17
NIK_RE = re.compile(r"^\d{16}$")
PIN_RE = re.compile(r"^\d{6}$")
PESAN_SALAH = "NIK atau PIN salah."
PESAN_TERKUNCI = ("Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi setelah "
                  "{menit} menit, atau minta PIN baru ke kantor desa.")
PESAN_BATAS_IP = "Terlalu banyak percobaan masuk dari perangkat ini. Coba lagi beberapa menit lagi."
# Per client address: a whole office behind one connection still fits, a guessing script does not.
BATAS_IP, JENDELA_IP = 20, 600


def gagal_maks() -> int:
    return getattr(settings, "EDESA_PIN_GAGAL_MAKS", 5)


def menit_kunci() -> int:
    return getattr(settings, "EDESA_PIN_KUNCI_MENIT", 15)


def nama_pengguna(penduduk: Penduduk) -> str:
    """Not guessable and never shown: residents log in with their NIK, not this name."""
    return f"warga-{penduduk.pk.hex}"


# ---------------------------------------------------------------- PIN rules

def _berurutan(pin: str) -> bool:
    naik = "01234567890"
    turun = naik[::-1]
    return pin in naik or pin in turun


def _tanggal_lahir(penduduk: Penduduk | None) -> set[str]:
    if penduduk is None:
        return set()
    t = penduduk.tanggal_lahir
    return {t.strftime("%d%m%y"), t.strftime("%y%m%d"), t.strftime("%m%d%y")}


def periksa_pin(pin: str, penduduk: Penduduk | None = None) -> str:
    """The rules a PIN must meet (what a stranger or a neighbour would try first). Raises
    ValidationError keyed "pin_baru" with the reason in Indonesian."""
    pin = (pin or "").strip()
    if not PIN_RE.match(pin):
        raise ValidationError({"pin_baru": "PIN harus 6 angka (0–9)."})
    if len(set(pin)) == 1:
        raise ValidationError({"pin_baru": "PIN tidak boleh angka yang sama semua (mis. 111111)."})
    if _berurutan(pin):
        raise ValidationError({"pin_baru": "PIN tidak boleh angka berurutan (mis. 123456 atau 654321)."})
    if pin in _tanggal_lahir(penduduk):
        raise ValidationError({"pin_baru": "PIN tidak boleh tanggal lahir Anda."})
    return pin


def _pin_acak(penduduk: Penduduk) -> str:
    while True:
        pin = f"{secrets.randbelow(10 ** PANJANG_PIN):0{PANJANG_PIN}d}"
        try:
            return periksa_pin(pin, penduduk)
        except ValidationError:
            continue


# ---------------------------------------------------------------- issuing

def boleh_terbitkan(pengguna) -> bool:
    """Whether the user may issue PINs anywhere (buttons); the per-resident check is below."""
    return has_action(pengguna, Surat, "add")


def _syarat_penduduk(penduduk: Penduduk) -> None:
    if penduduk.status_dasar != 1:
        raise ValidationError(
            f"PIN tidak dapat diterbitkan: penduduk berstatus {penduduk.get_status_dasar_display().lower()}; "
            "layanan mandiri hanya untuk penduduk yang masih tinggal di desa.")
    if penduduk.nik_sementara or not NIK_RE.match(penduduk.nik or ""):
        raise ValidationError("PIN tidak dapat diterbitkan: penduduk belum memiliki NIK dari Dukcapil "
                              "(masih NIK sementara). Warga masuk layanan mandiri dengan NIK.")
    if umur(penduduk.tanggal_lahir, timezone.localdate()) < UMUR_MIN and penduduk.status_perkawinan == 1:
        raise ValidationError(f"PIN tidak dapat diterbitkan: penduduk belum berumur {UMUR_MIN} tahun dan belum "
                              "kawin. Permohonan dapat diajukan oleh orang tua atau kepala keluarganya.")


def _akun_petugas(akun: Pengguna) -> bool:
    if akun.is_staff or akun.is_superuser:
        return True
    return Keanggotaan.objects.filter(pengguna=akun).exclude(peran="warga").exists()


def _siapkan_akun(penduduk: Penduduk) -> Pengguna:
    akun = penduduk.akun
    if akun is not None and _akun_petugas(akun):
        raise ValidationError("PIN tidak dapat diterbitkan: penduduk ini terhubung ke akun petugas. "
                              "Petugas masuk lewat halaman masuk petugas dengan kata sandinya sendiri.")
    if akun is None:
        akun = Pengguna.objects.create(username=nama_pengguna(penduduk), nama=penduduk.nama[:150], email=None)
        Penduduk.objects.filter(pk=penduduk.pk).update(akun=akun)
        penduduk.akun = akun
    Keanggotaan.objects.get_or_create(
        pengguna=akun, peran="warga", wilayah_id=penduduk.owner_id, unit=None,
        defaults={"owner_id": penduduk.owner_id})
    Keanggotaan.objects.filter(pengguna=akun, peran="warga", aktif=False).update(aktif=True)
    return akun


def terbitkan_pin(penduduk: Penduduk, *, oleh) -> str:
    """Issue (or reset) a resident's layanan mandiri PIN and return it, once. Creates the
    resident's account on first issue. Raises PermissionDenied when `oleh` may not prepare
    letters in the resident's village, ValidationError when the resident cannot have one."""
    if oleh is not None and not covers(oleh, "add", Surat, penduduk.owner_id):
        raise PermissionDenied("Anda tidak berwenang menerbitkan PIN layanan mandiri untuk penduduk ini.")
    _syarat_penduduk(penduduk)
    pin = _pin_acak(penduduk)
    with transaction.atomic():
        journal.begin()
        penduduk = Penduduk.objects.select_for_update().select_related("akun").get(pk=penduduk.pk)
        akun = _siapkan_akun(penduduk)
        akun.password = make_password(pin)
        akun.harus_ganti_sandi = True
        akun.is_active = True
        akun.save(update_fields=["password", "harus_ganti_sandi", "is_active"])
        PinWarga.objects.update_or_create(pengguna=akun, defaults={
            "gagal": 0, "terkunci_sampai": None, "diterbitkan_pada": timezone.now(),
            "diterbitkan_oleh": oleh if getattr(oleh, "pk", None) else None})
    return pin


def atur_pin(penduduk: Penduduk, pin: str) -> Pengguna:
    """Set a known PIN (demo data, tests): the account is ready, no forced change."""
    terbitkan_pin(penduduk, oleh=None)
    akun = Pengguna.objects.get(penduduk__pk=penduduk.pk)
    akun.set_password(periksa_pin(pin, penduduk))
    akun.harus_ganti_sandi = False
    akun.save(update_fields=["password", "harus_ganti_sandi"])
    return akun


def ganti_pin(pengguna: Pengguna, pin_lama: str, pin_baru: str) -> None:
    """The resident picks their own PIN (first login, or any time). Raises ValidationError keyed
    by field."""
    if not pengguna.check_password(pin_lama or ""):
        raise ValidationError({"pin_lama": "PIN lama salah."})
    penduduk = Penduduk.objects.filter(akun=pengguna).first()
    pin_baru = periksa_pin(pin_baru, penduduk)
    if pin_baru == pin_lama:
        raise ValidationError({"pin_baru": "PIN baru harus berbeda dari PIN dari kantor desa/PIN lama."})
    pengguna.set_password(pin_baru)
    pengguna.harus_ganti_sandi = False
    pengguna.save(update_fields=["password", "harus_ganti_sandi"])


# ---------------------------------------------------------------- logging in

def terkunci(pin_warga: PinWarga, sekarang: datetime.datetime | None = None) -> bool:
    return bool(pin_warga.terkunci_sampai and pin_warga.terkunci_sampai > (sekarang or timezone.now()))


def catat_gagal(pin_warga: PinWarga) -> None:
    """One more failure, counted in the database (F()) so parallel guesses all count; the
    failure that reaches the limit locks the account and starts a fresh count."""
    PinWarga.objects.filter(pk=pin_warga.pk).update(gagal=F("gagal") + 1)
    PinWarga.objects.filter(pk=pin_warga.pk, gagal__gte=gagal_maks()).update(
        gagal=0, terkunci_sampai=timezone.now() + datetime.timedelta(minutes=menit_kunci()))


def catat_berhasil(pin_warga: PinWarga) -> None:
    PinWarga.objects.filter(pk=pin_warga.pk).update(gagal=0, terkunci_sampai=None, login_terakhir=timezone.now())


@dataclass
class HasilMasuk:
    pengguna: Pengguna | None
    pesan: str = ""
    status: int = 200


def _ip(request) -> str:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "?"


def masuk(request, nik: str, pin: str) -> HasilMasuk:
    """Check a NIK+PIN login. The answer never tells whether a NIK has an account: an unknown
    NIK and a wrong PIN read the same, and an unknown NIK is "locked" after the same number of
    tries (a cache counter per NIK), exactly like a real account."""
    from .backends import NikPinBackend

    if ratelimit.hit("mandiri-masuk-ip", _ip(request), limit=BATAS_IP, window=JENDELA_IP):
        return HasilMasuk(None, PESAN_BATAS_IP, 429)
    nik = re.sub(r"\s", "", nik or "")
    backend = NikPinBackend()
    pengguna = backend.authenticate(request, nik=nik, pin=pin)
    if pengguna is not None:
        return HasilMasuk(pengguna)
    pesan_kunci = PESAN_TERKUNCI.format(menit=menit_kunci())
    if getattr(request, "mandiri_terkunci", False):
        return HasilMasuk(None, pesan_kunci, 429)
    if ratelimit.hit("mandiri-masuk-nik", nik, limit=gagal_maks(), window=menit_kunci() * 60):
        return HasilMasuk(None, pesan_kunci, 429)
    return HasilMasuk(None, PESAN_SALAH)


# ---------------------------------------------------------------- requesting a letter

def ajukan_surat(*, pengguna, penduduk, jenis, isian: dict, berkas: dict) -> Surat:
    """A resident's request with its scans, all or nothing: a scan refused (wrong type, too
    big) leaves no half-made request behind. `berkas` maps a requirement code to the upload;
    its errors come back keyed "syarat_<kode>", the form field of that requirement."""
    from . import alur

    with transaction.atomic():
        surat = alur.buat_permohonan(pengguna=pengguna, penduduk=penduduk, jenis=jenis, isian=isian,
                                     kanal=Surat.MANDIRI)
        for kode, upload in berkas.items():
            try:
                alur.unggah_lampiran(surat, pengguna=pengguna, syarat=kode, berkas=upload)
            except ValidationError as exc:
                raise ValidationError({f"syarat_{kode}": exc.messages}) from exc
    return surat


# ---------------------------------------------------------------- reads for the resident pages

def penduduk_akun(pengguna) -> Penduduk | None:
    """The resident behind a layanan mandiri account (None for staff accounts)."""
    if not getattr(pengguna, "is_authenticated", False):
        return None
    return Penduduk.objects.filter(akun=pengguna, status_dasar=1).select_related("keluarga").first()


def anggota_keluarga(pengguna):
    """The living members of the resident's own family (the warga grant's condition)."""
    return restrict(Penduduk.objects.filter(status_dasar=1), pengguna, "view").order_by("shdk", "tanggal_lahir", "nama")


def surat_saya(pengguna):
    """Letters of the resident's family, newest first."""
    return restrict(Surat.objects.all(), pengguna, "view").select_related("jenis", "penduduk").order_by("-created_at")
