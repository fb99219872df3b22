"""Main journeys of the foundation, as a person would click through them."""
from __future__ import annotations

import re

from django_otp.oath import totp

from tests import world

from .conftest import DESKTOP, PHONE, login, shot


def test_operator_logs_in_finds_a_resident_and_reads_the_history(dunia, page_factory):
    page = page_factory(DESKTOP)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    assert "Selamat datang" in page.content()
    shot(page, "beranda-operator")

    page.click("text=Penduduk")
    page.wait_for_url(re.compile(r"/penduduk/"))
    page.fill("input[name=q]", "tetangga")
    page.wait_for_selector("text=Tetangga Pematang Limau")
    assert "Tetangga Sungai Perlu" not in page.content()  # another village: never listed
    page.click("text=Tetangga Pematang Limau")
    page.wait_for_selector("text=Riwayat")
    nik = world.Penduduk.objects.get(nama="Tetangga Pematang Limau").nik
    assert nik in page.content(), "operator desa melihat NIK lengkap"
    shot(page, "penduduk-detail-operator")
    page.click("text=Riwayat")
    page.wait_for_selector("text=Riwayat perubahan")
    assert "Dibuat" in page.content()
    shot(page, "riwayat")


def test_camat_sees_masked_nik_and_cannot_open_another_kecamatan(dunia, page_factory):
    page = page_factory(DESKTOP)
    login(page, "camat@uji.local")  # by email
    page.wait_for_url(re.compile(r"/$"))
    p = world.Penduduk.objects.get(nama="Tetangga Sungai Perlu")
    page.goto(f"/penduduk/{p.pk}/")
    assert p.nik not in page.content()
    other = world.Penduduk.objects.get(nama="Tetangga Desa Tengah")
    resp = page.goto(f"/penduduk/{other.pk}/")
    assert resp.status == 404
    assert "di luar cakupan" in page.content()
    shot(page, "404-luar-cakupan")


def test_bupati_home_on_a_phone_with_the_menu(dunia, page_factory):
    page = page_factory(PHONE)
    login(page, "bupati")
    page.wait_for_url(re.compile(r"/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tidak boleh menggulir ke samping"
    shot(page, "beranda-bupati-ponsel")
    page.click("button[aria-controls=sidebar]")
    page.wait_for_selector("#sidebar.show")
    shot(page, "menu-ponsel")
    page.click("#sidebar >> text=Wilayah")
    page.wait_for_url(re.compile(r"/wilayah/"))
    assert "Seruyan Hilir" in page.content()


def test_wrong_passwords_lock_the_account_with_a_clear_message(dunia, page_factory, settings):
    page = page_factory(DESKTOP)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, "sekdes", "salah-sekali")
    assert "terkunci" in page.content().lower()
    shot(page, "terkunci")
    login(page, "sekdes")  # even the right password waits out the lockout
    assert "terkunci" in page.content().lower()


def test_official_turns_on_two_factor_and_must_use_it_next_time(dunia, page_factory):
    page = page_factory(DESKTOP)
    login(page, "kepala_desa")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/akun/otp/pasang/")
    secret = page.locator("[data-secret]").get_attribute("data-secret")
    import base64

    key = base64.b32decode(secret)
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/akun/profil/"))
    shot(page, "otp-aktif")
    page.context.clear_cookies()
    login(page, "kepala_desa")
    page.wait_for_url(re.compile(r"/akun/otp/"))
    page.fill("input[name=token]", "000000" if totp(key) != 0 else "111111")
    page.click("button[type=submit]")
    assert "salah" in page.content().lower()
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
