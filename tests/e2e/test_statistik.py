"""Population statistics in a browser: the Bupati's chart, switching category, the PNG and CSV
downloads; the public portal on a phone."""
from __future__ import annotations

import re

from .conftest import DESKTOP, PHONE, login, shot


def _kanvas_terisi(page) -> bool:
    """The chart drew something: its pixels are not all one colour."""
    return page.evaluate("""() => {
        const c = document.getElementById('grafik-statistik');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 4; i < d.length; i += 4) {
            if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) return true;
        }
        return false;
    }""")


def test_bupati_sees_the_pyramid_switches_category_and_downloads(dunia, page_factory, tmp_path):
    page = page_factory(DESKTOP)
    login(page, "bupati")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/penduduk/statistik/")
    page.wait_for_selector("#grafik-statistik[data-siap='1']")
    assert _kanvas_terisi(page)
    assert page.locator("#tabel-statistik tbody tr").count() == 16  # 5-year groups
    shot(page, "statistik-piramida-bupati")

    page.click("a[data-kategori=agama]")
    page.wait_for_selector("a[data-kategori=agama].active")
    page.wait_for_selector("#grafik-statistik[data-siap='1']")
    assert _kanvas_terisi(page)
    assert "ISLAM" in page.locator("#tabel-statistik").inner_text()
    assert "kategori=agama" in page.url
    shot(page, "statistik-agama-bupati")

    with page.expect_download() as info:
        page.click("text=Unduh CSV")
    csv_path = tmp_path / "statistik.csv"
    info.value.save_as(csv_path)
    teks = csv_path.read_text(encoding="utf-8-sig")
    assert info.value.suggested_filename == "statistik-agama-62.07.csv"
    assert teks.splitlines()[0].startswith("No,Kategori,Laki-laki")
    assert "ISLAM" in teks and "JUMLAH" in teks

    with page.expect_download() as info:
        page.click("text=Unduh PNG")
    png_path = tmp_path / "grafik.png"
    info.value.save_as(png_path)
    assert info.value.suggested_filename == "statistik-agama-62.07.png"
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_path.stat().st_size > 5000

    # Drill down to a kecamatan; the per-desa breakdown lists its villages.
    page.select_option("#pilih-wilayah", "62.07.01")
    page.wait_for_url(re.compile(r"wilayah=62.07.01"))
    page.click("a[data-kategori=wilayah]")
    page.wait_for_selector("a[data-kategori=wilayah].active")
    tabel = page.locator("#tabel-statistik").inner_text()
    assert "Pematang Limau" in tabel and "Sungai Perlu" in tabel


def test_public_statistics_on_a_phone_without_login(dunia, page_factory):
    page = page_factory(PHONE)
    resp = page.goto("/statistik/?kategori=pendidikan")
    assert resp.status == 200
    page.wait_for_selector("#grafik-statistik[data-siap='1']")
    assert _kanvas_terisi(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tidak boleh menggulir ke samping"
    html = page.content()
    assert "Kepala Pematang Limau" not in html  # nothing per person
    shot(page, "statistik-publik-ponsel")
    page.goto("/statistik/?wilayah=62.07.01.2005&kategori=piramida")
    page.wait_for_selector("#grafik-statistik[data-siap='1']")
    shot(page, "statistik-publik-desa-ponsel")
    resp = page.goto("/statistik/?wilayah=62.01.01.2001")
    assert resp.status == 404
    assert "tidak ada di portal statistik" in page.content()
