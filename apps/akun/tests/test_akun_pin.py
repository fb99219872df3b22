"""A resident's layanan mandiri account (NIK + PIN) on the staff account pages: it may not mint
an API token (a second, unlimited way in that would outlive the PIN), nor set a free-form
password in place of its PIN."""
import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from .conftest import SANDI

pytestmark = pytest.mark.django_db
# The account pages belong to akun, which may not import the apps above it (import-linter):
# the resident's PIN record is looked up by name.
PinWarga = apps.get_model("surat", "PinWarga")


@pytest.fixture
def akun_warga(buat_pengguna):
    user = buat_pengguna("warga-uji", "warga", "62.07.01.2001")
    user.harus_ganti_sandi = False
    user.save(update_fields=["harus_ganti_sandi"])
    PinWarga.objects.create(pengguna=user)
    return user


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="apps.surat.backends.NikPinBackend")
    return c


def test_a_pin_account_cannot_create_an_api_token(akun_warga):
    resp = _client(akun_warga).post(reverse("akun:token_buat"))
    assert resp.status_code == 403
    assert not Token.objects.filter(user=akun_warga).exists()


def test_staff_still_create_api_tokens(operator):
    c = Client()
    c.force_login(operator)
    assert c.post(reverse("akun:token_buat")).status_code == 200
    assert Token.objects.filter(user=operator).exists()


def test_a_pin_account_is_sent_to_the_pin_page_instead_of_the_password_form(akun_warga):
    c = _client(akun_warga)
    resp = c.get(reverse("akun:sandi_ganti"))
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:ganti_pin")
    resp = c.post(reverse("akun:sandi_ganti"), {"old_password": SANDI, "new_password1": "Bebas-Sekali-2026!",
                                                "new_password2": "Bebas-Sekali-2026!"})
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:ganti_pin")
    akun_warga.refresh_from_db()
    assert akun_warga.check_password(SANDI) and not akun_warga.check_password("Bebas-Sekali-2026!")


def test_staff_still_reach_the_password_form(operator):
    c = Client()
    c.force_login(operator)
    assert c.get(reverse("akun:sandi_ganti")).status_code == 200
