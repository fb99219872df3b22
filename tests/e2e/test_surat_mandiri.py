"""The main letter journey, through the pages: the operator issues a resident's PIN, the
resident logs in on a phone, chooses their own PIN and requests an SKTM with a scan, the
operator checks it, the kepala desa signs it, the resident downloads the PDF, and the public
verification page tells the original from a changed copy and a forged QR code."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from django.urls import reverse

from apps.dokumen import ca, qr
from apps.dokumen.models import DokumenTerbit
from apps.sinkron.context import acting_as
from apps.surat import bawaan
from apps.surat.models import StatusSurat, Surat
from tests import world

from .conftest import ARTIFACTS, DESKTOP, PHONE, login, shot

PASSPHRASE = "passphrase-kades-uji-panjang"
PIN_BARU = "739201"
# A scan from a phone camera: only the first bytes matter to the upload check.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"


def _tanpa_geser_samping(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tidak boleh menggulir ke samping"


def _siapkan():
    bawaan.muat_katalog(world.KAB)
    kades = world.Pengguna.objects.get(username="kepala_desa")
    with acting_as("sistem:uji"):
        ca.terbitkan_sertifikat(pengguna=kades, passphrase=PASSPHRASE)
    return world.Penduduk.objects.get(nama="Istri Pematang Limau")


def _operator_menerbitkan_pin(page, penduduk) -> str:
    login(page, "operator_desa")
    page.goto(f"/penduduk/{penduduk.pk}/")
    page.click("text=Layanan mandiri: terbitkan PIN")
    with page.expect_navigation():
        page.click("button:has-text('Terbitkan PIN')")
    pin = page.inner_text("[data-pin]").strip()
    assert re.fullmatch(r"\d{6}", pin)
    shot(page, "mandiri-slip-pin")
    # The slip is the answer to the POST (the PIN is stored nowhere): reloading would issue a
    # new PIN, so check instead that no page shows it afterwards.
    page.goto(f"/penduduk/{penduduk.pk}/")
    assert pin not in page.content(), "PIN hanya boleh tampil sekali"
    page.goto(reverse("surat:pin_slip"))
    assert pin not in page.content() and "hanya ditampilkan sekali" in page.content()
    return pin


def _warga_masuk_dan_ganti_pin(hp, penduduk, pin) -> None:
    hp.goto("/layanan/masuk/")
    _tanpa_geser_samping(hp)
    hp.fill("input[name=nik]", penduduk.nik)
    hp.fill("input[name=pin]", "000000" if pin != "000000" else "111112")
    with hp.expect_navigation():
        hp.click("button:has-text('Masuk')")
    assert "NIK atau PIN salah." in hp.content()
    hp.fill("input[name=nik]", penduduk.nik)
    hp.fill("input[name=pin]", pin)
    with hp.expect_navigation():
        hp.click("button:has-text('Masuk')")
    hp.wait_for_url(re.compile(r"/layanan/pin/$"))
    shot(hp, "mandiri-ganti-pin-ponsel")
    hp.fill("input[name=pin_lama]", pin)
    hp.fill("input[name=pin_baru]", "123456")
    hp.fill("input[name=pin_ulang]", "123456")
    with hp.expect_navigation():
        hp.click("button:has-text('Simpan PIN')")
    assert "berurutan" in hp.content()
    hp.fill("input[name=pin_lama]", pin)
    hp.fill("input[name=pin_baru]", PIN_BARU)
    hp.fill("input[name=pin_ulang]", PIN_BARU)
    with hp.expect_navigation():
        hp.click("button:has-text('Simpan PIN')")
    hp.wait_for_url(re.compile(r"/layanan/$"))
    assert penduduk.keluarga.no_kk in hp.content()
    _tanpa_geser_samping(hp)
    shot(hp, "mandiri-beranda-ponsel")


def _warga_mengajukan_sktm(hp, tmp_path) -> Surat:
    hp.click("text=Ajukan surat")
    hp.click("text=Surat Keterangan Tidak Mampu")
    hp.wait_for_url(re.compile(r"jenis=sktm"))
    hp.select_option("select[name=isian_keperluan]", "Berobat")
    hp.fill("input[name=isian_keterangan_keperluan]", "di RSUD Kuala Pembuang")
    hp.fill("input[name=isian_penghasilan]", "900.000")
    scan = tmp_path / "ktp.jpg"
    scan.write_bytes(JPEG)
    for syarat in ("ktp", "kk", "pengantar_rt"):
        hp.set_input_files(f"input[name=syarat_{syarat}]", str(scan))
    _tanpa_geser_samping(hp)
    shot(hp, "mandiri-sktm-form-ponsel")
    with hp.expect_navigation():
        hp.click("button:has-text('Kirim permohonan')")
    hp.wait_for_selector("text=Permohonan Surat Keterangan Tidak Mampu terkirim")
    surat = Surat.objects.get(kanal=Surat.MANDIRI)
    assert surat.status == StatusSurat.DIAJUKAN and surat.lampiran.count() == 3
    shot(hp, "mandiri-sktm-terkirim-ponsel")
    return surat


def _kantor_memeriksa_dan_menandatangani(page_factory, surat) -> None:
    op = page_factory(DESKTOP)
    login(op, "operator_desa")
    op.goto(f"/surat/{surat.pk}/")
    with op.expect_navigation():
        op.click("#tombol-periksa")
    surat.refresh_from_db()
    assert surat.status == StatusSurat.DIPERIKSA
    kades = page_factory(DESKTOP)
    login(kades, "kepala_desa")
    kades.goto(f"/surat/{surat.pk}/")
    kades.fill("#form-ttd input[name=ttd-passphrase]", PASSPHRASE)
    with kades.expect_navigation():
        kades.click("#tombol-ttd")
    surat.refresh_from_db()
    assert surat.status == StatusSurat.DITANDATANGANI and surat.nomor
    shot(kades, "mandiri-sktm-ditandatangani")


def _verifikasi(page, dok: DokumenTerbit, pdf_path, judul: str) -> None:
    page.goto(f"/verifikasi/{dok.pk}/")
    page.set_input_files("input[name=berkas]", str(pdf_path))
    with page.expect_navigation():
        page.click("button:has-text('Periksa berkas')")
    assert judul in page.inner_text("#hasil-berkas"), page.inner_text("#hasil-berkas")


def test_resident_gets_a_signed_sktm_through_layanan_mandiri(dunia, page_factory, tmp_path):
    penduduk = _siapkan()
    pin = _operator_menerbitkan_pin(page_factory(DESKTOP), penduduk)

    hp = page_factory(PHONE)
    _warga_masuk_dan_ganti_pin(hp, penduduk, pin)
    surat = _warga_mengajukan_sktm(hp, tmp_path)

    _kantor_memeriksa_dan_menandatangani(page_factory, surat)

    hp.goto(f"/layanan/surat/{surat.pk}/")
    assert "Ditandatangani" in hp.content()
    shot(hp, "mandiri-sktm-siap-unduh-ponsel")
    with hp.expect_download() as unduhan:
        hp.click("text=Unduh surat")
    pdf = tmp_path / "sktm.pdf"
    unduhan.value.save_as(str(pdf))
    isi = pdf.read_bytes()
    assert isi.startswith(b"%PDF-") and b"/ByteRange" in isi
    surat.refresh_from_db()
    assert surat.status == StatusSurat.SELESAI
    (ARTIFACTS / "mandiri-sktm.pdf").write_bytes(isi)

    publik = page_factory(DESKTOP)
    dok = DokumenTerbit.objects.get(pk=surat.dokumen_id)
    _verifikasi(publik, dok, pdf, "ASLI")
    shot(publik, "mandiri-verifikasi-asli")
    ubah = bytearray(isi)
    i = isi.index(b"stream", len(isi) // 10) + 20  # a byte inside the first page content, under the signature
    ubah[i] = (ubah[i] + 1) % 256
    diubah = tmp_path / "sktm-diubah.pdf"
    diubah.write_bytes(bytes(ubah))
    _verifikasi(publik, dok, diubah, "DIUBAH")
    shot(publik, "mandiri-verifikasi-diubah")

    teks = qr.buat_teks(dokumen_id=dok.pk, nomor=dok.nomor, tanggal=dok.tanggal, hash_isi=dok.hash_isi)
    d = parse_qs(urlparse(teks).query)["d"][0]
    publik.goto(f"/verifikasi/q/?d={d}")
    assert "Kode QR tidak sah" not in publik.content() and dok.nomor in publik.content()
    palsu = d[:-3] + ("AAA" if d[-3:] != "AAA" else "BBB")
    publik.goto(f"/verifikasi/q/?d={palsu}")
    assert "Kode QR tidak sah" in publik.inner_text("#qr-tidak-sah")
    shot(publik, "mandiri-verifikasi-qr-palsu")
