"""Stories of passwords: reset by email without revealing who has an account, limits on reset
requests, admin-issued passwords that must be replaced, and changing one's own password."""
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from apps.akun import services
from apps.akun.models import Pengguna

from .conftest import SANDI

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.akun.tests.urls")]
LUPA = reverse("akun:sandi_lupa", urlconf="edesa.urls")
SANDI_BARU = "Kebun-Sawit-Seruyan-99"


def minta(client, email, ip="10.0.0.1"):
    return client.post(LUPA, {"email": email}, REMOTE_ADDR=ip)


def test_known_email_gets_a_reset_link_in_indonesian(operator):
    resp = minta(Client(), "OPERATOR@uji.go.id")
    assert resp.status_code == 302 and resp["Location"] == reverse("akun:sandi_lupa_terkirim")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["operator@uji.go.id"]
    assert "Atur ulang kata sandi" in pesan.subject
    assert "Buka tautan berikut" in pesan.body and "operator" in pesan.body


def test_unknown_email_gets_the_same_answer_and_no_mail(operator):
    known = minta(Client(), "operator@uji.go.id")
    unknown = minta(Client(), "tidak-ada@uji.go.id", ip="10.0.0.2")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    page = Client().get(unknown["Location"]).content.decode()
    assert "Jika alamat yang Anda masukkan terdaftar" in page


def test_reset_requests_are_limited_per_email(operator):
    for i in range(5):
        assert minta(Client(), "operator@uji.go.id", ip=f"10.0.1.{i}").status_code == 302
    resp = minta(Client(), "operator@uji.go.id", ip="10.0.1.99")
    assert resp.status_code == 429
    assert "Terlalu banyak permintaan" in resp.content.decode()
    assert len(mail.outbox) == 5


def test_reset_requests_are_limited_per_ip_whatever_the_email(operator):
    for i in range(5):
        assert minta(Client(), f"orang{i}@uji.go.id").status_code == 302
    assert minta(Client(), "operator@uji.go.id").status_code == 429
    assert mail.outbox == []


@override_settings(EDESA_RESET_SANDI_PER_JAM=1)
def test_rate_limit_is_the_same_for_known_and_unknown_addresses(operator):
    minta(Client(), "operator@uji.go.id", ip="10.0.2.1")
    minta(Client(), "hantu@uji.go.id", ip="10.0.2.2")
    known = minta(Client(), "operator@uji.go.id", ip="10.0.2.1")
    unknown = minta(Client(), "hantu@uji.go.id", ip="10.0.2.2")
    assert known.status_code == unknown.status_code == 429


def test_reset_link_sets_a_new_password_once(operator):
    minta(Client(), "operator@uji.go.id")
    link = re.search(r"http://testserver(/akun/sandi/reset/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    page = client.get(form_url)
    assert "Buat kata sandi baru" in page.content.decode()
    resp = client.post(form_url, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert resp.status_code == 302 and resp["Location"] == reverse("akun:sandi_reset_selesai")
    operator.refresh_from_db()
    assert operator.check_password(SANDI_BARU)
    used = Client().get(link, follow=True)
    assert "Tautan tidak berlaku" in used.content.decode()


def test_reset_refuses_a_weak_password_in_indonesian(operator):
    minta(Client(), "operator@uji.go.id")
    link = re.search(r"http://testserver(/akun/sandi/reset/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form_url = client.get(link)["Location"]
    resp = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    body = resp.content.decode()
    assert "terlalu pendek" in body and "seluruhnya terdiri dari angka" in body


def test_account_created_without_password_gets_one_shown_once_and_must_change_it(region):
    user = services.create_pengguna(username="siti", nama="Siti Aminah")
    issued = user.generated_password
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", issued)
    user = Pengguna.objects.get(pk=user.pk)
    assert not hasattr(user, "generated_password")  # not stored anywhere
    assert user.harus_ganti_sandi and user.check_password(issued)

    client = Client()
    client.post("/akun/masuk/", {"username": "siti", "password": issued})
    resp = client.get("/")
    assert resp.status_code == 302 and resp["Location"] == reverse("akun:sandi_ganti")
    page = client.get(reverse("akun:sandi_ganti")).content.decode()
    assert "Kata sandi Anda dibuat oleh admin" in page
    resp = client.post(reverse("akun:sandi_ganti"), {"old_password": issued, "new_password1": SANDI_BARU,
                                                     "new_password2": SANDI_BARU})
    assert resp.status_code == 302
    assert client.get("/").content == b"beranda"  # still logged in, no longer forced
    user.refresh_from_db()
    assert not user.harus_ganti_sandi


def test_changing_password_needs_the_old_one(operator):
    client = Client()
    client.force_login(operator)
    resp = client.post(reverse("akun:sandi_ganti"), {"old_password": "salah", "new_password1": SANDI_BARU,
                                                     "new_password2": SANDI_BARU})
    assert resp.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in resp.content.decode()
    operator.refresh_from_db()
    assert operator.check_password(SANDI)


def test_password_reset_lifts_a_lockout(operator, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "operator", "password": "salah"})
    assert client.post("/akun/masuk/", {"username": "operator", "password": SANDI}).status_code == 429
    services.note_password_changed(pengguna=operator)
    assert client.post("/akun/masuk/", {"username": "operator", "password": SANDI}).status_code == 302
