"""Working days: Monday to Friday, minus the kabupaten's holidays (`HariLibur`).

Pure functions take the holidays as a set, so callers load them once per request
(`libur(kode_kabupaten)`) and tests need no database."""
from __future__ import annotations

import datetime

from .models import HariLibur


def libur(kabupaten: str, dari: datetime.date | None = None, sampai: datetime.date | None = None) -> frozenset:
    qs = HariLibur.objects.filter(owner_id=kabupaten)
    if dari:
        qs = qs.filter(tanggal__gte=dari)
    if sampai:
        qs = qs.filter(tanggal__lte=sampai)
    return frozenset(qs.values_list("tanggal", flat=True))


def hari_kerja(tanggal: datetime.date, hari_libur: frozenset | set = frozenset()) -> bool:
    return tanggal.weekday() < 5 and tanggal not in hari_libur


def tambah_hari_kerja(mulai: datetime.date, n: int, hari_libur: frozenset | set = frozenset()) -> datetime.date:
    """The date `n` working days after `mulai` (the day of receipt does not count). A report
    received on Friday with a 3-day limit is due on Wednesday."""
    if n < 0:
        raise ValueError("n harus >= 0")
    tanggal = mulai
    while n:
        tanggal += datetime.timedelta(days=1)
        if hari_kerja(tanggal, hari_libur):
            n -= 1
    return tanggal


def hari_kerja_antara(dari: datetime.date, sampai: datetime.date, hari_libur: frozenset | set = frozenset()) -> int:
    """Working days after `dari` up to and including `sampai` (0 when `sampai <= dari`)."""
    n, tanggal = 0, dari
    while tanggal < sampai:
        tanggal += datetime.timedelta(days=1)
        if hari_kerja(tanggal, hari_libur):
            n += 1
    return n
