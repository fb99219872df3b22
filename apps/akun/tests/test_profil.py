"""Stories of the holder's own page: what they hold, and their API token shown once."""
import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_profile_shows_roles_with_scope_and_security_state(operator):
    client = Client()
    client.force_login(operator)
    body = client.get(reverse("akun:profil")).content.decode()
    assert "Operator Desa/Kelurahan" in body and "Pematang Limau" in body and "62.07.01.2001" in body
    assert "Verifikasi dua langkah" in body and reverse("akun:otp_pasang") in body
    assert reverse("akun:sandi_ganti") in body


def test_api_token_is_shown_once_then_only_its_prefix(operator):
    client = Client()
    client.force_login(operator)
    resp = client.post(reverse("akun:token_buat"))
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    key = Token.objects.get(user=operator).key
    assert key in resp.content.decode()
    profile = client.get(reverse("akun:profil")).content.decode()
    assert key not in profile and key[:6] in profile
    assert client.get(reverse("akun:token_buat")).status_code == 405
    client.post(reverse("akun:token_cabut"))
    assert not Token.objects.filter(user=operator).exists()
