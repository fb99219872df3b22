"""Writes to the population registry for single records: check input and scope, then save.

A resident's status, family (KK and SHDK) and home village change only through life events and
family operations (peristiwa.py); here a resident may be registered with a family (initial data
entry) and his other data corrected. Each function raises ValidationError with Indonesian
messages keyed by field, and PerluKonfirmasi when the input is valid but doubtful (a NIK
whose date disagrees with the birth date) and the caller has not accepted the warnings yet.
"""
from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.akun.scope import ensure_allowed
from apps.sinkron import journal
from apps.wilayah.models import LEVEL_DESA, Wilayah

from .models import Keluarga, Penduduk
from .validasi import desa_dari_kode, normalisasi_nama, periksa_nik, periksa_nik_sementara, periksa_no_kk

KEPALA_KELUARGA = 1
STATUS_PINDAH = 3
# Fields a form or API may set besides the required ones.
KOLOM_OPSIONAL = (
    "tempat_lahir", "pendidikan_kk", "pendidikan_sedang", "pekerjaan", "golongan_darah", "warganegara", "suku",
    "nik_ayah", "nama_ayah", "nik_ibu", "nama_ibu", "no_akta_lahir", "no_paspor", "no_kitas", "cacat",
    "sakit_menahun", "status_penduduk", "alamat", "telepon", "email", "tanggal_akhir_paspor", "akta_perkawinan",
    "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian", "ktp_el", "status_rekam", "tag_id_card", "asuransi",
    "no_asuransi", "cara_kb", "hamil", "alamat_sekarang", "lat", "lng", "tanggal_terdaftar",
)
KOLOM_WAJIB = ("nik", "nama", "jenis_kelamin", "tanggal_lahir", "agama", "status_perkawinan")
# Status dasar changes only through events; the owner (home village) only through pindah/datang;
# family and SHDK only through family operations (peristiwa.py). A form or the API may send
# `keluarga` and `shdk` back unchanged.
KOLOM_UBAH = KOLOM_WAJIB + KOLOM_OPSIONAL + ("nik_sementara", "wilayah")
KOLOM_TETAP = ("keluarga", "shdk")
PESAN_KELUARGA_LEWAT_PERISTIWA = (
    "Keluarga dan hubungan dalam keluarga hanya berubah lewat peristiwa: pindah anggota, pecah KK atau bentuk KK "
    "baru di halaman penduduk."
)
KOLOM_KELUARGA = ("no_kk", "alamat", "wilayah", "tanggal_terdaftar")
# Text columns store "" for "not filled in", never NULL (forms and the API may send None).
_TEKS = {f.name for f in Penduduk._meta.concrete_fields if f.get_internal_type() in ("CharField", "EmailField")}


def nik_sementara_baru(desa: str) -> str:
    """A temporary NIK for a resident of `desa` who has none yet: 0, the desa code's 10
    digits, a 5-digit serial ("0" "6207012005" "00001"). Call inside the writing transaction
    after `journal.begin()`: the journal head lock serialises every writer, so the next serial
    is read and used by one transaction at a time (the unique NIK index is the backstop)."""
    awalan = "0" + desa.replace(".", "")[:10].ljust(10, "0")
    terakhir = (Penduduk.objects.filter(nik__range=(awalan + "00000", awalan + "99999")).order_by("-nik")
                .values_list("nik", flat=True).first())
    urut = int(terakhir[-5:]) + 1 if terakhir else 1
    if urut > 99999:
        raise ValidationError({"nik": "Nomor NIK sementara desa ini sudah habis (99.999); hubungi admin kabupaten."})
    return f"{awalan}{urut:05d}"


class PerluKonfirmasi(ValidationError):
    """Valid but doubtful input: saved only when the operator accepts the warnings."""

    def __init__(self, peringatan: list[str]):
        super().__init__({"nik": peringatan}, code="peringatan")
        self.peringatan = peringatan


def _wilayah_lingkungan(wilayah: Wilayah | str) -> Wilayah:
    if isinstance(wilayah, Wilayah):
        return wilayah
    found = Wilayah.objects.filter(kode=(wilayah or "").strip()).first()
    if found is None:
        raise ValidationError({"wilayah": "Wilayah (dusun/RW/RT) tidak ditemukan."})
    return found


def _periksa_wilayah(wilayah: Wilayah) -> str:
    if wilayah.level < LEVEL_DESA:
        raise ValidationError({"wilayah": "Pilih desa/kelurahan atau dusun/RW/RT tempat penduduk tinggal, bukan kecamatan."})
    return desa_dari_kode(wilayah.kode)


def _periksa_tanggal_lahir(tanggal: datetime.date | None) -> None:
    if tanggal is None:
        raise ValidationError({"tanggal_lahir": "Tanggal lahir wajib diisi."})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal_lahir": "Tanggal lahir tidak boleh di masa depan."})
    if tanggal.year < 1880:
        raise ValidationError({"tanggal_lahir": "Tanggal lahir terlalu lampau; periksa tahunnya."})


def _periksa_identitas(p: Penduduk, *, cek_peringatan: bool, setujui_peringatan: bool) -> None:
    """NIK structure and uniqueness, name, birth date, parents' NIK format and family
    membership. Every failing field is reported at once, so the operator fixes all in one go."""
    errors: dict[str, list[str]] = {}

    def gagal(field: str, pesan: str) -> None:
        errors.setdefault(field, []).append(pesan)

    def cek(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
            return None

    p.nik = (p.nik or "").strip()
    if not (p.nama or "").strip():
        gagal("nama", "Nama wajib diisi.")
    cek(_periksa_tanggal_lahir, p.tanggal_lahir)
    if p.nik_sementara:
        # A new or changed number must come from this village's own series; a resident who
        # arrived from another village keeps the number he brought.
        baru = p._state.adding or Penduduk.objects.filter(pk=p.pk).exclude(nik=p.nik).exists()
        cek(periksa_nik_sementara, p.nik, p.owner_id if baru else None)
        peringatan = []
    else:
        peringatan = cek(periksa_nik, p.nik, tanggal_lahir=p.tanggal_lahir if "tanggal_lahir" not in errors else None,
                         jenis_kelamin=p.jenis_kelamin, kode_wilayah=p.wilayah_id) or []
    for field, label in (("nik_ayah", "NIK ayah"), ("nik_ibu", "NIK ibu")):
        value = (getattr(p, field) or "").strip()
        if value and not ((value.isascii() and value.isdigit()) and len(value) == 16):
            gagal(field, f"{label} harus 16 angka, atau dikosongkan bila tidak diketahui.")
    if "nik" not in errors and Penduduk.objects.filter(nik=p.nik).exclude(pk=p.pk).exists():
        # Says only that it exists, not where or whose: no NIK lookup through this message.
        gagal("nik", "NIK ini sudah terdaftar. Bila penduduk datang dari desa lain, catat lewat peristiwa "
                     "pindah datang, bukan data baru.")
    if (p.keluarga_id is None) != (p.shdk is None):
        gagal("shdk", "Isi keluarga (KK) dan hubungan dalam keluarga bersama-sama, atau kosongkan keduanya.")
    elif p.keluarga_id and p.keluarga.owner_id != p.owner_id:
        gagal("keluarga", "Keluarga (KK) ini terdaftar di desa lain.")
    elif p.shdk == KEPALA_KELUARGA and p.keluarga.kepala_id not in (None, p.pk):
        gagal("shdk", "Keluarga ini sudah memiliki kepala keluarga. Ubah dulu hubungan kepala yang lama.")
    if errors:
        raise ValidationError(errors)
    if cek_peringatan and peringatan and not setujui_peringatan:
        raise PerluKonfirmasi(peringatan)


def _simpan_penduduk(p: Penduduk, *, user, action: str) -> Penduduk:
    p.nama = " ".join(p.nama.split())
    p.nama_cari = normalisasi_nama(p.nama)
    p.full_clean(exclude=["owner", "wilayah", "keluarga", "akun", "nik"], validate_unique=False,
                 validate_constraints=False)
    try:
        p.save()
    except IntegrityError:  # a concurrent insert of the same NIK won the race
        raise ValidationError({"nik": "NIK ini sudah terdaftar."}) from None
    if p.shdk == KEPALA_KELUARGA and p.keluarga.kepala_id != p.pk:
        p.keluarga.kepala_id = p.pk
        p.keluarga.save(update_fields=["kepala", "updated_at"])
    if action == "change":  # a head who left his family, or stopped heading it, no longer heads it
        kept = p.keluarga_id if p.shdk == KEPALA_KELUARGA else None
        Keluarga.objects.filter(kepala_id=p.pk).exclude(pk=kept).update(kepala=None)
    ensure_allowed(user, action, p)
    return p


def create_penduduk(
    *,
    user,
    nik: str,
    nama: str,
    jenis_kelamin: int,
    tanggal_lahir: datetime.date,
    agama: int,
    status_perkawinan: int,
    wilayah: Wilayah | str,
    keluarga: Keluarga | None = None,
    shdk: int | None = None,
    nik_sementara: bool = False,
    setujui_peringatan: bool = False,
    **lainnya: Any,
) -> Penduduk:
    """Register one resident in the desa of `wilayah` (a dusun/RW/RT, or the desa itself)."""
    unknown = set(lainnya) - set(KOLOM_OPSIONAL)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Kolom ini tidak dapat diisi di sini."))
    w = _wilayah_lingkungan(wilayah)
    p = Penduduk(
        nik=nik, nama=nama, jenis_kelamin=jenis_kelamin, tanggal_lahir=tanggal_lahir, agama=agama,
        status_perkawinan=status_perkawinan, wilayah=w, owner_id=_periksa_wilayah(w), keluarga=keluarga,
        shdk=shdk, nik_sementara=nik_sementara, **{k: ("" if v is None and k in _TEKS else v) for k, v in lainnya.items()},
    )
    with transaction.atomic():
        journal.begin()  # also serialises the choice of a new temporary NIK
        if nik_sementara and not (p.nik or "").strip():
            p.nik = nik_sementara_baru(p.owner_id)
        _periksa_identitas(p, cek_peringatan=True, setujui_peringatan=setujui_peringatan)
        return _simpan_penduduk(p, user=user, action="add")


def update_penduduk(*, user, penduduk: Penduduk, setujui_peringatan: bool = False, **perubahan: Any) -> Penduduk:
    """Change a resident's data. Status dasar, family and home village change only through events;
    `keluarga` and `shdk` are accepted only with their current values (a form sends them back)."""
    unknown = set(perubahan) - set(KOLOM_UBAH) - set(KOLOM_TETAP)
    if unknown:
        pesan = dict.fromkeys(sorted(unknown), "Kolom ini hanya berubah lewat peristiwa (lahir, mati, pindah, datang).")
        raise ValidationError(pesan)
    with transaction.atomic():
        journal.begin()  # lock order: journal head, then rows (no deadlocks)
        p = Penduduk.objects.select_for_update().get(pk=penduduk.pk)
        ensure_allowed(user, "change", p)
        if p.status_dasar == STATUS_PINDAH:  # released: the village he moves to takes the record over
            raise ValidationError({"nama": "Penduduk ini sudah pindah keluar; datanya tidak diubah lagi oleh desa asal. "
                                           "Desa tujuan mengambil alih data lewat peristiwa datang."})
        before = (p.nik, p.tanggal_lahir, p.jenis_kelamin, p.nik_sementara)
        berubah = {}
        if "keluarga" in perubahan:
            baru = perubahan.pop("keluarga")
            if (baru.pk if isinstance(baru, Keluarga) else baru) != p.keluarga_id:
                berubah["keluarga"] = PESAN_KELUARGA_LEWAT_PERISTIWA
        if "shdk" in perubahan and perubahan.pop("shdk") != p.shdk:
            berubah["shdk"] = PESAN_KELUARGA_LEWAT_PERISTIWA
        if berubah:
            raise ValidationError(berubah)
        for key, value in perubahan.items():
            if key == "wilayah":
                value = _wilayah_lingkungan(value)
                if _periksa_wilayah(value) != p.owner_id:
                    raise ValidationError({"wilayah": "Pindah ke desa lain dicatat lewat peristiwa pindah, bukan diubah di sini."})
            setattr(p, key, "" if value is None and key in _TEKS else value)
        changed = before != (p.nik, p.tanggal_lahir, p.jenis_kelamin, p.nik_sementara)
        _periksa_identitas(p, cek_peringatan=changed, setujui_peringatan=setujui_peringatan)
        return _simpan_penduduk(p, user=user, action="change")


def _periksa_keluarga(k: Keluarga) -> None:
    k.no_kk = (k.no_kk or "").strip()
    periksa_no_kk(k.no_kk)
    if Keluarga.objects.filter(no_kk=k.no_kk).exclude(pk=k.pk).exists():
        raise ValidationError({"no_kk": "No. KK ini sudah terdaftar."})
    if k.tanggal_terdaftar and k.tanggal_terdaftar > timezone.localdate():
        raise ValidationError({"tanggal_terdaftar": "Tanggal terdaftar tidak boleh di masa depan."})


def _simpan_keluarga(k: Keluarga, *, user, action: str) -> Keluarga:
    k.full_clean(exclude=["owner", "wilayah", "kepala", "no_kk"], validate_unique=False, validate_constraints=False)
    try:
        k.save()
    except IntegrityError:
        raise ValidationError({"no_kk": "No. KK ini sudah terdaftar."}) from None
    ensure_allowed(user, action, k)
    return k


def create_keluarga(
    *,
    user,
    no_kk: str,
    wilayah: Wilayah | str,
    alamat: str = "",
    tanggal_terdaftar: datetime.date | None = None,
    kepala: Penduduk | None = None,
) -> Keluarga:
    """Register a family card (KK). With `kepala`, that resident becomes its head (SHDK 1): a
    family change, so it is the family operation "bentuk KK baru" and recorded as an event."""
    if kepala is not None:
        from .peristiwa import bentuk_kk  # the family operations build on these services

        return bentuk_kk(user=user, penduduk=kepala, no_kk=no_kk, wilayah=wilayah, alamat=alamat,
                         tanggal_terdaftar=tanggal_terdaftar, tanggal=tanggal_terdaftar or timezone.localdate())
    w = _wilayah_lingkungan(wilayah)
    k = Keluarga(no_kk=no_kk, wilayah=w, owner_id=_periksa_wilayah(w), alamat=alamat or "",
                 tanggal_terdaftar=tanggal_terdaftar)
    with transaction.atomic():
        _periksa_keluarga(k)
        _simpan_keluarga(k, user=user, action="add")
    return k


def update_keluarga(*, user, keluarga: Keluarga, **perubahan: Any) -> Keluarga:
    unknown = set(perubahan) - set(KOLOM_KELUARGA)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Kolom ini tidak dapat diubah di sini."))
    with transaction.atomic():
        journal.begin()  # lock order: journal head, then rows (no deadlocks)
        k = Keluarga.objects.select_for_update().get(pk=keluarga.pk)
        ensure_allowed(user, "change", k)
        for key, value in perubahan.items():
            if key == "wilayah":
                value = _wilayah_lingkungan(value)
                if _periksa_wilayah(value) != k.owner_id:
                    raise ValidationError({"wilayah": "Keluarga tidak dapat dipindah ke desa lain di sini."})
            setattr(k, key, "" if value is None and key == "alamat" else value)
        _periksa_keluarga(k)
        return _simpan_keluarga(k, user=user, action="change")
