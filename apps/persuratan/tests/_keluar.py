"""Shared setup of the outgoing-naskah tests (not collected: no test_ prefix): a tiny regency
with a kecamatan office (Camat, Sekretaris Kecamatan, a drafting clerk), two village offices,
a second kecamatan, an office of another regency, classification codes, a template, and
helpers to draft, submit and sign."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.test import Client

from apps.akun.models import Keanggotaan, Pengguna
from apps.dokumen import ca, tte
from apps.persuratan import keluar
from apps.persuratan.models import KlasifikasiArsip, TemplateNaskah
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah

KAB, KAB_LAIN = "62.07", "62.01"
KEC, KEC2 = "62.07.01", "62.07.02"
DESA1, DESA2, DESA3 = "62.07.01.2005", "62.07.01.2006", "62.07.02.2001"
SANDI_TTE = "passphrase-camat-panjang"
NIP_CAMAT = "198003152005011002"


@dataclass
class Dunia:
    u: dict[str, UnitKerja] = field(default_factory=dict)
    j: dict[str, Jabatan] = field(default_factory=dict)
    users: dict[str, Pengguna] = field(default_factory=dict)
    kla: KlasifikasiArsip | None = None
    kla_lain: KlasifikasiArsip | None = None
    template: TemplateNaskah | None = None


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


def _user(d: Dunia, username: str, peran: str, unit: UnitKerja) -> Pengguna:
    u = Pengguna.objects.create_user(username=username, password="sandi-uji-yang-panjang", nama=f"Uji {username}",
                                     email=f"{username}@uji.local")
    Keanggotaan.objects.create(pengguna=u, peran=peran, wilayah_id=unit.wilayah_id, unit=unit,
                               owner_id=unit.wilayah_id)
    d.users[username] = u
    return u


def _unit(kode, nama, jenis, wilayah, singkatan=""):
    return UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wilayah, owner_id=wilayah,
                                    singkatan=singkatan, alamat="Jl. Ahmad Yani No. 1")


def bangun(*, desa_tambahan: int = 0) -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji"):
        _wil("62", "Kalimantan Tengah", "provinsi", 1)
        _wil(KAB, "Seruyan", "kabupaten", 2, "62")
        _wil(KAB_LAIN, "Kotawaringin Barat", "kabupaten", 2, "62")
        _wil(KEC, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _wil(KEC2, "Seruyan Tengah", "kecamatan", 3, KAB, KAB)
        _wil("62.01.01", "Kumai", "kecamatan", 3, KAB_LAIN, KAB_LAIN)
        _wil(DESA1, "Pematang Limau", "desa", 4, KEC, KAB)
        _wil(DESA2, "Sungai Perlu", "desa", 4, KEC, KAB)
        _wil(DESA3, "Tumbang Manjul", "desa", 4, KEC2, KAB)
        _wil("62.01.01.2001", "Desa Kumai", "desa", 4, "62.01.01", KAB_LAIN)
        d.u["kec"] = _unit("KEC-SH", "Kecamatan Seruyan Hilir", "kecamatan", KEC, "KEC-SH")
        d.u["kec2"] = _unit("KEC-ST", "Kecamatan Seruyan Tengah", "kecamatan", KEC2, "KEC-ST")
        d.u["desa1"] = _unit("DESA-PL", "Pemerintah Desa Pematang Limau", "pemdes", DESA1, "PL")
        d.u["desa2"] = _unit("DESA-SP", "Pemerintah Desa Sungai Perlu", "pemdes", DESA2, "SP")
        d.u["desa3"] = _unit("DESA-TM", "Pemerintah Desa Tumbang Manjul", "pemdes", DESA3, "TM")
        d.u["luar"] = _unit("DESA-KM", "Pemerintah Desa Kumai", "pemdes", "62.01.01.2001", "KM")
        for i in range(desa_tambahan):
            kode = f"{KEC}.{3000 + i}"
            _wil(kode, f"Desa Uji {i}", "desa", 4, KEC, KAB)
            _unit(f"DESA-U{i}", f"Pemerintah Desa Uji {i}", "pemdes", kode, f"U{i}")
        kec = d.u["kec"]
        d.j["camat"] = Jabatan.objects.create(unit=kec, nama="Camat Seruyan Hilir", is_kepala=True, owner_id=KEC)
        d.j["sekcam"] = Jabatan.objects.create(unit=kec, nama="Sekretaris Kecamatan", atasan=d.j["camat"], owner_id=KEC,
                                               urutan=1)
        d.j["kasi"] = Jabatan.objects.create(unit=kec, nama="Kasi Pemerintahan", atasan=d.j["sekcam"], owner_id=KEC,
                                             urutan=2)
        d.j["kades1"] = Jabatan.objects.create(unit=d.u["desa1"], nama="Kepala Desa", is_kepala=True, owner_id=DESA1)
        d.j["kades2"] = Jabatan.objects.create(unit=d.u["desa2"], nama="Kepala Desa", is_kepala=True, owner_id=DESA2)
        camat = _user(d, "camat", "camat", kec)
        sekcam = _user(d, "sekcam", "staf_kecamatan", kec)
        _user(d, "staf", "staf_kecamatan", kec)
        _user(d, "kasi", "staf_kecamatan", kec)
        kades1 = _user(d, "kades1", "kepala_desa", d.u["desa1"])
        _user(d, "operator1", "operator_desa", d.u["desa1"])
        _user(d, "operator2", "operator_desa", d.u["desa2"])
        _user(d, "staf_kec2", "staf_kecamatan", d.u["kec2"])
        Pejabat.objects.create(nama="Drs. Ahmad Camat", nip=NIP_CAMAT, jabatan=d.j["camat"], pengguna=camat, owner_id=KEC,
                               mulai=datetime.date(2020, 1, 1))
        Pejabat.objects.create(nama="Siti Sekcam", jabatan=d.j["sekcam"], pengguna=sekcam, owner_id=KEC)
        Pejabat.objects.create(nama="Budi Kades", jabatan=d.j["kades1"], pengguna=kades1, owner_id=DESA1)
        d.kla = KlasifikasiArsip.objects.create(kode="005", nama="Undangan", owner_id=KAB)
        d.kla_lain = KlasifikasiArsip.objects.create(kode="800", nama="Kepegawaian", owner_id=KAB_LAIN)
        d.template = TemplateNaskah.objects.create(jenis="undangan", nama="Undangan rapat", klasifikasi=d.kla,
                                                   perihal="Undangan Rapat Koordinasi",
                                                   isi="Dengan hormat,\n\nKami mengundang Saudara.", owner_id=KAB)
    return d


@pytest.fixture(name="dunia")
def dunia_keluar(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return bangun()


def klien(d: Dunia, username: str) -> Client:
    c = Client()
    c.force_login(d.users[username])
    return c


def penerima(*units, tembusan=(), luar=()) -> list[dict]:
    return ([{"unit": u, "nama_luar": "", "jenis": "kepada"} for u in units]
            + [{"unit": None, "nama_luar": n, "jenis": "kepada"} for n in luar]
            + [{"unit": u, "nama_luar": "", "jenis": "tembusan"} for u in tembusan])


def draf(d: Dunia, *, oleh="staf", paraf=("sekcam",), kepada=("desa1", "desa2"), tembusan=(), luar=(), **ganti):
    kw = {"pengguna": d.users[oleh], "unit": d.u["kec"], "jenis": "undangan", "klasifikasi": d.kla,
          "perihal": "Undangan Rapat Koordinasi", "isi": "Dengan hormat,\n\nMohon hadir pada hari Senin.",
          "jabatan_penandatangan": d.j["camat"], "paraf": [d.j[p] if isinstance(p, str) else p for p in paraf],
          "penerima": penerima(*(d.u[k] for k in kepada), tembusan=[d.u[k] for k in tembusan], luar=luar)}
    kw.update(ganti)
    return keluar.buat_draf(**kw)


def kunci(d: Dunia, username: str = "camat") -> tte.Kunci:
    u = d.users[username]
    if ca.sertifikat_aktif(u) is None:
        ca.terbitkan_sertifikat(pengguna=u, passphrase=SANDI_TTE)
    return tte.buka_kunci(u, SANDI_TTE)


def siap_ttd(d: Dunia, **kw):
    n = draf(d, **kw)
    n = keluar.ajukan(n, pengguna=d.users["staf"])
    if n.status == "paraf":
        n = keluar.paraf(n, pengguna=d.users["sekcam"], setuju=True)
    return n
