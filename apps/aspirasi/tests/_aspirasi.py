"""Shared setup of the aspiration tests (not collected): the cross-app world (tests/world.py)
with a village-level category, an agency category, and helpers to submit a report."""
from __future__ import annotations

import pytest
from django.core.cache import cache

from apps.aspirasi import layanan
from apps.aspirasi.models import KategoriAspirasi
from apps.dokumen.tests import _gambar
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja
from tests import world

JPEG, PNG, WEBP = _gambar.jpeg(), _gambar.png(), _gambar.webp()  # real 1x1 images carrying EXIF GPS
HTML = b"<html><script>alert(1)</script></html>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
NAMA_RAHASIA = "Siti Pelapor Rahasia"
STAF = ("admin_kabupaten", "bupati", "wakil_bupati", "bappeda", "staf_pd", "camat", "staf_kecamatan",
        "kepala_desa", "sekdes", "operator_desa", "bpd")


@pytest.fixture
def dunia(db):
    cache.clear()
    d = world.build()
    with acting_as("sistem:uji"):
        d.kat_desa = KategoriAspirasi.objects.create(kode="pelayanan-desa", nama="Pelayanan desa", tingkat="desa",
                                                     owner_id=world.KAB)
        d.dpmd = UnitKerja.objects.get(kode=f"PD-{world.KAB}-DPMD")
        d.kat_kab = KategoriAspirasi.objects.get(owner_id=world.KAB, kode="jalan")
        d.kat_kab.unit_tujuan = d.dpmd
        d.kat_kab.save()
    d.kec_unit = UnitKerja.objects.get(kode=f"KEC-{world.KEC}")
    d.desa_unit = UnitKerja.objects.get(kode=f"DESA-{world.DESA}")
    return d


def data_form(d, **ubah) -> dict:
    """A valid POST of the public form /lapor/, with fields changed by `ubah`."""
    data = {"klasifikasi": "pengaduan", "kategori": d.kat_kab.kode, "judul": "Jalan berlubang",
            "isi": "Jalan utama desa berlubang besar di depan sekolah.", "lokasi": world.DESA, "nama": "Budi",
            "kontak": "0812", "situs": ""}
    data.update(ubah)
    return data


def lapor(d, **ubah):
    data = {"klasifikasi": "pengaduan", "kategori": d.kat_kab, "judul": "Jembatan kayu patah",
                "isi": "Jembatan kayu di RT 001 patah sejak minggu lalu, anak sekolah memutar jauh.",
                "lokasi": world.DESA, "nama": "Budi Pelapor", "kontak": "0812345678"}
    data.update(ubah)
    with acting_as("anonim"):
        return layanan.ajukan(**data)
