"""Shared setup of the village plan tests (not collected: no test_ prefix): a regency with one
kecamatan and two villages, their village governments and BPD, a Kepala Desa seated in his
position, and one user per role that matters (village operator and head, BPD, camat, Bappeda,
the operator of the other village); helpers that write plans through rencana.py."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from apps.akun.models import Keanggotaan, Pengguna
from apps.perencanaan import rencana
from apps.perencanaan.models import KegiatanRKPDes, KegiatanRPJMDes, RKPDes, RPJMDes
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah

KAB, KEC = "62.07", "62.07.01"
DESA, DESA_LAIN = "62.07.01.2005", "62.07.01.2006"
SANDI = "sandi-uji-yang-panjang"


@dataclass
class Dunia:
    u: dict[str, Pengguna] = field(default_factory=dict)
    unit: dict[str, UnitKerja] = field(default_factory=dict)


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


def build() -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji"):
        _wil("62", "Kalimantan Tengah", "provinsi", 1)
        _wil(KAB, "Seruyan", "kabupaten", 2, "62")
        _wil(KEC, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _wil(DESA, "Pematang Limau", "desa", 4, KEC, KAB)
        _wil(DESA_LAIN, "Sungai Perlu", "desa", 4, KEC, KAB)
        for key, kode, nama, jenis, wil in (
            ("bappeda", "PD-62.07-BAPPEDA", "Bappeda", "pd", KAB),
            ("kec", f"KEC-{KEC}", "Kecamatan Seruyan Hilir", "kecamatan", KEC),
            ("pemdes", f"DESA-{DESA}", "Pemerintah Desa Pematang Limau", "pemdes", DESA),
            ("bpd", f"BPD-{DESA}", "BPD Pematang Limau", "bpd", DESA),
            ("pemdes_lain", f"DESA-{DESA_LAIN}", "Pemerintah Desa Sungai Perlu", "pemdes", DESA_LAIN),
        ):
            d.unit[key] = UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wil, owner_id=wil,
                                                   singkatan=kode)
        kades = Jabatan.objects.create(unit=d.unit["pemdes"], nama="Kepala Desa", is_kepala=True, owner_id=DESA)

        def orang(key, peran, unit, nama=None):
            u = d.unit[unit]
            user = Pengguna.objects.create_user(username=key, password=SANDI, nama=nama or key.title(),
                                                email=f"{key}@uji.local")
            Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=u.wilayah_id, unit=u,
                                       owner_id=u.wilayah_id)
            d.u[key] = user
            return user

        orang("operator", "operator_desa", "pemdes")
        orang("kades", "kepala_desa", "pemdes", "Bambang Sutrisno")
        orang("bpd", "bpd", "bpd")
        orang("camat", "camat", "kec")
        orang("bappeda", "bappeda", "bappeda")
        orang("op_lain", "operator_desa", "pemdes_lain")
        Pejabat.objects.create(nama="Bambang Sutrisno", jabatan=kades, pengguna=d.u["kades"],
                               mulai=datetime.date(2024, 1, 1), owner_id=DESA)
    return d


@pytest.fixture(name="dunia")
def dunia_rencana(db):
    return build()


def rpjm(d: Dunia, *, oleh="operator", desa=DESA, **kw) -> RPJMDes:
    data = {"tahun_mulai": 2025, "lama_tahun": 6, "visi": "Desa sungai yang maju dan mandiri",
            "misi": "Membangun prasarana\nMemberdayakan ekonomi"}
    data.update(kw)
    return rencana.buat_rpjmdes(d.u[oleh], desa=desa, **data)


def data_kegiatan(**kw) -> dict:
    data = {"bidang": "02.03.12", "kegiatan": "Pengerasan jalan usaha tani", "lokasi": "Dusun I", "volume": "500",
            "satuan": "meter", "sasaran_manfaat": "Petani sawit", "perkiraan_biaya": "300000000",
            "sumber_dana": "dd", "pola_pelaksanaan": "swakelola"}
    data.update(kw)
    return data


def kegiatan_rpjm(d: Dunia, r: RPJMDes, *, oleh="operator", tahun=(2026, 2027), **kw) -> KegiatanRPJMDes:
    return rencana.tambah_kegiatan_rpjmdes(d.u[oleh], r, tahun_pelaksanaan=list(tahun), **data_kegiatan(**kw))


def rkp(d: Dunia, r: RPJMDes, *, oleh="operator", tahun=2027, **kw) -> RKPDes:
    return rencana.buat_rkpdes(d.u[oleh], rpjmdes=r, tahun=tahun, **kw)


def kegiatan_rkp(d: Dunia, r: RKPDes, asal: KegiatanRPJMDes, *, oleh="operator", **kw) -> KegiatanRKPDes:
    data = {"kegiatan_rpjmdes": asal, "waktu_pelaksanaan": "3 bulan", "pelaksana": "TPK", "jumlah_penerima": 120,
            **data_kegiatan(perkiraan_biaya="150000000", volume="250")}
    data.update(kw)
    return rencana.tambah_kegiatan_rkpdes(d.u[oleh], r, **data)
