"""Units of government, their positions and the officials who hold them.

A unit, its positions and its officials are written by the office the unit serves (the
owner is the unit's wilayah), so a village keeps its own officials and an agency its own.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..models import Jabatan, JenisUnit, Pejabat, StatusPejabat, Tingkat, UnitKerja, Wilayah
from ._simpan import insert as _insert
from ._simpan import update as _update

# Which level of region each kind of unit serves.
WILAYAH_UNIT = {
    JenisUnit.PEMDES: {Tingkat.DESA, Tingkat.DESA_ADAT},
    JenisUnit.BPD: {Tingkat.DESA, Tingkat.DESA_ADAT},
    JenisUnit.KELURAHAN: {Tingkat.KELURAHAN},
    JenisUnit.KECAMATAN: {Tingkat.KECAMATAN},
    JenisUnit.PERANGKAT_DAERAH: {Tingkat.KABUPATEN, Tingkat.KOTA},
    JenisUnit.SETDA: {Tingkat.KABUPATEN, Tingkat.KOTA},
}
_KODE_UNIT = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{1,39}$")


def _required(value: str, field: str, label: str, max_length: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({field: f"{label} tidak boleh kosong."})
    if len(value) > max_length:
        raise ValidationError({field: f"{label} terlalu panjang (paling banyak {max_length} karakter)."})
    return value


def _apply(obj, data: Mapping[str, Any], allowed: set[str]) -> list[str]:
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Kolom tidak dapat diubah: {', '.join(sorted(unknown))}")
    changed = [k for k, v in data.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, data[k])
    return changed


def _change(obj, user, data: Mapping[str, Any], allowed: set[str], check, normalised: list[str]):
    """Apply `data`, validate with `check` (which may normalise `normalised` fields), save
    only when something changed (no empty journal entries)."""
    changed = _apply(obj, data, allowed)
    if not changed:
        return obj
    check(obj)
    return _update(obj, user, [*changed, *normalised])


# --- Unit kerja -------------------------------------------------------------------------------

UNIT_FIELDS = {"nama", "singkatan", "induk", "alamat", "telepon", "email", "aktif"}


def _check_unit(unit: UnitKerja) -> None:
    unit.nama = _required(unit.nama, "nama", "Nama unit", 160)
    unit.singkatan = " ".join((unit.singkatan or "").split())[:40]
    if unit.email:
        try:
            validate_email(unit.email)
        except ValidationError:
            raise ValidationError({"email": "Alamat email tidak sah."}) from None
    parent, seen = unit.induk, {unit.pk}
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"induk": "Unit induk tidak boleh unit ini sendiri atau bawahannya."})
        seen.add(parent.pk)
        parent = parent.induk


def create_unit_kerja(
    *, user, kode: str, nama: str, jenis: str, wilayah: Wilayah, singkatan: str = "",
    induk: UnitKerja | None = None, alamat: str = "", telepon: str = "", email: str = "",
) -> UnitKerja:
    """Add a unit, e.g. a new perangkat daerah after a change of the regency's SOTK."""
    kode = (kode or "").strip().upper()
    if not _KODE_UNIT.match(kode):
        raise ValidationError({"kode": "Kode unit 2-40 karakter: huruf besar, angka, titik atau tanda hubung "
                                       "(mis. PD-BAPPEDA)."})
    if jenis not in JenisUnit.values:
        raise ValidationError({"jenis": "Jenis unit tidak dikenal."})
    if wilayah.tingkat not in WILAYAH_UNIT[jenis]:
        sah = ", ".join(sorted(Tingkat(t).label.lower() for t in WILAYAH_UNIT[jenis]))
        raise ValidationError({"wilayah": f"Unit {JenisUnit(jenis).label} harus berada di wilayah tingkat {sah}."})
    if UnitKerja.objects.filter(kode=kode).exists():
        raise ValidationError({"kode": f"Kode unit {kode} sudah dipakai."})
    unit = UnitKerja(kode=kode, nama=nama, singkatan=singkatan, jenis=jenis, wilayah=wilayah, induk=induk,
                     alamat=alamat.strip(), telepon=telepon.strip(), email=email.strip(), owner_id=wilayah.kode)
    _check_unit(unit)
    return _insert(unit, user)


def update_unit_kerja(*, user, unit: UnitKerja, data: Mapping[str, Any]) -> UnitKerja:
    """Change a unit's name, parent or contact details (its code, kind and region stay)."""
    return _change(unit, user, data, UNIT_FIELDS, _check_unit, normalised=["nama", "singkatan"])


# --- Jabatan ----------------------------------------------------------------------------------

JABATAN_FIELDS = {"nama", "atasan", "is_kepala", "asn", "urutan"}


def _check_jabatan(jabatan: Jabatan) -> None:
    jabatan.nama = _required(jabatan.nama, "nama", "Nama jabatan", 120)
    same_unit = Jabatan.objects.filter(unit_id=jabatan.unit_id).exclude(pk=jabatan.pk)
    if kembar := same_unit.filter(nama__iexact=jabatan.nama).first():
        raise ValidationError({"nama": f"Jabatan {kembar.nama} sudah ada di unit ini."})
    if jabatan.is_kepala and same_unit.filter(is_kepala=True).exists():
        raise ValidationError({"is_kepala": "Unit ini sudah mempunyai jabatan kepala unit."})
    parent, seen = jabatan.atasan, {jabatan.pk}
    if parent is not None and parent.unit_id != jabatan.unit_id:
        raise ValidationError({"atasan": "Atasan harus jabatan di unit yang sama."})
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"atasan": "Atasan tidak boleh jabatan ini sendiri atau bawahannya."})
        seen.add(parent.pk)
        parent = parent.atasan


def create_jabatan(
    *, user, unit: UnitKerja, nama: str, atasan: Jabatan | None = None, is_kepala: bool = False,
    asn: bool = False, urutan: int = 0,
) -> Jabatan:
    jabatan = Jabatan(unit=unit, nama=nama, atasan=atasan, is_kepala=is_kepala, asn=asn, urutan=urutan,
                      owner_id=unit.owner_id)
    _check_jabatan(jabatan)
    return _insert(jabatan, user)


def update_jabatan(*, user, jabatan: Jabatan, data: Mapping[str, Any]) -> Jabatan:
    return _change(jabatan, user, data, JABATAN_FIELDS, _check_jabatan, normalised=["nama"])


# --- Pejabat ----------------------------------------------------------------------------------

PEJABAT_FIELDS = {"nama", "nip", "jabatan", "status", "mulai", "selesai", "pengguna"}


def _date(text: str, fmt: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text, fmt).date()
    except ValueError:
        return None


def check_nip(nip: str) -> str:
    """Normalise and check an ASN's NIP (18 digits: birth date YYYYMMDD, appointment YYYYMM,
    sex 1/2, serial NNN). Spaces, as printed on letters, are removed. Returns "" for blank."""
    nip = re.sub(r"[\s.]", "", nip or "")
    if not nip:
        return ""
    if not (len(nip) == 18 and (nip.isascii() and nip.isdigit())):
        raise ValidationError({"nip": f"NIP harus 18 angka (sekarang {len(nip)} karakter)."})
    lahir = _date(nip[:8], "%Y%m%d")
    if lahir is None or not 1940 <= lahir.year <= datetime.date.today().year - 17:
        raise ValidationError({"nip": f"8 angka pertama NIP ({nip[:8]}) harus tanggal lahir yang sah (TTTTBBHH)."})
    tmt = _date(nip[8:14] + "01", "%Y%m%d")
    if tmt is None or tmt <= lahir or tmt > datetime.date.today().replace(day=1):
        raise ValidationError({"nip": f"Angka ke-9 s.d. 14 NIP ({nip[8:14]}) harus tahun dan bulan pengangkatan "
                                      "yang sah (TTTTBB), sesudah tanggal lahir dan tidak di masa depan."})
    if nip[14] not in "12":
        raise ValidationError({"nip": "Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."})
    return nip


def _check_pejabat(p: Pejabat) -> None:
    p.owner_id = p.jabatan.owner_id  # an official belongs to the office of the position
    p.nama = _required(p.nama, "nama", "Nama", 120)
    p.nip = check_nip(p.nip)
    if not p.nip and p.jabatan.asn:
        raise ValidationError({"nip": f"NIP wajib diisi: jabatan {p.jabatan.nama} dijabat ASN."})
    if p.status not in StatusPejabat.values:
        raise ValidationError({"status": "Status pejabat tidak dikenal."})
    if p.status != StatusPejabat.DEFINITIF and p.mulai is None:
        raise ValidationError({"mulai": f"Tanggal mulai wajib untuk {StatusPejabat(p.status).label}."})
    if p.mulai and p.selesai and p.selesai < p.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if p.jabatan.is_kepala and p.status == StatusPejabat.DEFINITIF:
        bentrok = _overlapping(p).first()
        if bentrok is not None:
            raise ValidationError({"status": f"{p.jabatan.nama} pada masa itu sudah dijabat definitif oleh "
                                             f"{bentrok.nama}. Isi tanggal selesai pejabat tersebut lebih dulu."})


def _overlapping(p: Pejabat):
    qs = Pejabat.objects.filter(jabatan_id=p.jabatan_id, status=StatusPejabat.DEFINITIF).exclude(pk=p.pk)
    if p.selesai:
        qs = qs.exclude(mulai__gt=p.selesai)
    if p.mulai:
        qs = qs.exclude(selesai__lt=p.mulai)
    return qs


def create_pejabat(
    *, user, jabatan: Jabatan, nama: str, nip: str = "", status: str = StatusPejabat.DEFINITIF,
    mulai: datetime.date | None = None, selesai: datetime.date | None = None, pengguna=None,
) -> Pejabat:
    pejabat = Pejabat(jabatan=jabatan, nama=nama, nip=nip, status=status, mulai=mulai, selesai=selesai,
                      pengguna=pengguna, owner_id=jabatan.owner_id)
    _check_pejabat(pejabat)
    return _insert(pejabat, user)


def update_pejabat(*, user, pejabat: Pejabat, data: Mapping[str, Any]) -> Pejabat:
    return _change(pejabat, user, data, PEJABAT_FIELDS, _check_pejabat, normalised=["nama", "nip", "owner"])
