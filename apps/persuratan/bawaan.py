"""Starter reference data of a regency's e-office: a STARTER list of archive classification codes
(KKA) with retention, and one drafting template per kind of naskah.

The classification list here is deliberately short (the main groups and the codes village and
regency offices use most), in the dotted style of Permendagri 83/2022 (000 > 000.1 > 000.1.1).
Names and retention periods are a reasonable starting point, NOT the official schedule: the
regency's archivist (admin kabupaten) imports the full KKA and JRA of the regency as CSV
(/persuratan/arsip/klasifikasi/impor/), which updates these rows by code and adds the rest.

Both loaders are idempotent: running them again changes nothing, or refreshes names, retention
and template text to what is written here (a code the admin deactivated stays inactive)."""
from __future__ import annotations

from django.db import transaction

from apps.sinkron import journal
from apps.sinkron.context import acting_as

from .models import JenisNaskah, KlasifikasiArsip, TemplateNaskah, TindakanAkhir

M, P, N = TindakanAkhir.MUSNAH, TindakanAkhir.PERMANEN, TindakanAkhir.DINILAI_KEMBALI

# (kode, nama, retensi aktif (tahun), retensi inaktif (tahun), tindakan akhir)
KLASIFIKASI_AWAL: list[tuple[str, str, int, int, str]] = [
    ("000", "Umum", 2, 3, M),
    ("000.1", "Ketatausahaan dan Kerumahtanggaan", 2, 3, M),
    ("000.1.1", "Telekomunikasi", 1, 1, M),
    ("000.1.2", "Perjalanan Dinas", 2, 3, M),
    ("000.1.3", "Penggunaan Fasilitas Kantor", 2, 3, M),
    ("000.1.4", "Rapat Pimpinan dan Rapat Dinas", 2, 3, N),
    ("000.1.5", "Undangan", 1, 1, M),
    ("000.1.6", "Ucapan, Tamu dan Protokol", 1, 1, M),
    ("000.2", "Perlengkapan", 2, 3, M),
    ("000.2.1", "Inventaris Barang Milik Daerah/Desa", 5, 5, P),
    ("000.3", "Pengadaan Barang/Jasa", 2, 8, M),
    ("000.4", "Perpustakaan", 2, 3, M),
    ("000.5", "Kearsipan", 2, 3, N),
    ("000.5.1", "Jadwal Retensi dan Penyusutan Arsip", 2, 8, P),
    ("000.6", "Persandian", 2, 3, M),
    ("000.7", "Perencanaan Pembangunan", 2, 5, N),
    ("000.7.1", "Musyawarah Perencanaan Pembangunan (Musrenbang)", 2, 5, P),
    ("000.7.2", "Rencana Kerja dan Rencana Pembangunan Jangka Menengah", 2, 8, P),
    ("000.8", "Organisasi dan Tata Laksana", 2, 5, P),
    ("000.9", "Penelitian, Pengkajian dan Pengembangan", 2, 3, N),
    ("100", "Pemerintahan", 2, 3, M),
    ("100.1", "Otonomi Daerah", 2, 5, P),
    ("100.2", "Pemerintahan Umum", 2, 3, M),
    ("100.3", "Pemerintahan Desa dan Kelurahan", 2, 5, P),
    ("100.3.1", "Penetapan dan Penegasan Batas Desa", 5, 10, P),
    ("100.3.2", "Kepala Desa dan Perangkat Desa", 2, 5, P),
    ("100.3.3", "Badan Permusyawaratan Desa", 2, 5, P),
    ("100.4", "Kependudukan dan Pencatatan Sipil", 2, 5, P),
    ("100.4.1", "Surat Keterangan Kependudukan", 1, 2, M),
    ("100.5", "Produk Hukum Daerah dan Desa", 2, 8, P),
    ("200", "Politik", 2, 3, M),
    ("200.1", "Kesatuan Bangsa dan Politik", 2, 3, N),
    ("200.2", "Pemilihan Umum dan Pemilihan Kepala Desa", 2, 5, P),
    ("300", "Keamanan dan Ketertiban", 2, 3, M),
    ("300.1", "Ketenteraman dan Ketertiban Umum", 2, 3, M),
    ("300.2", "Penanggulangan Bencana", 2, 5, P),
    ("300.3", "Perlindungan Masyarakat (Linmas)", 2, 3, M),
    ("400", "Kesejahteraan Rakyat", 2, 3, M),
    ("400.1", "Pembangunan Desa dan Pemberdayaan Masyarakat", 2, 5, N),
    ("400.2", "Kesehatan", 2, 3, M),
    ("400.3", "Pendidikan", 2, 3, M),
    ("400.4", "Sosial dan Bantuan Sosial", 2, 5, N),
    ("400.5", "Keagamaan", 2, 3, M),
    ("400.6", "Kepemudaan, Olahraga dan Kebudayaan", 2, 3, M),
    ("500", "Perekonomian", 2, 3, M),
    ("500.1", "Perdagangan, Koperasi dan UMKM", 2, 3, M),
    ("500.2", "Pertanian dan Perkebunan", 2, 3, M),
    ("500.3", "Perikanan dan Peternakan", 2, 3, M),
    ("500.4", "Badan Usaha Milik Desa", 2, 5, P),
    ("500.5", "Pertanahan", 5, 10, P),
    ("600", "Pekerjaan Umum dan Ketenagaan", 2, 3, M),
    ("600.1", "Jalan, Jembatan dan Irigasi", 2, 8, N),
    ("600.2", "Bangunan dan Tata Ruang", 2, 8, P),
    ("600.3", "Ketenagalistrikan dan Energi", 2, 3, M),
    ("600.4", "Air Minum dan Sanitasi", 2, 3, M),
    ("700", "Pengawasan", 2, 3, M),
    ("700.1", "Pemeriksaan dan Audit", 2, 8, P),
    ("700.2", "Pengaduan Masyarakat", 2, 3, N),
    ("800", "Kepegawaian", 2, 3, M),
    ("800.1", "Pengadaan dan Pengangkatan Pegawai", 2, 5, P),
    ("800.2", "Mutasi dan Pemberhentian", 2, 5, P),
    ("800.3", "Cuti", 1, 2, M),
    ("800.4", "Pendidikan dan Pelatihan", 2, 3, M),
    ("800.5", "Disiplin dan Penilaian Kinerja", 2, 5, N),
    ("900", "Keuangan", 2, 3, M),
    ("900.1", "Anggaran Pendapatan dan Belanja (APBD/APBDes)", 2, 8, P),
    ("900.1.1", "Penyusunan dan Penetapan Anggaran", 2, 8, P),
    ("900.1.2", "Pelaksanaan dan Penatausahaan Anggaran", 2, 8, M),
    ("900.1.3", "Pertanggungjawaban dan Laporan Keuangan", 2, 8, P),
    ("900.2", "Pajak dan Retribusi", 2, 8, M),
    ("900.3", "Dana Desa dan Alokasi Dana Desa", 2, 8, P),
    ("900.4", "Gaji dan Tunjangan", 2, 8, M),
]


def muat_klasifikasi(kode_kabupaten: str) -> int:
    """Load or refresh the STARTER classification list of `kode_kabupaten` (see the module
    docstring: the admin imports the full list as CSV). Upsert by code: names, retention and
    final action follow this list, parents are linked by the code prefix, a code the admin
    deactivated stays as it is. Returns how many codes were created or changed (0 the second time)."""
    berubah = 0
    with transaction.atomic(), acting_as("sistem:klasifikasi-arsip"):
        journal.begin()
        ada = {k.kode: k for k in KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten)}
        for kode, nama, aktif, inaktif, tindakan in sorted(KLASIFIKASI_AWAL, key=lambda e: (e[0].count("."), e[0])):
            induk = ada.get(kode.rsplit(".", 1)[0]) if "." in kode else None
            nilai = {"nama": nama, "retensi_aktif": aktif, "retensi_inaktif": inaktif, "tindakan_akhir": tindakan,
                     "induk_id": induk.pk if induk else None}
            k = ada.get(kode)
            if k is None:
                ada[kode] = KlasifikasiArsip.objects.create(owner_id=kode_kabupaten, kode=kode, **nilai)
                berubah += 1
            elif any(getattr(k, f) != v for f, v in nilai.items()):
                for f, v in nilai.items():
                    setattr(k, f, v)
                k.save()
                berubah += 1
    return berubah


# (jenis, nama, kode klasifikasi or "", perihal, isi). Placeholders in [kurung siku] are for the
# drafter to replace; paragraphs are separated by a blank line.
TEMPLATE_AWAL: list[tuple[str, str, str, str, str]] = [
    (JenisNaskah.SURAT_DINAS, "Surat Dinas (umum)", "000.1", "",
     "Dengan hormat,\n\n"
     "Sehubungan dengan [uraikan latar belakang atau dasar surat], bersama ini kami sampaikan bahwa "
     "[uraikan maksud surat].\n\n"
     "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
    (JenisNaskah.NOTA_DINAS, "Nota Dinas", "000.1", "",
     "Dengan hormat,\n\n"
     "Bersama ini kami laporkan/sampaikan [uraikan pokok persoalan], dengan pertimbangan sebagai berikut:\n"
     "1. [pertimbangan pertama];\n2. [pertimbangan kedua].\n\n"
     "Sehubungan dengan hal tersebut, kami mohon petunjuk dan arahan lebih lanjut.\n\n"
     "Demikian disampaikan, mohon berkenan."),
    (JenisNaskah.UNDANGAN, "Surat Undangan Rapat", "000.1.5", "Undangan",
     "Dengan hormat,\n\n"
     "Dalam rangka [maksud kegiatan], dengan ini kami mengundang Bapak/Ibu/Saudara untuk hadir pada:\n\n"
     "Hari/tanggal : [hari], [tanggal]\n"
     "Waktu        : [pukul] WIB s.d. selesai\n"
     "Tempat       : [tempat]\n"
     "Acara        : [acara]\n\n"
     "Mengingat pentingnya acara tersebut, kami mengharapkan kehadiran Bapak/Ibu/Saudara tepat pada waktunya.\n\n"
     "Demikian undangan ini disampaikan, atas perhatian dan kehadirannya diucapkan terima kasih."),
    (JenisNaskah.SURAT_EDARAN, "Surat Edaran", "000.1", "",
     "Dalam rangka [latar belakang], dengan ini disampaikan hal-hal sebagai berikut:\n\n"
     "1. [ketentuan atau imbauan pertama];\n2. [ketentuan atau imbauan kedua];\n3. [ketentuan atau imbauan ketiga].\n\n"
     "Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung jawab."),
    (JenisNaskah.PENGUMUMAN, "Pengumuman", "000.1", "Pengumuman",
     "Diberitahukan kepada [sasaran pengumuman] bahwa [isi pengumuman].\n\n"
     "[Keterangan tambahan: waktu, tempat, persyaratan atau narahubung.]\n\n"
     "Demikian pengumuman ini disampaikan untuk diketahui dan menjadi perhatian."),
    (JenisNaskah.LAPORAN, "Laporan Kegiatan", "000.1", "Laporan Pelaksanaan Kegiatan",
     "I. PENDAHULUAN\n[Latar belakang dan dasar pelaksanaan kegiatan.]\n\n"
     "II. PELAKSANAAN\nHari/tanggal : [hari, tanggal]\nTempat       : [tempat]\nPeserta      : [peserta]\n\n"
     "III. HASIL\n[Uraian hasil yang dicapai.]\n\n"
     "IV. KESIMPULAN DAN SARAN\n[Kesimpulan dan saran tindak lanjut.]\n\n"
     "V. PENUTUP\nDemikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya."),
    (JenisNaskah.BERITA_ACARA, "Berita Acara", "000.1", "Berita Acara",
     "Pada hari ini [hari] tanggal [tanggal dengan huruf] bulan [bulan] tahun [tahun dengan huruf], "
     "bertempat di [tempat], kami yang bertanda tangan di bawah ini:\n\n"
     "1. Nama    : [nama]\n   Jabatan : [jabatan]\n   selanjutnya disebut PIHAK PERTAMA;\n"
     "2. Nama    : [nama]\n   Jabatan : [jabatan]\n   selanjutnya disebut PIHAK KEDUA.\n\n"
     "Telah melaksanakan [uraian peristiwa/kegiatan] dengan hasil sebagai berikut:\n[uraian hasil].\n\n"
     "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
    (JenisNaskah.SURAT_KEPUTUSAN, "Surat Keputusan", "100.5", "Keputusan tentang [judul keputusan]",
     "Menimbang :\n"
     "a. bahwa [pertimbangan pertama];\n"
     "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan tentang "
     "[judul keputusan];\n\n"
     "Mengingat :\n"
     "1. Undang-Undang Nomor 6 Tahun 2014 tentang Desa;\n"
     "2. [peraturan perundang-undangan lain yang menjadi dasar];\n\n"
     "MEMUTUSKAN:\n\n"
     "Menetapkan :\n"
     "KESATU : [isi keputusan];\n"
     "KEDUA  : [isi keputusan];\n"
     "KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
     "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."),
]


def muat_template(kode_kabupaten: str) -> int:
    """Load or refresh the regency's starter template for each kind of naskah (owned by the
    kabupaten, no unit). Matched by (kabupaten, jenis, nama); the classification is linked when
    the code exists in the regency. Returns how many were created or changed (0 the second time)."""
    berubah = 0
    with transaction.atomic(), acting_as("sistem:template-naskah"):
        journal.begin()
        kla = {k.kode: k.pk for k in KlasifikasiArsip.objects.filter(
            owner_id=kode_kabupaten, kode__in=[t[2] for t in TEMPLATE_AWAL if t[2]])}
        ada = {(t.jenis, t.nama): t for t in TemplateNaskah.objects.filter(owner_id=kode_kabupaten, unit__isnull=True)}
        for jenis, nama, kode, perihal, isi in TEMPLATE_AWAL:
            nilai = {"perihal": perihal, "isi": isi, "klasifikasi_id": kla.get(kode)}
            t = ada.get((jenis, nama))
            if t is None:
                TemplateNaskah.objects.create(owner_id=kode_kabupaten, jenis=jenis, nama=nama, **nilai)
                berubah += 1
            elif any(getattr(t, f) != v for f, v in nilai.items()):
                for f, v in nilai.items():
                    setattr(t, f, v)
                t.save()
                berubah += 1
    return berubah
