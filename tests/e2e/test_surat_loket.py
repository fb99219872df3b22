"""Browser journey at the village counter: the operator takes a walk-in request with a scan,
checks it, the kepala desa signs it with his passphrase (a wrong one first) and downloads the
signed PDF; the operator hands it over."""
from __future__ import annotations

import re

from apps.dokumen import ca
from apps.surat.models import StatusSurat, Surat
from tests import world

from .conftest import DESKTOP, PHONE, login, shot

SANDI_TTE = "passphrase-kades-e2e"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _keluar(page) -> None:
    page.context.clear_cookies()


def test_walk_in_letter_from_request_to_signed_pdf(dunia, page_factory, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    ca.terbitkan_sertifikat(pengguna=dunia.users["kepala_desa"], passphrase=SANDI_TTE)
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(PDF)

    # The operator, on a phone, takes the request.
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.goto("/surat/")
    page.click("#buat-surat")
    page.wait_for_url(re.compile(r"/surat/buat/$"))
    page.fill("#cari-penduduk", "Kepala Pematang")
    page.wait_for_selector("input[name=penduduk][type=radio]")
    page.check("input[name=penduduk][type=radio]")
    jenis = world.JenisSurat.objects.get(kode=f"domisili-{world.KAB}")
    page.select_option("select[name=jenis]", str(jenis.pk))
    page.wait_for_selector("input[name=isian_keperluan]")
    page.fill("input[name=isian_keperluan]", "Melamar pekerjaan")
    page.set_input_files("input[name=syarat_ktp]", str(scan))
    shot(page, "surat-loket-permohonan-ponsel")
    with page.expect_navigation():
        page.click("#ajukan")
    page.wait_for_selector("text=tercatat")
    s = Surat.objects.get(penduduk=dunia.warga_penduduk, status=StatusSurat.DIAJUKAN)
    assert page.url.endswith(f"/surat/{s.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    # Checked: the scan is there, so nothing else to tick.
    with page.expect_navigation():
        page.click("#tombol-periksa")
    page.wait_for_selector("text=menunggu tanda tangan")
    shot(page, "surat-loket-diperiksa-ponsel")
    _keluar(page)

    # The kepala desa signs from his inbox; a wrong passphrase changes nothing.
    page = page_factory(DESKTOP)
    login(page, "kepala_desa")
    page.goto("/surat/?status=diperiksa")
    page.click(f"a[href='/surat/{s.pk}/']")
    page.fill("input[name=ttd-passphrase]", "salah")
    with page.expect_navigation():
        page.click("#tombol-ttd")
    page.wait_for_selector("text=Passphrase salah")
    s.refresh_from_db()
    assert s.status == StatusSurat.DIPERIKSA
    page.fill("input[name=ttd-passphrase]", SANDI_TTE)
    with page.expect_navigation():
        page.click("#tombol-ttd")
    page.wait_for_selector("text=ditandatangani dengan nomor")
    s.refresh_from_db()
    assert s.status == StatusSurat.DITANDATANGANI and s.nomor in page.content()
    shot(page, "surat-loket-ditandatangani")
    with page.expect_download() as unduhan:
        page.click("#unduh-pdf")
    path = unduhan.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    _keluar(page)

    # The operator hands it over.
    page = page_factory(DESKTOP)
    login(page, "operator_desa")
    page.goto(f"/surat/{s.pk}/")
    with page.expect_navigation():
        page.click("#tandai-diambil")
    page.wait_for_selector("text=sudah diambil")
    s.refresh_from_db()
    assert s.status == StatusSurat.SELESAI
    shot(page, "surat-loket-selesai")
