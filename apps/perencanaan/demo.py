"""Demo data of the Musrenbang cycle: the 2027 cycle of Kabupaten Seruyan with the village
stage open today (dates from timezone.localdate(), so the demo always works) and the later
stages after it, the default criteria, ceilings, eight proposals of Pematang Limau (scored,
one overridden, one rejected, one postponed, the list sent to the kecamatan) with online and
paper supports, and five proposals of the neighbouring Sungai Perlu still being discussed.

Demo values are public; never run this on a production database. Idempotent: once the cycle
has proposals nothing is added."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from apps.akun.models import Pengguna
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah

from . import siklus as layanan_siklus
from . import usulan as layanan
from .models import SiklusMusrenbang, TahapMusrenbang, Usulan

KAB, KEC, DESA = "62.07", "62.07.01", "62.07.01.2005"
TETANGGA_PILIHAN = "62.07.01.2006"  # Sungai Perlu
TAHUN = 2027
# (stage kind, days from today it starts, length in days)
JADWAL = [("desa", -14, 35), ("kecamatan", 22, 20), ("forum_pd", 43, 20), ("kabupaten", 64, 15), ("rkpd", 80, 45)]

# nama, jenis, urusan, volume, satuan, biaya, penerima, nilai (urgensi, penerima, kebutuhan, efisiensi)
USULAN_DESA = [
    ("Rehabilitasi jembatan kayu Sungai Limau RT 003", "fisik", "pupr", 24, "meter", 180_000_000, 650, (5, 4, 5, 3)),
    ("Pembangunan sumur bor air bersih Dusun II", "fisik", "perumahan", 2, "unit", 120_000_000, 210, (5, 3, 4, 4)),
    ("Semenisasi jalan lingkungan RT 001-RT 002", "fisik", "pupr", 450, "meter", 390_000_000, 380, (4, 4, 4, 2)),
    ("Pelatihan pengolahan hasil perikanan bagi kelompok nelayan", "non_fisik", "perikanan", 1, "paket", 45_000_000,
     40, (3, 2, 3, 5)),
    ("Penerangan jalan tenaga surya jalan desa", "fisik", "perhubungan", 20, "titik", 160_000_000, 900, (3, 5, 3, 3)),
    ("Posyandu lansia dan alat kesehatan dasar", "non_fisik", "kesehatan", 1, "paket", 35_000_000, 120, (4, 3, 4, 5)),
    ("Drainase jalan poros desa", "fisik", "pupr", 300, "meter", 275_000_000, 500, (4, 4, 3, 3)),
    ("Pagar kantor desa", "fisik", "lainnya", 80, "meter", 90_000_000, 15, (1, 1, 2, 2)),
]
USULAN_TETANGGA = [
    ("Normalisasi parit kebun warga", "fisik", "pertanian", 1200, "meter", 210_000_000, 160),
    ("Rehabilitasi ruang kelas SD negeri", "fisik", "pendidikan", 2, "ruang", 240_000_000, 180),
    ("Bantuan bibit karet unggul", "non_fisik", "pertanian", 5000, "batang", 75_000_000, 90),
    ("Dermaga kecil perahu nelayan", "fisik", "perhubungan", 1, "unit", 310_000_000, 120),
    ("Pelatihan kader posyandu", "non_fisik", "kesehatan", 1, "paket", 25_000_000, 30),
]


def _lokasi(desa: str) -> str:
    rt = Wilayah.objects.filter(kode__startswith=desa + ".").order_by("-level", "kode").values_list("kode", flat=True)
    return rt.first() or desa


def _tetangga() -> str | None:
    if Wilayah.objects.filter(kode=TETANGGA_PILIHAN).exists():
        return TETANGGA_PILIHAN
    return (Wilayah.objects.filter(induk_id=KEC, tingkat__in=("desa", "kelurahan")).exclude(kode=DESA)
            .order_by("kode").values_list("kode", flat=True).first())


def _siklus(bappeda: Pengguna) -> SiklusMusrenbang:
    s = SiklusMusrenbang.objects.filter(owner_id=KAB, tahun_rencana=TAHUN).first()
    if s is None:
        s = layanan_siklus.buat_siklus(bappeda, tahun_rencana=TAHUN, nama=f"Musrenbang RKPD {TAHUN} Kabupaten Seruyan",
                                       keterangan="Siklus demo: tahap desa sedang berlangsung.",
                                       pagu_desa_bawaan=1_000_000_000, pagu_kecamatan_bawaan=5_000_000_000)
    hari_ini = timezone.localdate()
    tahap = {t.jenis: t for t in TahapMusrenbang.objects.filter(siklus=s)}
    for jenis, mulai, lama in JADWAL:  # demo dates always around today, in order
        t = tahap.get(jenis)
        if t is None:
            continue
        t.mulai = hari_ini + datetime.timedelta(days=mulai)
        t.selesai = t.mulai + datetime.timedelta(days=lama - 1)
        t.mode = "jadwal"
        t.save()
    return s


def siapkan(users: dict[str, Pengguna]) -> None:
    """`users`: the demo accounts by username (bappeda, operator, warga, ...)."""
    bappeda, operator, warga = users.get("bappeda"), users.get("operator"), users.get("warga")
    if bappeda is None or operator is None or not Wilayah.objects.filter(kode=DESA).exists():
        return
    with acting_as("sistem:demo"), transaction.atomic():
        s = _siklus(bappeda)
        if Usulan.objects.filter(siklus=s).exists():
            return
        layanan_siklus.simpan_pagu(bappeda, siklus=s, wilayah=DESA, jumlah=1_250_000_000,
                                   keterangan="SE Bupati Seruyan tentang pagu indikatif kewilayahan (demo)")
        layanan_siklus.simpan_pagu(bappeda, siklus=s, wilayah=KEC, jumlah=6_000_000_000,
                                   keterangan="SE Bupati Seruyan tentang pagu indikatif kewilayahan (demo)")
        lokasi = _lokasi(DESA)
        dibuat = []
        for nama, jenis, urusan, volume, satuan, biaya, penerima, _n in USULAN_DESA:
            dibuat.append(layanan.buat_usulan(
                operator, siklus=s, nama_kegiatan=nama, jenis=jenis, urusan=urusan, volume=volume, satuan=satuan,
                perkiraan_biaya=biaya, jumlah_penerima=penerima, lokasi=lokasi, pengusul_jenis="rw",
                pengusul_nama="Musyawarah Dusun", target=f"{penerima} warga", sumber_dana="apbd_kab",
                uraian="Hasil musyawarah dusun; kondisi saat ini dicatat saat survei lapangan."))
        for i, u in enumerate(dibuat):
            layanan.catat_dukungan_kertas(operator, u, jumlah=10 + 7 * (len(dibuat) - i),
                                          catatan="Daftar hadir musyawarah dusun (demo)")
        if warga is not None and layanan.penduduk_warga(warga, DESA) is not None:
            layanan.dukung(warga, dibuat[0], komentar="Jembatan ini jalan anak sekolah.")
            layanan.buat_usulan(warga, siklus=s, nama_kegiatan="Taman bermain anak di balai dusun", jenis="fisik",
                                urusan="sosial", volume=1, satuan="unit", perkiraan_biaya=30_000_000, lokasi=lokasi)
        tahap = s.tahap.get(jenis="desa")
        for u, (*_x, nilai) in zip(dibuat, USULAN_DESA, strict=True):
            kode = ("urgensi", "penerima_manfaat", "tingkat_kebutuhan", "efisiensi_biaya")
            data = {"nilai": dict(zip(kode, nilai, strict=True))}
            if u.nama_kegiatan.startswith("Pagar"):
                data.update(keputusan="ditolak", alasan="Bukan prioritas; dapat dibiayai Dana Desa tahun berjalan.")
            if u.nama_kegiatan.startswith("Drainase"):
                data.update(keputusan="ditunda", alasan="Menunggu kajian teknis bersama Dinas PUPR.")
            if u.nama_kegiatan.startswith("Posyandu"):
                data.update(peringkat_manual=2, alasan_manual="Kesepakatan Musdes: layanan lansia didahulukan.")
            layanan.nilai_desa(operator, u, tahap, **data)
        layanan.kirim_desa(operator, tahap)

        tetangga = _tetangga()
        if tetangga:
            lok = _lokasi(tetangga)
            for nama, jenis, urusan, volume, satuan, biaya, penerima in USULAN_TETANGGA:
                u = Usulan(siklus=s, owner_id=tetangga, nama_kegiatan=nama, jenis=jenis, urusan=urusan, volume=volume,
                           satuan=satuan, perkiraan_biaya=biaya, jumlah_penerima=penerima, lokasi_id=lok,
                           pengusul_jenis="desa", pengusul_nama="Pemerintah Desa", dukungan_kertas=penerima // 4)
                layanan._simpan_baru(u)
