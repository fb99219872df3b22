"""factory_boy factories for every syncable model, shared by the cross-app tests.

The journal test walks all syncable models and fails for one without a factory here, so a
new app's models plug into the journal and scope tests by adding their factories.
"""
from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from apps.akun.models import Keanggotaan, Pengguna
from apps.kependudukan.models import Keluarga, Penduduk, PendudukSementara, Peristiwa
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah


class WilayahFactory(DjangoModelFactory):
    class Meta:
        model = Wilayah
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"9{n // 100 % 10}.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    tingkat = "kabupaten"
    level = 2
    owner_id = factory.SelfAttribute("kode")


class UnitKerjaFactory(DjangoModelFactory):
    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"UNIT-{n}")
    nama = factory.Sequence(lambda n: f"Unit Uji {n}")
    jenis = "pd"
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class JabatanFactory(DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitKerjaFactory)
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    owner_id = factory.SelfAttribute("unit.owner_id")


class PejabatFactory(DjangoModelFactory):
    class Meta:
        model = Pejabat

    nama = factory.Sequence(lambda n: f"Pejabat {n}")
    jabatan = factory.SubFactory(JabatanFactory)
    owner_id = factory.SelfAttribute("jabatan.owner_id")


class PenggunaFactory(DjangoModelFactory):
    class Meta:
        model = Pengguna
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    nama = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.django.Password("rahasia-uji-123")


class KeanggotaanFactory(DjangoModelFactory):
    class Meta:
        model = Keanggotaan

    pengguna = factory.SubFactory(PenggunaFactory)
    peran = "admin_kabupaten"
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class KeluargaFactory(DjangoModelFactory):
    class Meta:
        model = Keluarga

    no_kk = factory.Sequence(lambda n: f"620701{n:010d}")
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")
    alamat = "Jl. Uji"


class PendudukFactory(DjangoModelFactory):
    class Meta:
        model = Penduduk

    nik = factory.Sequence(lambda n: f"6207011501{(n % 90) + 10:02d}{n % 10000:04d}")
    nama = factory.Sequence(lambda n: f"Warga Uji {n}")
    nama_cari = factory.LazyAttribute(lambda o: o.nama.lower())
    jenis_kelamin = 1
    tanggal_lahir = datetime.date(1990, 1, 15)
    agama = 1
    status_perkawinan = 1
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class PeristiwaFactory(DjangoModelFactory):
    class Meta:
        model = Peristiwa

    penduduk = factory.SubFactory(PendudukFactory)
    jenis = Peristiwa.PERGI
    tanggal = datetime.date(2026, 1, 5)
    tanggal_lapor = datetime.date(2026, 1, 6)
    status_sebelum = 1
    status_sesudah = 6
    wilayah_id = factory.SelfAttribute("penduduk.wilayah_id")
    owner_id = factory.SelfAttribute("penduduk.owner_id")


class PendudukSementaraFactory(DjangoModelFactory):
    class Meta:
        model = PendudukSementara

    nama = factory.Sequence(lambda n: f"Tamu Uji {n}")
    jenis_kelamin = 1
    nomor_identitas = "6201011501900001"
    datang_dari = "Sampit"
    maksud = "Bekerja di kebun"
    didatangi = "Pak RT 001"
    tanggal_datang = datetime.date(2026, 2, 1)
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


FACTORIES: dict[type, type[DjangoModelFactory]] = {
    f._meta.model: f
    for f in (WilayahFactory, UnitKerjaFactory, JabatanFactory, PejabatFactory, KeanggotaanFactory,
              KeluargaFactory, PendudukFactory, PeristiwaFactory, PendudukSementaraFactory)
}
