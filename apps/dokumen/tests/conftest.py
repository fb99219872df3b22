"""Fixtures of the signing stories: the shared small world, a kepala desa with a certificate
(known passphrase) and a small one-page PDF made by Typst like the letters are."""
from __future__ import annotations

import datetime
import functools

import pytest
import typst

from apps.dokumen import ca, qr, services, tte
from apps.sinkron.context import acting_as
from apps.sinkron.ids import uuid7
from tests import world

PASS = "rahasia-kades-1"
HOME = "62.07.01.2005"


@pytest.fixture
def dunia(db):
    return world.build()


@pytest.fixture
def kades(dunia):
    return dunia.users["kepala_desa"]


@pytest.fixture
def sertifikat(kades):
    return ca.terbitkan_sertifikat(pengguna=kades, passphrase=PASS)


@pytest.fixture
def kunci(sertifikat, kades):
    return tte.buka_kunci(kades, PASS)


@functools.lru_cache(maxsize=8)
def pdf_polos(teks: str = "Surat Keterangan Domisili") -> bytes:
    """A one-page A4 PDF with a line of text (no user markup: the text is a string literal)."""
    src = f'#set page(paper: "a4")\n#text({_lit(teks)})\n'
    return typst.compile(src.encode(), ignore_system_fonts=True, pdf_tags=False)


def render_dengan_qr(teks_qr: str) -> bytes:
    svg = qr.svg(teks_qr)
    src = ('#set page(paper: "a4")\nSurat Keterangan\n\n#image(bytes(' + _lit(svg) + '), format: "svg", width: 2.5cm)\n')
    return typst.compile(src.encode(), ignore_system_fonts=True, pdf_tags=False)


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def terbit(kunci):
    """One issued document (signed PDF) in the home village."""
    with acting_as("sistem:uji"):
        dok, pdf = services.terbitkan(
            sumber="surat", sumber_id=uuid7(), owner_id=HOME, nomor="470/012/PL/XI/2026",
            tanggal=datetime.date(2026, 11, 20), judul="Surat Keterangan Domisili",
            penerbit="Pemerintah Desa Pematang Limau", penandatangan="Kades Pematang Limau",
            jabatan_penandatangan="Kepala Desa", ringkasan=[["Nama", "S*** A****"], ["NIK", "6207********0001"]],
            data_isi={"nama": "Siti Aminah", "nik": "6207010101900001"}, render=render_dengan_qr, kunci=kunci,
            alasan="Surat keterangan", lokasi="Pematang Limau")
    return dok, pdf

