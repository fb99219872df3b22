"""Shared setup of the incoming and disposition tests (not collected: no test_ prefix): a tiny
regency with the Bupati's office (Setda), Bappeda (head, a Kabid under the head, an analyst
under the Kabid), a village government and the BPD of the same village, and another village;
one user per person, each holding their position; helpers to register paper letters and to
deliver electronic ones (created directly, as keluar.kirim would)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.persuratan import masuk
from apps.persuratan.models import KlasifikasiArsip, Naskah, SuratMasuk
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah

KAB, KEC = "62.07", "62.07.01"
DESA, DESA_LAIN = "62.07.01.2005", "62.07.01.2006"
SANDI = "sandi-uji-yang-panjang"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


@dataclass
class Dunia:
    u: dict[str, Pengguna] = field(default_factory=dict)
    unit: dict[str, UnitKerja] = field(default_factory=dict)
    jab: dict[str, Jabatan] = field(default_factory=dict)
    kla: KlasifikasiArsip | None = None


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


def build() -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji"):
        _wil("62", "Kalimantan Tengah", "provinsi", 1)
        _wil(KAB, "Kabupaten Seruyan", "kabupaten", 2, "62")
        _wil(KEC, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _wil(DESA, "Pematang Limau", "desa", 4, KEC, KAB)
        _wil(DESA_LAIN, "Sungai Perlu", "desa", 4, KEC, KAB)
        for key, kode, nama, jenis, wil in (
            ("setda", "SETDA", "Sekretariat Daerah", "setda", KAB),
            ("bappeda", "BAPPEDA", "Bappeda", "pd", KAB),
            ("pemdes", "DESA-2005", "Pemerintah Desa Pematang Limau", "pemdes", DESA),
            ("bpd", "BPD-2005", "BPD Pematang Limau", "bpd", DESA),
            ("pemdes_lain", "DESA-2006", "Pemerintah Desa Sungai Perlu", "pemdes", DESA_LAIN),
        ):
            d.unit[key] = UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wil, owner_id=wil,
                                                   singkatan=kode)

        def jab(key, unit, nama, kepala=False, atasan=None, urutan=0):
            u = d.unit[unit]
            d.jab[key] = Jabatan.objects.create(unit=u, nama=nama, is_kepala=kepala, atasan=atasan, urutan=urutan,
                                                owner_id=u.wilayah_id)
            return d.jab[key]

        jab("bupati", "setda", "Bupati", kepala=True)
        jab("sekda", "setda", "Sekretaris Daerah", atasan=d.jab["bupati"], urutan=1)
        kb = jab("kepala_bappeda", "bappeda", "Kepala Bappeda", kepala=True)
        kabid = jab("kabid", "bappeda", "Kepala Bidang Perencanaan", atasan=kb, urutan=1)
        jab("analis", "bappeda", "Analis Perencanaan", atasan=kabid, urutan=2)
        jab("kades", "pemdes", "Kepala Desa", kepala=True)
        jab("sekdes", "pemdes", "Sekretaris Desa", atasan=d.jab["kades"], urutan=1)
        jab("ketua_bpd", "bpd", "Ketua BPD", kepala=True)
        jab("kades_lain", "pemdes_lain", "Kepala Desa", kepala=True)

        def orang(key, peran, unit, jabatan=None, nama=None):
            u = d.unit[unit]
            user = Pengguna.objects.create_user(username=key, password=SANDI, nama=nama or key.title(),
                                                email=f"{key}@uji.local")
            Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=u.wilayah_id, unit=u,
                                       owner_id=u.wilayah_id)
            if jabatan:
                Pejabat.objects.create(nama=nama or key.title(), jabatan=d.jab[jabatan], pengguna=user,
                                       mulai=datetime.date(2025, 1, 1), owner_id=u.wilayah_id)
            d.u[key] = user
            return user

        orang("bupati", "bupati", "setda", "bupati", "Bupati Seruyan")
        orang("sekda", "admin_kabupaten", "setda", "sekda", "Sekda Seruyan")
        orang("agendaris", "staf_pd", "setda", None, "Agendaris Setda")
        orang("kepala_bappeda", "bappeda", "bappeda", "kepala_bappeda", "Kepala Bappeda")
        orang("kabid", "bappeda", "bappeda", "kabid", "Kabid Perencanaan")
        orang("analis", "bappeda", "bappeda", "analis", "Analis Bappeda")
        orang("kades", "kepala_desa", "pemdes", "kades", "Kades Pematang Limau")
        orang("sekdes", "sekdes", "pemdes", "sekdes", "Sekdes Pematang Limau")
        orang("operator", "operator_desa", "pemdes", None, "Operator Desa")
        orang("bpd", "bpd", "bpd", "ketua_bpd", "Ketua BPD")
        orang("op_lain", "operator_desa", "pemdes_lain", "kades_lain", "Operator Desa Lain")
        d.kla = KlasifikasiArsip.objects.create(kode="005", nama="Undangan", owner_id=KAB)
    return d


@pytest.fixture(name="dunia")
def dunia_masuk(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build()


def hari(n: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def unggahan(isi: bytes = PDF, nama: str = "scan.pdf", jenis: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=jenis)


def catat(d: Dunia, *, unit="setda", oleh="agendaris", **kw) -> SuratMasuk:
    data = {"pengirim": "Gubernur Kalimantan Tengah", "nomor_surat": "005/123/BAPPEDA-PROV/2026",
            "tanggal_surat": hari(-2), "perihal": "Undangan rapat koordinasi RKPD"}
    data.update(kw)
    return masuk.catat_fisik(pengguna=d.u[oleh], unit=d.unit[unit], **data)


_urut = [0]


def elektronik(d: Dunia, *, dari="pemdes", ke="setda", perihal="Laporan realisasi dana desa") -> SuratMasuk:
    """An electronic letter sent by `dari` and delivered to `ke`, created directly."""
    _urut[0] += 1
    sumber, tujuan = d.unit[dari], d.unit[ke]
    with acting_as("sistem:uji"):
        kepala = Jabatan.objects.get(unit=sumber, is_kepala=True)
        n = Naskah.objects.create(
            unit=sumber, jenis="laporan", klasifikasi=d.kla, perihal=perihal, isi="Dengan hormat, bersama ini...",
            status="terkirim", pembuat=d.u["bupati"], jabatan_penandatangan=kepala, seri="keluar", tahun=2026,
            nomor_urut=_urut[0], nomor=f"005/{_urut[0]:03d}/{sumber.kode}", tanggal=hari(-1), dikirim=timezone.now(),
            owner_id=sumber.wilayah_id)
        n.berkas.save("naskah.pdf", SimpleUploadedFile("naskah.pdf", PDF), save=True)
        return SuratMasuk.objects.create(
            unit=tujuan, sumber=SuratMasuk.ELEKTRONIK, naskah=n, tahun=2026, nomor_agenda=900 + _urut[0],
            diterima=timezone.now(), pengirim=sumber.nama, nomor_surat=n.nomor, tanggal_surat=n.tanggal,
            perihal=perihal, jenis="laporan", klasifikasi=d.kla, owner_id=tujuan.wilayah_id)


def login(client, d: Dunia, key: str):
    client.force_login(d.u[key])
    return client
