"""Shared setup of the later-stage, deliberation and public tests (not collected): the test
world (tests/world.py) plus a 2028 cycle of the regency with all five stages open, criteria at
the kecamatan stage, and the village stage already done for three villages (two in the
camat's kecamatan, one in another kecamatan): each village's proposals with their village
records (passed on, within the ceiling) and the village's sent list, created directly as the
village stage would."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from apps.perencanaan.models import (
    DaftarUsulan,
    KriteriaPenilaian,
    ModeTahap,
    RevisiUsulan,
    SiklusMusrenbang,
    TahapMusrenbang,
    Usulan,
)
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja
from tests import world

KAB, KEC, KEC_LAIN = world.KAB, world.KEC, world.KEC_LAIN
DESA, DESA_TETANGGA, DESA_KEC_LAIN = world.DESA, world.DESA_TETANGGA, world.DESA_KEC_LAIN
NIK = "6207011234560001"


@dataclass
class Siklus:
    d: object
    siklus: SiklusMusrenbang
    tahap: dict[str, TahapMusrenbang]
    usulan: dict[str, Usulan] = field(default_factory=dict)
    dpmd: UnitKerja | None = None
    bappeda: UnitKerja | None = None

    @property
    def users(self):
        return self.d.users


def _usulan(s: Siklus, kode: str, desa: str, nama: str, biaya: int, *, pd=None, pengusul_jenis="rt",
            pengusul_nama="RT 001", skor=3) -> Usulan:
    t_desa = s.tahap["desa"]
    u = Usulan.objects.create(
        siklus=s.siklus, kode=kode, nama_kegiatan=nama, lokasi_id=f"{desa}.01.001.001", volume=100, satuan="meter",
        perkiraan_biaya=biaya, urusan="pupr", pengusul_jenis=pengusul_jenis, pengusul_nama=pengusul_nama,
        perangkat_daerah=pd, status="dikirim", owner_id=desa)
    RevisiUsulan.objects.create(
        usulan=u, tahap=t_desa, unit=UnitKerja.objects.get(kode=f"DESA-{desa}"), volume=100, satuan="meter",
        perkiraan_biaya=biaya, nilai={}, skor=skor, peringkat=1, masuk_pagu=True, perangkat_daerah=pd,
        pengguna=s.users["operator_desa"], owner_id=desa)
    s.usulan[kode] = u
    return u


def build(*, kirim_desa: bool = True, usulan: bool = True) -> Siklus:
    """`usulan=False` leaves the village stage empty (with a village criterion) for a journey
    that makes the proposals itself."""
    d = world.build()
    with acting_as("sistem:uji"):
        siklus = SiklusMusrenbang.objects.create(tahun_rencana=2028, nama="Musrenbang RKPD 2028", owner_id=KAB,
                                                 pagu_kecamatan_bawaan=1_000_000_000)
        tahap = {}
        for i, jenis in enumerate(("desa", "kecamatan", "forum_pd", "kabupaten", "rkpd"), 1):
            tahap[jenis] = TahapMusrenbang.objects.create(
                siklus=siklus, jenis=jenis, urutan=i, mulai=datetime.date(2026, 1, 1), selesai=datetime.date(2026, 1, 2),
                mode=ModeTahap.BUKA, owner_id=KAB)
        KriteriaPenilaian.objects.create(tahap=tahap["kecamatan"], kode="urgensi", nama="Urgensi", bobot=2, owner_id=KAB)
        KriteriaPenilaian.objects.create(tahap=tahap["kecamatan"], kode="manfaat", nama="Manfaat", bobot=1, owner_id=KAB)
        s = Siklus(d, siklus, tahap, dpmd=UnitKerja.objects.get(kode=f"PD-{KAB}-DPMD"),
                   bappeda=UnitKerja.objects.get(kode=f"PD-{KAB}-BAPPEDA"))
        if not usulan:
            KriteriaPenilaian.objects.create(tahap=tahap["desa"], kode="urgensi", nama="Urgensi", bobot=1, owner_id=KAB)
            return s
        _usulan(s, "U28-A1", DESA, "Jalan usaha tani Dusun I", 300_000_000, pd=s.dpmd)
        _usulan(s, "U28-A2", DESA, "Sumur bor RT 002", 80_000_000, pengusul_jenis="warga",
                pengusul_nama="Budi Santoso Warga")
        _usulan(s, "U28-B1", DESA_TETANGGA, "Jalan usaha tani Sungai Perlu", 250_000_000, pd=s.dpmd)
        _usulan(s, "U28-B2", DESA_TETANGGA, "Pelatihan kader posyandu", 40_000_000, pd=s.bappeda)
        _usulan(s, "U28-C1", DESA_KEC_LAIN, "Dermaga desa tengah", 500_000_000)
        if kirim_desa:
            for desa in (DESA, DESA_TETANGGA, DESA_KEC_LAIN):
                DaftarUsulan.objects.create(tahap=tahap["desa"], wilayah_id=desa, status="dikirim", jumlah_usulan=2,
                                            owner_id=desa)
    return s
