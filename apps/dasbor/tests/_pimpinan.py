"""Fixtures for the leaders' dashboard and portal tests: extra aspirations on top of tests/world."""
from __future__ import annotations

import datetime

from django.utils import timezone

from apps.aspirasi.models import Aspirasi, KategoriAspirasi, TindakanAspirasi
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja

_n = [0]


def aspirasi(desa: str, judul: str, *, kab: str = "62.07", anonim: bool = False, rahasia: bool = False,
             disembunyikan: bool = False, pelapor: str = "Budi Pelapor Rahasia", tenggat=None, terbuka: bool = True,
             jawaban: str = "", status: str | None = None) -> Aspirasi:
    _n[0] += 1
    with acting_as("sistem:uji"):
        a = Aspirasi.objects.create(
            kode_lacak=f"UJI{_n[0]:06d}", klasifikasi="pengaduan",
            kategori=KategoriAspirasi.objects.get(owner_id=kab, kode="jalan"), judul=judul, isi="Isi laporan.",
            lokasi_id=desa, kecamatan_kode=desa.rsplit(".", 1)[0], anonim=anonim, rahasia=rahasia,
            disembunyikan=disembunyikan, pelapor_nama=pelapor, unit_saat_ini=UnitKerja.objects.get(kode=f"DESA-{desa}"),
            tenggat=tenggat or timezone.localdate() + datetime.timedelta(days=5), terbuka=terbuka, owner_id=desa,
            **({"status": status} if status else {}))
        if jawaban:
            TindakanAspirasi.objects.create(aspirasi=a, jenis="tanggapan", isi=jawaban, publik=True,
                                            waktu=timezone.now(), owner_id=desa)
    return a


def isi_tabel() -> dict:
    """Every row of the narrow summary tables, {table: sorted (key, count)}."""
    from apps.dasbor import ringkasan

    return {m.__name__: sorted(m.objects.values_list("kunci", "jumlah")) for m in ringkasan.TABEL}
