"""How a resident or family is shown: code labels, readable dates, region names, and sensitive
fields masked unless the reader may see them (privasi.py decides who may)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst

from apps.wilayah.models import LEVEL_DESA, Wilayah

from .privasi import samarkan

BAGIAN_PENDUDUK: list[tuple[str, list[str]]] = [
    ("Identitas", ["nik", "nik_sementara", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
                   "status_perkawinan", "golongan_darah", "warganegara", "suku"]),
    ("Keluarga dan orang tua", ["shdk", "nama_ayah", "nik_ayah", "nama_ibu", "nik_ibu"]),
    ("Pendidikan dan pekerjaan", ["pendidikan_kk", "pendidikan_sedang", "pekerjaan"]),
    ("Dokumen", ["no_akta_lahir", "no_paspor", "tanggal_akhir_paspor", "no_kitas", "akta_perkawinan",
                 "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian", "ktp_el", "status_rekam",
                 "tag_id_card"]),
    ("Kesehatan", ["cacat", "sakit_menahun", "cara_kb", "hamil", "asuransi", "no_asuransi"]),
    ("Status, alamat dan kontak", ["status_dasar", "status_penduduk", "alamat", "alamat_sekarang",
                                   "tanggal_terdaftar", "telepon", "email", "lat", "lng"]),
]


@dataclass
class Baris:
    label: str
    nilai: str
    disamarkan: bool = False


def tampil(obj: models.Model, field: str, *, penuh: bool) -> Baris:
    f = obj._meta.get_field(field)
    value = getattr(obj, f.attname)
    masked = False
    if value is None or value == "":
        text = "—"
    elif f.choices:
        text = str(getattr(obj, f"get_{field}_display")())
    elif isinstance(value, bool):
        text = "Ya" if value else "Tidak"
    elif isinstance(value, datetime.date):
        text = date_format(value, "j F Y")
    else:
        text = str(value)
        if not penuh and field in getattr(type(obj), "sensitive_fields", ()):
            text, masked = samarkan(text), True
    return Baris(capfirst(str(f.verbose_name)), text, masked)


def bagian(obj: models.Model, *, penuh: bool, susunan=BAGIAN_PENDUDUK) -> list[tuple[str, list[Baris]]]:
    return [(judul, [tampil(obj, f, penuh=penuh) for f in fields]) for judul, fields in susunan]


def _awalan(kode: str) -> list[str]:
    parts = kode.split(".")
    return [".".join(parts[:i]) for i in range(LEVEL_DESA, len(parts) + 1)]


def label_wilayah(kodes) -> dict[str, str]:
    """"RT 003 · RW 001 · Dusun I · Pematang Limau" for each code (one query for all)."""
    kodes = {k for k in kodes if k}
    need = {a for k in kodes for a in _awalan(k)}
    names = dict(Wilayah.objects.filter(kode__in=need).values_list("kode", "nama")) if need else {}
    return {k: " · ".join(names.get(a, a) for a in reversed(_awalan(k))) for k in kodes}
