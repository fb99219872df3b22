"""Shared setup of the workflow tests (not collected: no test_ prefix): the small world of
tests/world.py, and small upload files, real and fake."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.surat import alur
from apps.surat.models import JenisSurat
from tests import world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


@pytest.fixture(name="dunia")
def dunia_alur(db, settings, tmp_path):
    """The world, with uploads and PDFs written under the test's own temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return world.build()


def unggahan(isi: bytes = PDF, nama: str = "ktp.pdf", jenis: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=jenis)


def jenis_domisili() -> JenisSurat:
    return JenisSurat.objects.get(kode=f"domisili-{world.KAB}")


def permohonan(dunia, *, peran="operator_desa", penduduk=None, kanal="loket", isian=None):
    return alur.buat_permohonan(pengguna=dunia.users[peran], penduduk=penduduk or dunia.warga_penduduk,
                                jenis=jenis_domisili(), isian=isian or {"keperluan": "Melamar pekerjaan"},
                                kanal=kanal)
