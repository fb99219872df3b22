"""The monthly report: per handling unit, volumes by class and category, median first-response
and completion times in working days, and the share finished within the service level."""
from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from apps.akun.scope import restrict
from apps.wilayah import kalender
from apps.wilayah.kode import kode_kabupaten

from .models import Klasifikasi, Penanganan


@dataclass
class BarisUnit:
    unit: str
    jumlah: int = 0
    per_klasifikasi: Counter = field(default_factory=Counter)
    per_kategori: Counter = field(default_factory=Counter)
    tanggapan: list = field(default_factory=list)
    penyelesaian: list = field(default_factory=list)
    tepat_waktu: int = 0
    selesai: int = 0

    @property
    def daftar_klasifikasi(self) -> list[tuple[str, int]]:
        return sorted(self.per_klasifikasi.items())

    @property
    def daftar_kategori(self) -> list[tuple[str, int]]:
        return sorted(self.per_kategori.items())

    @property
    def median_tanggapan(self):
        return statistics.median(self.tanggapan) if self.tanggapan else None

    @property
    def median_selesai(self):
        return statistics.median(self.penyelesaian) if self.penyelesaian else None

    @property
    def kepatuhan(self):
        return round(100 * self.tepat_waktu / self.selesai, 1) if self.selesai else None


def rentang_bulan(tahun: int, bulan: int) -> tuple[datetime.datetime, datetime.datetime]:
    awal = timezone.make_aware(datetime.datetime(tahun, bulan, 1))
    akhir = timezone.make_aware(datetime.datetime(tahun + (bulan == 12), bulan % 12 + 1, 1))
    return awal, akhir


def bulanan(user, tahun: int, bulan: int) -> list[BarisUnit]:
    """One row per unit that received handling in the month (within the user's scope)."""
    awal, akhir = rentang_bulan(tahun, bulan)
    qs = restrict(Penanganan.objects.all(), user, "view").filter(diterima_pada__gte=awal, diterima_pada__lt=akhir)
    qs = qs.select_related("unit", "aspirasi", "aspirasi__kategori")
    baris: dict = defaultdict(lambda: None)
    libur_kab: dict = {}
    for pen in qs:
        b = baris[pen.unit_id] or BarisUnit(unit=pen.unit.nama)
        baris[pen.unit_id] = b
        asp = pen.aspirasi
        kab = kode_kabupaten(asp.lokasi_id)
        if kab not in libur_kab:  # not setdefault: its default (a query) would run on every row
            libur_kab[kab] = kalender.libur(kab)
        libur = libur_kab[kab]
        mulai = timezone.localdate(pen.diterima_pada)
        b.jumlah += 1
        b.per_klasifikasi[Klasifikasi(asp.klasifikasi).label] += 1
        b.per_kategori[asp.kategori.nama] += 1
        if pen.ditanggapi_pada:
            b.tanggapan.append(kalender.hari_kerja_antara(mulai, timezone.localdate(pen.ditanggapi_pada), libur))
        if pen.selesai_pada and pen.status == "selesai":
            b.selesai += 1
            b.penyelesaian.append(kalender.hari_kerja_antara(mulai, timezone.localdate(pen.selesai_pada), libur))
            if timezone.localdate(pen.selesai_pada) <= pen.tenggat_selesai:
                b.tepat_waktu += 1
    return sorted(baris.values(), key=lambda b: b.unit)
