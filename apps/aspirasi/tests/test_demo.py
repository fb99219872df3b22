"""The aspiration demo (`manage.py demo`): on Seruyan's real regions and units with the demo
accounts that act in it, it fills every state through the services, and a second run adds
nothing."""
from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from apps.akun import services as akun
from apps.aspirasi import demo
from apps.aspirasi.models import Aspirasi, AturanSla, KategoriAspirasi, Penanganan, TindakanAspirasi
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal
from apps.wilayah import services as wilayah
from apps.wilayah.models import HariLibur, UnitKerja

pytestmark = pytest.mark.django_db

# username, role, wilayah, unit code (as apps/dasbor/demo.py AKUN_DEMO gives them)
AKUN = [("admin", "admin_kabupaten", demo.KAB, "PD-DISKOMINFO"), ("kecamatan", "staf_kecamatan", demo.KEC, f"KEC-{demo.KEC}"),
        ("operator", "operator_desa", demo.DESA, f"PEMDES-{demo.DESA}"), ("dpmd", "staf_pd", demo.KAB, "PD-DPMD")]


@pytest.fixture
def users():
    cache.clear()
    with acting_as("sistem:uji"):
        wilayah.load_seruyan()
        hasil = {}
        for username, peran, w, unit in AKUN:
            u = akun.create_pengguna(username=username, password="sandi-demo-uji-panjang", nama=username.title())
            akun.grant_peran(pengguna=u, peran=peran, wilayah_kode=w, unit=UnitKerja.objects.get(kode=unit))
            hasil[username] = u
    return hasil


def _jumlah() -> dict:
    return {m.__name__: m.objects.count()
            for m in (Aspirasi, Penanganan, TindakanAspirasi, KategoriAspirasi, AturanSla, HariLibur)}


def test_demo_fills_every_state_and_a_second_run_adds_nothing(users):
    demo.siapkan(users)
    pertama = _jumlah()
    assert pertama["Aspirasi"] == len(demo.CONTOH) >= 40
    assert pertama["KategoriAspirasi"] == len(demo.KATEGORI)
    assert pertama["AturanSla"] == len(AturanSla.BAWAAN)
    assert pertama["HariLibur"] == len(demo.LIBUR_2026) + len(demo.LIBUR_2027)
    jalan = KategoriAspirasi.objects.get(owner_id=demo.KAB, kode="jalan-jembatan")
    assert jalan.unit_tujuan.kode == "PD-PUPR" and KategoriAspirasi.objects.get(kode="dana-desa").tingkat == "desa"

    status = set(Aspirasi.objects.values_list("status", flat=True))
    assert status >= {"diterima", "diteruskan", "diproses", "ditunda", "selesai", "ditolak", "bukan_kewenangan",
                      "digabung", "dibuka_kembali"}
    hari = timezone.localdate()
    assert Aspirasi.objects.filter(terbuka=True, tenggat__lt=hari).count() >= 5
    assert Aspirasi.objects.filter(nilai__isnull=False).count() >= 5
    assert Aspirasi.objects.filter(anonim=True).count() == 1 and Aspirasi.objects.filter(rahasia=True).count() == 1
    assert Aspirasi.objects.filter(disembunyikan=True).count() == 1
    duplikat = Aspirasi.objects.get(duplikat_dari__isnull=False)
    assert duplikat.status == "digabung" and duplikat.duplikat_dari.judul.startswith("Jalan poros")
    assert Aspirasi.objects.values("kecamatan_kode").distinct().count() >= 4
    # Dated in the past by the services' own clock; the journal keeps the real time of writing.
    tertua = Aspirasi.objects.order_by("created_at").first()
    assert tertua.created_at < timezone.now() - datetime.timedelta(days=30)
    diterima = tertua.tindakan.order_by("waktu").first()
    assert diterima.jenis == "diterima" and abs(diterima.waktu - tertua.created_at) < datetime.timedelta(seconds=5)
    assert tertua.penanganan.order_by("diterima_pada").first().tenggat_selesai < hari
    assert not Jurnal.objects.filter(waktu__lt=timezone.now() - datetime.timedelta(hours=1)).exists()
    assert Aspirasi.objects.filter(created_at__gt=timezone.now()).count() == 0

    demo.siapkan(users)
    assert _jumlah() == pertama
