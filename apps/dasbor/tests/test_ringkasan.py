"""The narrow summary tables agree with a direct count of the aspirations, whatever happens to
them: random creates, status changes, deadline moves, reroutes, recategorisations and deletes,
moves to another place,
applied through the journal pass (`perbarui`) or the service hook (`catat_perubahan`)."""
from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from apps.aspirasi.models import Aspirasi, KategoriAspirasi
from apps.dasbor import ringkasan
from apps.sinkron.context import acting_as
from apps.wilayah import kalender
from apps.wilayah.models import UnitKerja, subtree_q
from tests import world

from ._pimpinan import aspirasi, isi_tabel

pytestmark = pytest.mark.django_db
LOKASI = [world.DESA, world.DESA_TETANGGA, world.DESA_KEC_LAIN, world.DESA_KAB_LAIN, world.KEC]
WILAYAH = [world.KAB, world.KEC, world.KEC_LAIN, world.DESA, world.DESA_TETANGGA, world.DESA_KEC_LAIN,
           world.KAB_LAIN, world.DESA_KAB_LAIN]


def langsung(kode: str) -> dict:
    """The dashboard figures of `kode` counted straight from the aspiration table."""
    hari = timezone.localdate()
    out = {"total": 0, "terbuka": 0, "terlambat": 0, "selesai": 0}
    per_anak: dict = defaultdict(Counter)
    per_kategori: dict = defaultdict(lambda: ["", 0, 0])
    per_unit: dict = defaultdict(lambda: ["", 0, 0])
    respon: Counter = Counter()
    tepat = 0
    for r in Aspirasi.objects.filter(subtree_q("lokasi_id", kode)).values(
            "lokasi_id", "kategori_id", "kategori__nama", "unit_saat_ini_id", "unit_saat_ini__nama", "terbuka", "tenggat", "created_at",
            "ditanggapi_pada", "selesai_pada"):
        lewat = r["terbuka"] and r["tenggat"] is not None and r["tenggat"] < hari
        anak = per_anak[ringkasan.anak_dari(kode, r["lokasi_id"]) or kode]
        out["total"] += 1
        anak["jumlah"] += 1
        if r["terbuka"]:
            out["terbuka"] += 1
            out["terlambat"] += lewat
            anak["terbuka"] += 1
            anak["terlambat"] += lewat
            # by id (two kabupaten may name a category alike), compared as (name, open, overdue)
            for per, pk, nama in ((per_kategori, r["kategori_id"], r["kategori__nama"]),
                                  (per_unit, r["unit_saat_ini_id"], r["unit_saat_ini__nama"] or "Belum diteruskan")):
                per[pk] = [nama, per[pk][1] + 1, per[pk][2] + lewat]
        if r["ditanggapi_pada"]:
            dibuat, dijawab = (timezone.localtime(r[k]).date() for k in ("created_at", "ditanggapi_pada"))
            respon[min(kalender.hari_kerja_antara(dibuat, dijawab, kalender.libur(kode[:5])), 60)] += 1
        if not r["terbuka"] and r["selesai_pada"] and r["tenggat"]:
            out["selesai"] += 1
            tepat += timezone.localtime(r["selesai_pada"]).date() <= r["tenggat"]
    out["sla_persen"] = round(100 * tepat / out["selesai"], 1) if out["selesai"] else None
    out["median_respon"] = ringkasan._median(respon)
    out["per_anak"] = {k: {"jumlah": v["jumlah"], "terbuka": v["terbuka"], "terlambat": v["terlambat"]}
                       for k, v in per_anak.items()}
    out["per_kategori"] = sorted(tuple(v) for v in per_kategori.values())
    out["per_unit"] = sorted(tuple(v) for v in per_unit.values())
    return out


def dari_ringkasan(kode: str) -> dict:
    d = ringkasan._hitung_aspirasi(kode, timezone.localdate())
    return {**{k: d[k] for k in ("total", "terbuka", "terlambat", "selesai", "sla_persen", "median_respon",
                                  "per_anak")},
            "per_kategori": sorted((r["nama"], r["terbuka"], r["terlambat"]) for r in d["per_kategori"]),
            "per_unit": sorted((r["nama"], r["terbuka"], r["terlambat"]) for r in d["per_unit"])}


def _periksa():
    for kode in WILAYAH:
        assert dari_ringkasan(kode) == langsung(kode), kode


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_narrow_tables_follow_random_changes(seed):
    world.build()
    rng = random.Random(seed)
    hari = timezone.localdate()
    with acting_as("sistem:uji"):
        kategori = [KategoriAspirasi.objects.get(owner_id=world.KAB, kode="jalan"),
                    KategoriAspirasi.objects.create(kode="air", nama="Air bersih", tingkat="kabupaten",
                                                    owner_id=world.KAB)]
    unit = list(UnitKerja.objects.filter(kode__startswith="DESA-")) + [None]
    ringkasan.perbarui()
    _periksa()
    milik_uji: list[Aspirasi] = []

    def tanggal():
        return rng.choice([None, hari, hari - datetime.timedelta(days=rng.randint(1, 10)),
                           hari + datetime.timedelta(days=rng.randint(1, 10))])

    def waktu():
        return timezone.now() + datetime.timedelta(days=rng.randint(-12, 12), hours=rng.randint(0, 23))

    for langkah in range(60):
        ops = ["buat"] * 3 + (["tutup", "buka", "tenggat", "teruskan", "kategori", "pindah", "hapus"] if milik_uji else [])
        op = rng.choice(ops)
        with acting_as("sistem:uji"):
            if op == "buat":
                lokasi = rng.choice(LOKASI[:-1])
                a = aspirasi(lokasi, f"Uji {langkah}", tenggat=tanggal() or hari, terbuka=rng.random() < 0.7)
                milik_uji.append(a)
            else:
                a = rng.choice(milik_uji)
                a.refresh_from_db()
                if op == "hapus":
                    milik_uji.remove(a)
                    a.delete()
                else:
                    if op == "tutup":
                        a.terbuka, a.selesai_pada, a.status = False, waktu(), "selesai"
                        a.ditanggapi_pada = a.ditanggapi_pada or waktu()
                    elif op == "buka":
                        a.terbuka, a.selesai_pada, a.status = True, None, "diproses"
                    elif op == "tenggat":
                        a.tenggat = tanggal()
                    elif op == "pindah":  # also to the kecamatan itself, counted under its own code
                        a.lokasi_id = rng.choice(LOKASI)
                        a.kecamatan_kode = a.lokasi_id if a.lokasi_id == world.KEC else a.lokasi_id.rsplit(".", 1)[0]
                    elif op == "teruskan":
                        a.unit_saat_ini = rng.choice(unit)
                    else:
                        a.kategori = rng.choice(kategori)
                    a.save()
                    if rng.random() < 0.3:
                        ringkasan.catat_perubahan(a)  # the service hook; the journal pass then changes nothing
        if rng.random() < 0.5:
            ringkasan.perbarui()
            _periksa()
    ringkasan.perbarui()
    _periksa()
    inkremental = isi_tabel()
    ringkasan.bangun_ulang()
    assert isi_tabel() == inkremental
    _periksa()


def test_version_moves_only_when_a_count_changes():
    dunia = world.build()
    v = ringkasan.perbarui()
    assert ringkasan.perbarui() == v
    with acting_as("sistem:uji"):
        a = Aspirasi.objects.get(lokasi_id=world.DESA)
        a.judul += " (ejaan)"  # journaled, but no count moves
        a.save()
        dunia.users["bupati"].first_name = "Baru"
        dunia.users["bupati"].save()
    assert ringkasan.perbarui() == v
    with acting_as("sistem:uji"):
        a.terbuka = False
        a.save()
    assert ringkasan.perbarui() > v


def test_summary_reads_a_few_rows_per_area():
    """Each region level has its own rows: the kabupaten reads its rows and its kecamatan's,
    never one per aspiration."""
    world.build()
    for i in range(30):
        aspirasi(world.DESA if i % 2 else world.DESA_TETANGGA, f"Banyak {i}")
    ringkasan.bangun_ulang()
    from apps.dasbor.models import RingkasanWilayah

    assert RingkasanWilayah.objects.filter(wilayah=world.KAB).count() <= 3
    assert RingkasanWilayah.objects.filter(induk=world.KAB).count() <= 6


def test_ringkas_dasbor_rebuilds_the_narrow_tables_from_scratch():
    from io import StringIO

    from django.core.management import call_command

    world.build()
    aspirasi(world.DESA, "Sebelum", tenggat=timezone.localdate() - datetime.timedelta(days=2))
    ringkasan.perbarui()
    benar = isi_tabel()
    for model in ringkasan.TABEL:
        model.objects.all().delete()
    out = StringIO()
    call_command("ringkas_dasbor", stdout=out)
    assert isi_tabel() == benar
    assert "dibangun ulang" in out.getvalue()
    _periksa()


def test_a_rebuild_in_progress_elsewhere_is_not_started_again_and_the_dashboard_still_answers(monkeypatch):
    """While one process holds the rebuild lock, a request (dashboards poll every second) serves
    the last figures instead of starting its own full rebuild or failing."""
    from django.core.cache import cache
    from django.test import Client

    from apps.dasbor.models import PenandaRingkasan

    d = world.build()
    aspirasi(world.DESA, "Sudah dihitung")
    ringkasan.perbarui()
    PenandaRingkasan.objects.all().delete()  # as after a migration: the summary must be rebuilt
    dipanggil = []
    monkeypatch.setattr(ringkasan, "bangun_ulang", lambda: dipanggil.append(1))
    assert cache.add(ringkasan.KUNCI_BANGUN, "proses lain", 60)
    try:
        assert ringkasan.perbarui() == 0
        c = Client()
        c.force_login(d.users["bupati"])
        resp = c.get("/dasbor/data/")
        assert resp.status_code == 200 and resp.json()
        assert dipanggil == []
    finally:
        cache.delete(ringkasan.KUNCI_BANGUN)
    ringkasan.perbarui()  # the lock gone, the next request rebuilds (once)
    assert dipanggil == [1]


def test_a_rebuild_that_collides_with_another_serves_the_last_figures(monkeypatch):
    from django.db import IntegrityError

    world.build()
    ringkasan.perbarui()
    v = ringkasan.versi()

    def bentrok():
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(ringkasan, "bangun_ulang", bentrok)
    monkeypatch.setattr(ringkasan, "BATAS_INKREMENTAL", 0)
    aspirasi(world.DESA, "Banyak berubah")
    assert ringkasan.perbarui() == v
