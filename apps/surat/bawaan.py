"""The regency's catalogue of letter types and their default templates (version 1), as data.

Classification codes follow the Permendagri 78/2012 archive classification as villages in
Kalimantan Tengah use it: 470 kependudukan (474.1 kelahiran, 474.3 kematian, 475 pindah), 400
kesejahteraan sosial (SKTM), 503 perizinan (usaha), 300 ketertiban (keramaian, SKCK,
kehilangan), 145 pemerintahan desa (keterangan umum). A village may renumber by editing the
type's code later; letters keep the number they were given.

`muat_katalog` is idempotent: types are matched by code and updated; a template gets a new
version only when its text differs from the latest one of the kabupaten, so running it on every
deploy never bumps versions."""
from __future__ import annotations

from django.db import transaction

from apps.sinkron.context import acting_as

from .isian import periksa_spesifikasi
from .models import JenisSurat, TemplateSurat

PEMBUKA = ("Yang bertanda tangan di bawah ini, [jabatan_penandatangan], Kecamatan [nama_kecamatan], "
           "Kabupaten [nama_kabupaten], menerangkan dengan sebenarnya bahwa:")
PENUTUP = "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya."
PENUTUP_PENGANTAR = "Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya."
KOLOM = ["nama", "nik", "no_kk", "ttl", "jenis_kelamin", "agama", "status_perkawinan", "pekerjaan",
         "kewarganegaraan", "alamat"]
KTP, KK = {"kode": "ktp", "label": "Fotokopi KTP"}, {"kode": "kk", "label": "Fotokopi Kartu Keluarga"}
PENGANTAR_RT = {"kode": "pengantar_rt", "label": "Surat pengantar RT/RW"}
KEPERLUAN = {"kode": "keperluan", "label": "Keperluan", "jenis": "teks", "wajib": True}


def _f(kode, label, jenis="teks", wajib=True, pilihan=None) -> dict:
    f = {"kode": kode, "label": label, "jenis": jenis, "wajib": wajib}
    if pilihan:
        f["pilihan"] = pilihan
    return f


def _entri(**nilai) -> dict:
    """One catalogue entry (keyword form reads better than a dict literal for long texts)."""
    return nilai


# Each entry: type fields, then the template text. `isi` may use the isian codes.
KATALOG: list[dict] = [
    _entri(kode="domisili", nama="Surat Keterangan Domisili", kode_klasifikasi="470", syarat=[KTP, KK, PENGANTAR_RT],
         isian=[KEPERLUAN], judul="SURAT KETERANGAN DOMISILI",
         isi="Orang tersebut di atas benar berdomisili di [alamat], Desa [nama_desa], Kecamatan [nama_kecamatan]. "
             "Surat keterangan ini diberikan untuk keperluan [keperluan]."),
    _entri(kode="usaha", nama="Surat Keterangan Usaha", kode_klasifikasi="503", syarat=[KTP, KK, PENGANTAR_RT],
         isian=[_f("nama_usaha", "Nama usaha"), _f("jenis_usaha", "Jenis usaha"),
                _f("alamat_usaha", "Alamat usaha"), _f("sejak", "Usaha berjalan sejak", "tanggal", False), KEPERLUAN],
         judul="SURAT KETERANGAN USAHA",
         isi="Orang tersebut di atas benar memiliki usaha [jenis_usaha] dengan nama \"[nama_usaha]\" yang beralamat "
             "di [alamat_usaha], dan usaha tersebut masih berjalan sampai sekarang. Surat keterangan ini diberikan "
             "untuk keperluan [keperluan]."),
    _entri(kode="sktm", nama="Surat Keterangan Tidak Mampu", kode_klasifikasi="400", syarat=[KTP, KK, PENGANTAR_RT],
         isian=[_f("keperluan", "Keperluan", "pilihan", pilihan=["Beasiswa", "Berobat", "Keringanan biaya sekolah",
                                                                  "Bantuan sosial", "Lainnya"]),
                _f("keterangan_keperluan", "Keterangan keperluan", wajib=False),
                _f("penghasilan", "Penghasilan per bulan (Rp)", "angka")],
         judul="SURAT KETERANGAN TIDAK MAMPU",
         isi="Berdasarkan pengetahuan kami dan keterangan Ketua RT setempat, orang tersebut di atas benar warga "
             "Desa [nama_desa] yang tergolong keluarga kurang mampu dengan penghasilan sekitar Rp[penghasilan] per "
             "bulan. Surat keterangan ini diberikan untuk keperluan [keperluan] [keterangan_keperluan]."),
    _entri(kode="kelahiran", nama="Surat Keterangan Kelahiran", kode_klasifikasi="474.1", masa_berlaku_hari=0,
         syarat=[KTP, KK, {"kode": "keterangan_lahir", "label": "Surat keterangan lahir dari bidan/rumah sakit"}],
         isian=[_f("nama_bayi", "Nama bayi"), _f("jenis_kelamin_bayi", "Jenis kelamin bayi", "pilihan",
                                                  pilihan=["Laki-laki", "Perempuan"]),
                _f("tempat_lahir_bayi", "Tempat lahir bayi"), _f("tanggal_lahir_bayi", "Tanggal lahir bayi", "tanggal"),
                _f("pukul", "Pukul", wajib=False), _f("anak_ke", "Anak ke-", "angka", False),
                _f("nama_ayah_bayi", "Nama ayah"), _f("nama_ibu_bayi", "Nama ibu")],
         judul="SURAT KETERANGAN KELAHIRAN", kolom_data=["nama", "nik", "no_kk", "alamat"],
         pembuka=PEMBUKA.replace("bahwa:", "bahwa pelapor:"),
         isi="Telah lahir seorang anak [jenis_kelamin_bayi] bernama [nama_bayi] di [tempat_lahir_bayi] pada tanggal "
             "[tanggal_lahir_bayi] pukul [pukul], anak ke-[anak_ke] dari ayah bernama [nama_ayah_bayi] dan ibu bernama "
             "[nama_ibu_bayi]."),
    _entri(kode="kematian", nama="Surat Keterangan Kematian", kode_klasifikasi="474.3", masa_berlaku_hari=0,
         syarat=[KTP, KK, {"kode": "pelapor", "label": "KTP pelapor"}],
         isian=[_f("tanggal_meninggal", "Tanggal meninggal", "tanggal"), _f("pukul", "Pukul", wajib=False),
                _f("tempat_meninggal", "Tempat meninggal"), _f("sebab", "Sebab kematian"),
                _f("nama_pelapor", "Nama pelapor"), _f("hubungan_pelapor", "Hubungan pelapor", wajib=False)],
         judul="SURAT KETERANGAN KEMATIAN", kolom_data=["nama", "nik", "ttl", "jenis_kelamin", "agama", "alamat"],
         isi="Orang tersebut di atas telah meninggal dunia pada tanggal [tanggal_meninggal] pukul [pukul] di "
             "[tempat_meninggal] disebabkan [sebab]. Keterangan ini berdasarkan laporan [nama_pelapor] "
             "([hubungan_pelapor])."),
    _entri(kode="pindah", nama="Surat Keterangan Pindah", kode_klasifikasi="475", syarat=[KTP, KK, PENGANTAR_RT],
         isian=[_f("alamat_tujuan", "Alamat tujuan", "paragraf"), _f("alasan_pindah", "Alasan pindah", "pilihan",
                                                                      pilihan=["Pekerjaan", "Pendidikan", "Keamanan",
                                                                               "Kesehatan", "Perumahan", "Keluarga",
                                                                               "Lainnya"]),
                _f("tanggal_pindah", "Tanggal pindah", "tanggal"),
                _f("pengikut", "Anggota keluarga yang ikut pindah", "paragraf", False)],
         judul="SURAT KETERANGAN PINDAH",
         isi="Orang tersebut di atas benar akan pindah dari Desa [nama_desa] ke [alamat_tujuan] pada tanggal "
             "[tanggal_pindah] dengan alasan [alasan_pindah]. Anggota keluarga yang ikut pindah: [pengikut]."),
    _entri(kode="penghasilan-ortu", nama="Surat Keterangan Penghasilan Orang Tua", kode_klasifikasi="400",
         syarat=[KTP, KK], isian=[_f("nama_anak", "Nama anak"), _f("sekolah", "Sekolah/perguruan tinggi"),
                                  _f("penghasilan", "Penghasilan per bulan (Rp)", "angka"), KEPERLUAN],
         judul="SURAT KETERANGAN PENGHASILAN ORANG TUA",
         isi="Orang tersebut di atas adalah orang tua dari [nama_anak], pelajar/mahasiswa [sekolah], dan benar "
             "mempunyai penghasilan rata-rata Rp[penghasilan] per bulan. Surat keterangan ini diberikan untuk "
             "keperluan [keperluan]."),
    _entri(kode="belum-menikah", nama="Surat Keterangan Belum Menikah", kode_klasifikasi="474.2",
         syarat=[KTP, KK, PENGANTAR_RT], isian=[KEPERLUAN], judul="SURAT KETERANGAN BELUM MENIKAH",
         isi="Berdasarkan data kependudukan Desa [nama_desa], orang tersebut di atas sampai saat ini belum pernah "
             "menikah. Surat keterangan ini diberikan untuk keperluan [keperluan]."),
    _entri(kode="beda-identitas", nama="Surat Keterangan Beda Identitas", kode_klasifikasi="470",
         syarat=[KTP, KK, {"kode": "dokumen_beda", "label": "Dokumen yang datanya berbeda"}],
         isian=[_f("dokumen_1", "Dokumen pertama"), _f("identitas_1", "Data pada dokumen pertama", "paragraf"),
                _f("dokumen_2", "Dokumen kedua"), _f("identitas_2", "Data pada dokumen kedua", "paragraf"), KEPERLUAN],
         judul="SURAT KETERANGAN BEDA IDENTITAS",
         isi="Orang tersebut di atas tercatat pada [dokumen_1] dengan data [identitas_1], sedangkan pada [dokumen_2] "
             "dengan data [identitas_2]. Kedua data tersebut adalah orang yang sama. Surat keterangan ini diberikan "
             "untuk keperluan [keperluan]."),
    _entri(kode="pengantar-ktp", nama="Surat Pengantar KTP", kode_klasifikasi="471", syarat=[KK, PENGANTAR_RT],
         isian=[_f("permohonan", "Permohonan", "pilihan", pilihan=["KTP baru", "Perpanjangan/penggantian",
                                                                   "KTP hilang", "KTP rusak"])],
         judul="SURAT PENGANTAR", pembuka=PEMBUKA.replace("menerangkan dengan sebenarnya", "memberikan pengantar kepada"),
         isi="Orang tersebut di atas bermaksud mengurus [permohonan] di Dinas Kependudukan dan Pencatatan Sipil "
             "Kabupaten [nama_kabupaten].", penutup=PENUTUP_PENGANTAR),
    _entri(kode="pengantar-kk", nama="Surat Pengantar Kartu Keluarga", kode_klasifikasi="471", syarat=[KTP, KK],
         isian=[_f("permohonan", "Permohonan", "pilihan", pilihan=["KK baru", "Perubahan data KK", "Penambahan anggota",
                                                                   "KK hilang/rusak"]),
                _f("keterangan", "Keterangan", "paragraf", False)],
         judul="SURAT PENGANTAR", pembuka=PEMBUKA.replace("menerangkan dengan sebenarnya", "memberikan pengantar kepada"),
         isi="Orang tersebut di atas bermaksud mengurus [permohonan] di Dinas Kependudukan dan Pencatatan Sipil "
             "Kabupaten [nama_kabupaten]. [keterangan]", penutup=PENUTUP_PENGANTAR),
    _entri(kode="pengantar-skck", nama="Surat Pengantar SKCK", kode_klasifikasi="331", syarat=[KTP, KK, PENGANTAR_RT],
         isian=[KEPERLUAN], judul="SURAT PENGANTAR SKCK",
         pembuka=PEMBUKA.replace("menerangkan dengan sebenarnya", "memberikan pengantar kepada"),
         isi="Sepanjang pengetahuan kami, orang tersebut di atas berkelakuan baik dan tidak pernah tersangkut "
             "perkara pidana. Surat pengantar ini diberikan untuk mengurus Surat Keterangan Catatan Kepolisian "
             "(SKCK) guna keperluan [keperluan].", penutup=PENUTUP_PENGANTAR),
    _entri(kode="izin-keramaian", nama="Surat Keterangan Izin Keramaian", kode_klasifikasi="300", masa_berlaku_hari=14,
         syarat=[KTP, PENGANTAR_RT],
         isian=[_f("acara", "Nama acara"), _f("tanggal_acara", "Tanggal acara", "tanggal"),
                _f("waktu_acara", "Waktu (pukul)"), _f("tempat_acara", "Tempat acara"),
                _f("hiburan", "Hiburan", wajib=False), _f("jumlah_undangan", "Perkiraan jumlah undangan", "angka", False)],
         judul="SURAT KETERANGAN IZIN KERAMAIAN", mengetahui_camat=True,
         isi="Orang tersebut di atas akan menyelenggarakan [acara] pada tanggal [tanggal_acara] pukul [waktu_acara] "
             "bertempat di [tempat_acara], dengan hiburan [hiburan] dan perkiraan [jumlah_undangan] undangan. Pada "
             "prinsipnya Pemerintah Desa tidak keberatan, dengan ketentuan penyelenggara menjaga ketertiban dan "
             "keamanan serta mematuhi peraturan yang berlaku."),
    _entri(kode="kehilangan", nama="Surat Keterangan Kehilangan", kode_klasifikasi="300", syarat=[KTP],
         isian=[_f("barang", "Barang/dokumen yang hilang", "paragraf"), _f("tempat_hilang", "Tempat kehilangan"),
                _f("waktu_hilang", "Tanggal kehilangan", "tanggal")],
         judul="SURAT KETERANGAN KEHILANGAN",
         isi="Orang tersebut di atas telah melaporkan kehilangan [barang] di sekitar [tempat_hilang] pada tanggal "
             "[waktu_hilang]. Surat keterangan ini diberikan untuk melapor kepada pihak yang berwenang."),
]
_KOLOM_JENIS = ("kode", "nama", "kode_klasifikasi", "syarat", "isian", "masa_berlaku_hari")
_ISI_TEMPLATE = ("judul", "pembuka", "kolom_data", "isi", "penutup", "isian", "kertas", "mengetahui_camat")


def isi_template(entri: dict) -> dict:
    """The template fields of a catalogue entry, with the defaults filled in."""
    return {
        "judul": entri["judul"], "pembuka": entri.get("pembuka", PEMBUKA), "kolom_data": entri.get("kolom_data", KOLOM),
        "isi": entri["isi"], "penutup": entri.get("penutup", PENUTUP), "isian": [], "kertas": "a4",
        "mengetahui_camat": entri.get("mengetahui_camat", False),
    }


def sama(tpl: TemplateSurat, isi: dict) -> bool:
    return all(getattr(tpl, k) == v for k, v in isi.items())


def _kode_jenis(kode: str, kode_kabupaten: str) -> str:
    """Type codes are unique across the database; a second regency on the same hub gets its
    codes suffixed so both catalogues live side by side."""
    lain = JenisSurat.objects.filter(kode=kode).exclude(owner_id=kode_kabupaten).exists()
    return f"{kode}-{kode_kabupaten.replace('.', '')}" if lain else kode


def muat_katalog(kode_kabupaten: str) -> int:
    """Load or refresh the catalogue of `kode_kabupaten`; returns how many types or template
    versions were created or changed (0 on a second run)."""
    berubah = 0
    with transaction.atomic(), acting_as("sistem:katalog-surat"):
        for urutan, entri in enumerate(KATALOG, start=1):
            nilai = {k: entri[k] for k in _KOLOM_JENIS if k in entri}
            nilai["isian"] = periksa_spesifikasi(nilai["isian"])
            nilai.setdefault("masa_berlaku_hari", 30)
            nilai["urutan"] = urutan
            kode = _kode_jenis(entri["kode"], kode_kabupaten)
            jenis = JenisSurat.objects.filter(kode=kode).first()
            if jenis is None:
                jenis = JenisSurat.objects.create(owner_id=kode_kabupaten, **(nilai | {"kode": kode}))
                berubah += 1
            elif any(getattr(jenis, k) != v for k, v in nilai.items() if k != "kode"):
                for k, v in nilai.items():
                    if k != "kode":
                        setattr(jenis, k, v)
                jenis.save()
                berubah += 1
            isi = isi_template(entri)
            akhir = TemplateSurat.objects.filter(jenis=jenis, owner_id=kode_kabupaten).order_by("-versi").first()
            if akhir is None or not sama(akhir, isi):
                TemplateSurat.objects.create(jenis=jenis, owner_id=kode_kabupaten, versi=(akhir.versi + 1 if akhir else 1),
                                             catatan_versi="Template bawaan kabupaten", **isi)
                berubah += 1
    return berubah
