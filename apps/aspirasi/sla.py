"""Service levels in working days (Perpres 76/2013, Permenpan RB 62/2018): the first response
within `tanggapan_pertama`, completion by class or by the category's own level. The kabupaten's
`AturanSla` rows override `AturanSla.BAWAAN`; working days skip weekends and the kabupaten's
holidays (`apps.wilayah.kalender`)."""
from __future__ import annotations

import datetime

from django.utils import timezone

from apps.wilayah import kalender

from .models import AturanSla, Klasifikasi


def aturan(kabupaten: str) -> dict[str, int]:
    """Code -> working days for the kabupaten (defaults overridden by its rows)."""
    hasil = dict(AturanSla.BAWAAN)
    hasil.update(AturanSla.objects.filter(owner_id=kabupaten).values_list("kode", "hari_kerja"))
    return hasil


def kode_penyelesaian(klasifikasi: str, kategori) -> str:
    """Which service level applies to completing this aspiration."""
    if klasifikasi == Klasifikasi.INFORMASI:
        return AturanSla.INFORMASI
    if kategori is not None and kategori.sla in (AturanSla.SENGKETA, AturanSla.CEK_LAPANGAN):
        return kategori.sla
    return AturanSla.PENGADUAN


def tenggat(mulai: datetime.date, kabupaten: str, klasifikasi: str, kategori,
            hari_libur: frozenset | None = None) -> tuple[datetime.date, datetime.date]:
    """(first-response deadline, completion deadline) for a handling received on `mulai`."""
    batas = aturan(kabupaten)
    libur = kalender.libur(kabupaten, dari=mulai) if hari_libur is None else hari_libur
    return (kalender.tambah_hari_kerja(mulai, batas[AturanSla.TANGGAPAN_PERTAMA], libur),
            kalender.tambah_hari_kerja(mulai, batas[kode_penyelesaian(klasifikasi, kategori)], libur))


def terlambat(tenggat_: datetime.date | None, terbuka: bool, hari: datetime.date | None = None) -> bool:
    return bool(terbuka and tenggat_ and tenggat_ < (hari or timezone.localdate()))


def hari_terlambat(tenggat_: datetime.date, hari: datetime.date, hari_libur: frozenset) -> int:
    """Working days past the deadline (0 on or before it)."""
    return kalender.hari_kerja_antara(tenggat_, hari, hari_libur)
