"""Bad input found by the security review answers with a message, never a server error."""
import pytest
from django.test import Client

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return world.build().users["admin_kabupaten"]


@pytest.mark.parametrize("url", [
    "/jurnal/?setelah=abc", "/wilayah/pejabat/?setelah=abc", "/wilayah/?setelah=%FF",
    "/akun/pengguna/?setelah=%C2%B2", "/api/v1/keanggotaan/?pengguna=%C2%B2",
    "/api/v1/penduduk/?status=%C2%B2", "/api/v1/jurnal/?setelah=%C2%B2",
])
def test_hand_edited_cursors_and_numbers_do_not_crash(admin, url):
    client = Client()
    client.force_login(admin)
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/wilayah/?q=%00", "/api/v1/wilayah/?induk=%00", "/jurnal/?pelaku=a%00b"])
def test_a_nul_byte_in_a_parameter_gets_a_clear_400(admin, url):
    client = Client()
    client.force_login(admin)
    resp = client.get(url)
    assert resp.status_code == 400
    assert "karakter tidak sah" in resp.content.decode()


def test_an_overlong_email_is_a_field_error_not_a_crash(admin):
    client = Client()
    client.force_login(admin)
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "go.id"  # valid shape, longer than 254
    resp = client.post("/akun/pengguna/baru/", {"username": "panjang", "nama": "Panjang", "email": email})
    assert resp.status_code == 200
    assert "254" in resp.content.decode() or "karakter" in resp.content.decode()
