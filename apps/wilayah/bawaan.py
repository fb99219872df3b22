"""Default organisation of a regency: which units exist and which positions each has.

Village positions follow Permendagri 84/2015 (SOTK Pemerintah Desa: Sekretaris Desa with
Kaur under it; Kasi and Kepala Dusun under the Kepala Desa); kelurahan and kecamatan follow
PP 17/2018 (Kecamatan); regency agencies come from data/perangkat_daerah.json, which an
admin can extend in the application. Each list starts with the head of the unit.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .models import JenisUnit

DATA = Path(__file__).resolve().parent / "data"
SERUYAN_JSON = DATA / "seruyan.json"
PERANGKAT_DAERAH_JSON = DATA / "perangkat_daerah.json"


@dataclass(frozen=True)
class JabatanBawaan:
    nama: str
    atasan: str | None = None  # name of the superior position in the same unit
    asn: bool = False


def _daftar(asn: bool, *rows: tuple[str, str | None]) -> tuple[JabatanBawaan, ...]:
    return tuple(JabatanBawaan(nama, atasan, asn) for nama, atasan in rows)


JABATAN_DESA = _daftar(
    False,
    ("Kepala Desa", None),
    ("Sekretaris Desa", "Kepala Desa"),
    ("Kaur Keuangan", "Sekretaris Desa"),
    ("Kaur Umum dan Perencanaan", "Sekretaris Desa"),
    ("Kasi Pemerintahan", "Kepala Desa"),
    ("Kasi Kesejahteraan", "Kepala Desa"),
    ("Kasi Pelayanan", "Kepala Desa"),
    ("Kepala Dusun", "Kepala Desa"),
)
JABATAN_KELURAHAN = _daftar(
    True,
    ("Lurah", None),
    ("Sekretaris Kelurahan", "Lurah"),
    ("Kasi Pemerintahan", "Lurah"),
    ("Kasi Ketenteraman dan Ketertiban Umum", "Lurah"),
    ("Kasi Pemberdayaan Masyarakat", "Lurah"),
    ("Kasi Pelayanan Umum", "Lurah"),
)
JABATAN_KECAMATAN = _daftar(
    True,
    ("Camat", None),
    ("Sekretaris Camat", "Camat"),
    ("Kasubbag Umum dan Kepegawaian", "Sekretaris Camat"),
    ("Kasubbag Perencanaan dan Keuangan", "Sekretaris Camat"),
    ("Kasi Pemerintahan", "Camat"),
    ("Kasi Pemberdayaan Masyarakat dan Desa", "Camat"),
    ("Kasi Ketenteraman dan Ketertiban Umum", "Camat"),
    ("Kasi Kesejahteraan Sosial", "Camat"),
    ("Kasi Pelayanan Umum", "Camat"),
)
JABATAN_BPD = _daftar(
    False,
    ("Ketua BPD", None),
    ("Wakil Ketua BPD", "Ketua BPD"),
    ("Sekretaris BPD", "Ketua BPD"),
    ("Anggota BPD", "Ketua BPD"),
)


@dataclass(frozen=True)
class UnitBawaan:
    kode: str
    nama: str
    singkatan: str
    jenis: str
    wilayah: str
    jabatan: tuple[JabatanBawaan, ...]
    induk: str | None = None  # kode of the parent unit


@cache
def perangkat_daerah() -> list[dict]:
    return json.loads(PERANGKAT_DAERAH_JSON.read_text(encoding="utf-8"))["unit"]


def unit_kabupaten(kabupaten: str) -> list[UnitBawaan]:
    units = []
    for u in perangkat_daerah():
        entries = [j if isinstance(j, dict) else {"nama": j} for j in u["jabatan"]]
        kepala = entries[0]["nama"]
        jabatan = tuple(
            JabatanBawaan(e["nama"], None if i == 0 else kepala, e.get("asn", True)) for i, e in enumerate(entries)
        )
        units.append(UnitBawaan(u["kode"], u["nama"], u.get("singkatan", ""), u["jenis"], kabupaten, jabatan))
    return units


def unit_kecamatan(kode: str, nama: str) -> UnitBawaan:
    return UnitBawaan(f"KEC-{kode}", f"Kecamatan {nama}", f"Kec. {nama}", JenisUnit.KECAMATAN, kode, JABATAN_KECAMATAN)


def unit_desa(kode: str, nama: str, tingkat: str) -> list[UnitBawaan]:
    """A kelurahan gets its office; a desa its government and its BPD (village council)."""
    kecamatan = f"KEC-{kode.rpartition('.')[0]}"
    if tingkat == "kelurahan":
        return [UnitBawaan(f"KEL-{kode}", f"Kelurahan {nama}", f"Kel. {nama}", JenisUnit.KELURAHAN, kode,
                           JABATAN_KELURAHAN, induk=kecamatan)]
    return [
        UnitBawaan(f"PEMDES-{kode}", f"Pemerintah Desa {nama}", f"Pemdes {nama}", JenisUnit.PEMDES, kode,
                   JABATAN_DESA, induk=kecamatan),
        UnitBawaan(f"BPD-{kode}", f"Badan Permusyawaratan Desa {nama}", f"BPD {nama}", JenisUnit.BPD, kode, JABATAN_BPD),
    ]
