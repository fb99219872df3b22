"""Demo data of the aspiration area (issue 7) for `manage.py demo`: Kabupaten Seruyan's
categories with their routing, the service levels, the national holidays and collective leave
days of 2026 (SKB Menteri Agama, Menteri Ketenagakerjaan and Menteri PANRB No. 1497, 2 and 5
of 2025) and the fixed-date holidays of 2027, and about forty aspirations from villages of four
kecamatan over the last weeks, in every state: received, verified, routed, answered, finished
and rated, overdue, refused, not our authority, postponed, reopened, one anonymous, one
confidential, one hidden by the moderator and one merged duplicate.

Everything goes through the services (layanan, moderasi, referensi) so the records are what
real use leaves. Past dates: the services read the clock (`timezone.now`), so each step runs
with the clock set to the step's moment (`_pada`); the journal keeps the real time of writing.
Only the demo accounts act (kecamatan Seruyan Hilir, the operator of Pematang Limau, Dinas
PMD); what the other offices have not done yet stays waiting, which is what the overdue
figures show. Demo values are public; never run this on a production database. Idempotent:
once the kabupaten has aspirations no aspiration is added; the reference rows are added only
where missing."""
from __future__ import annotations

import contextlib
import datetime
import types
from dataclasses import dataclass, field
from unittest import mock

from django.db import transaction
from django.utils import timezone

from apps.akun.models import Pengguna
from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.wilayah.models import HariLibur, UnitKerja, Wilayah

from . import layanan, moderasi, referensi
from .models import Aspirasi, AturanSla, KategoriAspirasi

KAB = "62.07"
KEC = "62.07.01"  # Seruyan Hilir: the demo kecamatan account
DESA = "62.07.01.2005"  # Pematang Limau: the demo village accounts

# (date, name): SKB 3 Menteri on the 2026 national holidays and collective leave.
LIBUR_2026 = [
    ("2026-01-01", "Tahun Baru 2026 Masehi"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"),
    ("2026-03-20", "Cuti bersama Idulfitri 1447 H"),
    ("2026-03-21", "Idulfitri 1447 H"),
    ("2026-03-22", "Idulfitri 1447 H"),
    ("2026-03-23", "Cuti bersama Idulfitri 1447 H"),
    ("2026-03-24", "Cuti bersama Idulfitri 1447 H"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-27", "Iduladha 1447 H"),
    ("2026-05-28", "Cuti bersama Iduladha 1447 H"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "1 Muharam Tahun Baru Islam 1448 H"),
    ("2026-08-17", "Proklamasi Kemerdekaan RI"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus"),
    ("2026-12-25", "Kelahiran Yesus Kristus"),
]
# 2027: only the dates fixed by law and the Easter-bound days (Easter is 28 March 2027). The
# Islamic, Chinese, Hindu and Buddhist holidays and the collective leave are set by the 2027
# SKB; the kabupaten admin adds them (Aspirasi > Hari libur, or by importing a CSV).
LIBUR_2027 = [
    ("2027-01-01", "Tahun Baru 2027 Masehi"),
    ("2027-03-26", "Wafat Yesus Kristus"),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2027-05-01", "Hari Buruh Internasional"),
    ("2027-05-06", "Kenaikan Yesus Kristus"),
    ("2027-06-01", "Hari Lahir Pancasila"),
    ("2027-08-17", "Proklamasi Kemerdekaan RI"),
    ("2027-12-25", "Kelahiran Yesus Kristus"),
]
DASAR_SLA = "Perpres 76/2013; Permenpan RB 62/2018"

# kode, nama, contoh, tingkat, unit code (kabupaten level), service level
KATEGORI = [
    ("pelayanan-desa", "Pelayanan administrasi desa/kelurahan", "Surat pengantar, surat keterangan, pelayanan kantor desa",
     "desa", None, AturanSla.PENGADUAN),
    ("dana-desa", "Dana Desa dan keuangan desa", "Transparansi APBDes, BLT Dana Desa", "desa", None, AturanSla.PENGADUAN),
    ("infrastruktur-desa", "Sarana dan prasarana desa", "Jalan lingkungan, drainase, lampu jalan desa", "desa", None,
     AturanSla.CEK_LAPANGAN),
    ("ketertiban", "Ketenteraman dan ketertiban umum", "Balap liar, keributan, pedagang di bahu jalan", "kecamatan",
     None, AturanSla.PENGADUAN),
    ("sengketa-lahan", "Sengketa lahan dan batas", "Batas kebun, batas desa, klaim lahan", "kecamatan", None,
     AturanSla.SENGKETA),
    ("lainnya", "Lainnya", "Yang tidak termasuk kategori lain", "kecamatan", None, AturanSla.PENGADUAN),
    ("jalan-jembatan", "Jalan dan jembatan", "Jalan kabupaten rusak, jembatan, drainase jalan", "kabupaten",
     "PD-PUPR", AturanSla.PENGADUAN),
    ("air-bersih", "Air bersih dan sanitasi", "Sumur bor, SPAM desa, jamban umum", "kabupaten", "PD-PERKIM",
     AturanSla.PENGADUAN),
    ("kesehatan", "Kesehatan", "Puskesmas, pustu, posyandu, fogging", "kabupaten", "PD-DINKES", AturanSla.PENGADUAN),
    ("pendidikan", "Pendidikan", "Gedung sekolah, guru, beasiswa", "kabupaten", "PD-DISDIK", AturanSla.PENGADUAN),
    ("bansos", "Bantuan sosial", "Data penerima bantuan, PKH, BPNT", "kabupaten", "PD-DINSOS", AturanSla.PENGADUAN),
    ("adminduk", "Administrasi kependudukan", "KTP-el, KK, akta, KIA, pindah datang", "kabupaten", "PD-DISDUKCAPIL",
     AturanSla.PENGADUAN),
    ("lingkungan", "Lingkungan hidup dan sampah", "Sampah, pencemaran sungai dan danau", "kabupaten", "PD-DLH",
     AturanSla.PENGADUAN),
    ("pertanian", "Pertanian dan perkebunan", "Pupuk, irigasi, penyuluhan, hama", "kabupaten", "PD-DISTAN",
     AturanSla.PENGADUAN),
    ("bencana", "Bencana", "Banjir, kebakaran hutan dan lahan, asap", "kabupaten", "PD-BPBD", AturanSla.PENGADUAN),
    ("pemerintahan-desa", "Penyelenggaraan pemerintahan desa", "Musyawarah desa, perangkat desa, BPD", "kabupaten",
     "PD-DPMD", AturanSla.PENGADUAN),
]


@dataclass
class Contoh:
    """One demo aspiration: where, what, `hari` days ago, and the steps after it, each
    (days after submission, actor username, action, text, destination unit code)."""

    kunci: str
    desa: str
    kategori: str
    klasifikasi: str
    judul: str
    isi: str
    hari: int
    nama: str = ""
    kontak: str = ""
    anonim: bool = False
    rahasia: bool = False
    langkah: list = field(default_factory=list)
    nilai: tuple | None = None  # (days after submission, rating, comment)


K, OP, D = "kecamatan", "operator", "dpmd"
V = (1, K, "verifikasi", "Laporan lengkap dan dapat ditindaklanjuti.", None)

CONTOH = [
    # ---- Pematang Limau (the demo village) and its kecamatan, Seruyan Hilir
    Contoh("jembatan-limau", DESA, "jalan-jembatan", "pengaduan", "Jembatan kayu Sungai Limau lapuk",
           "Papan jembatan kayu di RT 003 banyak yang patah. Sepeda motor tidak bisa lewat dan anak sekolah "
           "harus memutar lewat kebun. Sudah sejak akhir Oktober.", 34, "Rudi Hartono", "0812 5123 4410",
           langkah=[V, (1, K, "teruskan", "Jembatan di ruas jalan kabupaten; mohon survei Bidang Bina Marga.",
                        "PD-PUPR")]),
    Contoh("sku-lama", DESA, "pelayanan-desa", "pengaduan", "Surat keterangan usaha lama selesai",
           "Saya mengajukan surat keterangan usaha untuk pinjaman KUR sejak Senin, sampai Kamis belum selesai "
           "karena sekdes sedang dinas luar.", 21, "Wati Susanti", "0821 5400 1288",
           langkah=[(1, OP, "verifikasi", "Berkas permohonan ditemukan di meja pelayanan.", None),
                    (2, OP, "selesai", "Surat keterangan usaha sudah ditandatangani dan dapat diambil di kantor desa. "
                                      "Kami menambah petugas paraf pengganti saat sekdes dinas luar.", None)],
           nilai=(3, 4, "Sudah selesai, terima kasih.")),
    Contoh("papan-apbdes", DESA, "dana-desa", "aspirasi", "Papan informasi APBDes belum dipasang",
           "Tahun ini belum ada baliho APBDes di depan kantor desa seperti tahun lalu. Warga ingin tahu "
           "rincian Dana Desa 2026.", 15, "Agus Salim",
           langkah=[(1, OP, "verifikasi", "", None),
                    (3, OP, "tanggapan", "Baliho APBDes 2026 sedang dicetak; sementara rincian ditempel di papan "
                                        "pengumuman kantor desa.", None)]),
    Contoh("lampu-rt2", DESA, "infrastruktur-desa", "pengaduan", "Lampu jalan RT 002 mati",
           "Tiga lampu jalan tenaga surya di RT 002 mati sejak hujan deras minggu ini, jalan gelap sekali.", 3,
           "Yanti Rahayu"),
    Contoh("kantor-desa-tutup", DESA, "pemerintahan-desa", "pengaduan", "Kantor desa sering tutup pada jam kerja",
           "Beberapa kali saya datang jam 10 pagi kantor desa sudah tutup, padahal perlu surat pengantar.", 26,
           "Hendra Gunawan", "0852 4900 7731",
           langkah=[V, (1, K, "teruskan", "Pembinaan perangkat desa: kewenangan Dinas PMD.", "PD-DPMD"),
                    (3, D, "tanggapan", "Dinas PMD sudah menghubungi kepala desa; jadwal piket perangkat desa "
                                        "akan dipasang di pintu kantor.", None),
                    (6, D, "selesai", "Jadwal piket dan jam layanan 08.00-15.00 sudah dipasang; kecamatan "
                                      "memantau selama satu bulan.", None)],
           nilai=(8, 5, "Sekarang selalu ada petugas.")),
    Contoh("blt-lansia", DESA, "bansos", "pengaduan", "Nenek saya tidak ada di daftar penerima bantuan",
           "Nenek saya umur 78 tahun, tinggal sendiri, tidak terdaftar sebagai penerima bantuan sosial, padahal "
           "tetangga yang mampu terdaftar.", 9, "Nur Aini", "0813 4711 0090", anonim=True,
           langkah=[V, (2, K, "teruskan", "Verifikasi data penerima bantuan sosial.", "PD-DINSOS")]),
    Contoh("sumur-bor", DESA, "air-bersih", "pengaduan", "Sumur bor Dusun II tidak keluar air",
           "Pompa sumur bor bantuan tahun lalu di Dusun II tidak keluar air sejak sebulan. Warga kembali memakai "
           "air sungai.", 12, "Slamet Riyadi",
           langkah=[V, (1, K, "teruskan", "Sarana air bersih bantuan kabupaten.", "PD-PERKIM")]),
    Contoh("rincian-blt", DESA, "dana-desa", "informasi", "Rincian BLT Dana Desa 2026",
           "Berapa jumlah penerima BLT Dana Desa tahun 2026 di desa kami dan kapan pencairan tahap berikutnya?",
           17, "Rahmat Hidayat",
           langkah=[(1, OP, "selesai", "Penerima BLT Dana Desa 2026: 42 keluarga, Rp300.000 per bulan. Pencairan "
                                      "bulan Desember pada minggu kedua di kantor desa.", None)],
           nilai=(2, 5, "")),
    Contoh("drainase-pasar", DESA, "infrastruktur-desa", "pengaduan", "Drainase depan pasar desa tersumbat",
           "Saluran air depan pasar desa tersumbat sampah dan lumpur; kalau hujan air masuk ke lapak pedagang.",
           24, "Siti Khadijah",
           langkah=[(1, OP, "verifikasi", "", None),
                    (4, OP, "selesai", "Gotong royong membersihkan saluran sudah dilaksanakan Sabtu lalu.", None),
                    ("buka", 9, "Bagian dekat jembatan belum dibersihkan, masih tergenang.")]),
    # ---- other villages of Seruyan Hilir
    Contoh("jalan-poros", "62.07.01.2006", "jalan-jembatan", "pengaduan", "Jalan poros Sungai Perlu berlubang",
           "Jalan poros Sungai Perlu ke Pematang Limau berlubang dalam di beberapa titik, sudah ada pengendara "
           "jatuh. Mohon segera ditimbun.", 40, "Bambang Supriadi", "0812 5011 3321",
           langkah=[V, (2, K, "teruskan", "Ruas jalan kabupaten; mohon penanganan Bidang Bina Marga.", "PD-PUPR")]),
    Contoh("jalan-poros-2", "62.07.01.2006", "jalan-jembatan", "pengaduan", "Jalan berlubang menuju Pematang Limau",
           "Jalan dari Sungai Perlu ke arah Pematang Limau rusak parah, lubangnya dalam kalau hujan.", 38,
           "Fitriani"),
    Contoh("atap-sd", "62.07.01.2006", "pendidikan", "pengaduan", "Atap ruang kelas SD bocor",
           "Atap dua ruang kelas SD negeri di Sungai Perlu bocor; kalau hujan murid dipulangkan lebih awal.", 18,
           "Dedi Kurniawan",
           langkah=[V, (1, K, "teruskan", "Rehabilitasi gedung sekolah dasar.", "PD-DISDIK")]),
    Contoh("batas-kebun", "62.07.01.2006", "sengketa-lahan", "pengaduan", "Batas kebun warga dengan kebun perusahaan",
           "Patok batas kebun warga di sebelah timur desa dipindah ke dalam kebun kami saat perusahaan membuka "
           "blok baru. Mohon mediasi.", 20, "Yohanes Liang",
           langkah=[V, (4, K, "tanggapan", "Mediasi dijadwalkan di kantor camat bersama perusahaan, kepala desa "
                                           "dan pemilik kebun; pengukuran ulang oleh kantor pertanahan.", None)]),
    Contoh("balap-liar", "62.07.01.1001", "ketertiban", "pengaduan", "Balap liar setiap malam Minggu",
           "Setiap malam Minggu ada balap liar di jalan depan pelabuhan sampai jam 2 pagi, sangat mengganggu.", 10,
           "Ahmad Fauzi",
           langkah=[V, (4, K, "selesai", "Patroli bersama Polsek dan Satpol PP dua malam Minggu berturut-turut; "
                                         "pos jaga dipasang di ujung jalan.", None)],
           nilai=(6, 4, "Sudah berkurang.")),
    Contoh("sampah-pasar", "62.07.01.1001", "lingkungan", "pengaduan", "Sampah menumpuk dekat pasar",
           "Sampah di tempat penampungan sementara dekat pasar tidak diangkut hampir dua minggu, bau sampai ke "
           "rumah warga.", 30, "Lestari",
           langkah=[V, (1, K, "teruskan", "Pengangkutan sampah: kewenangan DLH.", "PD-DLH")]),
    Contoh("pindah-domisili", "62.07.01.1001", "adminduk", "informasi", "Syarat pindah domisili ke Sampit",
           "Apa saja syarat mengurus surat pindah dari Kuala Pembuang ke Sampit dan berapa lama?", 6, "Yusuf Hamdani",
           langkah=[(0, K, "selesai", "Surat pindah diurus daring lewat aplikasi Disdukcapil atau di kecamatan: "
                                      "bawa KK dan KTP-el; selesai satu hari kerja, tanpa biaya.", None)],
           nilai=(1, 5, "Jelas sekali.")),
    Contoh("kasar", "62.07.01.1001", "ketertiban", "pengaduan", "Petugas kelurahan tidak becus",
           "Petugas kelurahan itu bodoh semua dan tidak becus bekerja, pecat saja mereka!", 8, "Tono",
           langkah=[(1, K, "sembunyikan", "Berisi kata-kata kasar tanpa keterangan kejadian yang dapat "
                                          "ditindaklanjuti.", None),
                    (1, K, "tolak", "Laporan tidak memuat kejadian yang dapat ditindaklanjuti. Silakan kirim "
                                    "ulang dengan keterangan waktu, tempat dan layanan yang dikeluhkan.", None)]),
    Contoh("banjir-rob", "62.07.01.1002", "bencana", "pengaduan", "Banjir rob menggenangi permukiman",
           "Air pasang masuk ke permukiman di tepi sungai setinggi lutut sejak tiga hari, sumur warga tercemar.", 5,
           "Maria Ulfa",
           langkah=[V, (1, K, "teruskan", "Mohon kaji cepat dan bantuan air bersih.", "PD-BPBD")]),
    Contoh("listrik-padam", "62.07.01.1002", "lainnya", "pengaduan", "Listrik sering padam",
           "Listrik padam hampir setiap sore selama dua sampai tiga jam, peralatan elektronik rusak.", 8,
           "Imam Santoso",
           langkah=[(1, K, "bukan_kewenangan", "Jaringan listrik kewenangan PLN. Silakan laporkan ke PLN 123 "
                                               "atau aplikasi PLN Mobile; kecamatan juga meneruskan surat ke "
                                               "PLN ULP Kuala Pembuang.", None)]),
    Contoh("pungli-ktp", "62.07.01.1002", "adminduk", "pengaduan", "Dugaan pungutan pada perekaman KTP-el",
           "Saat perekaman KTP-el keliling saya diminta membayar Rp50.000 oleh orang yang mengaku petugas.", 11,
           "Joko Prasetyo", "0813 5200 6612", rahasia=True,
           langkah=[V, (1, K, "teruskan", "Dugaan pungutan: mohon ditangani bersama Inspektorat.",
                        "PD-DISDUKCAPIL")]),
    Contoh("kia-anak", "62.07.01.1002", "adminduk", "pengaduan", "Kartu identitas anak belum jadi",
           "Saya mengajukan KIA untuk dua anak saya bulan lalu di kecamatan, sampai sekarang belum jadi.", 4,
           "Dewi Anggraini",
           langkah=[V, (1, K, "teruskan", "Pencetakan KIA di Disdukcapil.", "PD-DISDUKCAPIL")]),
    Contoh("pengantar-nikah", "62.07.01.2007", "pelayanan-desa", "pengaduan", "Surat pengantar nikah belum dibuat",
           "Sudah seminggu saya minta surat pengantar nikah di kantor desa Tanjung Rangas, belum dibuat.", 11,
           "Andi Saputra"),
    Contoh("pupuk", "62.07.01.2007", "pertanian", "pengaduan", "Pupuk bersubsidi langka di kios",
           "Kios pupuk di desa kosong sejak awal musim tanam, petani terpaksa membeli pupuk nonsubsidi.", 16,
           "Suparman",
           langkah=[V, (1, K, "teruskan", "Distribusi pupuk bersubsidi.", "PD-DISTAN")]),
    Contoh("coba", "62.07.01.2007", "lainnya", "aspirasi", "coba", "Coba coba aplikasi lapor saja.", 13, "Tes",
           langkah=[(0, K, "tolak", "Bukan laporan.", None)]),
    Contoh("pustu-kosong", "62.07.01.2010", "kesehatan", "pengaduan", "Pustu Baung tidak ada petugas",
           "Puskesmas pembantu di Baung sering tidak ada petugas, warga yang sakit harus ke Kuala Pembuang.", 7,
           "Rina Marlina",
           langkah=[V, (1, K, "teruskan", "Penempatan tenaga kesehatan di pustu.", "PD-DINKES")]),
    Contoh("semenisasi-dermaga", "62.07.01.2010", "jalan-jembatan", "aspirasi", "Usul semenisasi jalan ke dermaga",
           "Kami mengusulkan jalan tanah ke dermaga perahu nelayan disemen, panjang sekitar 300 meter.", 2,
           "Kelompok Nelayan Baung"),
    Contoh("musdes", "62.07.01.2009", "pemerintahan-desa", "pengaduan", "Musyawarah desa tidak mengundang warga",
           "Musyawarah desa penetapan RKP Desa diadakan tanpa pengumuman, hanya perangkat dan beberapa tokoh "
           "yang diundang.", 13, "Sulaiman",
           langkah=[V, (1, K, "teruskan", "Penyelenggaraan musyawarah desa.", "PD-DPMD"),
                    (3, D, "tunda", "Mohon pelapor melengkapi tanggal musyawarah desa yang dimaksud (balas lewat "
                                    "kecamatan atau kirim laporan baru dengan kode ini).", None)]),
    Contoh("beasiswa", "62.07.01.2008", "pendidikan", "informasi", "Jadwal pendaftaran beasiswa daerah",
           "Kapan pendaftaran beasiswa daerah untuk mahasiswa tahun 2027 dibuka dan apa syaratnya?", 4,
           "Nadia Putri",
           langkah=[(1, K, "teruskan", "Informasi beasiswa daerah.", "PD-DISDIK")]),
    Contoh("fogging", "62.07.01.2015", "kesehatan", "pengaduan", "Permintaan pengasapan (fogging) DBD",
           "Dua anak di RT 004 dirawat karena demam berdarah. Mohon pengasapan di lingkungan kami.", 22, "Heru Wibowo",
           langkah=[V, (3, K, "selesai", "Puskesmas Kuala Pembuang sudah melakukan penyelidikan epidemiologi dan "
                                         "pengasapan di RT 003 dan RT 004.", None)],
           nilai=(5, 3, "Pengasapan terlambat tapi sudah dilakukan.")),
    Contoh("pengantar-skck", "62.07.01.2016", "pelayanan-desa", "aspirasi", "Layanan surat pada hari Sabtu",
           "Mohon kantor desa Sungai Undang buka setengah hari pada Sabtu untuk warga yang bekerja di kebun.", 1,
           "Paulus Nyahu"),
    # ---- Seruyan Tengah (its offices have not acted yet)
    Contoh("longsor-rantau-pulut", "62.07.02.1016", "jalan-jembatan", "pengaduan", "Badan jalan longsor di Rantau Pulut",
           "Badan jalan di tikungan dekat sungai longsor separuh, truk sawit masih lewat dan makin parah.", 19,
           "Markus Tuah"),
    Contoh("ambulans-ayawan", "62.07.02.2011", "kesehatan", "pengaduan", "Ambulans desa rusak",
           "Ambulans desa Ayawan rusak sejak sebulan; warga sakit dibawa dengan mobil bak terbuka.", 1, "Lina Marlina"),
    Contoh("sumur-bumi-jaya", "62.07.02.2023", "air-bersih", "pengaduan", "Sumur bor Bumi Jaya mati",
           "Sumur bor umum di dekat masjid mati, 60 keluarga mengambil air di desa sebelah.", 9, "Sugiyono"),
    Contoh("umkm-suka-maju", "62.07.02.2033", "lainnya", "aspirasi", "Pelatihan usaha untuk ibu rumah tangga",
           "Kami ibu-ibu PKK mengusulkan pelatihan olahan keripik pisang dan pemasaran daring.", 2, "Sri Wahyuni"),
    # ---- Danau Sembuluh
    Contoh("limbah-danau", "62.07.03.2013", "lingkungan", "pengaduan", "Air Danau Sembuluh keruh dan berbau",
           "Air danau di dekat permukiman keruh dan berbau sejak seminggu, ikan keramba banyak yang mati.", 6,
           "Bahrudin"),
    Contoh("honor-guru", "62.07.03.2005", "pendidikan", "pengaduan", "Honor guru honorer terlambat tiga bulan",
           "Honor guru honorer di SD Paren belum dibayar sejak September.", 12, "Yuliana"),
    Contoh("asap", "62.07.03.2001", "bencana", "pengaduan", "Kabut asap kebakaran lahan",
           "Asap kebakaran lahan di seberang danau masuk ke permukiman sejak pagi, anak-anak batuk.", 0, "Darmawan"),
    # ---- Seruyan Hilir Timur
    Contoh("irigasi", "62.07.06.2003", "pertanian", "pengaduan", "Saluran irigasi tersier rusak",
           "Pintu air saluran tersier di blok C jebol, sawah di ujung saluran kekeringan.", 8, "Tukiman"),
    Contoh("jembatan-pematang-panjang", "62.07.06.2005", "jalan-jembatan", "aspirasi",
           "Usul jembatan penyeberangan ke sekolah",
           "Anak-anak menyeberang sungai kecil ke sekolah dengan titian kayu; kami usul jembatan besi.", 3, "Ngatini"),
    Contoh("daftar-dtsen", "62.07.06.2006", "bansos", "informasi", "Cara mendaftar data sosial ekonomi",
           "Bagaimana cara mendaftarkan keluarga kami ke data sosial ekonomi nasional untuk bantuan?", 1, "Rusdi"),
]
GABUNG = {"jalan-poros-2": (2, K, "jalan-poros")}  # duplicate: (days after, actor, original)


class _Jam:
    """The demo's clock: from `saat`, advancing with real time (so writes stay in order)."""

    def __init__(self, saat: datetime.datetime, nyata):
        self.saat, self.nyata, self.mulai = saat, nyata, nyata()

    def __call__(self) -> datetime.datetime:
        return self.saat + (self.nyata() - self.mulai)


@contextlib.contextmanager
def _pada(saat: datetime.datetime):
    """Runs the services as if it were `saat`; the journal records the real time."""
    nyata = timezone.now
    with mock.patch.object(timezone, "now", _Jam(saat, nyata)), \
            mock.patch.object(journal, "timezone", types.SimpleNamespace(now=nyata)):
        yield


def _saat(hari_lalu: int, setelah: int, jam: int, menit: int) -> datetime.datetime:
    """A working moment `setelah` days after the day `hari_lalu` days ago (staff act on
    weekdays), never in the future."""
    tz = timezone.get_current_timezone()
    hari = timezone.localdate() - datetime.timedelta(days=hari_lalu) + datetime.timedelta(days=setelah)
    while setelah and hari.weekday() >= 5:
        hari += datetime.timedelta(days=1)
    saat = datetime.datetime.combine(hari, datetime.time(jam, menit), tz)
    return min(saat, timezone.now() - datetime.timedelta(minutes=5))


def _referensi(admin: Pengguna) -> None:
    for tanggal, nama in LIBUR_2026 + LIBUR_2027:
        t = datetime.date.fromisoformat(tanggal)
        if not HariLibur.objects.filter(owner_id=KAB, tanggal=t).exists():
            referensi.tambah_libur(admin, KAB, t, nama)
    ada = set(AturanSla.objects.filter(owner_id=KAB).values_list("kode", flat=True))
    for kode, hari in AturanSla.BAWAAN.items():
        if kode not in ada:
            referensi.simpan_aturan(admin, KAB, kode, hari, DASAR_SLA)
    ada = set(KategoriAspirasi.objects.filter(owner_id=KAB).values_list("kode", flat=True))
    for urutan, (kode, nama, contoh, tingkat, unit, sla_) in enumerate(KATEGORI, start=1):
        if kode in ada:
            continue
        u = UnitKerja.objects.filter(kode=unit, wilayah_id=KAB).first() if unit else None
        if unit and u is None:
            continue  # a kabupaten without that agency: its admin adds the category
        referensi.simpan_kategori(admin, KAB, {"kode": kode, "nama": nama, "keterangan": contoh, "tingkat": tingkat,
                                               "unit_tujuan": u.pk if u else None, "sla": sla_,
                                               "urutan": 10 * urutan, "aktif": True})


def _jalankan(c: Contoh, users: dict[str, Pengguna], dibuat: dict[str, Aspirasi], urut: int) -> None:
    kategori = KategoriAspirasi.objects.filter(owner_id=KAB, kode=c.kategori).first()
    if kategori is None or not Wilayah.objects.filter(kode=c.desa).exists():
        return
    with _pada(_saat(c.hari, 0, 7 + urut % 10, (urut * 17) % 60)):
        asp = layanan.ajukan(klasifikasi=c.klasifikasi, kategori=kategori, judul=c.judul, isi=c.isi, lokasi=c.desa,
                             anonim=c.anonim, rahasia=c.rahasia, nama=c.nama, kontak=c.kontak)
    dibuat[c.kunci] = asp
    for i, langkah in enumerate(c.langkah):
        if langkah[0] == "buka":
            _, setelah, alasan = langkah
            with _pada(_saat(c.hari, setelah, 19, 5)):
                layanan.buka_kembali(Aspirasi.objects.get(pk=asp.pk), alasan)
            continue
        setelah, aktor, aksi, isi, ke = langkah
        pengguna = users.get(aktor)
        if pengguna is None:
            return
        with _pada(_saat(c.hari, setelah, 9 + i, 10 + 7 * i)):
            asp = Aspirasi.objects.get(pk=asp.pk)
            if aksi == "sembunyikan":
                moderasi.sembunyikan(pengguna, asp, isi)
                continue
            unit = UnitKerja.objects.filter(kode=ke, wilayah_id=KAB).first() if ke else None
            if ke and unit is None:
                return
            layanan.tindak(pengguna, asp, aksi, isi, unit)
    if c.kunci in GABUNG:
        setelah, aktor, asli = GABUNG[c.kunci]
        if aktor in users and asli in dibuat:
            with _pada(_saat(c.hari, setelah, 11, 0)):
                moderasi.gabung(users[aktor], Aspirasi.objects.get(pk=asp.pk), dibuat[asli].kode_lacak)
    if c.nilai:
        setelah, n, komentar = c.nilai
        with _pada(_saat(c.hari, setelah, 20, 15)):
            asp = Aspirasi.objects.get(pk=asp.pk)
            if asp.status == "selesai":
                layanan.nilai(asp, n, komentar)


def siapkan(users: dict[str, Pengguna]) -> None:
    """`users`: the demo accounts by username (admin, kecamatan, operator, dpmd, ...)."""
    admin = users.get("admin")
    if admin is None or not Wilayah.objects.filter(kode=KAB).exists():
        return
    with acting_as("sistem:demo"), transaction.atomic():
        _referensi(admin)
        if Aspirasi.objects.filter(lokasi__kode__startswith=KAB + ".").exists():
            return
        dibuat: dict[str, Aspirasi] = {}
        # Oldest first, so the records are written in the order they happened.
        for urut, c in enumerate(sorted(CONTOH, key=lambda c: -c.hari)):
            _jalankan(c, users, dibuat, urut)
