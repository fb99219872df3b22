"""Shared setup of the cycle and proposal tests (not collected: no test_ prefix): the small
world of tests/world.py (its village stage open all of 2026) plus helpers to log in, to make a
proposal through the service and tiny image files."""
from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.dokumen.tests import _gambar
from apps.perencanaan import usulan as layanan
from apps.perencanaan.models import SiklusMusrenbang, TahapMusrenbang
from apps.sinkron.context import acting_as
from tests import world

DESA, TETANGGA, KAB = world.DESA, world.DESA_TETANGGA, world.KAB
RT = f"{DESA}.01.001.001"

JPEG, PNG, WEBP = _gambar.jpeg(), _gambar.png(), _gambar.webp()  # real 1x1 images carrying EXIF GPS
HTML = b"<html><script>alert(1)</script></html>"


def foto(data: bytes = JPEG, nama: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, data, content_type="image/jpeg")


def klien(dunia, peran: str) -> Client:
    c = Client()
    c.force_login(dunia.users[peran])
    return c


def siklus(dunia=None) -> SiklusMusrenbang:
    return SiklusMusrenbang.objects.get(owner_id=KAB, tahun_rencana=2027)


def tahap_desa() -> TahapMusrenbang:
    return siklus().tahap.get(jenis="desa")


def tutup_desa() -> TahapMusrenbang:
    t = tahap_desa()
    with acting_as("sistem:uji"):
        t.mode = "tutup"
        t.save()
    return t


def data_usulan(**lain) -> dict:
    d = {"nama_kegiatan": "Rehabilitasi jembatan kayu RT 001", "jenis": "fisik", "lokasi": RT, "volume": "15",
         "satuan": "meter", "perkiraan_biaya": "75000000", "urusan": "pupr", "pengusul_nama": "RT 001",
         "pengusul_jenis": "rt", "jumlah_penerima": 120, "sumber_dana": "apbd_kab"}
    d.update(lain)
    return d


def buat(dunia, peran: str = "operator_desa", **lain):
    with acting_as("sistem:uji"):
        return layanan.buat_usulan(dunia.users[peran], siklus=siklus(), **data_usulan(**lain))


def xlsx(baris: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in baris:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(name="dunia")
def dunia_usulan(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return world.build()


HARI_INI = datetime.date(2026, 6, 1)
