"""Findings of the security review, kept fixed: lockout cannot be dodged by spelling the
account differently, there is no password-for-token endpoint, a new password revokes tokens."""
import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return world.build()


def _masuk(client, username, password):
    return client.post("/akun/masuk/", {"username": username, "password": password})


def test_lockout_holds_for_other_spellings_of_the_same_account(dunia):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _masuk(client, "bpd", "tebakan-salah")
    for spelling in ("bpd", "BPD", " Bpd ", "bpd@uji.local", "BPD@UJI.LOCAL"):
        resp = _masuk(Client(), spelling, world.SANDI)
        assert resp.status_code == 429, spelling


def test_there_is_no_endpoint_that_trades_a_password_for_an_api_token(dunia):
    resp = Client().post("/api/v1/token/", {"username": "operator_desa", "password": world.SANDI})
    assert resp.status_code == 404
    assert not Token.objects.exists()


def test_changing_the_password_revokes_api_tokens(dunia):
    from apps.akun.services import note_password_changed

    user = dunia.users["operator_desa"]
    Token.objects.create(user=user)
    note_password_changed(pengguna=user)
    assert not Token.objects.filter(user=user).exists()


def test_api_is_throttled():
    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert any("AnonRateThrottle" in c for c in classes) and any("UserRateThrottle" in c for c in classes)


def test_reading_a_residents_full_history_is_logged_and_a_masked_one_is_not(dunia):
    from apps.akun.models import LogAkses
    from apps.kependudukan.models import Penduduk

    p = Penduduk.objects.get(nama="Tetangga Pematang Limau")
    url = f"/jurnal/riwayat/kependudukan.penduduk/{p.pk}/"
    camat = Client()
    camat.force_login(dunia.users["camat"])
    body = camat.get(url).content.decode()
    assert p.nik not in body
    assert not LogAkses.objects.exists()
    operator = Client()
    operator.force_login(dunia.users["operator_desa"])
    assert p.nik in operator.get(url).content.decode()
    assert LogAkses.objects.filter(pengguna=dunia.users["operator_desa"], object_id=str(p.pk)).count() == 1


def test_full_records_in_an_api_list_page_are_logged(dunia):
    from apps.akun.models import LogAkses

    operator = Client()
    operator.force_login(dunia.users["operator_desa"])
    rows = operator.get("/api/v1/penduduk/").json()["results"]
    assert rows and LogAkses.objects.filter(pengguna=dunia.users["operator_desa"]).count() == len(rows)


def test_role_form_does_not_list_units_of_another_kabupaten(dunia):
    admin = Client()
    admin.force_login(dunia.users["admin_kabupaten"])
    body = admin.get("/akun/pengguna/pilihan-peran/", {"peran": "camat", "wilayah_kode": "62.01.01"}).content.decode()
    assert "Kecamatan Kumai" not in body
    body = admin.get("/akun/pengguna/pilihan-peran/", {"peran": "camat", "wilayah_kode": world.KEC}).content.decode()
    assert "Kecamatan Seruyan Hilir" in body
