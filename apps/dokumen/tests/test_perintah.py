"""Management commands: siapkan_ca, verifikasi_qr (offline with the PEM file), verifikasi_pdf."""
from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from apps.dokumen import ca
from apps.dokumen.demo import DEMO_PASSPHRASE, sertifikat_demo
from apps.dokumen.models import OtoritasSertifikat

from .conftest import pdf_polos
from .test_qr_layanan import _ganti_payload


def _jalan(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_siapkan_ca_idempoten(db):
    pertama = _jalan("siapkan_ca")
    kedua = _jalan("siapkan_ca")
    assert pertama.startswith("Dibuat") and kedua.startswith("Sudah ada")
    assert OtoritasSertifikat.objects.count() == 1 and ca.sidik_jari(ca.otoritas().sertifikat_pem) in kedua


def test_verifikasi_qr_luring(terbit, tmp_path, django_assert_num_queries):
    dok, _ = terbit
    pem = tmp_path / "segel.pem"
    pem.write_text(ca.otoritas().segel_publik_pem)
    with django_assert_num_queries(0):
        out = _jalan("verifikasi_qr", dok.qr, "--kunci-publik", str(pem))
    assert "SAH" in out and dok.nomor in out
    with pytest.raises(CommandError, match="tidak sah"):
        _jalan("verifikasi_qr", _ganti_payload(dok.qr, "470/012", "470/013"), "--kunci-publik", str(pem))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        _jalan("verifikasi_qr", dok.qr, "--kunci-publik", str(tmp_path / "tidak-ada.pem"))


def test_verifikasi_pdf(terbit, tmp_path):
    _, pdf = terbit
    (tmp_path / "asli.pdf").write_bytes(pdf)
    (tmp_path / "polos.pdf").write_bytes(pdf_polos())
    assert "ASLI" in _jalan("verifikasi_pdf", str(tmp_path / "asli.pdf"))
    with pytest.raises(CommandError, match="TIDAK ADA TANDA TANGAN"):
        _jalan("verifikasi_pdf", str(tmp_path / "polos.pdf"))
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        _jalan("verifikasi_pdf", str(tmp_path / "tidak-ada.pdf"))


def test_sertifikat_demo(kades):
    from apps.dokumen import tte

    s = sertifikat_demo(kades)
    assert sertifikat_demo(kades) == s
    assert tte.buka_kunci(kades, DEMO_PASSPHRASE).sertifikat_seri == s.nomor_seri
