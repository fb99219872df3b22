"""Stories of the akun API: memberships are scoped like everything else, admins grant and
revoke through the same rules as the web forms, and `saya` tells a client who it is."""
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.akun import security
from apps.akun.models import Keanggotaan

from .conftest import DESA11, DESA12, DESA_LAIN, KAB, KEC1, KEC_LAIN

pytestmark = pytest.mark.django_db
URL = "/api/v1/keanggotaan/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def ids(resp) -> set[str]:
    return {row["id"] for row in resp.json()["results"]}


def test_everyone_sees_their_own_memberships_only(operator, buat_pengguna):
    other = buat_pengguna("tetangga", "operator_desa", DESA12)
    resp = api(operator).get(URL)
    assert resp.status_code == 200
    assert ids(resp) == {str(Keanggotaan.objects.get(pengguna=operator).pk)}
    assert api(operator).get(f"{URL}{Keanggotaan.objects.get(pengguna=other).pk}/").status_code == 404


def test_admin_sees_memberships_of_the_kabupaten_not_the_neighbours(admin_kab, operator, buat_pengguna):
    asing = buat_pengguna("asing", "camat", KEC_LAIN)
    seen = ids(api(admin_kab).get(URL, {"page_size": 100}))
    assert str(Keanggotaan.objects.get(pengguna=operator).pk) in seen
    assert str(Keanggotaan.objects.get(pengguna=asing).pk) not in seen
    filtered = api(admin_kab).get(URL, {"pengguna": operator.pk})
    assert ids(filtered) == {str(Keanggotaan.objects.get(pengguna=operator).pk)}


def test_admin_grants_a_role_through_the_api(admin_kab, buat_pengguna, region):
    budi = buat_pengguna("budi")
    unit = region.unit("KEC-62.07.01")
    resp = api(admin_kab).post(URL, {"pengguna": budi.pk, "peran": "camat", "wilayah_kode": KEC1,
                                     "unit": str(unit.pk)}, format="json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["peran"] == "camat" and body["wilayah_kode"] == KEC1 and body["unit_nama"] == unit.nama
    assert body["tingkat"] == "kecamatan"


def test_bad_grant_gets_400_with_indonesian_messages(admin_kab, buat_pengguna):
    budi = buat_pengguna("budi")
    client = api(admin_kab)
    resp = client.post(URL, {"pengguna": budi.pk, "peran": "camat", "wilayah_kode": DESA11}, format="json")
    assert resp.status_code == 400
    assert "harus terikat pada wilayah tingkat kecamatan" in resp.json()["wilayah_kode"][0]
    resp = client.post(URL, {"pengguna": 999999, "peran": "raja", "wilayah_kode": KAB}, format="json")
    assert resp.status_code == 400
    assert resp.json()["pengguna"] == ["Pengguna tidak ditemukan."]
    assert "tidak dikenal" in resp.json()["peran"][0]


def test_admin_cannot_grant_in_another_kabupaten_through_the_api(admin_kab, buat_pengguna):
    budi = buat_pengguna("budi")
    resp = api(admin_kab).post(URL, {"pengguna": budi.pk, "peran": "operator_desa", "wilayah_kode": DESA_LAIN},
                               format="json")
    assert resp.status_code == 403
    assert not Keanggotaan.objects.filter(pengguna=budi).exists()


def test_non_admin_cannot_grant_or_revoke(operator, buat_pengguna):
    budi = buat_pengguna("budi", "warga", DESA11)
    client = api(operator)
    resp = client.post(URL, {"pengguna": budi.pk, "peran": "warga", "wilayah_kode": DESA11}, format="json")
    assert resp.status_code == 403
    m = Keanggotaan.objects.get(pengguna=budi)
    assert client.delete(f"{URL}{m.pk}/").status_code == 404
    assert Keanggotaan.objects.filter(pk=m.pk).exists()


def test_admin_revokes_through_the_api_but_not_their_own_admin_role(admin_kab, operator):
    client = api(admin_kab)
    m = Keanggotaan.objects.get(pengguna=operator)
    assert client.delete(f"{URL}{m.pk}/").status_code == 204
    assert not Keanggotaan.objects.filter(pk=m.pk).exists()
    own = Keanggotaan.objects.get(pengguna=admin_kab)
    resp = client.delete(f"{URL}{own.pk}/")
    assert resp.status_code == 400 and "Anda sendiri" in resp.json()["keanggotaan"][0]


def test_saya_tells_the_caller_who_they_are(operator):
    resp = api(operator).get("/api/v1/saya/")
    assert resp.status_code == 200
    body = resp.json()
    assert body["username"] == "operator" and body["cakupan"] == [DESA11]
    assert body["keanggotaan"][0]["peran"] == "operator_desa"
    assert body["keanggotaan"][0]["wilayah_nama"] == "Pematang Limau"
    assert body["kelola_pengguna"] is False and body["verifikasi_dua_langkah"] is False
    assert "password" not in body


def test_api_token_from_the_profile_authenticates_and_can_be_revoked(operator):
    key = security.create_api_token(pengguna=operator)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/saya/").json()["username"] == "operator"
    security.revoke_api_token(pengguna=operator)
    assert client.get("/api/v1/saya/").status_code == 401
    assert not Token.objects.filter(user=operator).exists()


def test_anonymous_gets_nothing(region):
    assert APIClient().get(URL).status_code == 401
    assert APIClient().get("/api/v1/saya/").status_code == 401
