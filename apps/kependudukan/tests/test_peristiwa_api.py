"""The events API: scoped lists, POST per event and family operation through the services,
400 with Indonesian messages for bad input, nothing reachable outside the scope."""
import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.kependudukan import peristiwa
from apps.kependudukan.models import Keluarga, Penduduk, Peristiwa

from .conftest import DESA_A, DESA_B, KEC1, rt

pytestmark = pytest.mark.django_db
URL = "/api/v1/peristiwa/"
HARI_INI = timezone.localdate()
KEMARIN = (HARI_INI - datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def api():
    def make(user):
        c = APIClient()
        c.force_authenticate(user)
        return c

    return make


@pytest.fixture
def op_api(api, pengguna):
    return api(pengguna("operator_desa", DESA_A))


def test_events_are_listed_in_scope_newest_first_and_filtered(api, op_api, pengguna, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    peristiwa.catat_pergi(user=None, penduduk=anak, tanggal=HARI_INI - datetime.timedelta(days=40))
    peristiwa.catat_kembali(user=None, penduduk=anak, tanggal=HARI_INI)
    kk_b, (kepala_b, _i, _a) = keluarga_baru(DESA_B)
    ev_b = peristiwa.catat_hilang(user=None, penduduk=kepala_b, tanggal=HARI_INI)
    rows = op_api.get(URL).json()["results"]
    assert [r["jenis"] for r in rows] == [Peristiwa.KEMBALI, Peristiwa.PERGI]
    assert rows[0]["uraian"] == "Kembali" and rows[0]["penduduk_nama"] == "Rizki Fauzi"
    assert [r["jenis"] for r in op_api.get(URL, {"jenis": 6}).json()["results"]] == [Peristiwa.PERGI]
    assert [r["jenis"] for r in op_api.get(URL, {"bulan": HARI_INI.strftime("%Y-%m")}).json()["results"]] == [7]
    assert op_api.get(f"{URL}{ev_b.pk}/").status_code == 404
    assert len(api(pengguna("camat", KEC1)).get(URL).json()["results"]) == 3
    for rusak in ({"jenis": "x"}, {"bulan": "abcd-ef"}, {"desa": "%00"}):
        assert op_api.get(URL, rusak).status_code == 200


def test_post_each_status_event(op_api, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    r = op_api.post(URL + "hilang/", {"penduduk": str(anak.pk), "tanggal": KEMARIN, "pelapor": "Ahmad"}, format="json")
    assert r.status_code == 201 and r.json()["status_sesudah"] == 4
    r = op_api.post(URL + "kembali/", {"penduduk": str(anak.pk), "tanggal": KEMARIN}, format="json")
    assert r.status_code == 201 and r.json()["status_sesudah"] == 1
    r = op_api.post(URL + "pergi/", {"penduduk": str(anak.pk), "tanggal": KEMARIN, "alamat_tujuan": "Sampit"},
                    format="json")
    assert r.status_code == 201 and r.json()["uraian"] == "Pergi ke Sampit"
    r = op_api.post(URL + "pindah-keluar/", {"penduduk": str(anak.pk), "tanggal": KEMARIN,
                                             "alamat_tujuan": "Palangka Raya"}, format="json")
    assert r.status_code == 201 and r.json()["keluarga_sebelum"] == str(kk.pk)
    r = op_api.post(URL + "mati/", {"penduduk": str(kepala.pk), "tanggal": KEMARIN, "sebab": "Sakit",
                                    "kepala_baru": str(istri.pk), "jam": "23:10"}, format="json")
    assert r.status_code == 201 and r.json()["rincian"]["jam"] == "23:10"
    assert Keluarga.objects.get(pk=kk.pk).kepala_id == istri.pk


def test_bad_input_answers_400_in_indonesian(op_api, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    r = op_api.post(URL + "mati/", {"penduduk": str(kepala.pk), "tanggal": "2999-01-01"}, format="json")
    assert r.status_code == 400 and "masa depan" in r.json()["tanggal"][0]
    r = op_api.post(URL + "mati/", {"penduduk": "bukan-uuid", "tanggal": "kemarin", "jam": "25:00"}, format="json")
    assert r.status_code == 400 and {"penduduk", "tanggal", "jam"} <= set(r.json())
    assert "JJ:MM" in r.json()["jam"][0]
    r = op_api.post(URL + "kembali/", {"penduduk": str(anak.pk), "tanggal": KEMARIN}, format="json")
    assert r.status_code == 400 and "hanya untuk penduduk berstatus" in r.json()["penduduk"][0]
    r = op_api.post(URL + "lahir/", {"keluarga": str(kk.pk), "nama": "Bayi", "jenis_kelamin": 1,
                                     "tanggal_lahir": KEMARIN, "berat_gram": 20}, format="json")
    assert r.status_code == 400 and "di luar batas wajar" in r.json()["berat_gram"][0]
    assert not Penduduk.objects.filter(nama="Bayi").exists()


def test_out_of_scope_subjects_are_not_found_and_readers_cannot_write(api, op_api, pengguna, keluarga_baru):
    kk_b, (kepala_b, _i, _a) = keluarga_baru(DESA_B)
    r = op_api.post(URL + "mati/", {"penduduk": str(kepala_b.pk), "tanggal": KEMARIN}, format="json")
    assert r.status_code == 400 and r.json()["penduduk"] == ["Penduduk tidak ditemukan dalam cakupan Anda."]
    r = op_api.post(URL + "lahir/", {"keluarga": str(kk_b.pk), "nama": "X", "jenis_kelamin": 1,
                                     "tanggal_lahir": KEMARIN}, format="json")
    assert r.status_code == 400 and "cakupan" in r.json()["keluarga"][0]
    kk_a, (kepala_a, _i2, _a2) = keluarga_baru(DESA_A)
    r = api(pengguna("kepala_desa", DESA_A)).post(URL + "mati/", {"penduduk": str(kepala_a.pk), "tanggal": KEMARIN},
                                                  format="json")
    assert r.status_code == 403
    assert op_api.patch(f"{URL}{Peristiwa.objects.first().pk if Peristiwa.objects.exists() else kepala_a.pk}/",
                        {}, format="json").status_code in (404, 405)
    assert not Peristiwa.objects.exists()


def test_birth_datang_and_family_operations(op_api, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    kk2, _ = keluarga_baru(nama_kepala="Bambang")
    r = op_api.post(URL + "lahir/", {"keluarga": str(kk.pk), "nama": "Putri", "jenis_kelamin": 2,
                                     "tanggal_lahir": KEMARIN, "penolong": "bidan", "berat_gram": 2900}, format="json")
    assert r.status_code == 201
    bayi = Penduduk.objects.get(pk=r.json()["penduduk"])
    assert bayi.nik_sementara and bayi.keluarga_id == kk.pk
    r = op_api.post(URL + "datang/", {
        "tanggal": KEMARIN, "alamat_asal": "Sampit", "nik": "6207014107950001", "nama": "Maria", "jenis_kelamin": 2,
        "tanggal_lahir": "1995-07-01", "agama": 1, "status_perkawinan": 1, "wilayah": rt(DESA_A),
        "keluarga": str(kk2.pk), "shdk": 9}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["jenis"] == Peristiwa.DATANG and r.json()["keluarga_sesudah"] == str(kk2.pk)
    r = op_api.post(URL + "datang/", {"tanggal": KEMARIN, "alamat_asal": "", "nik": kepala.nik, "nama": "X",
                                      "jenis_kelamin": 1, "tanggal_lahir": "1985-03-12", "agama": 1,
                                      "status_perkawinan": 1, "wilayah": rt(DESA_A)}, format="json")
    assert r.status_code == 400 and "alamat_asal" in r.json()
    r = op_api.post(URL + "pindah-kk/", {"penduduk": str(anak.pk), "keluarga_tujuan": str(kk2.pk), "shdk": 6,
                                         "tanggal": KEMARIN}, format="json")
    assert r.status_code == 201 and r.json()["peristiwa"][0]["rincian"]["operasi"] == "pindah"
    r = op_api.post(URL + "pecah-kk/", {"keluarga": str(kk.pk), "no_kk": "6207010101200801", "tanggal": KEMARIN,
                                        "anggota": [{"penduduk": str(istri.pk), "shdk": 1},
                                                    {"penduduk": str(bayi.pk), "shdk": 4}]}, format="json")
    assert r.status_code == 201, r.json()
    baru = Keluarga.objects.get(pk=r.json()["keluarga"])
    assert baru.kepala_id == istri.pk and len(r.json()["peristiwa"]) == 2
    r = op_api.post(URL + "pecah-kk/", {"keluarga": str(kk.pk), "no_kk": "6207010101200802", "tanggal": KEMARIN,
                                        "anggota": []}, format="json")
    assert r.status_code == 400 and "Pilih anggota" in r.json()["anggota"][0]
    r = op_api.post(URL + "bentuk-kk/", {"penduduk": str(anak.pk), "no_kk": "6207010101200803", "tanggal": KEMARIN},
                    format="json")
    assert r.status_code == 201
    ev = r.json()["peristiwa"][0]
    # The new family is the event's keluarga_sesudah; its full No KK is never copied into the
    # event's details, which roles without the full-number grant also read.
    assert "6207010101200803" not in str(ev["rincian"])
    assert Keluarga.objects.get(pk=ev["keluarga_sesudah"]).no_kk == "6207010101200803"
    r = op_api.post(URL + "pindah-sekeluarga/", {"keluarga": str(kk2.pk), "tanggal": KEMARIN,
                                                 "alamat_tujuan": "Kota Palangka Raya"}, format="json")
    assert r.status_code == 201 and len(r.json()["peristiwa"]) == 4  # Bambang, wife, child, Maria
