"""Browser journey of the Musrenbang above the village, in Debian's Chromium against a live
server: two villages of one kecamatan have sent their ranked lists (set up directly, as the
village stage leaves them); the camat merges two duplicate proposals, scores one and re-ranks,
then sends the list; the agency (DPMD) rejects one proposal with a reason at the Forum PD
(a phone, 390 px); Bappeda sends the forum's list; the kabupaten lowers one cost and sends;
Bappeda sets the RKPD with the Perbup number; the public village page and "lacak usulan" show
the rejection's reason, never the resident's name. Screenshots: docs/screenshots/musrenbang-*.png."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from apps.perencanaan.models import Keputusan, ModeTahap, RevisiUsulan, TahapMusrenbang
from apps.perencanaan.tests import _tahap

from .conftest import DESKTOP, login

PHONE = {"width": 390, "height": 844}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ALASAN = "Bukan kewenangan kabupaten; dibiayai Dana Desa"


def foto(page, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"musrenbang-{name}.png"), full_page=True)


@pytest.fixture
def s(transactional_db):
    return _tahap.build()


def _buka(page, s, jenis):
    page.goto(f"/perencanaan/tahap/{s.tahap[jenis].pk}/")


def test_siklus_musrenbang_berjenjang(s, page_factory):
    u = s.usulan
    # ---- kecamatan: merge duplicates, score, re-rank, send
    page = page_factory(DESKTOP)
    login(page, "camat")
    page.goto("/perencanaan/tahap/")
    page.click("#tahap-kecamatan")
    assert page.locator("#jumlah-usulan").inner_text() == "4"
    page.select_option("#form-gabung select[name=usulan]", str(u["U28-B1"].pk))
    page.select_option("#form-gabung select[name=tujuan]", str(u["U28-A1"].pk))
    with page.expect_navigation():
        page.click("#form-gabung button")
    assert "Gabungan dari: U28-B1" in page.content()
    item = page.locator("#usulan-U28-A2")
    item.locator("summary").click()
    item.locator("select[name=nilai_urgensi]").select_option("5")
    item.locator("select[name=nilai_manfaat]").select_option("4")
    with page.expect_navigation():
        item.locator("form button").click()
    assert "U28-A2 disimpan" in page.content()
    with page.expect_navigation():
        page.click("#hitung-ulang")
    foto(page, "kecamatan")
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")
    assert "dikirim ke tahap berikutnya" in page.content()
    merged = RevisiUsulan.objects.get(tahap=s.tahap["kecamatan"], usulan=u["U28-B1"])
    assert merged.keputusan == Keputusan.DIGABUNG and merged.digabung_ke_id == u["U28-A1"].pk

    # ---- Forum PD on a phone: DPMD rejects A1 with a reason
    hp = page_factory(PHONE)
    login(hp, "staf_pd")
    _buka(hp, s, "forum_pd")
    item = hp.locator("#usulan-U28-A1")
    item.locator("summary").click()
    item.locator("select[name=keputusan]").select_option("ditolak")
    item.locator("textarea[name=alasan]").fill("pendek")
    with hp.expect_navigation():
        item.locator("form button").click()
    assert "minimal 10 karakter" in hp.content()
    item = hp.locator("#usulan-U28-A1")
    item.locator("summary").click()
    item.locator("select[name=keputusan]").select_option("ditolak")
    item.locator("textarea[name=alasan]").fill(ALASAN)
    with hp.expect_navigation():
        item.locator("form button").click()
    assert "disimpan: Ditolak" in hp.content()
    foto(hp, "forum-pd-hp")
    assert hp.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    # ---- Bappeda sends the forum's list
    page = page_factory(DESKTOP)
    login(page, "bappeda")
    _buka(page, s, "forum_pd")
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")

    # ---- kabupaten: lower the cost of B2, send
    _buka(page, s, "kabupaten")
    item = page.locator("#usulan-U28-B2")
    item.locator("summary").click()
    item.locator("input[name=perkiraan_biaya]").fill("35000000")
    with page.expect_navigation():
        item.locator("form button").click()
    assert "U28-B2 disimpan" in page.content()
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")

    # ---- RKPD: set with the Perbup, locked
    _buka(page, s, "rkpd")
    page.click("#kirim-daftar")
    page.fill("input[name=nomor_penetapan]", "12 Tahun 2026")
    page.fill("input[name=tanggal_penetapan]", "2026-01-02")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")
    assert "ditetapkan dan dikunci" in page.content()
    foto(page, "rkpd")
    rkpd = TahapMusrenbang.objects.get(pk=s.tahap["rkpd"].pk)
    assert rkpd.mode == ModeTahap.TUTUP and rkpd.nomor_penetapan == "12 Tahun 2026"
    assert set(RevisiUsulan.objects.filter(tahap=rkpd).values_list("usulan__kode", flat=True)) == {"U28-A2", "U28-B2"}

    # ---- public: the village page shows the reason; lacak follows the proposal (phone)
    pub = page_factory(PHONE)
    pub.goto(f"/musrenbang/desa/{_tahap.DESA}/")
    body = pub.content()
    assert ALASAN in body and "Budi Santoso" not in body
    foto(pub, "desa-publik")
    pub.goto("/musrenbang/")
    pub.fill("#form-lacak input[name=kode]", "U28-A2")
    with pub.expect_navigation():
        pub.click("#form-lacak button")
    text = pub.locator("#linimasa").inner_text()
    assert re.search(r"Penetapan RKPD", text) and "Perbup 12 Tahun 2026" in text
    foto(pub, "lacak")
    assert pub.evaluate("document.documentElement.scrollWidth") <= 390 + 1
