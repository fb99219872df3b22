"""The sealed QR, the issue service and the verdict on uploaded files."""
from __future__ import annotations

import datetime
import hashlib
import random
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from apps.dokumen import ca, qr, services, verifikasi
from apps.dokumen.models import DokumenTerbit
from apps.sinkron.context import acting_as

from .conftest import pdf_polos

TGL = datetime.date(2026, 11, 20)


def _teks(**kw):
    data = {"dokumen_id": uuid.UUID("0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001"), "nomor": "470/012/PL/XI/2026",
            "tanggal": TGL, "hash_isi": qr.hash_isi({"a": 1})} | kw
    return qr.buat_teks(**data)


def test_hash_isi_kanonik():
    assert qr.hash_isi({"b": 1, "a": "é"}) == qr.hash_isi({"a": "é", "b": 1})
    assert qr.hash_isi({"a": 1}) != qr.hash_isi({"a": 2})
    assert len(qr.hash_isi({})) == 43


@override_settings(EDESA_URL_PUBLIK="https://edesa.seruyankab.go.id/")
def test_qr_sah_lolos(db):
    teks = _teks()
    assert teks.startswith("https://edesa.seruyankab.go.id/verifikasi/q/?d=")
    h = qr.periksa_teks(teks)
    assert h.sah and h.nomor == "470/012/PL/XI/2026" and h.tanggal == TGL
    assert h.dokumen_id == uuid.UUID("0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001")
    # the d value alone, and offline with only the public key
    d = teks.split("d=", 1)[1]
    assert qr.periksa_teks(d).sah
    assert qr.periksa_teks(teks, kunci_publik_pem=ca.otoritas().segel_publik_pem).sah


def _ganti_payload(teks: str, lama: str, baru: str) -> str:
    d = teks.split("d=", 1)[1]
    isi, tanda = d.split(".")
    payload = qr._unb64(isi).decode().replace(lama, baru)
    return f"{qr._b64(payload.encode())}.{tanda}"


def test_qr_palsu_gagal(db):
    teks = _teks()
    assert not qr.periksa_teks(_ganti_payload(teks, "470/012", "470/013")).sah  # changed nomor
    assert not qr.periksa_teks(_ganti_payload(teks, "2026-11-20", "2026-11-21")).sah  # changed date
    d = teks.split("d=", 1)[1]
    isi, tanda = d.split(".")
    rusak = tanda[:-2] + ("AA" if tanda[-2:] != "AA" else "BB")
    assert not qr.periksa_teks(f"{isi}.{rusak}").sah  # changed signature
    # sealed by another key (someone else's CA)
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from apps.dokumen import kunci as kk

    lain = kk.enkripsi_server(ed25519.Ed25519PrivateKey.generate())
    palsu = qr.buat_teks(dokumen_id=uuid.uuid4(), nomor="1", tanggal=TGL, hash_isi="x", kunci_segel_pem=lain)
    assert not qr.periksa_teks(palsu).sah


# urlsplit() raises ValueError("Invalid IPv6 URL") on these: they must be "not valid", never a 500.
SAMPAH_URL = ("http://[::1/?d=a.b", "x://[?d=a.b", "https://h]/?d=a.b")


@pytest.mark.parametrize("sampah", ["", "abc", "a.b", "....", "https://x/verifikasi/q/?d=", "\x00\xff" * 10,
                                    "x" * 5000, "%%%.%%%", "https://x/?d=YQ.YQ&d=b",
                                    *SAMPAH_URL])
def test_qr_sampah_tidak_sah_tanpa_galat(db, sampah):
    h = qr.periksa_teks(sampah)
    assert not h.sah and "tidak sah" in h.pesan


def test_qr_svg_valid_dan_kecil():
    s = qr.svg(_teks_tanpa_db())
    assert s.startswith("<svg") and s.endswith("</svg>") and s.count("<path") == 1
    assert len(s) < 20_000


def _teks_tanpa_db() -> str:
    return "https://edesa.example/verifikasi/q/?d=" + "A" * 160 + "." + "B" * 86


def test_qr_svg_bisa_dibaca_kembali():
    """The drawn modules are the QR's matrix: every dark module is covered by exactly one run."""
    teks = _teks_tanpa_db()
    m = qr.matriks(teks)
    gelap = sum(sum(r) for r in m)
    import re

    lebar = sum(int(w) for w in re.findall(r"h(\d+)v1", qr.svg(teks)))
    assert lebar == gelap


# ---------------------------------------------------------------- service

def test_terbitkan_mencatat_dan_menandatangani(terbit):
    dok, pdf = terbit
    assert dok.hash_berkas == hashlib.sha256(pdf).hexdigest()
    assert dok.qr and qr.periksa_teks(dok.qr).dokumen_id == dok.pk
    assert dok.hash_isi == qr.hash_isi({"nama": "Siti Aminah", "nik": "6207010101900001"})
    assert dok.sertifikat_seri and dok.owner_id == "62.07.01.2005"
    assert verifikasi.periksa_berkas(pdf).status == verifikasi.ASLI


def test_terbitkan_sumber_tidak_dikenal(kunci):
    with pytest.raises(ValidationError, match="sumber"):
        services.terbitkan(sumber="x", sumber_id=uuid.uuid4(), owner_id="62.07.01.2005", nomor="1", tanggal=TGL,
                           judul="", penerbit="", penandatangan="", jabatan_penandatangan="", ringkasan=[],
                           data_isi={}, render=lambda t: pdf_polos(), kunci=kunci, alasan="", lokasi="")
    assert not DokumenTerbit.objects.filter(nomor="1").exists()


def test_salinan_dan_batal(terbit):
    dok, pdf = terbit
    salinan = b"%PDF-1.7 salinan " + pdf[:50]
    with acting_as("sistem:uji"):
        services.catat_salinan(dok, salinan)
        services.catat_salinan(dok, salinan)  # twice: recorded once
    dok.refresh_from_db()
    assert len(dok.salinan) == 1
    h = verifikasi.periksa_berkas(salinan)
    assert h.status == verifikasi.SALINAN and h.sah
    with pytest.raises(ValidationError, match="Alasan"):
        services.batalkan(dok, "  ")
    with acting_as("sistem:uji"):
        services.batalkan(dok, "Salah ketik nama")
    h = verifikasi.periksa_berkas(pdf)
    assert h.status == verifikasi.ASLI and not h.sah and "DIBATALKAN" in h.judul and "Salah ketik" in h.pesan
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        services.batalkan(dok, "lagi")


# ---------------------------------------------------------------- verdicts on uploads

def test_berkas_diubah(terbit):
    _, pdf = terbit
    b = bytearray(pdf)
    b[b.index(b"/Reason") + 2] ^= 0x03
    h = verifikasi.periksa_berkas(bytes(b))
    assert h.status == verifikasi.DIUBAH and "DIUBAH" in h.judul and not h.sah


def test_berkas_ditambah_setelah_ditandatangani(terbit):
    _, pdf = terbit
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    w.root["/Edit"] = generic.pdf_string("ubah")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    assert verifikasi.periksa_berkas(out.getvalue()).status == verifikasi.DIUBAH


def test_ttd_sah_tetapi_tidak_terdaftar(kunci):
    from apps.dokumen import tte

    pdf = tte.tandatangani(pdf_polos("lain"), kunci, alasan="x", lokasi="y")
    h = verifikasi.periksa_berkas(pdf)
    assert h.status == verifikasi.TIDAK_TERDAFTAR and h.penandatangan == kunci.nama


def test_pdf_tanpa_ttd_dan_bukan_pdf(db):
    assert verifikasi.periksa_berkas(pdf_polos()).status == verifikasi.TANPA_TTD
    assert verifikasi.periksa_berkas(b"\xff\xd8\xff\xe0 jpeg").status == verifikasi.BUKAN_PDF
    assert verifikasi.periksa_berkas(b"").status == verifikasi.BUKAN_PDF
    besar = verifikasi.periksa_berkas(b"%PDF-" + b"0" * verifikasi.UKURAN_MAKS)
    assert besar.status == verifikasi.TERLALU_BESAR and "10 MB" in besar.pesan


def test_sampah_acak_tidak_pernah_galat(db):
    rnd = random.Random(4)
    for n in (1, 7, 100, 3000):
        for awal in (b"", b"%PDF-1.7\n", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj trailer <</Root 1 0 R>>"):
            h = verifikasi.periksa_berkas(awal + rnd.randbytes(n))
            assert h.status in (verifikasi.BUKAN_PDF, verifikasi.RUSAK, verifikasi.TANPA_TTD)
