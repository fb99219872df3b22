"""Stories of the second factor (TOTP): a password alone reaches nothing once a device is set."""
import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.akun import security

from .conftest import DESA11, SANDI

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.akun.tests.urls")]
OTP = reverse("akun:otp_verifikasi", urlconf="edesa.urls")


def kode(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def perangkat(operator) -> TOTPDevice:
    return TOTPDevice.objects.create(user=operator, name="Ponsel", confirmed=True)


def masuk(client, username="operator"):
    resp = client.post("/akun/masuk/", {"username": username, "password": SANDI})
    assert resp.status_code == 302
    return resp


def test_user_with_totp_must_enter_a_code_before_reaching_home(perangkat):
    client = Client()
    masuk(client)
    resp = client.get("/")
    assert resp.status_code == 302 and resp["Location"] == OTP + "?next=%2F"
    # Not even the account pages or the API behind the password alone.
    assert client.get(reverse("akun:profil")).status_code == 302
    assert client.get(reverse("akun:pengguna_daftar")).status_code == 302
    assert client.get("/api/v1/saya/").status_code == 403
    page = client.get(OTP + "?next=/")
    assert "Verifikasi dua langkah" in page.content.decode()


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_code_is_refused_and_the_right_code_passes(perangkat):
    client = Client()
    masuk(client)
    salah = f"{(int(kode(perangkat)) + 1) % 1000000:06d}"
    resp = client.post(OTP, {"token": salah, "next": "/"})
    assert resp.status_code == 200
    assert "Kode salah atau sudah kedaluwarsa" in resp.content.decode()
    assert client.get("/").status_code == 302
    resp = client.post(OTP, {"token": kode(perangkat), "next": "/"})
    assert resp.status_code == 302 and resp["Location"] == "/"
    assert client.get("/").content == b"beranda"


def test_wrong_codes_are_throttled(perangkat):
    client = Client()
    masuk(client)
    client.post(OTP, {"token": "000000"})
    resp = client.post(OTP, {"token": kode(perangkat)})
    assert "Terlalu banyak kode salah" in resp.content.decode()
    assert client.get("/").status_code == 302


def test_a_code_cannot_be_used_twice(perangkat):
    code = kode(perangkat)
    first, second = Client(), Client()
    masuk(first)
    assert first.post(OTP, {"token": code}).status_code == 302
    masuk(second)
    assert second.post(OTP, {"token": code}).status_code == 200


def test_password_alone_cannot_replace_the_device(perangkat):
    client = Client()
    masuk(client)
    resp = client.get(reverse("akun:otp_pasang"))
    assert resp.status_code == 302 and resp["Location"].startswith(OTP)
    assert TOTPDevice.objects.filter(user=perangkat.user).count() == 1


def test_user_sets_up_totp_by_scanning_and_confirming_a_code(operator):
    client = Client()
    client.force_login(operator)
    page = client.get(reverse("akun:otp_pasang"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in body
    assert "Google Authenticator" in body and "Aegis" in body and "FreeOTP" in body
    device = TOTPDevice.objects.get(user=operator, confirmed=False)
    assert page.context["secret"].replace(" ", "") in body.replace(" ", "")
    resp = client.post(reverse("akun:otp_pasang"), {"token": kode(device)})
    assert resp.status_code == 302 and resp["Location"] == reverse("akun:profil")
    device.refresh_from_db()
    assert device.confirmed
    # The session that set it up counts as verified.
    assert client.get("/").content == b"beranda"


@override_settings(EDESA_2FA_WAJIB_ADMIN=True)
def test_admin_role_is_forced_to_set_up_two_factor(admin_kab, operator):
    admin = Client()
    masuk(admin, "admin")
    resp = admin.get("/")
    assert resp.status_code == 302 and resp["Location"] == reverse("akun:otp_pasang")
    assert admin.get(reverse("akun:otp_pasang")).status_code == 200
    # sekdes/operator are admin roles too (they manage the village's registry).
    op = Client()
    masuk(op)
    assert op.get("/")["Location"] == reverse("akun:otp_pasang")


@override_settings(EDESA_2FA_WAJIB_ADMIN=True)
def test_non_admin_roles_are_not_forced(buat_pengguna):
    buat_pengguna("warga1", "warga", DESA11)
    client = Client()
    masuk(client, "warga1")
    assert client.get("/").content == b"beranda"


def test_disabling_two_factor_needs_the_current_password(perangkat):
    client = Client()
    client.force_login(perangkat.user)
    session = client.session
    session["otp_device_id"] = perangkat.persistent_id
    session.save()
    url = reverse("akun:otp_matikan")
    resp = client.post(url, {"password": "bukan-sandi"})
    assert resp.status_code == 200 and "Kata sandi salah" in resp.content.decode()
    assert TOTPDevice.objects.filter(pk=perangkat.pk).exists()
    resp = client.post(url, {"password": SANDI})
    assert resp.status_code == 302
    assert not TOTPDevice.objects.filter(user=perangkat.user).exists()


@override_settings(EDESA_2FA_WAJIB_ADMIN=True)
def test_admin_cannot_switch_off_mandatory_two_factor(admin_kab):
    TOTPDevice.objects.create(user=admin_kab, name="Ponsel", confirmed=True)
    with pytest.raises(ValidationError) as exc:
        security.disable_totp(pengguna=admin_kab, password=SANDI)
    assert "wajib" in str(exc.value)


def test_admin_switches_off_two_factor_of_someone_who_lost_their_phone(admin_kab, perangkat):
    client = Client()
    client.force_login(admin_kab)
    resp = client.post(reverse("akun:pengguna_otp", args=[perangkat.user.pk]))
    assert resp.status_code == 302
    assert not TOTPDevice.objects.filter(user=perangkat.user).exists()


def test_totp_tolerates_one_step_of_clock_drift(perangkat):
    previous = f"{totp(perangkat.bin_key, t0=perangkat.t0 + perangkat.step):06d}"
    client = Client()
    masuk(client)
    assert client.post(OTP, {"token": previous}).status_code == 302
