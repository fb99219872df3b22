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
    slip = client.post(url)
    # The slip is the answer to the POST itself: the PIN is never stored to be shown later.
    assert slip.status_code == 200 and slip["Cache-Control"] == "no-store"
    pin = re.search(r"data-pin>(\d{6})<", slip.content.decode()).group(1)
    assert Pengguna.objects.get(penduduk__pk=istri.pk).check_password(pin)
    assert pin not in str(dict(client.session))
    again = client.get(reverse("surat:pin_slip"))
    assert pin not in again.content.decode() and "hanya ditampilkan sekali" in again.content.decode()
    assert again["Cache-Control"] == "no-store"


def test_issuing_a_pin_keeps_nothing_in_the_session_or_the_cache(dunia, istri, client):
    from django.core.cache import cache

    client.force_login(dunia.users["operator_desa"])
    sebelum = dict(client.session)
    slip = client.post(reverse("surat:pin_terbitkan", args=[istri.pk]))
    pin = re.search(r"data-pin>(\d{6})<", slip.content.decode()).group(1)
    assert dict(client.session) == sebelum
    simpanan = [cache.get(k) for k in getattr(cache, "_cache", {})]  # locmem: every stored value
    assert not any(pin in str(v) for v in simpanan)


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


def _akhiri_kunci(nik: str) -> None:
    """The lock window ends: the lock mark in the cache is past its time."""
    from django.core.cache import cache

    key = mandiri._kunci_sampai(nik)
    assert cache.get(key) is not None
    cache.set(key, (timezone.now() - datetime.timedelta(seconds=1)).timestamp(), timeout=60)


def test_five_failures_lock_even_the_right_pin_until_the_window_ends(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    for _ in range(5):
        assert _galat(_masuk(client, istri.nik, _pin_lain(pin))) == "NIK atau PIN salah."
    pw = PinWarga.objects.get(pengguna__penduduk__pk=istri.pk)
    # Mirrored for the office's display only.
    assert pw.terkunci_sampai and pw.terkunci_sampai > timezone.now() + datetime.timedelta(minutes=14)
    locked = _masuk(client, istri.nik, pin)
    assert locked.status_code == 429 and "Terlalu banyak percobaan" in _galat(locked)
    assert "_auth_user_id" not in client.session
    # Changing the mirror decides nothing: the lock is one mechanism for every NIK.
    PinWarga.objects.filter(pk=pw.pk).update(terkunci_sampai=None)
    assert _masuk(client, istri.nik, pin).status_code == 429
    # The window ends.
    _akhiri_kunci(istri.nik)
    assert _masuk(client, istri.nik, pin).status_code == 302
    pw.refresh_from_db()
    assert pw.gagal == 0 and pw.terkunci_sampai is None


def test_success_resets_the_failure_count(dunia, istri):
    pin = _terbitkan(dunia, istri)
    for _ in range(4):
        _masuk(Client(), istri.nik, _pin_lain(pin))
    assert _masuk(Client(), istri.nik, pin).status_code == 302
    hasil = [_galat(_masuk(Client(), istri.nik, _pin_lain(pin))) for _ in range(5)]
    assert hasil == ["NIK atau PIN salah."] * 5


def test_an_unknown_nik_locks_exactly_like_a_real_one(dunia, istri, client):
    pin = _terbitkan(dunia, istri)
    nyata = [_galat(_masuk(client, istri.nik, _pin_lain(pin))) for _ in range(6)]
    palsu = [_galat(_masuk(client, NIK_TAK_ADA, "135790")) for _ in range(6)]
    assert nyata == palsu
    assert nyata[-1].startswith("Terlalu banyak percobaan")


class _Jam:
    """Moves the clock forward for the database-side (timezone.now) and the cache (time.time)."""

    def __init__(self, monkeypatch):
        import time

        self.geser = 0.0
        asli_time, asli_now = time.time, timezone.now
        monkeypatch.setattr(time, "time", lambda: asli_time() + self.geser)
        monkeypatch.setattr(timezone, "now", lambda: asli_now() + datetime.timedelta(seconds=self.geser))

    def maju(self, menit: float) -> None:
        self.geser += menit * 60


def _coba(nik: str, pin: str, ip: str) -> tuple[int, str]:
    r = _masuk(Client(), nik, pin, REMOTE_ADDR=ip)
    return r.status_code, _galat(r)


def test_real_and_unknown_nik_answer_alike_through_lock_and_after_the_window(dunia, istri, monkeypatch):
    """Finding HIGH-1: a registered NIK and an unknown one give the same answers, in the same
    order, through failures spread over time, the lock, the minutes after it, and a new run.
    (The old code locked an unknown NIK by a window from its first attempt, a real one from
    its fifth failure: probing at the right minute told them apart.)"""
    pin = _terbitkan(dunia, istri)
    salah = _pin_lain(pin)
    jejak = {}
    for nik, ip in ((istri.nik, "192.0.2.1"), (NIK_TAK_ADA, "192.0.2.2")):
        jam = _Jam(monkeypatch)
        j = [_coba(nik, salah, ip)]                     # minute 0: one failure
        jam.maju(10)
        j += [_coba(nik, salah, ip) for _ in range(5)]  # minute 10: four more (locks), then refused
        jam.maju(6)
        j += [_coba(nik, salah, ip)]                    # minute 16: still locked (until minute 25)
        jam.maju(10)
        j += [_coba(nik, salah, ip) for _ in range(6)]  # minute 26: open again, a fresh count of 5
        jejak[nik] = j
        monkeypatch.undo()
    nyata, palsu = jejak[istri.nik], jejak[NIK_TAK_ADA]
    assert nyata == palsu
    assert [s for s, _ in nyata] == [200] * 5 + [429] * 2 + [200] * 5 + [429]
    assert nyata[0][1] == "NIK atau PIN salah." and nyata[5][1].startswith("Terlalu banyak percobaan")


def test_the_lock_does_not_depend_on_the_database_row(dunia, istri):
    """The old lock lived in PinWarga for real accounts only; a stale row must not differ."""
    pin = _terbitkan(dunia, istri)
    PinWarga.objects.filter(pengguna__penduduk__pk=istri.pk).update(
        terkunci_sampai=timezone.now() + datetime.timedelta(minutes=10), gagal=4)
    assert _masuk(Client(), istri.nik, pin).status_code == 302


def test_every_path_costs_exactly_one_hash_check(dunia, istri, monkeypatch):
    """Finding HIGH-1 (timing): unknown, wrong, locked and right all run the hasher once."""
    from django.contrib.auth import hashers

    pin = _terbitkan(dunia, istri)
    panggilan = []
    for cls in (hashers.MD5PasswordHasher, hashers.Argon2PasswordHasher):
        asli = cls.verify
        monkeypatch.setattr(cls, "verify", lambda self, p, e, _asli=asli: panggilan.append(1) or _asli(self, p, e))

    def biaya(nik, pin_coba):
        panggilan.clear()
        status = _masuk(Client(), nik, pin_coba).status_code
        return status, len(panggilan)

    assert biaya(NIK_TAK_ADA, "135790") == (200, 1)
    assert biaya(istri.nik, _pin_lain(pin)) == (200, 1)
    for _ in range(4):
        _masuk(Client(), istri.nik, _pin_lain(pin))
    for _ in range(4):
        _masuk(Client(), NIK_TAK_ADA, "135790")
    assert biaya(istri.nik, pin) == (429, 1)        # locked, even the right PIN: still one check
    assert biaya(NIK_TAK_ADA, "135790") == (429, 1)
    _akhiri_kunci(istri.nik)
    assert biaya(istri.nik, pin) == (302, 1)


def test_the_cache_holds_no_nik(dunia, istri):
    from django.core.cache import cache

    _masuk(Client(), NIK_TAK_ADA, "135790")
    keys = list(getattr(cache, "_cache", {}))
    assert keys and not any(NIK_TAK_ADA in k for k in keys)
    assert mandiri._kunci_cache(NIK_TAK_ADA) != mandiri._kunci_cache(istri.nik)


def test_reissuing_a_pin_lifts_the_lock(dunia, istri):
    pin = _terbitkan(dunia, istri)
    for _ in range(5):
        _masuk(Client(), istri.nik, _pin_lain(pin))
    assert _masuk(Client(), istri.nik, pin).status_code == 429
    baru = _terbitkan(dunia, istri)
    assert _masuk(Client(), istri.nik, baru).status_code == 302


def test_the_client_address_honours_the_proxy_count(dunia, settings):
    """Per-IP limit on the real client behind our proxy, not on the proxy's address."""
    settings.EDESA_JUMLAH_PROXY = 1
    for i in range(20):
        _masuk(Client(), f"62070199999{i:05d}", "135790", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert _masuk(Client(), "6207019999988888", "135790", REMOTE_ADDR="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert _masuk(Client(), "6207019999988888", "135790", REMOTE_ADDR="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200


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


def test_wrong_old_pins_lock_the_nik_and_end_the_session(masuk_pertama, istri):
    """Finding MEDIUM-LOW-3: the PIN form is not a way around the login lock."""
    client, pin = masuk_pertama
    salah = {"pin_lama": _pin_lain(pin), "pin_baru": "739201", "pin_ulang": "739201"}
    for _ in range(4):
        body = client.post("/layanan/pin/", salah).content.decode()
        assert "PIN lama salah" in body and "_auth_user_id" in client.session
    resp = client.post("/layanan/pin/", salah)
    assert resp.status_code == 302 and resp["Location"] == MASUK
    assert "_auth_user_id" not in client.session
    assert "Terlalu banyak percobaan" in client.get(MASUK).content.decode()
    # Locked for the login too, even with the right PIN; the PIN itself is unchanged.
    assert _masuk(Client(), istri.nik, pin).status_code == 429
    assert Pengguna.objects.get(penduduk__pk=istri.pk).check_password(pin)


def test_wrong_old_pins_and_login_failures_share_one_count(masuk_pertama, istri):
    client, pin = masuk_pertama
    for _ in range(3):
        _masuk(Client(), istri.nik, _pin_lain(pin))
    salah = {"pin_lama": _pin_lain(pin), "pin_baru": "739201", "pin_ulang": "739201"}
    assert "PIN lama salah" in client.post("/layanan/pin/", salah).content.decode()
    assert client.post("/layanan/pin/", salah).status_code == 302
    assert "_auth_user_id" not in client.session


def test_chosen_pin_opens_the_pages_and_replaces_the_office_pin(masuk_pertama, istri):
    client, pin = masuk_pertama
    resp = client.post("/layanan/pin/", {"pin_lama": pin, "pin_baru": "739201", "pin_ulang": "739201"})
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:beranda")
    assert client.get("/layanan/").status_code == 200  # still logged in after the change
    akun = Pengguna.objects.get(penduduk__pk=istri.pk)
    assert not akun.harus_ganti_sandi and akun.check_password("739201") and not akun.check_password(pin)
    baru = Client()
    assert _masuk(baru, istri.nik, "739201")["Location"] == reverse("mandiri:beranda")


def test_pin_views_hide_the_pins_from_error_reports(dunia, istri):
    """Finding LOW-5: a crash report never shows the submitted PIN (POST data)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.views.debug import SafeExceptionReporterFilter

    from apps.surat.views import mandiri as v

    for view, data in ((v.Masuk, {"nik": istri.nik, "pin": "135790"}),
                       (v.GantiPin, {"pin_lama": "135790", "pin_baru": "739201", "pin_ulang": "739201"})):
        req = RequestFactory().post("/", data)
        req.user, req.session = AnonymousUser(), {}
        view.as_view()(req)
        post = SafeExceptionReporterFilter().get_post_parameters(req)
        assert all(post[k] != data[k] for k in data if k.startswith("pin")), view
    assert post is not None


def _laporan_galat(fn, *args, **kwargs) -> str:
    """The text of Django's crash report for an exception raised while `fn` runs."""
    import sys

    from django.views.debug import ExceptionReporter

    try:
        fn(*args, **kwargs)
    except RuntimeError:
        data = ExceptionReporter(None, *sys.exc_info()).get_traceback_data()
        # The app's own frames (not this test's, which holds the PIN it passed in).
        return str([(f["function"], f["vars"]) for f in data["frames"]
                    if "/tests/" not in f["filename"] and "apps/surat/" in f["filename"]])
    raise AssertionError("tidak ada galat")


def test_functions_holding_a_pin_hide_it_from_error_reports(dunia, istri, monkeypatch):
    from django.test import RequestFactory

    pin = _terbitkan(dunia, istri)
    akun = Pengguna.objects.get(penduduk__pk=istri.pk)

    def meledak(*args, **kwargs):
        raise RuntimeError("galat uji")

    monkeypatch.setattr(mandiri, "catat_gagal_nik", meledak)
    monkeypatch.setattr(mandiri, "catat_berhasil_nik", meledak)
    req = RequestFactory().post(MASUK)
    laporan = _laporan_galat(mandiri.masuk, req, istri.nik, "975310")
    assert "authenticate" in laporan and "975310" not in laporan
    laporan = _laporan_galat(mandiri.ganti_pin, akun, pin, "739201")
    assert "ganti_pin" in laporan and pin not in laporan and "739201" not in laporan
    monkeypatch.setattr(mandiri, "buka_kunci", meledak)
    laporan = _laporan_galat(mandiri.terbitkan_pin, istri, oleh=None)
    assert "terbitkan_pin" in laporan and "'pin'" in laporan and "*****" in laporan


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


def test_reissuing_a_pin_revokes_the_accounts_api_tokens(dunia, istri):
    """Finding MEDIUM-2: a token made with the old PIN must not outlive it."""
    from rest_framework.authtoken.models import Token

    _terbitkan(dunia, istri)
    akun = Pengguna.objects.get(penduduk__pk=istri.pk)
    Token.objects.create(user=akun)
    _terbitkan(dunia, istri)
    assert not Token.objects.filter(user=akun).exists()


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
