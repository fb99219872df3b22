"""Stories of the demo generator: deterministic, realistic in structure, journaled."""
import datetime
import random
from collections import Counter

import pytest

from apps.kependudukan.demo import bagi_per_desa, generate_penduduk
from apps.kependudukan.models import Keluarga, Penduduk
from apps.kependudukan.validasi import periksa_nik, periksa_no_kk
from apps.sinkron.models import Jurnal

from .conftest import DESA_A, DESA_B, DESA_C, rt

ACUAN = datetime.date(2025, 6, 30)


def _desa_rt():
    return {DESA_A: [rt(DESA_A)], DESA_B: [rt(DESA_B)], DESA_C: []}


def _sidik():
    return sorted(Penduduk.objects.values_list("nama", "nik", "tanggal_lahir", "keluarga__no_kk", "shdk", "owner_id"))


def _hapus_semua():
    Keluarga.objects.update(kepala=None)
    Penduduk.objects.all().delete()
    Keluarga.objects.all().delete()


def test_same_seed_gives_the_same_people(wil):
    first = generate_penduduk(desa_rt=_desa_rt(), jumlah=300, seed=7, acuan=ACUAN)
    snapshot = _sidik()
    _hapus_semua()
    second = generate_penduduk(desa_rt=_desa_rt(), jumlah=300, seed=7, acuan=ACUAN)
    assert _sidik() == snapshot
    assert (first.penduduk, first.keluarga, first.per_desa) == (second.penduduk, second.keluarga, second.per_desa)
    _hapus_semua()
    generate_penduduk(desa_rt=_desa_rt(), jumlah=300, seed=8, acuan=ACUAN)
    assert _sidik() != snapshot


def test_generated_residents_have_valid_numbers_and_whole_families(wil):
    progress = []
    hasil = generate_penduduk(desa_rt=_desa_rt(), jumlah=500, seed=3, acuan=ACUAN, batch=200,
                              progress=lambda done, total: progress.append((done, total)))
    assert hasil.penduduk == Penduduk.objects.count() == 500 and sum(hasil.per_desa.values()) == 500
    assert progress[-1] == (500, 500) and len(progress) > 1
    people = list(Penduduk.objects.select_related("keluarga"))
    for p in people:
        assert periksa_nik(p.nik, tanggal_lahir=p.tanggal_lahir, jenis_kelamin=p.jenis_kelamin) == [], p.nik
        assert p.owner_id == p.keluarga.owner_id and p.wilayah_id in (rt(p.owner_id), p.owner_id)
        assert p.nama_cari == p.nama.lower().replace(".", " ").replace("  ", " ").strip()
    by_nik = {p.nik: p for p in people}
    for kk in Keluarga.objects.prefetch_related("anggota"):
        periksa_no_kk(kk.no_kk)
        assert kk.no_kk[:6] == kk.owner_id.replace(".", "")[:6]
        assert kk.no_kk[6:12] == kk.tanggal_terdaftar.strftime("%d%m%y")
        heads = [a for a in kk.anggota.all() if a.shdk == 1]
        assert len(heads) == 1 and kk.kepala_id == heads[0].pk
    children = [p for p in people if p.nik_ibu]
    assert children
    for child in children:
        mother = by_nik[child.nik_ibu]
        assert mother.jenis_kelamin == 2 and child.nama_ibu == mother.nama and mother.tanggal_lahir < child.tanggal_lahir
    # Every row is journaled, families and residents alike.
    assert Jurnal.objects.filter(model="kependudukan.penduduk", op="C").count() == 500
    assert Jurnal.objects.filter(model="kependudukan.keluarga", op="C").count() == hasil.keluarga


def test_population_looks_like_rural_central_kalimantan(wil):
    generate_penduduk(desa_rt=_desa_rt(), jumlah=3000, seed=11, acuan=ACUAN)
    people = list(Penduduk.objects.values("jenis_kelamin", "tanggal_lahir", "agama", "shdk", "pekerjaan",
                                          "status_perkawinan", "keluarga_id"))
    n = len(people)
    male = sum(p["jenis_kelamin"] == 1 for p in people) / n
    assert 0.50 < male < 0.545
    anak = sum((ACUAN - p["tanggal_lahir"]).days < 15 * 365.25 for p in people) / n
    assert 0.24 < anak < 0.36  # a young population
    agama = Counter(p["agama"] for p in people)
    assert agama.most_common(1)[0][0] == 1 and {2, 4} <= set(agama)
    sizes = Counter(Counter(p["keluarga_id"] for p in people).values())
    assert 3.3 < n / sum(sizes.values()) < 4.3 and max(sizes) >= 6 and sizes[1] > 0
    for p in people:
        umur = (ACUAN - p["tanggal_lahir"]).days / 365.25
        if umur < 5:
            assert p["pekerjaan"] == 1 and p["status_perkawinan"] == 1
        if p["shdk"] == 3:
            assert p["status_perkawinan"] == 2 and p["jenis_kelamin"] == 2


def test_a_load_that_fails_halfway_leaves_nothing_behind(wil):
    def padam(done, total):
        if done > 100:
            raise RuntimeError("listrik padam")

    with pytest.raises(RuntimeError):
        generate_penduduk(desa_rt=_desa_rt(), jumlah=300, seed=1, acuan=ACUAN, batch=50, progress=padam)
    assert not Penduduk.objects.exists() and not Keluarga.objects.exists()
    assert not Jurnal.objects.filter(model__startswith="kependudukan.").exists()


def test_village_shares_add_up_exactly():
    desa_rt = {f"62.07.01.20{i:02d}": [f"rt{j}" for j in range(i % 5 + 1)] for i in range(10)}
    counts = bagi_per_desa(desa_rt, 12345, random.Random(1))
    assert sum(counts.values()) == 12345 and all(v > 0 for v in counts.values())
