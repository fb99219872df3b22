"""A small region for account tests: kabupaten Seruyan (62.07) with two kecamatan of two desa
each, a neighbouring kabupaten (62.01), and the offices (unit kerja) acting in them."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from apps.akun import services
from apps.akun.models import Pengguna
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja, Wilayah

SANDI = "Sandi-Uji-Kuat-2026"

KAB, KAB_LAIN = "62.07", "62.01"
KEC1, KEC2, KEC_LAIN = "62.07.01", "62.07.02", "62.01.01"
DESA11, DESA12, DESA21, DESA22, DESA_LAIN = "62.07.01.2001", "62.07.01.2002", "62.07.02.2001", "62.07.02.2002", "62.01.01.2001"


@dataclass
class Region:
    units: dict[str, UnitKerja] = field(default_factory=dict)

    def unit(self, kode: str) -> UnitKerja:
        return self.units[kode]


def _wilayah(kode, nama, tingkat, level, induk=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk, owner_id=kode)


def _unit(region: Region, kode, nama, jenis, wilayah, aktif=True):
    region.units[kode] = UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wilayah,
                                                  owner_id=wilayah, aktif=aktif)


@pytest.fixture
def region(db) -> Region:
    r = Region()
    with acting_as("sistem:uji"):
        _wilayah("62", "Kalimantan Tengah", "provinsi", 1)
        _wilayah(KAB, "Seruyan", "kabupaten", 2, "62")
        _wilayah(KAB_LAIN, "Kotawaringin Barat", "kabupaten", 2, "62")
        for kec, nama, kab in ((KEC1, "Seruyan Hilir", KAB), (KEC2, "Seruyan Tengah", KAB), (KEC_LAIN, "Kumai", KAB_LAIN)):
            _wilayah(kec, nama, "kecamatan", 3, kab)
            _unit(r, f"KEC-{kec}", f"Kecamatan {nama}", "kecamatan", kec)
        for desa, nama, kec in ((DESA11, "Pematang Limau", KEC1), (DESA12, "Sungai Perlu", KEC1),
                                (DESA21, "Tumbang Manjul", KEC2), (DESA22, "Rantau Pulut", KEC2),
                                (DESA_LAIN, "Sungai Tendang", KEC_LAIN)):
            _wilayah(desa, nama, "desa", 4, kec)
            _unit(r, f"DESA-{desa}", f"Pemerintah Desa {nama}", "pemdes", desa)
            _unit(r, f"BPD-{desa}", f"BPD {nama}", "bpd", desa)
        for kab in (KAB, KAB_LAIN):
            _unit(r, f"SETDA-{kab}", f"Sekretariat Daerah {kab}", "setda", kab)
            _unit(r, f"BAPPEDA-{kab}", f"Bappeda {kab}", "pd", kab)
            _unit(r, f"DISKOMINFO-{kab}", f"Diskominfo {kab}", "pd", kab)
    return r


@pytest.fixture
def buat_pengguna(region):
    """Make a person, optionally with one role: buat_pengguna("budi", "operator_desa", DESA11)."""

    def make(username: str, peran: str | None = None, wilayah: str | None = None, unit: str | None = None,
             **extra) -> Pengguna:
        with acting_as("sistem:uji"):
            user = services.create_pengguna(username=username, password=extra.pop("password", SANDI),
                                            nama=extra.pop("nama", f"Uji {username}"),
                                            email=extra.pop("email", f"{username}@uji.go.id"), **extra)
            if peran:
                services.grant_peran(pengguna=user, peran=peran, wilayah_kode=wilayah,
                                     unit=region.unit(unit) if unit else None)
        return user

    return make


@pytest.fixture
def admin_kab(buat_pengguna) -> Pengguna:
    return buat_pengguna("admin", "admin_kabupaten", KAB, "DISKOMINFO-62.07")


@pytest.fixture
def operator(buat_pengguna) -> Pengguna:
    return buat_pengguna("operator", "operator_desa", DESA11, "DESA-62.07.01.2001")
