"""Loading Kabupaten Seruyan: its official regions from the product's own fixture, then the
units of government that act in them, each with its default positions.

Idempotent: what exists is left alone (an admin may have renamed a unit or added positions),
so a second run writes nothing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction

from ..bawaan import SERUYAN_JSON, UnitBawaan, unit_desa, unit_kabupaten, unit_kecamatan
from ..models import LEVEL_DESA, Jabatan, Tingkat, UnitKerja
from .impor import ImportResult, Progress, import_wilayah


@dataclass
class LoadSeruyanResult:
    wilayah: ImportResult
    unit_dibuat: int
    jabatan_dibuat: int

    def __str__(self) -> str:
        return f"{self.wilayah}; unit kerja dibuat: {self.unit_dibuat}; jabatan dibuat: {self.jabatan_dibuat}"


def load_seruyan(*, progress: Progress | None = None) -> LoadSeruyanResult:
    """Load apps/wilayah/data/seruyan.json through the same validation as any import, then
    make sure every unit (regency agencies, kecamatan, village governments, BPD) exists."""
    data = json.loads(SERUYAN_JSON.read_text(encoding="utf-8"))
    rows = data["wilayah"]
    with transaction.atomic():
        hasil = import_wilayah(rows, sumber=str(SERUYAN_JSON.name), progress=progress, baris_awal=1)
        units = default_units(rows)
        unit_dibuat, jabatan_dibuat = ensure_units(units)
    return LoadSeruyanResult(hasil, unit_dibuat, jabatan_dibuat)


def default_units(rows: list[dict]) -> list[UnitBawaan]:
    """Units for the regions in `rows` (kabupaten first, then kecamatan, then villages)."""
    units: list[UnitBawaan] = []
    for r in sorted(rows, key=lambda r: r["kode"].count(".")):
        tingkat = r["tingkat"]
        if tingkat in (Tingkat.KABUPATEN, Tingkat.KOTA):
            units += unit_kabupaten(r["kode"])
        elif tingkat == Tingkat.KECAMATAN:
            units.append(unit_kecamatan(r["kode"], r["nama"]))
        elif r["kode"].count(".") + 1 == LEVEL_DESA:
            units += unit_desa(r["kode"], r["nama"], tingkat)
    return units


def ensure_units(specs: list[UnitBawaan]) -> tuple[int, int]:
    """Create the units and positions of `specs` that do not exist yet; returns the counts."""
    kodes = [s.kode for s in specs]
    existing = dict(UnitKerja.objects.filter(kode__in=kodes).values_list("kode", "id"))
    new_units = []
    for s in specs:
        if s.kode in existing:
            continue
        unit = UnitKerja(kode=s.kode, nama=s.nama, singkatan=s.singkatan, jenis=s.jenis, wilayah_id=s.wilayah,
                         owner_id=s.wilayah, induk_id=existing.get(s.induk) if s.induk else None)
        existing[s.kode] = unit.pk  # UUIDv7 ids are made in Python, so children can point at it now
        new_units.append(unit)
    with transaction.atomic():
        UnitKerja.objects.bulk_create(new_units, batch_size=500)
        have = {
            (unit_id, nama): pk
            for unit_id, nama, pk in Jabatan.objects.filter(unit__kode__in=kodes).values_list("unit_id", "nama", "id")
        }
        new_jabatan = []
        for s in specs:
            unit_id = existing[s.kode]
            for urutan, j in enumerate(s.jabatan, start=1):
                if (unit_id, j.nama) in have:
                    continue
                jab = Jabatan(unit_id=unit_id, nama=j.nama, is_kepala=j.atasan is None and urutan == 1, asn=j.asn,
                              urutan=urutan, atasan_id=have.get((unit_id, j.atasan)), owner_id=s.wilayah)
                have[(unit_id, j.nama)] = jab.pk
                new_jabatan.append(jab)
        Jabatan.objects.bulk_create(new_jabatan, batch_size=500)
    return len(new_units), len(new_jabatan)
