"""A tiny e-office world for the archive tests, built from model rows directly: one regency with
two villages; village A has its government office and its BPD (two units of one village),
village B its office; the regency has its secretariat. One user per unit plus the admin
kabupaten; helpers make sent naskah and incoming letters with their search text."""
from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from apps.akun.models import Keanggotaan, Pengguna
from apps.persuratan import cari
from apps.persuratan.models import KlasifikasiArsip, Naskah, PenerimaNaskah, SuratMasuk
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah

KAB, KAB_LAIN, KEC = "62.07", "62.01", "62.07.01"
DESA_A, DESA_B = "62.07.01.2005", "62.07.01.2006"
SANDI = "sandi-uji-yang-panjang"
_urut = itertools.count(1)


@dataclass
class Dunia:
    unit: dict[str, UnitKerja] = field(default_factory=dict)
    jabatan: dict[str, Jabatan] = field(default_factory=dict)
    user: dict[str, Pengguna] = field(default_factory=dict)
    kla: dict[str, KlasifikasiArsip] = field(default_factory=dict)


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


def _user(d: Dunia, nama: str, peran: str, wilayah: str, unit: UnitKerja | None) -> Pengguna:
    u = Pengguna.objects.create_user(username=nama, password=SANDI, nama=f"Uji {nama}", email=f"{nama}@uji.local")
    Keanggotaan.objects.create(pengguna=u, peran=peran, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
    d.user[nama] = u
    return u


def bangun() -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji-arsip"):
        _wil("62", "Kalimantan Tengah", "provinsi", 1)
        _wil(KAB, "Seruyan", "kabupaten", 2, "62")
        _wil(KAB_LAIN, "Kotawaringin Barat", "kabupaten", 2, "62")
        _wil(KEC, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _wil(DESA_A, "Pematang Limau", "desa", 4, KEC, KAB)
        _wil(DESA_B, "Sungai Perlu", "desa", 4, KEC, KAB)
        for kunci, kode, nama, jenis, wil in (
            ("a", f"DESA-{DESA_A}", "Pemerintah Desa Pematang Limau", "pemdes", DESA_A),
            ("bpd", f"BPD-{DESA_A}", "BPD Pematang Limau", "bpd", DESA_A),
            ("b", f"DESA-{DESA_B}", "Pemerintah Desa Sungai Perlu", "pemdes", DESA_B),
            ("setda", f"SETDA-{KAB}", "Sekretariat Daerah Kabupaten Seruyan", "setda", KAB),
        ):
            u = UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wil, owner_id=wil,
                                         singkatan=kunci.upper(), alamat="Jalan Merdeka 1")
            d.unit[kunci] = u
            d.jabatan[kunci] = Jabatan.objects.create(unit=u, nama=f"Kepala {nama}", is_kepala=True, owner_id=wil)
        Pejabat.objects.create(nama="Budi Santoso", jabatan=d.jabatan["a"], owner_id=DESA_A)
        _user(d, "op_a", "operator_desa", DESA_A, d.unit["a"])
        _user(d, "bpd_a", "bpd", DESA_A, d.unit["bpd"])
        _user(d, "op_b", "operator_desa", DESA_B, d.unit["b"])
        _user(d, "admin", "admin_kabupaten", KAB, d.unit["setda"])
        _user(d, "staf_pd", "staf_pd", KAB, d.unit["setda"])
        for kode, nama, aktif, inaktif, tindakan, induk in (
            ("000", "Umum", 2, 3, "musnah", None), ("000.1", "Ketatausahaan", 2, 3, "musnah", "000"),
            ("000.1.5", "Undangan", 1, 1, "musnah", "000.1"), ("900", "Keuangan", 2, 8, "permanen", None),
        ):
            d.kla[kode] = KlasifikasiArsip.objects.create(
                owner_id=KAB, kode=kode, nama=nama, retensi_aktif=aktif, retensi_inaktif=inaktif, tindakan_akhir=tindakan,
                induk=d.kla.get(induk))
        KlasifikasiArsip.objects.create(owner_id=KAB_LAIN, kode="000", nama="Umum Kobar")
    return d


def naskah(d: Dunia, unit: str, *, perihal: str, tanggal: datetime.date, kla: str = "000.1", nomor: str | None = None,
           penerima: list[dict] = (), isi: str = "", jenis: str = "surat_dinas", status: str = "terkirim",
           dibaca: dict | None = None) -> Naskah:
    """A naskah of `unit` (sent unless `status` says otherwise) with its addressees
    ({"unit": key} or {"nama_luar": ...}, "jenis": kepada/tembusan); every unit addressee gets
    its SuratMasuk copy (read at `dibaca[key]` if given)."""
    u = d.unit[unit]
    pembuat = next(iter(x for x in d.user.values()), None)
    urut = next(_urut)
    with acting_as("sistem:uji-arsip"):
        n = Naskah.objects.create(
            unit=u, jenis=jenis, klasifikasi=d.kla[kla], perihal=perihal, isi=isi, status=status, pembuat=pembuat,
            jabatan_penandatangan=d.jabatan[unit], seri="keluar", tahun=tanggal.year,
            nomor_urut=urut if status == "terkirim" else None,
            nomor=(nomor or f"{kla}/{urut:03d}/{u.singkatan}") if status == "terkirim" else "",
            tanggal=tanggal if status == "terkirim" else None,
            dikirim=datetime.datetime.combine(tanggal, datetime.time(9), tzinfo=datetime.UTC) if status == "terkirim" else None,
            data_ttd={"nama": "Budi Santoso", "jabatan": "Kepala Desa"}, owner_id=u.wilayah_id)
        for i, p in enumerate(penerima):
            tujuan = d.unit[p["unit"]] if p.get("unit") else None
            PenerimaNaskah.objects.create(naskah=n, unit=tujuan, nama_luar=p.get("nama_luar", ""),
                                          jenis=p.get("jenis", "kepada"), urutan=i, owner_id=u.wilayah_id)
            if tujuan is not None and status == "terkirim":
                s = masuk(d, p["unit"], perihal=perihal, nomor_surat=n.nomor, pengirim=u.nama, tanggal=tanggal, naskah=n,
                          kla=kla)
                if dibaca and p["unit"] in dibaca:
                    SuratMasuk.objects.filter(pk=s.pk).update(dibaca_pada=dibaca[p["unit"]], status="dibaca")
        cari.segarkan_naskah(n)
    return n


def masuk(d: Dunia, unit: str, *, perihal: str, nomor_surat: str = "", pengirim: str = "Polsek Seruyan Hilir",
          tanggal: datetime.date, kla: str | None = None, status: str = "baru", naskah: Naskah | None = None,
          keterangan: str = "") -> SuratMasuk:
    u = d.unit[unit]
    agenda = SuratMasuk.objects.filter(unit=u, tahun=tanggal.year).count() + 1
    with acting_as("sistem:uji-arsip"):
        s = SuratMasuk.objects.create(
            unit=u, sumber="elektronik" if naskah else "fisik", naskah=naskah, tahun=tanggal.year, nomor_agenda=agenda,
            diterima=datetime.datetime.combine(tanggal, datetime.time(10), tzinfo=datetime.UTC), pengirim=pengirim,
            nomor_surat=nomor_surat or f"B/{agenda}/{tanggal.year}", tanggal_surat=tanggal, perihal=perihal,
            klasifikasi=d.kla[kla] if kla else None, status=status, keterangan=keterangan, owner_id=u.wilayah_id)
        cari.segarkan_masuk(s)
    return s
