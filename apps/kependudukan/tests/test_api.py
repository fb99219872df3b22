"""Stories of the registry API: scope, masking, and Indonesian 400s from the services."""
import pytest
from rest_framework.test import APIClient

from apps.akun.models import LogAkses
from apps.kependudukan.models import Penduduk

from .conftest import DESA_A, DESA_B, KEC1, rt

URL = "/api/v1/penduduk/"


@pytest.fixture
def api():
    def make(user):
        c = APIClient()
        c.force_authenticate(user)
        return c

    return make


def _body(**over):
    data = {"nik": "6207011203850055", "nama": "Yohanes Dadu", "jenis_kelamin": 1, "tanggal_lahir": "1985-03-12",
            "agama": 2, "status_perkawinan": 1, "wilayah": rt(DESA_A)}
    data.update(over)
    return data


def test_operator_lists_full_nik_camat_gets_masked(api, pengguna, warga_baru):
    p = warga_baru(DESA_A)
    full = api(pengguna("operator_desa", DESA_A)).get(URL).json()["results"]
    assert full[0]["nik"] == p.nik
    masked = api(pengguna("camat", KEC1)).get(URL).json()["results"]
    assert masked[0]["nik"] == p.nik[:4] + "x" * 12 and masked[0]["nama"] == p.nama


def test_camat_cannot_find_a_nik_by_prefix(api, pengguna, warga_baru):
    p = warga_baru(DESA_A)
    assert api(pengguna("camat", KEC1)).get(URL, {"nik": p.nik[:8]}).json()["results"] == []
    assert len(api(pengguna("sekdes", DESA_A)).get(URL, {"nik": p.nik[:8]}).json()["results"]) == 1


def test_bad_input_answers_400_in_indonesian(api, pengguna):
    client = api(pengguna("operator_desa", DESA_A))
    resp = client.post(URL, _body(nik="62070112038500"), format="json")
    assert resp.status_code == 400 and "16 angka" in resp.json()["nik"][0]
    resp = client.post(URL, _body(nama=""), format="json")
    assert resp.status_code == 400 and "nama" in resp.json()
    resp = client.post(URL, _body(tanggal_lahir="1985-03-13"), format="json")
    assert resp.status_code == 400 and "setujui_peringatan" in resp.json()
    assert not Penduduk.objects.exists()


def test_post_creates_then_duplicate_is_refused(api, pengguna):
    client = api(pengguna("operator_desa", DESA_A))
    resp = client.post(URL, _body(), format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["owner"] == DESA_A and resp.json()["nik"] == "6207011203850055"
    resp = client.post(URL, _body(nama="Orang Lain"), format="json")
    assert resp.status_code == 400 and "sudah terdaftar" in resp.json()["nik"][0]


def test_post_into_another_village_is_refused(api, pengguna):
    resp = api(pengguna("operator_desa", DESA_A)).post(URL, _body(wilayah=rt(DESA_B)), format="json")
    assert resp.status_code == 403 and not Penduduk.objects.exists()


def test_camat_cannot_write(api, pengguna):
    assert api(pengguna("camat", KEC1)).post(URL, _body(), format="json").status_code == 403


def test_patch_goes_through_the_service_and_out_of_scope_is_404(api, pengguna, warga_baru):
    p, lain = warga_baru(DESA_A), warga_baru(DESA_B)
    client = api(pengguna("operator_desa", DESA_A))
    resp = client.patch(f"{URL}{p.pk}/", {"nama": "Nama Baru", "pekerjaan": 9}, format="json")
    assert resp.status_code == 200 and resp.json()["nama"] == "Nama Baru"
    assert Penduduk.objects.get(pk=p.pk).nama_cari == "nama baru"
    assert client.patch(f"{URL}{lain.pk}/", {"nama": "X"}, format="json").status_code == 404
    assert client.get(f"{URL}{lain.pk}/").status_code == 404
    assert client.delete(f"{URL}{p.pk}/").status_code == 405


def test_reading_a_full_record_over_the_api_is_logged(api, pengguna, warga_baru):
    p = warga_baru(DESA_A)
    api(pengguna("kepala_desa", DESA_A)).get(f"{URL}{p.pk}/")
    assert LogAkses.objects.filter(object_id=str(p.pk)).count() == 1
    api(pengguna("camat", KEC1)).get(f"{URL}{p.pk}/")
    assert LogAkses.objects.count() == 1


def test_family_api_masks_no_kk_and_creates_through_the_service(api, pengguna, keluarga_baru, warga_baru):
    kk, _ = keluarga_baru(DESA_A)
    data = api(pengguna("camat", KEC1)).get("/api/v1/keluarga/").json()["results"]
    assert data[0]["no_kk"] != kk.no_kk and data[0]["kepala_nama"] == "Ahmad Fauzi"
    kepala = warga_baru(DESA_A, nama="Kepala API")
    client = api(pengguna("operator_desa", DESA_A))
    resp = client.post("/api/v1/keluarga/", {"no_kk": "6207010303200001", "wilayah": rt(DESA_A),
                                              "kepala": str(kepala.pk)}, format="json")
    assert resp.status_code == 201, resp.json()
    resp = client.post("/api/v1/keluarga/", {"no_kk": "123", "wilayah": rt(DESA_A)}, format="json")
    assert resp.status_code == 400 and "16 angka" in resp.json()["no_kk"][0]


def test_a_masked_nik_cannot_be_rebuilt_from_the_fields_shown_beside_it():
    """Birth date, sex and kecamatan are visible to roles without view_nik; the mask must
    leave more than those to guess (security review, finding 3): the 4-digit serial is hidden."""
    from apps.kependudukan.privasi import samarkan

    masked = samarkan("6207015501900001")
    assert masked == "6207" + "x" * 12
    assert "0001" not in masked and "550190" not in masked
