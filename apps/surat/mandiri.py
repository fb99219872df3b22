"""Layanan mandiri accounts: a resident logs in with their NIK and a 6-digit PIN that the
village office issues on paper.

The PIN is the account's password (argon2), so it is never stored or logged in clear; the
office sees it once, on the slip printed right after issuing. A PIN has only a million
values, so the lockout here is what keeps it safe: after `EDESA_PIN_GAGAL_MAKS` failures in a
row the NIK is locked for `EDESA_PIN_KUNCI_MENIT` minutes, even for the right PIN.

The lockout is one mechanism for every NIK, registered or not (decision 0010): a failure
counter and a "locked until" mark in the cache, keyed by an HMAC of the NIK under the
SECRET_KEY (so the cache holds no NIKs), and every attempt costs exactly one password hash
check (a dummy one when the NIK is unknown or locked). Neither the answers, their order nor
their timing tell whether a NIK has an account. `PinWarga.gagal/terkunci_sampai` mirror the
lock for the office's display only; nothing decides on them.

The resident form does not go through `django.contrib.auth.authenticate()`: django-axes (first
in AUTHENTICATION_BACKENDS) would store the submitted form, PIN included, in its attempt log and
answer a lockout with the officials' page. `masuk()` calls the NIK+PIN backend itself and keeps
its own counters, so residents never touch the staff counters and vice versa.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from apps.akun import ratelimit
from apps.akun.klien import ip_klien
from apps.akun.models import Keanggotaan, Pengguna
from apps.akun.scope import covers, has_action, restrict
from apps.kependudukan.models import Penduduk
from apps.kependudukan.selectors import umur
from apps.sinkron import journal

from .models import PinWarga, StatusSurat, Surat

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
# How long a run of failures is remembered: "in a row" within a day.
JENDELA_GAGAL = 24 * 3600
# Open requests a resident may have at once (a script with a stolen PIN cannot flood the office).
KUOTA_SURAT = 10  # correction requests: perbaikan.KUOTA_TERBUKA
PESAN_KUOTA_SURAT = (f"Anda masih memiliki {KUOTA_SURAT} permohonan surat yang belum selesai diproses. Tunggu "
                     "sampai sebagian selesai atau ditolak, atau hubungi kantor desa.")


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


@sensitive_variables("pin")
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


@sensitive_variables("pin")
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


@sensitive_variables("pin")
def terbitkan_pin(penduduk: Penduduk, *, oleh) -> str:
    """Issue (or reset) a resident's layanan mandiri PIN and return it, once. Creates the
    resident's account on first issue, lifts the NIK's lock, and revokes the account's API
    tokens (a token would outlive the PIN it was made with). Raises PermissionDenied when
    `oleh` may not prepare letters in the resident's village, ValidationError when the
    resident cannot have one."""
    from rest_framework.authtoken.models import Token

    if oleh is not None and not covers(oleh, "add", Surat, penduduk.owner_id):
        raise PermissionDenied("Anda tidak berwenang menerbitkan PIN layanan mandiri untuk penduduk ini.")
    _syarat_penduduk(penduduk)
    pin = _pin_acak(penduduk)
    with transaction.atomic():
        journal.begin()
        penduduk = Penduduk.objects.select_for_update(of=("self",)).select_related("akun").get(pk=penduduk.pk)
        akun = _siapkan_akun(penduduk)
        akun.password = make_password(pin)
        akun.harus_ganti_sandi = True
        akun.is_active = True
        akun.save(update_fields=["password", "harus_ganti_sandi", "is_active"])
        PinWarga.objects.update_or_create(pengguna=akun, defaults={
            "gagal": 0, "terkunci_sampai": None, "diterbitkan_pada": timezone.now(),
            "diterbitkan_oleh": oleh if getattr(oleh, "pk", None) else None})
        Token.objects.filter(user=akun).delete()
    buka_kunci(penduduk.nik)
    return pin


@sensitive_variables("pin")
def atur_pin(penduduk: Penduduk, pin: str) -> Pengguna:
    """Set a known PIN (demo data, tests): the account is ready, no forced change."""
    terbitkan_pin(penduduk, oleh=None)
    akun = Pengguna.objects.get(penduduk__pk=penduduk.pk)
    akun.set_password(periksa_pin(pin, penduduk))
    akun.harus_ganti_sandi = False
    akun.save(update_fields=["password", "harus_ganti_sandi"])
    return akun


class PinTerkunci(Exception):
    """Too many wrong PINs for this NIK: the caller ends the resident's session."""

    def __init__(self):
        super().__init__(PESAN_TERKUNCI.format(menit=menit_kunci()))


@sensitive_variables("pin_lama", "pin_baru")
def ganti_pin(pengguna: Pengguna, pin_lama: str, pin_baru: str) -> None:
    """The resident picks their own PIN (first login, or any time). A wrong old PIN counts as a
    failed login of the NIK (the same lock), so a borrowed session cannot be used to guess it;
    raises PinTerkunci when the NIK is or becomes locked, ValidationError keyed by field
    otherwise."""
    from rest_framework.authtoken.models import Token

    penduduk = Penduduk.objects.filter(akun=pengguna).first()
    nik = penduduk.nik if penduduk is not None else f"akun:{pengguna.pk}"
    if terkunci_nik(nik):
        periksa_dummy(pin_lama)
        raise PinTerkunci
    if not pengguna.check_password(pin_lama or ""):
        if catat_gagal_nik(nik, getattr(pengguna, "pin_warga", None)):
            raise PinTerkunci
        raise ValidationError({"pin_lama": "PIN lama salah."})
    catat_berhasil_nik(nik)
    pin_baru = periksa_pin(pin_baru, penduduk)
    if pin_baru == pin_lama:
        raise ValidationError({"pin_baru": "PIN baru harus berbeda dari PIN dari kantor desa/PIN lama."})
    pengguna.set_password(pin_baru)
    pengguna.harus_ganti_sandi = False
    pengguna.save(update_fields=["password", "harus_ganti_sandi"])
    Token.objects.filter(user=pengguna).delete()


# ---------------------------------------------------------------- logging in

def _kunci_cache(nik: str) -> str:
    """The NIK's cache identity: an HMAC under the server secret, so the cache holds no NIK and
    nobody can precompute the keys of the (guessable) NIK space."""
    nik = re.sub(r"\s", "", nik or "")
    return hmac.new(settings.SECRET_KEY.encode(), f"edesa-mandiri-nik:{nik}".encode(), hashlib.sha256).hexdigest()[:40]


def _kunci_gagal(nik: str) -> str:
    return f"edesa:mandiri:gagal:{_kunci_cache(nik)}"


def _kunci_sampai(nik: str) -> str:
    return f"edesa:mandiri:kunci:{_kunci_cache(nik)}"


def terkunci_nik(nik: str) -> bool:
    """Whether logins with this NIK are locked now; the same answer mechanism for every NIK."""
    sampai = cache.get(_kunci_sampai(nik))
    return sampai is not None and sampai > timezone.now().timestamp()


def catat_gagal_nik(nik: str, pin_warga: PinWarga | None = None) -> bool:
    """One more failure for the NIK; the one that reaches the limit locks it for
    `menit_kunci()` minutes and starts a fresh count. Returns whether the NIK is now locked.
    `pin_warga` (a real account) only gets the lock mirrored for display."""
    key = _kunci_gagal(nik)
    cache.add(key, 0, timeout=JENDELA_GAGAL)
    try:
        jumlah = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=JENDELA_GAGAL)
        jumlah = 1
    if jumlah < gagal_maks():
        return False
    sampai = timezone.now() + datetime.timedelta(minutes=menit_kunci())
    cache.set(_kunci_sampai(nik), sampai.timestamp(), timeout=menit_kunci() * 60)
    cache.delete(key)
    if pin_warga is not None:
        PinWarga.objects.filter(pk=pin_warga.pk).update(gagal=jumlah, terkunci_sampai=sampai)
    return True


def catat_berhasil_nik(nik: str) -> None:
    cache.delete_many([_kunci_gagal(nik), _kunci_sampai(nik)])


def buka_kunci(nik: str) -> None:
    """Lift a NIK's lock and forget its failures (a new PIN was issued)."""
    catat_berhasil_nik(nik)


def catat_berhasil(pin_warga: PinWarga) -> None:
    PinWarga.objects.filter(pk=pin_warga.pk).update(gagal=0, terkunci_sampai=None, login_terakhir=timezone.now())


@functools.cache
def _hash_dummy() -> str:
    return make_password(secrets.token_hex(16))


@sensitive_variables("pin")
def periksa_dummy(pin: str | None) -> None:
    """One password check against a fixed hash, so an unknown or locked NIK costs the same
    time as a real check."""
    check_password(pin or "", _hash_dummy())


@dataclass
class HasilMasuk:
    pengguna: Pengguna | None
    pesan: str = ""
    status: int = 200


@sensitive_variables("pin")
def masuk(request, nik: str, pin: str) -> HasilMasuk:
    """Check a NIK+PIN login. The answer never tells whether a NIK has an account: an unknown
    NIK and a wrong PIN read the same, cost the same one hash check, and lock by the same
    counter (see the module docstring)."""
    from .backends import NikPinBackend

    if ratelimit.hit("mandiri-masuk-ip", ip_klien(request), limit=BATAS_IP, window=JENDELA_IP):
        return HasilMasuk(None, PESAN_BATAS_IP, 429)
    nik = re.sub(r"\s", "", nik or "")
    backend = NikPinBackend()
    pengguna = backend.authenticate(request, nik=nik, pin=pin)
    if pengguna is not None:
        return HasilMasuk(pengguna)
    if getattr(request, "mandiri_terkunci", False):
        return HasilMasuk(None, PESAN_TERKUNCI.format(menit=menit_kunci()), 429)
    return HasilMasuk(None, PESAN_SALAH)


# ---------------------------------------------------------------- requesting a letter

def ajukan_surat(*, pengguna, penduduk, jenis, isian: dict, berkas: dict) -> Surat:
    """A resident's request with its scans, all or nothing: a scan refused (wrong type, too
    big) leaves no half-made request behind. `berkas` maps a requirement code to the upload;
    its errors come back keyed "syarat_<kode>", the form field of that requirement."""
    from . import alur

    with transaction.atomic():
        # Serialise one resident's requests so two at once cannot both pass the quota.
        Pengguna.objects.select_for_update().filter(pk=pengguna.pk).exists()
        terbuka = Surat.objects.filter(pemohon=pengguna, status__in=[StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA])
        if terbuka.count() >= KUOTA_SURAT:
            raise ValidationError(PESAN_KUOTA_SURAT)
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
