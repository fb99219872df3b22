"""Importing official region codes (Kepmendagri) into the tree: validate every row first,
then write all of it or nothing, touching only rows that are new or changed.

Loading the same file twice writes nothing, so the journal (audit log and sync feed) only
ever carries real changes.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ..kode import AWALAN_DESA, CONTOH, POLA, induk_of, level_of, owner_of
from ..models import LEVEL_DESA, LOCAL, OFFICIAL, Tingkat, Wilayah

Progress = Callable[[int, int, str], None]  # (done, total, stage)

WAJIB = ("kode", "nama", "tingkat", "induk")
TAMBAHAN = ("kodepos", "lat", "lng", "luas_km2", "batas")  # optional columns, written when present
BATCH = 2000
_NAMA_MAKS = Wilayah._meta.get_field("nama").max_length
_TINGKAT_SAH = ", ".join(sorted(str(t) for t in OFFICIAL))
_ALIAS_TINGKAT = {"desa adat": Tingkat.DESA_ADAT, "kab": Tingkat.KABUPATEN, "kab.": Tingkat.KABUPATEN}


@dataclass(frozen=True)
class KesalahanBaris:
    """One problem in the input: which row, which column, why (for the operator)."""

    baris: int
    kolom: str
    alasan: str

    def __str__(self) -> str:
        return f"Baris {self.baris}, kolom {self.kolom}: {self.alasan}"


class ImportWilayahError(ValidationError):
    """The input has errors; nothing was written. `kesalahan` lists every one of them."""

    TAMPIL = 100

    def __init__(self, kesalahan: list[KesalahanBaris]):
        self.kesalahan = kesalahan
        messages = [str(k) for k in kesalahan[: self.TAMPIL]]
        if len(kesalahan) > self.TAMPIL:
            messages.append(f"... dan {len(kesalahan) - self.TAMPIL} kesalahan lain.")
        super().__init__(messages)


@dataclass
class ImportResult:
    sumber: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    durasi_s: float = 0.0
    per_tingkat: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return (f"{self.sumber}: {self.total} baris; {self.created} dibuat, {self.updated} diubah, "
                f"{self.unchanged} tetap ({self.durasi_s:.1f} detik)")


@dataclass
class _Baris:
    nomor: int
    kode: str
    nama: str
    tingkat: str
    induk: str
    tambahan: dict[str, Any]


def import_wilayah(
    rows: Iterable[Mapping[str, Any]], *, sumber: str, progress: Progress | None = None, baris_awal: int = 2
) -> ImportResult:
    """Validate and load official regions (provinsi to desa/kelurahan).

    `rows` are mappings with kode, nama, tingkat, induk and optionally kodepos, lat, lng,
    luas_km2, batas. `baris_awal` is the number of the first row in the operator's file
    (2 for a CSV with a header line), so errors point at the right line.
    Raises ImportWilayahError listing every bad row; then nothing is written.
    """
    started = time.perf_counter()
    rows = list(rows)
    total = len(rows)
    tick = _ticker(progress, total)
    errors: list[KesalahanBaris] = []
    parsed: list[_Baris] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(rows):
        baris = _parse(raw, baris_awal + i, errors)
        if baris is not None:
            if baris.kode in seen:
                errors.append(KesalahanBaris(baris.nomor, "kode", f"kode {baris.kode} ganda: sudah ada di baris {seen[baris.kode]}"))
            else:
                seen[baris.kode] = baris.nomor
                parsed.append(baris)
        tick(i + 1, "memeriksa")

    columns = {c for b in parsed for c in b.tambahan}
    existing = _existing(columns)
    for b in parsed:
        if b.induk and b.induk not in seen and b.induk not in existing:
            errors.append(KesalahanBaris(b.nomor, "induk", f"induk {b.induk} tidak ada di berkas maupun di basis data"))
    if errors:
        errors.sort(key=lambda k: k.baris)
        raise ImportWilayahError(errors)

    result = ImportResult(sumber=sumber, total=total)
    to_create: list[Wilayah] = []
    to_update: dict[frozenset, list[tuple[Any, dict]]] = {}
    for b in parsed:
        values = {"nama": b.nama, "tingkat": b.tingkat, **b.tambahan}
        current = existing.get(b.kode)
        if current is None:
            to_create.append(Wilayah(
                kode=b.kode, nama=b.nama, tingkat=b.tingkat, level=level_of(b.tingkat),
                induk_id=b.induk or None, owner_id=owner_of(b.kode, b.tingkat), **b.tambahan,
            ))
            continue
        changed = {k: v for k, v in values.items() if not _same(current[k], v)}
        if changed:
            to_update.setdefault(frozenset(changed), []).append((current["id"], changed))
        else:
            result.unchanged += 1
    _write(to_create, to_update, result, tick)
    result.durasi_s = time.perf_counter() - started
    return result


def _parse(raw: Mapping[str, Any], nomor: int, errors: list[KesalahanBaris]) -> _Baris | None:
    def fail(kolom: str, alasan: str) -> None:
        errors.append(KesalahanBaris(nomor, kolom, alasan))

    missing = [c for c in WAJIB if c not in raw]
    for c in missing:
        fail(c, "kolom wajib tidak ada")
    if missing:
        return None
    kode = _text(raw["kode"])
    nama = " ".join(_text(raw["nama"]).split())
    induk = _text(raw["induk"])
    tingkat_raw = _text(raw["tingkat"]).lower()
    tingkat = _ALIAS_TINGKAT.get(tingkat_raw, tingkat_raw.replace(" ", "_"))
    before = len(errors)
    if not nama:
        fail("nama", "nama tidak boleh kosong")
    elif len(nama) > _NAMA_MAKS:
        fail("nama", f"nama terlalu panjang ({len(nama)} karakter, paling banyak {_NAMA_MAKS})")
    if tingkat in LOCAL:
        fail("tingkat", f"{tingkat_raw} tidak diimpor: dusun, RW dan RT dibuat oleh desa di aplikasi")
    elif tingkat not in OFFICIAL:
        fail("tingkat", f"tingkat '{tingkat_raw}' tidak dikenal; yang sah: {_TINGKAT_SAH}")
    elif not kode:
        fail("kode", "kode tidak boleh kosong")
    elif not POLA[tingkat].match(kode):
        fail("kode", f"kode '{kode}' tidak sesuai format {Tingkat(tingkat).label.lower()} ({CONTOH[tingkat]})")
    else:
        awalan = AWALAN_DESA.get(tingkat)
        if awalan and kode.rsplit(".", 1)[1][0] != awalan:
            fail("kode", f"segmen terakhir kode {Tingkat(tingkat).label.lower()} harus berawalan {awalan} "
                         f"({awalan}xxx), bukan {kode.rsplit('.', 1)[1]}")
        expected = induk_of(kode)
        if induk != expected:
            if expected:
                fail("induk", f"induk harus {expected} (kode tanpa segmen terakhir), bukan '{induk}'")
            else:
                fail("induk", f"provinsi tidak mempunyai induk; kosongkan kolom ini (berisi '{induk}')")
    tambahan = _extras(raw, fail)
    if len(errors) > before:
        return None
    return _Baris(nomor, kode, nama, tingkat, induk, tambahan)


def _extras(raw: Mapping[str, Any], fail: Callable[[str, str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "kodepos" in raw:
        kodepos = _text(raw["kodepos"])
        if kodepos and not (len(kodepos) == 5 and (kodepos.isascii() and kodepos.isdigit())):
            fail("kodepos", f"kode pos harus 5 angka, bukan '{kodepos}'")
        out["kodepos"] = kodepos
    for kolom, lo, hi in (("lat", -90, 90), ("lng", -180, 180), ("luas_km2", 0, 10_000_000)):
        if kolom not in raw:
            continue
        value = raw[kolom]
        if value is None or _text(value) == "":
            out[kolom] = None
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            fail(kolom, f"harus berupa angka, bukan '{value}'")
            continue
        if not (lo <= number <= hi) or math.isnan(number):
            fail(kolom, f"nilai {number} di luar rentang {lo} sampai {hi}")
        out[kolom] = number
    if "batas" in raw:
        batas = raw["batas"]
        if batas in (None, ""):
            out["batas"] = None
        elif not (isinstance(batas, dict) and batas.get("type") in {"Polygon", "MultiPolygon"}
                  and isinstance(batas.get("coordinates"), list)):
            fail("batas", "harus geometri GeoJSON bertipe Polygon atau MultiPolygon")
        else:
            out["batas"] = batas
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _same(current: Any, new: Any) -> bool:
    if isinstance(current, float) and isinstance(new, float):
        return math.isclose(current, new, rel_tol=0, abs_tol=1e-9)
    return current == new


def _existing(columns: set[str]) -> dict[str, dict]:
    """Official rows already in the database, as plain values (one query, no model objects)."""
    fields = ["id", "kode", "nama", "tingkat", *sorted(columns)]
    qs = Wilayah.objects.filter(level__lte=LEVEL_DESA).values(*fields)
    return {row["kode"]: row for row in qs.iterator(chunk_size=5000)}


def _write(to_create: list[Wilayah], to_update: dict[frozenset, list], result: ImportResult, tick) -> None:
    work = len(to_create) + sum(len(v) for v in to_update.values())
    done = result.unchanged
    with transaction.atomic():
        # Parents before children, so every foreign key points at a row that exists.
        to_create.sort(key=lambda w: (w.level, w.kode))
        for i in range(0, len(to_create), BATCH):
            batch = to_create[i : i + BATCH]
            Wilayah.objects.bulk_create(batch)
            done += len(batch)
            tick(done, "menulis", force=True)
        for fields, items in to_update.items():
            for i in range(0, len(items), BATCH):
                changes = dict(items[i : i + BATCH])
                objs = list(Wilayah.objects.filter(pk__in=list(changes)).order_by("pk"))
                for obj in objs:
                    for name, value in changes[obj.pk].items():
                        setattr(obj, name, value)
                Wilayah.objects.bulk_update(objs, sorted(fields))
                done += len(objs)
                tick(done, "menulis", force=True)
    result.created = len(to_create)
    result.updated = work - len(to_create)
    for w in to_create:
        result.per_tingkat[w.tingkat] = result.per_tingkat.get(w.tingkat, 0) + 1


def _ticker(progress: Progress | None, total: int):
    step = max(1, total // 100)

    def tick(done: int, stage: str, force: bool = False) -> None:
        if progress is not None and (force or done % step == 0 or done == total):
            progress(done, total, stage)

    return tick
