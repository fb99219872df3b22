"""A small registry for population stories: kabupaten 62.07 with two kecamatan; desa A and B in
Seruyan Hilir (62.07.01), desa C in Seruyan Tengah (62.07.02); each desa has one dusun, RW
and RT. Users are made per role with `pengguna(peran, wilayah)`."""
from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest

from apps.akun.models import Keanggotaan, Pengguna
from apps.kependudukan import services
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah

KAB = "62.07"
KEC1, KEC2 = "62.07.01", "62.07.02"
DESA_A, DESA_B, DESA_C = "62.07.01.2005", "62.07.01.2006", "62.07.02.2008"


def rt(desa: str) -> str:
    return f"{desa}.01.001.001"


@dataclass
class Wil:
    desa_a: str = DESA_A
    desa_b: str = DESA_B
    desa_c: str = DESA_C
    rt_a: str = rt(DESA_A)
    rt_b: str = rt(DESA_B)
    rt_c: str = rt(DESA_C)


def _w(kode, nama, tingkat, level, induk=None, owner=None):
    Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk, owner_id=owner or kode)


@pytest.fixture
def wil(db) -> Wil:
    with acting_as("sistem:uji"):
        _w("62", "Kalimantan Tengah", "provinsi", 1)
        _w(KAB, "Seruyan", "kabupaten", 2, "62")
        _w(KEC1, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _w(KEC2, "Seruyan Tengah", "kecamatan", 3, KAB, KAB)
        for desa, nama, kec in ((DESA_A, "Pematang Limau", KEC1), (DESA_B, "Sungai Perlu", KEC1),
                                (DESA_C, "Gantung Pangayuh", KEC2)):
            _w(desa, nama, "desa", 4, kec, KAB)
            _w(f"{desa}.01", "Dusun I", "dusun", 5, desa, desa)
            _w(f"{desa}.01.001", "RW 001", "rw", 6, f"{desa}.01", desa)
            _w(rt(desa), "RT 001", "rt", 7, f"{desa}.01.001", desa)
    return Wil()


_urut = itertools.count(1)


@pytest.fixture
def pengguna(wil):
    def make(peran: str, wilayah: str, username: str | None = None) -> Pengguna:
        username = username or f"{peran}{next(_urut)}"
        user = Pengguna.objects.create_user(username=username, email=f"{username}@uji.local",
                                            password="sandi-uji-panjang-123")
        with acting_as("sistem:uji"):
            Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=wilayah, owner_id=wilayah)
        return user

    return make


def nik_untuk(desa: str, lahir: datetime.date, jk: int, serial: int) -> str:
    dd = lahir.day + (40 if jk == 2 else 0)
    return f"{desa[0:2]}{desa[3:5]}{desa[6:8]}{dd:02d}{lahir:%m%y}{serial:04d}"


_serial = itertools.count(1)


@pytest.fixture
def warga_baru(wil):
    """Registers a resident through the service, as the system (no user scope check)."""

    def make(desa: str = DESA_A, *, nama: str = "Budi Santoso", jk: int = 1,
             lahir: datetime.date = datetime.date(1985, 3, 12), kawin: int = 2, keluarga=None, shdk=None, **extra):
        with acting_as("sistem:uji"):
            return services.create_penduduk(
                user=None, nik=nik_untuk(desa, lahir, jk, next(_serial)), nama=nama, jenis_kelamin=jk,
                tanggal_lahir=lahir, agama=1, status_perkawinan=kawin, wilayah=rt(desa), keluarga=keluarga, shdk=shdk,
                **extra,
            )

    return make


@pytest.fixture
def keluarga_baru(wil, warga_baru):
    """A family of three in `desa`: head, wife and a child (with parents' NIK and names)."""

    def make(desa: str = DESA_A, nama_kepala: str = "Ahmad Fauzi"):
        with acting_as("sistem:uji"):
            kk = services.create_keluarga(user=None, no_kk=f"{desa[0:2]}{desa[3:5]}{desa[6:8]}0101200{next(_serial) % 1000:03d}",
                                          wilayah=rt(desa), alamat="Jl. Lintas Seruyan No. 5")
        kepala = warga_baru(desa, nama=nama_kepala, keluarga=kk, shdk=1)
        istri = warga_baru(desa, nama="Siti Aminah", jk=2, lahir=datetime.date(1988, 7, 1), keluarga=kk, shdk=3)
        anak = warga_baru(desa, nama="Rizki Fauzi", lahir=datetime.date(2012, 1, 5), kawin=1, keluarga=kk, shdk=4,
                          nik_ayah=kepala.nik, nama_ayah=kepala.nama, nik_ibu=istri.nik, nama_ibu=istri.nama)
        kk.refresh_from_db()
        return kk, [kepala, istri, anak]

    return make
