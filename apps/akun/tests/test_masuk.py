"""Stories of getting in: login by username or email, wrong passwords, lockout, CSRF, and the
security settings a government login page must have."""
import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from apps.akun.models import Pengguna

from .conftest import SANDI

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.akun.tests.urls")]
MASUK = "/akun/masuk/"


def masuk(client, username, password=SANDI, **extra):
    return client.post(MASUK, {"username": username, "password": password}, **extra)


def test_official_logs_in_with_username_and_lands_on_home(operator):
    client = Client()
    resp = masuk(client, "operator")
    assert resp.status_code == 302 and resp["Location"] == "/"
    assert client.get("/").content == b"beranda"


def test_official_logs_in_with_email_in_any_case(operator):
    client = Client()
    resp = masuk(client, "  OPERATOR@uji.go.id ")
    assert resp.status_code == 302
    assert client.session["_auth_user_id"] == str(operator.pk)


def test_wrong_password_gets_a_clear_indonesian_message(operator):
    resp = masuk(Client(), "operator", "salah-sandinya")
    assert resp.status_code == 200
    assert "Nama pengguna/email atau kata sandi salah" in resp.content.decode()
    assert "_auth_user_id" not in resp.client.session


def test_deactivated_account_cannot_log_in(operator):
    Pengguna.objects.filter(pk=operator.pk).update(is_active=False)
    resp = masuk(Client(), "operator")
    assert resp.status_code == 200
    assert "_auth_user_id" not in resp.client.session


def test_repeated_failures_lock_the_login_with_an_indonesian_page(operator):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert masuk(client, "operator", "tebakan-salah").status_code == 200
    resp = masuk(client, "operator", "tebakan-salah")
    assert resp.status_code == 429
    body = resp.content.decode()
    assert "Percobaan masuk dihentikan sementara" in body
    assert "15 menit" in body  # AXES_COOLOFF_TIME, in words
    assert "admin kabupaten" in body
    # Even the right password is refused while the lock holds.
    assert masuk(client, "operator").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_resets_the_failure_count(operator):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        masuk(client, "operator", "tebakan-salah")
    assert masuk(client, "operator").status_code == 302
    client.post(reverse("akun:keluar"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert masuk(client, "operator", "tebakan-salah").status_code == 200
    assert masuk(client, "operator").status_code == 302


def test_login_form_requires_a_csrf_token(operator):
    client = Client(enforce_csrf_checks=True)
    assert masuk(client, "operator").status_code == 403
    page = client.get(MASUK)
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    resp = client.post(MASUK, {"username": "operator", "password": SANDI, "csrfmiddlewaretoken": token})
    assert resp.status_code == 302


def test_login_page_sends_security_headers(db):
    resp = Client().get(MASUK)
    assert resp.status_code == 200
    csp = resp["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["Referrer-Policy"] == "same-origin"


def test_login_page_is_indonesian_with_reset_link_and_no_inline_script(db):
    body = Client().get(MASUK).content.decode()
    assert "Nama pengguna atau email" in body
    assert reverse("akun:sandi_lupa") in body and "Lupa kata sandi?" in body
    assert "img/logo" in body
    assert "<script>" not in body and "<script >" not in body


def test_session_cookie_is_httponly_and_expires(operator):
    resp = masuk(Client(), "operator")
    cookie = resp.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_stored_with_argon2(buat_pengguna):
    user = buat_pengguna("argon")
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert SANDI not in user.password


def test_logout_needs_post_and_ends_the_session(operator):
    client = Client()
    client.force_login(operator)
    assert client.get(reverse("akun:keluar")).status_code == 405
    resp = client.post(reverse("akun:keluar"))
    assert resp.status_code == 302
    assert "_auth_user_id" not in client.session


def test_next_parameter_cannot_send_user_to_another_site(operator):
    client = Client()
    resp = client.post(MASUK + "?next=https://jahat.example/", {"username": "operator", "password": SANDI,
                                                                 "next": "https://jahat.example/"})
    assert resp.status_code == 302 and resp["Location"] == "/"
