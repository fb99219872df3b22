"""Stories of client software (a village node, a dashboard) using the wilayah API."""
from __future__ import annotations

import pytest

from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah
from apps.wilayah.services.seruyan import default_units, ensure_units

from .conftest import DESA_A, DESA_B, IRISAN_SERUYAN, KAB, KEC

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_regions_are_listed_within_scope_and_filtered(admin_kab, operator_a):
    admin, _ = admin_kab
    kode = [w["kode"] for w in admin.get(f"{API}/wilayah/", {"induk": KEC}).json()["results"]]
    assert kode == ["62.07.01.1001", DESA_A, DESA_B]
    kode = [w["kode"] for w in admin.get(f"{API}/wilayah/", {"tingkat": "kecamatan"}).json()["results"]]
    assert kode == [KEC, "62.07.02"]
    kode = [w["kode"] for w in admin.get(f"{API}/wilayah/", {"q": "sungai"}).json()["results"]]
    assert kode == [DESA_B]
    operator, _ = operator_a
    assert [w["kode"] for w in operator.get(f"{API}/wilayah/").json()["results"]] == [DESA_A]
    other = Wilayah.objects.get(kode=DESA_B)
    assert operator.get(f"{API}/wilayah/{other.pk}/").status_code == 404


def test_region_detail_carries_its_boundary(admin_kab, irisan):
    admin, _ = admin_kab
    Wilayah.objects.filter(kode=DESA_A).update(batas={"type": "Polygon", "coordinates": [[[112, -3], [112.1, -3], [112, -3.1], [112, -3]]]})
    data = admin.get(f"{API}/wilayah/{irisan[DESA_A].pk}/").json()
    assert data["batas"]["type"] == "Polygon" and data["induk"] == KEC


def test_operator_creates_renames_and_deletes_a_dusun_through_the_api(operator_a):
    client, _ = operator_a
    resp = post(client, f"{API}/wilayah/", {"induk": DESA_A, "tingkat": "dusun", "nomor": 1, "nama": "Dusun I"})
    assert resp.status_code == 201, resp.content
    dusun = resp.json()
    assert (dusun["kode"], dusun["level"], dusun["induk"]) == (f"{DESA_A}.01", 5, DESA_A)
    resp = patch(client, f"{API}/wilayah/{dusun['id']}/", {"nama": "Dusun Hilir"})
    assert resp.status_code == 200 and resp.json()["nama"] == "Dusun Hilir"
    assert client.delete(f"{API}/wilayah/{dusun['id']}/").status_code == 204


def test_bad_input_answers_400_with_indonesian_messages(operator_a):
    client, _ = operator_a
    resp = post(client, f"{API}/wilayah/", {"induk": DESA_A, "tingkat": "rt", "nomor": 1, "nama": "RT 001"})
    assert resp.status_code == 400
    assert resp.json()["tingkat"] == ["RT hanya dapat dibuat di bawah RW, bukan di bawah desa Pematang Limau."]
    resp = post(client, f"{API}/wilayah/", {"induk": DESA_A, "tingkat": "dusun", "nomor": 1, "nama": " "})
    assert resp.status_code == 400 and "nama" in resp.json()
    post(client, f"{API}/wilayah/", {"induk": DESA_A, "tingkat": "dusun", "nomor": 1, "nama": "Dusun I"})
    resp = post(client, f"{API}/wilayah/", {"induk": DESA_A, "tingkat": "dusun", "nomor": 1, "nama": "Dusun Lagi"})
    assert resp.status_code == 400 and resp.json()["nomor"][0].startswith("Nomor 1 sudah dipakai")
    dusun = Wilayah.objects.get(kode=f"{DESA_A}.01")
    post(client, f"{API}/wilayah/", {"induk": dusun.kode, "tingkat": "rw", "nomor": 1, "nama": "RW 001"})
    resp = client.delete(f"{API}/wilayah/{dusun.pk}/")
    assert resp.status_code == 400 and "masih ada 1 RW di bawahnya" in resp.json()["non_field_errors"][0]
    # An official village is not the operator's to rename: not found for "change".
    assert patch(client, f"{API}/wilayah/{Wilayah.objects.get(kode=DESA_A).pk}/", {"nama": "X"}).status_code == 404


def test_units_positions_and_officials_through_the_api(admin_kab, operator_a, irisan):
    ensure_units(default_units(IRISAN_SERUYAN))
    admin, _ = admin_kab
    resp = post(admin, f"{API}/unit-kerja/", {"kode": "PD-DISPAR", "nama": "Dinas Pariwisata", "jenis": "pd", "wilayah": KAB})
    assert resp.status_code == 201 and resp.json()["wilayah"] == KAB
    resp = post(admin, f"{API}/unit-kerja/", {"kode": "PD-X", "nama": "Salah", "jenis": "pd", "wilayah": DESA_A})
    assert resp.status_code == 400 and "harus berada di wilayah tingkat" in resp.json()["wilayah"][0]
    unit = UnitKerja.objects.get(kode="PD-DISPAR")
    resp = post(admin, f"{API}/jabatan/", {"unit": str(unit.pk), "nama": "Kepala Dinas", "is_kepala": True, "asn": True})
    assert resp.status_code == 201
    jabatan = resp.json()["id"]
    resp = post(admin, f"{API}/pejabat/", {"jabatan": jabatan, "nama": "Ir. Lestari", "nip": "19800315"})
    assert resp.status_code == 400 and resp.json()["nip"] == ["NIP harus 18 angka (sekarang 8 karakter)."]
    resp = post(admin, f"{API}/pejabat/", {"jabatan": jabatan, "nama": "Ir. Lestari", "nip": "197901022003122001"})
    assert resp.status_code == 201 and resp.json()["unit"] == str(unit.pk)
    assert [p["nama"] for p in admin.get(f"{API}/pejabat/", {"unit": str(unit.pk), "aktif": "1"}).json()["results"]] == ["Ir. Lestari"]

    operator, _ = operator_a
    kades_b = Jabatan.objects.get(unit__kode=f"PEMDES-{DESA_B}", nama="Kepala Desa")
    resp = post(operator, f"{API}/pejabat/", {"jabatan": str(kades_b.pk), "nama": "Penyusup"})
    assert resp.status_code == 400 and resp.json()["jabatan"] == ["Jabatan tidak ditemukan dalam cakupan Anda."]
    resp = post(operator, f"{API}/unit-kerja/", {"kode": "LPM-A", "nama": "LPM", "jenis": "bpd", "wilayah": DESA_A})
    assert resp.status_code == 403
    assert operator.get(f"{API}/unit-kerja/{unit.pk}/").status_code == 404
    own = UnitKerja.objects.get(kode=f"PEMDES-{DESA_A}")
    resp = patch(operator, f"{API}/unit-kerja/{own.pk}/", {"telepon": "0813"})
    assert resp.status_code == 200 and resp.json()["telepon"] == "0813"
    assert not Pejabat.objects.filter(nama="Penyusup").exists()


def test_schema_documents_the_wilayah_endpoints(admin_kab):
    client, _ = admin_kab
    resp = client.get(f"{API}/schema/", {"format": "json"})
    assert resp.status_code == 200
    paths = resp.json()["paths"]
    assert {"/api/v1/wilayah/", "/api/v1/unit-kerja/", "/api/v1/jabatan/", "/api/v1/pejabat/"} <= set(paths)
