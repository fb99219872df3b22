"""Layanan mandiri accounts: the office issues a PIN (shown once), the resident logs in with NIK
and PIN, must choose their own PIN, and guessing is stopped by a lockout that tells nothing
about which NIKs exist."""
from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal
from apps.surat import mandiri
from apps.surat.models import PinWarga
from tests import world

MASUK = "/layanan/masuk/"
NIK_TAK_ADA = "6207019999999999"


@pytest.fixture
def dunia(db):
    return world.build()


@pytest.fixture
def istri(dunia) -> Penduduk:
    """A married resident of the home village without an account yet."""
    return Penduduk.objects.get(nama="Istri Pematang Limau")


def _terbitkan(dunia, penduduk, peran="operator_desa") -> str:
    with acting_as("uji"):
        return mandiri.terbitkan_pin(penduduk, oleh=dunia.users[peran])


def _masuk(client, nik, pin, **extra):
    return client.post(MASUK, {"nik": nik, "pin": pin}, **extra)


def _galat(resp) -> str:
    m = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', resp.content.decode(), re.S)
    return m.group(1).strip() if m else ""


def _pin_lain(pin: str) -> str:
    return "135790" if pin != "135790" else "246801"


# ---------------------------------------------------------------- issuing

def test_operator_issues_a_pin_that_creates_the_residents_account(dunia, istri):
    pin = _terbitkan(dunia, istri)
    assert re.fullmatch(r"\d{6}", pin)
    istri.refresh_from_db()
    akun = istri.akun
    assert akun.username == f"warga-{istri.pk.hex}" and akun.email is None and akun.harus_ganti_sandi
    assert akun.check_password(pin) and akun.password.startswith(("argon2", "md5")) and pin not in akun.password
    assert list(Keanggotaan.objects.filter(pengguna=akun).values_list("peran", "wilayah_id", "owner_id")) == [
        ("warga", world.DESA, world.DESA)]
    pw = PinWarga.objects.get(pengguna=akun)
    assert pw.gagal == 0 and pw.terkunci_sampai is None and pw.diterbitkan_oleh == dunia.users["operator_desa"]
    # The PIN is nowhere in the journal.
    assert not Jurnal.objects.filter(snapshot__icontains=pin).exists()


def test_reissuing_unlocks_and_the_old_pin_stops_working(dunia, istri):
    lama = _terbitkan(dunia, istri)
    akun = Pengguna.objects.get(penduduk__pk=istri.pk)
    PinWarga.objects.filter(pengguna=akun).update(gagal=3, terkunci_sampai=timezone.now() + datetime.timedelta(minutes=9))
    baru = _terbitkan(dunia, istri, "sekdes")
    akun.refresh_from_db()
    assert akun.check_password(baru) and (baru == lama or not akun.check_password(lama))
    pw = PinWarga.objects.get(pengguna=akun)
    assert pw.gagal == 0 and pw.terkunci_sampai is None
    assert Pengguna.objects.filter(pin_warga__isnull=False).count() == 1


@pytest.mark.parametrize("ubah, pesan", [
    ({"status_dasar": 2}, "berstatus mati"),
    ({"status_dasar": 3}, "berstatus pindah"),
    ({"nik_sementara": True}, "NIK sementara"),
    ({"tanggal_lahir": datetime.date.today() - datetime.timedelta(days=365 * 15), "status_perkawinan": 1},
     "belum berumur 17"),
])
def test_pin_is_refused_for_residents_who_cannot_have_one(dunia, istri, ubah, pesan):
    Penduduk.objects.filter(pk=istri.pk).update(**ubah)
    istri.refresh_from_db()
    with pytest.raises(ValidationError, match=pesan):
        _terbitkan(dunia, istri)
    assert not Pengguna.objects.filter(pin_warga__isnull=False).exists()


def test_a_married_sixteen_year_old_may_have_a_pin(dunia, istri):
    Penduduk.objects.filter(pk=istri.pk).update(tanggal_lahir=datetime.date.today() - datetime.timedelta(days=365 * 16))
    istri.refresh_from_db()
    assert re.fullmatch(r"\d{6}", _terbitkan(dunia, istri))


def test_pin_is_never_set_on_a_staff_account(dunia, istri):
    Penduduk.objects.filter(pk=istri.pk).update(akun=dunia.users["operator_desa"])
    istri.refresh_from_db()
    with pytest.raises(ValidationError, match="akun petugas"):
        _terbitkan(dunia, istri)
    assert dunia.users["operator_desa"].check_password(world.SANDI)


def test_another_villages_operator_may_not_issue_a_pin(dunia, istri):
    with pytest.raises(PermissionDenied):
        mandiri.terbitkan_pin(istri, oleh=Pengguna.objects.get(username="op_tetangga"))


# ---------------------------------------------------------------- issuing through the pages

def test_slip_shows_the_pin_once_only(dunia, istri, client):
    client.force_login(dunia.users["operator_desa"])
    url = reverse("surat:pin_terbitkan", args=[istri.pk])
    assert client.get(url).status_code == 200
    resp = client.post(url)
    assert resp.status_code == 302 and resp["Location"] == reverse("surat:pin_slip")
    slip = client.get(reverse("surat:pin_slip"))
    pin = re.search(r"data-pin>(\d{6})<", slip.content.decode()).group(1)
    assert slip["Cache-Control"] == "no-store"
    assert Pengguna.objects.get(penduduk__pk=istri.pk).check_password(pin)
    again = client.get(reverse("surat:pin_slip")).content.decode()
    assert pin not in again and "hanya ditampilkan sekali" in again
    assert pin not in str(dict(client.session))


def test_pin_pages_are_not_found_outside_the_village_or_without_the_grant(dunia, istri):
    url = reverse("surat:pin_terbitkan", args=[istri.pk])
    for username in ("op_tetangga", "kepala_desa", "warga", "camat"):
        c = Client()
        c.force_login(Pengguna.objects.get(username=username))
        assert c.get(url).status_code == 404, username
        assert c.post(url).status_code == 404, username
    assert not Pengguna.objects.filter(pin_warga__isnull=False).exists()


def test_pin_page_explains_a_refusal(dunia, istri, client):
    Penduduk.objects.filter(pk=istri.pk).update(nik_sementara=True)
    client.force_login(dunia.users["operator_desa"])
    resp = client.post(reverse("surat:pin_terbitkan", args=[istri.pk]))
    assert resp.status_code == 400 and "NIK sementara" in resp.content.decode()


def test_resident_page_has_the_pin_button_for_the_operator_only(dunia, istri):
    url = istri.get_absolute_url()
    tombol = reverse("surat:pin_terbitkan", args=[istri.pk])
    c = Client()
    c.force_login(dunia.users["operator_desa"])
    assert tombol in c.get(url).content.decode()
    c.force_login(dunia.users["kepala_desa"])
    assert tombol not in c.get(url).content.decode()


# ---------------------------------------------------------------- logging in

def test_resident_logs_in_with_nik_and_pin_and_must_choose_a_pin(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    client.get(MASUK)
    sebelum = client.session.session_key
    resp = _masuk(client, istri.nik, pin)
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:ganti_pin")
    assert client.session.session_key != sebelum  # session rotated at login
    # Every page (the resident's, and the staff ones) leads to the PIN page, not the staff one.
    for url in ("/layanan/", "/layanan/perbaikan/", "/penduduk/", "/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"] == reverse("mandiri:ganti_pin"), url
    assert PinWarga.objects.get(pengguna__penduduk__pk=istri.pk).login_terakhir is not None


def test_wrong_pin_and_unknown_nik_read_the_same(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    salah = _masuk(client, istri.nik, _pin_lain(pin))
    tak_ada = _masuk(client, NIK_TAK_ADA, pin)
    assert salah.status_code == tak_ada.status_code == 200
    assert _galat(salah) == _galat(tak_ada) == "NIK atau PIN salah."
    assert "_auth_user_id" not in client.session


def test_bad_nik_format_is_refused_on_the_field(client, db):
    resp = _masuk(client, "12345", "123456")
    assert "NIK harus 16 angka" in resp.content.decode()


def test_five_failures_lock_even_the_right_pin_until_the_window_ends(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    for _ in range(5):
        assert _galat(_masuk(client, istri.nik, _pin_lain(pin))) == "NIK atau PIN salah."
    pw = PinWarga.objects.get(pengguna__penduduk__pk=istri.pk)
    assert pw.terkunci_sampai and pw.terkunci_sampai > timezone.now() + datetime.timedelta(minutes=14)
    locked = _masuk(client, istri.nik, pin)
    assert locked.status_code == 429 and "Terlalu banyak percobaan" in _galat(locked)
    assert "_auth_user_id" not in client.session
    # The window ends.
    PinWarga.objects.filter(pk=pw.pk).update(terkunci_sampai=timezone.now() - datetime.timedelta(seconds=1))
    assert _masuk(client, istri.nik, pin).status_code == 302
    pw.refresh_from_db()
    assert pw.gagal == 0 and pw.terkunci_sampai is None


def test_an_unknown_nik_locks_exactly_like_a_real_one(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    nyata = [_galat(_masuk(client, istri.nik, _pin_lain(pin))) for _ in range(6)]
    palsu = [_galat(_masuk(client, NIK_TAK_ADA, "135790")) for _ in range(6)]
    assert nyata == palsu
    assert nyata[-1].startswith("Terlalu banyak percobaan")


def test_guessing_from_one_address_is_rate_limited(dunia, client):
    codes = [_masuk(client, f"62070199999{i:05d}", "135790").status_code for i in range(21)]
    assert codes[:20] == [200] * 20 and codes[20] == 429


def test_resident_failures_never_lock_staff_nor_store_the_pin(dunia, istri, client):
    from axes.models import AccessAttempt

    _terbitkan(dunia, istri)
    for _ in range(7):
        _masuk(client, istri.nik, "975310")
    assert not AccessAttempt.objects.exists()
    staf = Client()
    resp = staf.post("/akun/masuk/", {"username": "operator_desa", "password": world.SANDI})
    assert resp.status_code == 302 and "_auth_user_id" in staf.session


def test_a_moved_out_resident_can_no_longer_log_in(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    Penduduk.objects.filter(pk=istri.pk).update(status_dasar=3)
    assert _galat(_masuk(client, istri.nik, pin)) == "NIK atau PIN salah."


def test_staff_cannot_use_the_resident_pages(dunia, client):
    client.force_login(dunia.users["operator_desa"])
    assert client.get("/layanan/").status_code == 403
    assert client.get("/layanan/pin/").status_code == 403


def test_anonymous_visitor_is_sent_to_the_resident_login(client, db):
    resp = client.get("/layanan/perbaikan/")
    assert resp.status_code == 302 and resp["Location"].startswith(MASUK)


# ---------------------------------------------------------------- choosing a PIN

@pytest.fixture
def masuk_pertama(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    _masuk(client, istri.nik, pin)
    return client, pin


@pytest.mark.parametrize("baru, pesan", [
    ("111111", "sama semua"),
    ("123456", "berurutan"),
    ("654321", "berurutan"),
    ("150190", "tanggal lahir"),  # world residents are born 15-01-1990
    ("12a456", "6 angka"),
])
def test_weak_pins_are_refused(masuk_pertama, baru, pesan):
    client, pin = masuk_pertama
    resp = client.post("/layanan/pin/", {"pin_lama": pin, "pin_baru": baru, "pin_ulang": baru})
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert Pengguna.objects.get(pin_warga__isnull=False).harus_ganti_sandi


def test_pin_change_needs_the_old_pin_and_the_same_pin_twice(masuk_pertama):
    client, pin = masuk_pertama
    body = client.post("/layanan/pin/", {"pin_lama": pin, "pin_baru": "739201", "pin_ulang": "739202"}).content.decode()
    assert "tidak sama" in body
    body = client.post("/layanan/pin/", {"pin_lama": _pin_lain(pin), "pin_baru": "739201",
                                         "pin_ulang": "739201"}).content.decode()
    assert "PIN lama salah" in body


def test_chosen_pin_opens_the_pages_and_replaces_the_office_pin(masuk_pertama, istri):
    client, pin = masuk_pertama
    resp = client.post("/layanan/pin/", {"pin_lama": pin, "pin_baru": "739201", "pin_ulang": "739201"})
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:beranda")
    assert client.get("/layanan/").status_code == 200  # still logged in after the change
    akun = Pengguna.objects.get(penduduk__pk=istri.pk)
    assert not akun.harus_ganti_sandi and akun.check_password("739201") and not akun.check_password(pin)
    baru = Client()
    assert _masuk(baru, istri.nik, "739201")["Location"] == reverse("mandiri:beranda")


def test_logout_is_post_only(masuk_pertama):
    client, _ = masuk_pertama
    assert client.get("/layanan/keluar/").status_code == 405
    assert client.post("/layanan/keluar/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_atur_pin_sets_a_known_pin_for_demo_data(dunia, istri):
    with acting_as("uji"):
        akun = mandiri.atur_pin(istri, "739201")
    assert akun.check_password("739201") and not akun.harus_ganti_sandi
    with pytest.raises(ValidationError):
        mandiri.atur_pin(istri, "123456")


def test_the_staff_login_refuses_a_residents_pin_account(dunia, istri):
    """The PIN is the account's password: the staff form (username or email + password) must
    not accept it, or the resident lockout could be sidestepped there."""
    pin = _terbitkan(dunia, istri)
    istri.refresh_from_db()
    client = Client()
    resp = client.post("/akun/masuk/", {"username": istri.akun.username, "password": pin})
    assert "_auth_user_id" not in client.session
    assert resp.status_code == 200
    # The same PIN on the resident form works, so the refusal above is about the form.
    assert _masuk(Client(), istri.nik, pin).status_code == 302
