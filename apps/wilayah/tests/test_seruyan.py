"""Stories of setting up Kabupaten Seruyan and the demo villages."""
from __future__ import annotations

import io
import json
import random
from collections import Counter

import pytest
from django.core.management import call_command

from apps.sinkron.models import Jurnal
from apps.wilayah.bawaan import SERUYAN_JSON, perangkat_daerah
from apps.wilayah.models import Jabatan, JenisUnit, UnitKerja, Wilayah
from apps.wilayah.services import generate_demo_lingkungan, import_wilayah, load_seruyan

pytestmark = pytest.mark.django_db


@pytest.fixture
def seruyan(db):
    return load_seruyan()


def test_load_seruyan_creates_the_official_tree_of_the_regency(seruyan):
    tingkat = Counter(Wilayah.objects.values_list("tingkat", flat=True))
    assert tingkat == {"provinsi": 1, "kabupaten": 1, "kecamatan": 10, "desa": 97, "kelurahan": 3}
    assert seruyan.wilayah.created == 112
    kab = Wilayah.objects.get(kode="62.07")
    assert kab.nama == "Kabupaten Seruyan" and kab.batas["type"] in {"Polygon", "MultiPolygon"}
    desa = Wilayah.objects.get(kode="62.07.01.2005")
    assert desa.kodepos == "74213" and desa.lat is not None and desa.luas_km2 > 0


def test_load_seruyan_creates_a_unit_with_positions_for_every_office(seruyan):
    jenis = Counter(UnitKerja.objects.values_list("jenis", flat=True))
    assert jenis[JenisUnit.KECAMATAN] == 10
    assert jenis[JenisUnit.PEMDES] == 97 and jenis[JenisUnit.BPD] == 97 and jenis[JenisUnit.KELURAHAN] == 3
    assert jenis[JenisUnit.PERANGKAT_DAERAH] + jenis[JenisUnit.SETDA] == len(perangkat_daerah())
    bappeda = UnitKerja.objects.get(kode="PD-BAPPEDA")
    assert (bappeda.wilayah_id, bappeda.owner_id, bappeda.singkatan) == ("62.07", "62.07", "Bappeda")
    assert UnitKerja.objects.get(kode="PD-SETDA").jenis == JenisUnit.SETDA

    pemdes = UnitKerja.objects.get(kode="PEMDES-62.07.01.2005")
    assert pemdes.owner_id == "62.07.01.2005" and pemdes.induk.kode == "KEC-62.07.01"
    jabatan = {j.nama: j for j in pemdes.jabatan.select_related("atasan")}
    assert {"Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kasi Pelayanan", "Kepala Dusun"} <= set(jabatan)
    assert jabatan["Kepala Desa"].is_kepala and not jabatan["Kepala Desa"].asn
    assert jabatan["Kaur Keuangan"].atasan.nama == "Sekretaris Desa"
    assert all(j.owner_id == "62.07.01.2005" for j in jabatan.values())

    camat = Jabatan.objects.get(unit__kode="KEC-62.07.01", is_kepala=True)
    assert camat.nama == "Camat" and camat.asn and camat.owner_id == "62.07.01"
    lurah = Jabatan.objects.get(unit__kode="KEL-62.07.01.1001", is_kepala=True)
    assert lurah.nama == "Lurah"
    bupati = Jabatan.objects.get(unit__kode="PD-BUPATI", nama="Bupati")
    assert bupati.is_kepala and not bupati.asn
    assert Jabatan.objects.filter(unit__kode="PD-DINKES", is_kepala=True).get().nama == "Kepala Dinas"
    # Every unit has exactly one head.
    assert UnitKerja.objects.exclude(jabatan__is_kepala=True).count() == 0


def test_loading_seruyan_again_writes_nothing(seruyan):
    journal = Jurnal.objects.count()
    again = load_seruyan()
    assert (again.wilayah.created, again.wilayah.updated, again.unit_dibuat, again.jabatan_dibuat) == (0, 0, 0, 0)
    assert Jurnal.objects.count() == journal


def test_load_seruyan_after_a_national_import_adds_boundaries_and_postcodes(db):
    rows = json.loads(SERUYAN_JSON.read_text(encoding="utf-8"))["wilayah"]
    bare = [{k: r[k] for k in ("kode", "nama", "tingkat", "induk")} for r in rows]
    import_wilayah(bare, sumber="nasional", baris_awal=2)
    hasil = load_seruyan()
    assert hasil.wilayah.created == 0
    assert hasil.wilayah.updated == 111  # every row but the province gains geometry/postcode
    assert Wilayah.objects.get(kode="62.07.01.2005").kodepos == "74213"


def test_load_seruyan_command_reports_what_it_did(db):
    out = io.StringIO()
    call_command("load_seruyan", stdout=out)
    assert "Wilayah: 112 dibuat" in out.getvalue()
    assert set(Jurnal.objects.values_list("actor", flat=True)) == {"sistem:load_seruyan"}


def test_demo_villages_get_a_plausible_deterministic_set_of_dusun_rw_rt(seruyan):
    desa = list(Wilayah.objects.filter(level=4).order_by("kode").values_list("kode", flat=True))
    rng = random.Random(2026)
    made = [w for kode in desa for w in generate_demo_lingkungan(desa_kode=kode, rng=rng)]
    tingkat = Counter(w.tingkat for w in made)
    assert 100 <= tingkat["dusun"] <= 200 and tingkat["rw"] == tingkat["dusun"]
    assert 400 <= tingkat["rt"] <= 650  # Seruyan reports about 118 RW and 543 RT
    rt = Wilayah.objects.get(kode="62.07.01.2005.01.001.001")
    assert (rt.nama, rt.tingkat, rt.level, rt.induk_id, rt.owner_id) == ("RT 001", "rt", 7, "62.07.01.2005.01.001",
                                                                        "62.07.01.2005")
    assert Wilayah.objects.get(kode="62.07.01.2005.01").nama == "Dusun I"
    # A village that already has dusun is left alone; the same seed gives the same result.
    assert generate_demo_lingkungan(desa_kode=desa[0], rng=random.Random(1)) == []
    for level in (7, 6, 5):
        Wilayah.objects.filter(level=level).delete()
    rng = random.Random(2026)
    again = [w for kode in desa for w in generate_demo_lingkungan(desa_kode=kode, rng=rng)]
    assert [(w.kode, w.nama) for w in again] == [(w.kode, w.nama) for w in made]
