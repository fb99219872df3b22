"""factory_boy factories for every syncable model, shared by the cross-app tests.

The journal test walks all syncable models and fails for one without a factory here, so a
new app's models plug into the journal and scope tests by adding their factories.
"""
from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from apps.akun.models import Keanggotaan, Pengguna
from apps.aspirasi.models import Aspirasi, AturanSla, FotoAspirasi, KategoriAspirasi, Penanganan, TindakanAspirasi
from apps.dokumen.models import DokumenTerbit
from apps.kependudukan.models import Keluarga, Penduduk, PendudukSementara, Peristiwa
from apps.perencanaan.models import (
    BerkasMusyawarah,
    DaftarUsulan,
    DukunganUsulan,
    FotoUsulan,
    KegiatanRKPDes,
    KegiatanRPJMDes,
    KriteriaPenilaian,
    Musyawarah,
    PaguIndikatif,
    PesertaMusyawarah,
    RevisiUsulan,
    RKPDes,
    RPJMDes,
    SiklusMusrenbang,
    TahapMusrenbang,
    Usulan,
)
from apps.persuratan.models import (
    BerkasPersuratan,
    Disposisi,
    KlasifikasiArsip,
    Naskah,
    ParafNaskah,
    PenerimaDisposisi,
    PenerimaNaskah,
    SeriNomor,
    SuratMasuk,
    TemplateNaskah,
    TindakLanjut,
)
from apps.surat.models import (
    FormatNomor,
    JenisSurat,
    LampiranSurat,
    NomorUrut,
    PermohonanPerbaikan,
    RiwayatSurat,
    Surat,
    TemplateSurat,
)
from apps.wilayah.models import Delegasi, HariLibur, Jabatan, Pejabat, UnitKerja, Wilayah


class WilayahFactory(DjangoModelFactory):
    class Meta:
        model = Wilayah
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"9{n // 100 % 10}.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    tingkat = "kabupaten"
    level = 2
    owner_id = factory.SelfAttribute("kode")


class UnitKerjaFactory(DjangoModelFactory):
    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"UNIT-{n}")
    nama = factory.Sequence(lambda n: f"Unit Uji {n}")
    jenis = "pd"
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class JabatanFactory(DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitKerjaFactory)
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    owner_id = factory.SelfAttribute("unit.owner_id")


class PejabatFactory(DjangoModelFactory):
    class Meta:
        model = Pejabat

    nama = factory.Sequence(lambda n: f"Pejabat {n}")
    jabatan = factory.SubFactory(JabatanFactory)
    owner_id = factory.SelfAttribute("jabatan.owner_id")


class PenggunaFactory(DjangoModelFactory):
    class Meta:
        model = Pengguna
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    nama = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.django.Password("rahasia-uji-123")


class KeanggotaanFactory(DjangoModelFactory):
    class Meta:
        model = Keanggotaan

    pengguna = factory.SubFactory(PenggunaFactory)
    peran = "admin_kabupaten"
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class KeluargaFactory(DjangoModelFactory):
    class Meta:
        model = Keluarga

    no_kk = factory.Sequence(lambda n: f"620701{n:010d}")
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")
    alamat = "Jl. Uji"


class PendudukFactory(DjangoModelFactory):
    class Meta:
        model = Penduduk

    nik = factory.Sequence(lambda n: f"6207011501{(n % 90) + 10:02d}{n % 10000:04d}")
    nama = factory.Sequence(lambda n: f"Warga Uji {n}")
    nama_cari = factory.LazyAttribute(lambda o: o.nama.lower())
    jenis_kelamin = 1
    tanggal_lahir = datetime.date(1990, 1, 15)
    agama = 1
    status_perkawinan = 1
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class PeristiwaFactory(DjangoModelFactory):
    class Meta:
        model = Peristiwa

    penduduk = factory.SubFactory(PendudukFactory)
    jenis = Peristiwa.PERGI
    tanggal = datetime.date(2026, 1, 5)
    tanggal_lapor = datetime.date(2026, 1, 6)
    status_sebelum = 1
    status_sesudah = 6
    wilayah_id = factory.SelfAttribute("penduduk.wilayah_id")
    owner_id = factory.SelfAttribute("penduduk.owner_id")


class PendudukSementaraFactory(DjangoModelFactory):
    class Meta:
        model = PendudukSementara

    nama = factory.Sequence(lambda n: f"Tamu Uji {n}")
    jenis_kelamin = 1
    nomor_identitas = "6201011501900001"
    datang_dari = "Sampit"
    maksud = "Bekerja di kebun"
    didatangi = "Pak RT 001"
    tanggal_datang = datetime.date(2026, 2, 1)
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class JenisSuratFactory(DjangoModelFactory):
    class Meta:
        model = JenisSurat

    kode = factory.Sequence(lambda n: f"jenis-{n}")
    nama = factory.Sequence(lambda n: f"Surat Keterangan {n}")
    kode_klasifikasi = "470"
    syarat = factory.LazyFunction(lambda: [{"kode": "ktp", "label": "Fotokopi KTP"}])
    isian = factory.LazyFunction(lambda: [{"kode": "keperluan", "label": "Keperluan", "jenis": "teks", "wajib": True}])
    owner_id = factory.LazyAttribute(lambda o: WilayahFactory(tingkat="kabupaten", level=2).kode)


class TemplateSuratFactory(DjangoModelFactory):
    class Meta:
        model = TemplateSurat

    jenis = factory.SubFactory(JenisSuratFactory)
    versi = factory.Sequence(lambda n: n + 1)
    judul = "SURAT KETERANGAN"
    pembuka = "Yang bertanda tangan di bawah ini menerangkan dengan sebenarnya bahwa:"
    kolom_data = factory.LazyFunction(lambda: ["nama", "nik", "alamat"])
    isi = "Orang tersebut benar penduduk [nama_desa]."
    penutup = "Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya."
    owner_id = factory.SelfAttribute("jenis.owner_id")


class FormatNomorFactory(DjangoModelFactory):
    class Meta:
        model = FormatNomor

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)


class NomorUrutFactory(DjangoModelFactory):
    class Meta:
        model = NomorUrut

    seri = "umum"
    tahun = 2026
    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)


class SuratFactory(DjangoModelFactory):
    class Meta:
        model = Surat

    template = factory.SubFactory(TemplateSuratFactory)
    jenis = factory.SelfAttribute("template.jenis")
    penduduk = factory.SubFactory(PendudukFactory)
    isian = factory.LazyFunction(lambda: {"keperluan": "Persyaratan administrasi"})
    owner_id = factory.SelfAttribute("penduduk.owner_id")


class RiwayatSuratFactory(DjangoModelFactory):
    class Meta:
        model = RiwayatSurat

    surat = factory.SubFactory(SuratFactory)
    langkah = "diajukan"
    owner_id = factory.SelfAttribute("surat.owner_id")


class LampiranSuratFactory(DjangoModelFactory):
    class Meta:
        model = LampiranSurat

    surat = factory.SubFactory(SuratFactory)
    syarat = "ktp"
    berkas = "syarat/contoh"
    nama_asli = "ktp.jpg"
    jenis_mime = "image/jpeg"
    ukuran = 1000
    owner_id = factory.SelfAttribute("surat.owner_id")


class PermohonanPerbaikanFactory(DjangoModelFactory):
    class Meta:
        model = PermohonanPerbaikan

    penduduk = factory.SubFactory(PendudukFactory)
    pemohon = factory.SubFactory(PenggunaFactory)
    isi = "Tanggal lahir saya salah."
    owner_id = factory.SelfAttribute("penduduk.owner_id")


class DokumenTerbitFactory(DjangoModelFactory):
    class Meta:
        model = DokumenTerbit

    sumber = DokumenTerbit.SURAT
    sumber_id = factory.LazyFunction(__import__("uuid").uuid4)
    nomor = factory.Sequence(lambda n: f"470/{n:03d}/62.07.01.2005/XI/2026")
    tanggal = datetime.date(2026, 11, 28)
    judul = "Surat Keterangan Domisili"
    penerbit = "Pemerintah Desa Pematang Limau"
    penandatangan = "Kades"
    jabatan_penandatangan = "Kepala Desa"
    hash_isi = "x" * 43
    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)


class DelegasiFactory(DjangoModelFactory):
    class Meta:
        model = Delegasi

    jabatan = factory.SubFactory(JabatanFactory)
    kepada = factory.SubFactory(PenggunaFactory)
    dibuat_oleh = factory.SelfAttribute("kepada")
    mulai = datetime.date(2026, 11, 1)
    selesai = datetime.date(2026, 11, 30)
    alasan = "Cuti tahunan"
    owner_id = factory.SelfAttribute("jabatan.owner_id")


class KlasifikasiArsipFactory(DjangoModelFactory):
    class Meta:
        model = KlasifikasiArsip

    kode = factory.Sequence(lambda n: f"{n % 1000:03d}")
    nama = factory.Sequence(lambda n: f"Klasifikasi {n}")
    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)


class TemplateNaskahFactory(DjangoModelFactory):
    class Meta:
        model = TemplateNaskah

    jenis = "undangan"
    nama = factory.Sequence(lambda n: f"Template {n}")
    isi = "Dengan hormat, ..."
    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)


class NaskahFactory(DjangoModelFactory):
    class Meta:
        model = Naskah

    unit = factory.SubFactory(UnitKerjaFactory)
    jenis = "surat_dinas"
    klasifikasi = factory.SubFactory(KlasifikasiArsipFactory, owner_id=factory.SelfAttribute("..unit.owner_id"))
    perihal = factory.Sequence(lambda n: f"Perihal {n}")
    isi = "Dengan hormat."
    pembuat = factory.SubFactory(PenggunaFactory)
    jabatan_penandatangan = factory.SubFactory(JabatanFactory, unit=factory.SelfAttribute("..unit"))
    owner_id = factory.SelfAttribute("unit.owner_id")


class PenerimaNaskahFactory(DjangoModelFactory):
    class Meta:
        model = PenerimaNaskah

    naskah = factory.SubFactory(NaskahFactory)
    unit = factory.SubFactory(UnitKerjaFactory)
    owner_id = factory.SelfAttribute("naskah.owner_id")


class ParafNaskahFactory(DjangoModelFactory):
    class Meta:
        model = ParafNaskah

    naskah = factory.SubFactory(NaskahFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    jabatan = factory.SubFactory(JabatanFactory, unit=factory.SelfAttribute("..naskah.unit"))
    owner_id = factory.SelfAttribute("naskah.owner_id")


class SeriNomorFactory(DjangoModelFactory):
    class Meta:
        model = SeriNomor

    unit = factory.SubFactory(UnitKerjaFactory)
    seri = "keluar"
    tahun = factory.Sequence(lambda n: 2000 + n % 100)
    owner_id = factory.SelfAttribute("unit.owner_id")


class SuratMasukFactory(DjangoModelFactory):
    class Meta:
        model = SuratMasuk

    unit = factory.SubFactory(UnitKerjaFactory)
    sumber = SuratMasuk.FISIK
    tahun = 2026
    nomor_agenda = factory.Sequence(lambda n: n + 1)
    diterima = factory.LazyFunction(lambda: datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC))
    pengirim = "Gubernur Kalimantan Tengah"
    nomor_surat = factory.Sequence(lambda n: f"005/{n}/BAPPEDA")
    tanggal_surat = datetime.date(2026, 11, 1)
    perihal = "Undangan rapat"
    owner_id = factory.SelfAttribute("unit.owner_id")


class DisposisiFactory(DjangoModelFactory):
    class Meta:
        model = Disposisi

    surat_masuk = factory.SubFactory(SuratMasukFactory)
    unit = factory.SelfAttribute("surat_masuk.unit")
    dari = factory.SubFactory(PenggunaFactory)
    instruksi = "Hadiri dan laporkan."
    owner_id = factory.SelfAttribute("surat_masuk.owner_id")


class PenerimaDisposisiFactory(DjangoModelFactory):
    class Meta:
        model = PenerimaDisposisi

    disposisi = factory.SubFactory(DisposisiFactory)
    unit = factory.SelfAttribute("disposisi.unit")
    owner_id = factory.SelfAttribute("disposisi.owner_id")


class TindakLanjutFactory(DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    penerima = factory.SubFactory(PenerimaDisposisiFactory)
    pengguna = factory.SubFactory(PenggunaFactory)
    catatan = "Sudah dihadiri."
    owner_id = factory.SelfAttribute("penerima.owner_id")


class BerkasPersuratanFactory(DjangoModelFactory):
    class Meta:
        model = BerkasPersuratan

    surat_masuk = factory.SubFactory(SuratMasukFactory)
    berkas = "persuratan/uji/contoh"
    nama_asli = "pindaian.pdf"
    jenis_mime = "application/pdf"
    ukuran = 100
    sha256 = "0" * 64
    pengunggah = factory.SubFactory(PenggunaFactory)
    owner_id = factory.SelfAttribute("surat_masuk.owner_id")


class HariLiburFactory(DjangoModelFactory):
    class Meta:
        model = HariLibur

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)
    tanggal = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    nama = "Libur uji"


# --- perencanaan ------------------------------------------------------------------------------


class RPJMDesFactory(DjangoModelFactory):
    class Meta:
        model = RPJMDes

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)
    tahun_mulai = factory.Sequence(lambda n: 2000 + n % 900)
    visi = "Desa maju"


class _KegiatanRencanaFactory(DjangoModelFactory):
    bidang = "2.2.01"
    kegiatan = "Jalan usaha tani"
    lokasi = "Dusun I"
    volume = 100
    satuan = "meter"
    perkiraan_biaya = 50_000_000
    sumber_dana = "dd"


class KegiatanRPJMDesFactory(_KegiatanRencanaFactory):
    class Meta:
        model = KegiatanRPJMDes

    rpjmdes = factory.SubFactory(RPJMDesFactory)
    owner_id = factory.SelfAttribute("rpjmdes.owner_id")


class RKPDesFactory(DjangoModelFactory):
    class Meta:
        model = RKPDes

    rpjmdes = factory.SubFactory(RPJMDesFactory)
    tahun = factory.SelfAttribute("rpjmdes.tahun_mulai")
    owner_id = factory.SelfAttribute("rpjmdes.owner_id")


class KegiatanRKPDesFactory(_KegiatanRencanaFactory):
    class Meta:
        model = KegiatanRKPDes

    rkpdes = factory.SubFactory(RKPDesFactory)
    kegiatan_rpjmdes = factory.SubFactory(KegiatanRPJMDesFactory, rpjmdes=factory.SelfAttribute("..rkpdes.rpjmdes"))
    waktu_pelaksanaan = "3 bulan"
    pelaksana = "TPK"
    owner_id = factory.SelfAttribute("rkpdes.owner_id")


class SiklusMusrenbangFactory(DjangoModelFactory):
    class Meta:
        model = SiklusMusrenbang

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)
    tahun_rencana = factory.Sequence(lambda n: 2000 + n % 900)
    nama = factory.LazyAttribute(lambda o: f"Musrenbang {o.tahun_rencana}")


class TahapMusrenbangFactory(DjangoModelFactory):
    class Meta:
        model = TahapMusrenbang

    siklus = factory.SubFactory(SiklusMusrenbangFactory)
    jenis = "desa"
    urutan = 1
    mulai = datetime.date(2026, 1, 1)
    selesai = datetime.date(2026, 12, 31)
    owner_id = factory.SelfAttribute("siklus.owner_id")


class KriteriaPenilaianFactory(DjangoModelFactory):
    class Meta:
        model = KriteriaPenilaian

    tahap = factory.SubFactory(TahapMusrenbangFactory)
    kode = factory.Sequence(lambda n: f"k{n}")
    nama = "Urgensi"
    owner_id = factory.SelfAttribute("tahap.owner_id")


class PaguIndikatifFactory(DjangoModelFactory):
    class Meta:
        model = PaguIndikatif

    siklus = factory.SubFactory(SiklusMusrenbangFactory)
    wilayah = factory.SubFactory(WilayahFactory)
    jumlah = 500_000_000
    owner_id = factory.SelfAttribute("siklus.owner_id")


class UsulanFactory(DjangoModelFactory):
    class Meta:
        model = Usulan

    siklus = factory.SubFactory(SiklusMusrenbangFactory)
    kode = factory.Sequence(lambda n: f"UJI-{n:06d}")
    nama_kegiatan = "Jembatan kayu"
    lokasi = factory.SubFactory(WilayahFactory)
    volume = 10
    satuan = "meter"
    perkiraan_biaya = 90_000_000
    urusan = "pupr"
    pengusul_nama = "RT 001"
    owner_id = factory.SelfAttribute("lokasi.kode")


class FotoUsulanFactory(DjangoModelFactory):
    class Meta:
        model = FotoUsulan

    usulan = factory.SubFactory(UsulanFactory)
    berkas = "perencanaan/foto/uji.jpg"
    jenis_mime = "image/jpeg"
    owner_id = factory.SelfAttribute("usulan.owner_id")


class DukunganUsulanFactory(DjangoModelFactory):
    class Meta:
        model = DukunganUsulan

    usulan = factory.SubFactory(UsulanFactory)
    penduduk = factory.SubFactory(PendudukFactory)
    owner_id = factory.SelfAttribute("usulan.owner_id")


class RevisiUsulanFactory(DjangoModelFactory):
    class Meta:
        model = RevisiUsulan

    usulan = factory.SubFactory(UsulanFactory)
    tahap = factory.SubFactory(TahapMusrenbangFactory, siklus=factory.SelfAttribute("..usulan.siklus"))
    unit = factory.SubFactory(UnitKerjaFactory)
    volume = 10
    satuan = "meter"
    perkiraan_biaya = 90_000_000
    pengguna = factory.SubFactory(PenggunaFactory)
    owner_id = factory.SelfAttribute("usulan.owner_id")


class DaftarUsulanFactory(DjangoModelFactory):
    class Meta:
        model = DaftarUsulan

    tahap = factory.SubFactory(TahapMusrenbangFactory)
    wilayah = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("wilayah.kode")


class MusyawarahFactory(DjangoModelFactory):
    class Meta:
        model = Musyawarah

    tahap = factory.SubFactory(TahapMusrenbangFactory)
    wilayah = factory.SubFactory(WilayahFactory)
    judul = "Musrenbang Desa"
    waktu = datetime.datetime(2026, 1, 10, 9, tzinfo=datetime.UTC)
    tempat = "Balai desa"
    agenda = "Pembukaan"
    pimpinan = "Kepala Desa"
    owner_id = factory.SelfAttribute("wilayah.kode")


class PesertaMusyawarahFactory(DjangoModelFactory):
    class Meta:
        model = PesertaMusyawarah

    musyawarah = factory.SubFactory(MusyawarahFactory)
    nama = "Peserta uji"
    unsur = "masyarakat"
    owner_id = factory.SelfAttribute("musyawarah.owner_id")


class BerkasMusyawarahFactory(DjangoModelFactory):
    class Meta:
        model = BerkasMusyawarah

    musyawarah = factory.SubFactory(MusyawarahFactory)
    berkas = "perencanaan/musyawarah/uji.pdf"
    nama_asli = "daftar-hadir.pdf"
    jenis_mime = "application/pdf"
    owner_id = factory.SelfAttribute("musyawarah.owner_id")


# --- aspirasi ---------------------------------------------------------------------------------


class AturanSlaFactory(DjangoModelFactory):
    class Meta:
        model = AturanSla

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)
    kode = "pengaduan"
    hari_kerja = 5


class KategoriAspirasiFactory(DjangoModelFactory):
    class Meta:
        model = KategoriAspirasi

    owner_id = factory.LazyAttribute(lambda o: WilayahFactory().kode)
    kode = factory.Sequence(lambda n: f"kategori-{n}")
    nama = "Jalan & jembatan"
    tingkat = "desa"


class AspirasiFactory(DjangoModelFactory):
    class Meta:
        model = Aspirasi

    kode_lacak = factory.Sequence(lambda n: f"UJI{n:08d}")
    klasifikasi = "pengaduan"
    kategori = factory.SubFactory(KategoriAspirasiFactory)
    judul = "Jalan rusak"
    isi = "Jalan berlubang."
    lokasi = factory.SubFactory(WilayahFactory)
    owner_id = factory.SelfAttribute("lokasi.kode")


class FotoAspirasiFactory(DjangoModelFactory):
    class Meta:
        model = FotoAspirasi

    aspirasi = factory.SubFactory(AspirasiFactory)
    berkas = "aspirasi/uji.jpg"
    jenis_mime = "image/jpeg"
    owner_id = factory.SelfAttribute("aspirasi.owner_id")


class PenangananFactory(DjangoModelFactory):
    class Meta:
        model = Penanganan

    aspirasi = factory.SubFactory(AspirasiFactory)
    unit = factory.SubFactory(UnitKerjaFactory)
    diterima_pada = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
    tenggat_tanggapan = datetime.date(2026, 11, 5)
    tenggat_selesai = datetime.date(2026, 11, 9)
    owner_id = factory.SelfAttribute("aspirasi.owner_id")


class TindakanAspirasiFactory(DjangoModelFactory):
    class Meta:
        model = TindakanAspirasi

    aspirasi = factory.SubFactory(AspirasiFactory)
    jenis = "catatan"
    isi = "Catatan uji"
    waktu = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
    owner_id = factory.SelfAttribute("aspirasi.owner_id")


FACTORIES: dict[type, type[DjangoModelFactory]] = {
    f._meta.model: f
    for f in (WilayahFactory, UnitKerjaFactory, JabatanFactory, PejabatFactory, KeanggotaanFactory,
              KeluargaFactory, PendudukFactory, PeristiwaFactory, PendudukSementaraFactory, JenisSuratFactory,
              TemplateSuratFactory, FormatNomorFactory, NomorUrutFactory, SuratFactory, RiwayatSuratFactory,
              LampiranSuratFactory, PermohonanPerbaikanFactory, DokumenTerbitFactory, DelegasiFactory,
              KlasifikasiArsipFactory, TemplateNaskahFactory, NaskahFactory, PenerimaNaskahFactory, ParafNaskahFactory,
              SeriNomorFactory, SuratMasukFactory, DisposisiFactory, PenerimaDisposisiFactory, TindakLanjutFactory,
              BerkasPersuratanFactory, HariLiburFactory, RPJMDesFactory, KegiatanRPJMDesFactory, RKPDesFactory,
              KegiatanRKPDesFactory, SiklusMusrenbangFactory, TahapMusrenbangFactory, KriteriaPenilaianFactory,
              PaguIndikatifFactory, UsulanFactory, FotoUsulanFactory, DukunganUsulanFactory, RevisiUsulanFactory,
              DaftarUsulanFactory, MusyawarahFactory, PesertaMusyawarahFactory, BerkasMusyawarahFactory,
              AturanSlaFactory, KategoriAspirasiFactory, AspirasiFactory, FotoAspirasiFactory, PenangananFactory,
              TindakanAspirasiFactory)
}
