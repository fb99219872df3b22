"""Browser journeys of searching, exporting and the population books (Chromium via Playwright),
on a desktop and on a 360 px phone. Screenshots go to test-artifacts/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import world
from tests.e2e.conftest import DESKTOP, PHONE, shot
from tests.e2e.test_journeys import login

pytestmark = pytest.mark.e2e


def test_camat_filters_by_village_and_rt_then_downloads_the_list(dunia, page_factory):
    page = page_factory(DESKTOP)
    login(page, "camat")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/penduduk/")
    page.select_option("#filter-desa", world.DESA)
    page.wait_for_selector(f"#filter-wilayah option[value='{world.DESA}.01.001.001']", state="attached")
    page.click("text=Filter lain")
    page.wait_for_selector("#filter-lanjutan.show")
    page.select_option("#filter-wilayah", f"{world.DESA}.01.001.001")
    page.wait_for_url(re.compile(r"wilayah="))
    page.wait_for_selector("text=Tetangga Pematang Limau")
    assert "Tetangga Sungai Perlu" not in page.content()
    shot(page, "penduduk-filter-rt")
    with page.expect_download() as dl:
        page.click("#hasil-penduduk a:has-text('CSV')")
    isi = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    assert "Tetangga Pematang Limau" in isi and "Sungai Perlu" not in isi
    nik = world.Penduduk.objects.get(nama="Tetangga Pematang Limau").nik
    assert nik not in isi and nik[:4] + "x" * 12 in isi


def test_operator_opens_the_books_on_a_phone(dunia, page_factory):
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/penduduk/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "penduduk-daftar-ponsel")
    page.click("main >> text=Buku administrasi")
    page.wait_for_url(re.compile(r"/penduduk/buku/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "buku-indeks-ponsel")
    page.click("form[action='/penduduk/buku/induk/'] button")
    page.wait_for_selector("text=Kepala Pematang Limau")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tabel menggulir di dalam kartu"
    shot(page, "buku-induk-ponsel")
    page.goto("/penduduk/buku/rekapitulasi/?periode=2026-01")
    page.wait_for_selector("text=JUMLAH")
    shot(page, "buku-rekap-ponsel")
    page.goto("/penduduk/buku/mutasi/?periode=2026-13")
    assert "Bulan 13 tidak ada" in page.content()
    resp = page.request.get("/penduduk/buku/induk/?format=pdf")
    assert resp.status == 200 and resp.body().startswith(b"%PDF")
