"""A small regency world for cross-app tests: two kabupaten, kecamatan, villages with
dusun/RW/RT, offices, officials, families and residents, and one user per role.

Home scope of the role users: kabupaten 62.07, kecamatan 62.07.01, desa 62.07.01.2005.
Everything else ("another village", "another kecamatan", "another kabupaten") is what the
scope matrix test tries to reach.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from apps.akun.models import Keanggotaan, Pengguna
from apps.akun.roles import PERAN
from apps.aspirasi.models import (
    Aspirasi,
    AturanSla,
    FotoAspirasi,
    KategoriAspirasi,
    Penanganan,
    TindakanAspirasi,
)
from apps.dokumen.models import DokumenTerbit
from apps.kependudukan.models import ImporPenduduk, Keluarga, Penduduk, PendudukSementara, Peristiwa
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
from apps.sinkron.context import acting_as
from apps.sinkron.ids import uuid7
from apps.surat.models import (
    BatchSurat,
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

KAB, KAB_LAIN = "62.07", "62.01"
KEC, KEC_LAIN = "62.07.01", "62.07.02"
DESA, DESA_TETANGGA, DESA_KEC_LAIN, DESA_KAB_LAIN = "62.07.01.2005", "62.07.01.2006", "62.07.02.2001", "62.01.01.2001"
SANDI = "sandi-uji-yang-panjang"


@dataclass
class Dunia:
    users: dict[str, Pengguna] = field(default_factory=dict)
    # desa code -> objects owned in that desa (and its offices)
    objects: dict[str, list] = field(default_factory=dict)
    warga_penduduk: Penduduk | None = None


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


_nik_serial = [0]


def _penduduk(desa, rt, keluarga, nama, shdk, jk=1):
    _nik_serial[0] += 1
    return Penduduk.objects.create(
        nik=f"{desa[:2]}{desa[3:5]}{desa[6:8]}1501{90:02d}{_nik_serial[0]:04d}", nama=nama, nama_cari=nama.lower(),
        jenis_kelamin=jk, tanggal_lahir=datetime.date(1990, 1, 15), agama=1, status_perkawinan=2,
        keluarga=keluarga, shdk=shdk, wilayah_id=rt, owner_id=desa, alamat=f"Alamat {nama}",
    )


def _desa(kode, nama, kec, kab) -> list:
    objs = []
    objs.append(_wil(kode, nama, "desa", 4, kec, kab))
    objs.append(_wil(f"{kode}.01", f"Dusun I {nama}", "dusun", 5, kode, kode))
    objs.append(_wil(f"{kode}.01.001", f"RW 001 {nama}", "rw", 6, f"{kode}.01", kode))
    rt = _wil(f"{kode}.01.001.001", f"RT 001 {nama}", "rt", 7, f"{kode}.01.001", kode)
    objs.append(rt)
    pemdes = UnitKerja.objects.create(kode=f"DESA-{kode}", nama=f"Pemerintah Desa {nama}", jenis="pemdes",
                                      wilayah_id=kode, owner_id=kode)
    bpd = UnitKerja.objects.create(kode=f"BPD-{kode}", nama=f"BPD {nama}", jenis="bpd", wilayah_id=kode, owner_id=kode)
    jab = Jabatan.objects.create(unit=pemdes, nama="Kepala Desa", is_kepala=True, owner_id=kode)
    pej = Pejabat.objects.create(nama=f"Kades {nama}", jabatan=jab, owner_id=kode)
    objs += [pemdes, bpd, jab, pej]
    kk = Keluarga.objects.create(no_kk=f"{kode[:2]}{kode[3:5]}{kode[6:8]}0101900{kode[-3:]}", wilayah_id=rt.kode,
                                 owner_id=kode, alamat=f"Jalan {nama}")
    kepala = _penduduk(kode, rt.kode, kk, f"Kepala {nama}", 1)
    Keluarga.objects.filter(pk=kk.pk).update(kepala=kepala)
    istri = _penduduk(kode, rt.kode, kk, f"Istri {nama}", 3, jk=2)
    kk2 = Keluarga.objects.create(no_kk=f"{kode[:2]}{kode[3:5]}{kode[6:8]}0202900{kode[-3:]}", wilayah_id=rt.kode,
                                  owner_id=kode, alamat=f"Gang {nama}")
    tetangga = _penduduk(kode, rt.kode, kk2, f"Tetangga {nama}", 1)
    objs += [kk, kepala, istri, kk2, tetangga]
    objs.append(Peristiwa.objects.create(
        penduduk=tetangga, jenis=Peristiwa.MUTASI_KK, tanggal=datetime.date(2026, 1, 5),
        tanggal_lapor=datetime.date(2026, 1, 6), status_sebelum=1, status_sesudah=1, wilayah_id=rt.kode, owner_id=kode,
        keterangan=f"Menjadi kepala keluarga baru di {nama}",
    ))
    objs.append(PendudukSementara.objects.create(
        nama=f"Tamu {nama}", jenis_kelamin=1, nomor_identitas="6201011501900001", datang_dari="Sampit",
        maksud="Bekerja", didatangi=f"Kepala {nama}", wilayah_id=rt.kode, tanggal_datang=datetime.date(2026, 2, 1),
        owner_id=kode,
    ))
    objs.append(ImporPenduduk.objects.create(owner_id=kode, berkas=f"impor/{kode}/contoh.bin",
                                             nama_berkas=f"penduduk-{nama}.xlsx", status=ImporPenduduk.SELESAI))
    objs += _surat_desa(kode, nama, tetangga, kab)
    objs += _persuratan_unit(pemdes, jab, kab)
    objs += _perencanaan_desa(kode, nama, kab, pemdes, tetangga)
    objs += _aspirasi_desa(kode, nama, kab, pemdes)
    return objs


def _rencana_kabupaten(kab: str) -> list:
    """The regency's Musrenbang cycle (village and kecamatan stages, criteria), its aspiration
    categories and service level, and a holiday."""
    siklus = SiklusMusrenbang.objects.create(tahun_rencana=2027, nama=f"Musrenbang RKPD 2027 {kab}", owner_id=kab)
    t_desa = TahapMusrenbang.objects.create(siklus=siklus, jenis="desa", urutan=1, mulai=datetime.date(2026, 1, 1),
                                            selesai=datetime.date(2026, 12, 31), owner_id=kab)
    t_kec = TahapMusrenbang.objects.create(siklus=siklus, jenis="kecamatan", urutan=2, mulai=datetime.date(2026, 1, 1),
                                           selesai=datetime.date(2026, 12, 31), owner_id=kab)
    kri = KriteriaPenilaian.objects.create(tahap=t_desa, kode="urgensi", nama="Urgensi", bobot=2, owner_id=kab)
    kategori = KategoriAspirasi.objects.create(kode="jalan", nama="Jalan & jembatan", tingkat="kabupaten", owner_id=kab)
    sla = AturanSla.objects.create(kode="pengaduan", hari_kerja=5, owner_id=kab)
    libur = HariLibur.objects.create(tanggal=datetime.date(2026, 12, 25), nama="Hari Raya Natal", owner_id=kab)
    return [siklus, t_desa, t_kec, kri, kategori, sla, libur]


def _perencanaan_desa(kode, nama, kab, pemdes: UnitKerja, penduduk) -> list:
    """A village's plans (RPJMDes and RKPDes with one line each), a proposal with a photo, a
    resident's support, the village's and the kecamatan's stage records, the village's sent
    list, the regency's ceiling for it, and a village deliberation with a participant and a file."""
    kec = kode.rsplit(".", 1)[0]
    siklus = SiklusMusrenbang.objects.get(owner_id=kab)
    t_desa, t_kec = siklus.tahap.get(jenis="desa"), siklus.tahap.get(jenis="kecamatan")
    rpjm = RPJMDes.objects.create(tahun_mulai=2025, owner_id=kode, visi=f"{nama} maju")
    k_rpjm = KegiatanRPJMDes.objects.create(
        rpjmdes=rpjm, bidang="2.2.01", kegiatan=f"Jalan usaha tani {nama}", lokasi="Dusun I", volume=500, satuan="meter",
        perkiraan_biaya=250_000_000, sumber_dana="dd", tahun_pelaksanaan=[2026, 2027], owner_id=kode)
    rkp = RKPDes.objects.create(rpjmdes=rpjm, tahun=2027, owner_id=kode)
    k_rkp = KegiatanRKPDes.objects.create(
        rkpdes=rkp, kegiatan_rpjmdes=k_rpjm, bidang="2.2.01", kegiatan=f"Jalan usaha tani {nama} tahap 1",
        lokasi="Dusun I", volume=250, satuan="meter", perkiraan_biaya=125_000_000, sumber_dana="dd",
        waktu_pelaksanaan="3 bulan", pelaksana="TPK", owner_id=kode)
    usulan = Usulan.objects.create(
        siklus=siklus, kode=f"U-{kode[-4:]}-{kode[3:5]}{kode[6:8]}", nama_kegiatan=f"Jembatan kayu {nama}",
        lokasi_id=f"{kode}.01.001.001", volume=12, satuan="meter", perkiraan_biaya=90_000_000, urusan="pupr",
        pengusul_nama=f"RT 001 {nama}", pengusul_jenis="rt", owner_id=kode)
    foto = FotoUsulan.objects.create(usulan=usulan, berkas=f"perencanaan/foto/{kode}.jpg", jenis_mime="image/jpeg",
                                     owner_id=kode)
    dukungan = DukunganUsulan.objects.create(usulan=usulan, penduduk=penduduk, owner_id=kode)
    staf = Pengguna.objects.create_user(username=f"perencana-{kode}", password=SANDI, email=f"perencana-{kode}@uji.local")
    kec_unit = UnitKerja.objects.get(kode=f"KEC-{kec}")
    rev_desa = RevisiUsulan.objects.create(
        usulan=usulan, tahap=t_desa, unit=pemdes, volume=12, satuan="meter", perkiraan_biaya=90_000_000,
        nilai={"urgensi": 4}, skor=4, peringkat=1, masuk_pagu=True, pengguna=staf, owner_id=kode)
    rev_kec = RevisiUsulan.objects.create(
        usulan=usulan, tahap=t_kec, unit=kec_unit, volume=10, satuan="meter", perkiraan_biaya=80_000_000,
        keputusan="ditolak", alasan="Sudah dianggarkan tahun berjalan", pengguna=staf, owner_id=kec)
    daftar = DaftarUsulan.objects.create(tahap=t_desa, wilayah_id=kode, status="dikirim", jumlah_usulan=1, owner_id=kode)
    PaguIndikatif.objects.create(siklus=siklus, wilayah_id=kode, jumlah=500_000_000, owner_id=kab)
    mus = Musyawarah.objects.create(
        tahap=t_desa, wilayah_id=kode, judul=f"Musrenbang Desa {nama}", waktu=datetime.datetime(2026, 1, 10, 9, tzinfo=datetime.UTC),
        tempat="Balai desa", agenda="Pembukaan\nPembahasan usulan", pimpinan=f"Kades {nama}", owner_id=kode)
    peserta = PesertaMusyawarah.objects.create(musyawarah=mus, nama="Tokoh masyarakat", unsur="masyarakat", owner_id=kode)
    berkas = BerkasMusyawarah.objects.create(musyawarah=mus, berkas=f"perencanaan/musyawarah/{kode}.pdf",
                                             nama_asli="daftar-hadir.pdf", jenis_mime="application/pdf", owner_id=kode)
    return [rpjm, k_rpjm, rkp, k_rkp, usulan, foto, dukungan, rev_desa, rev_kec, daftar, mus, peserta, berkas]


def _aspirasi_desa(kode, nama, kab, pemdes: UnitKerja) -> list:
    """An aspiration located in the village, its photo, the village's handling and an action."""
    kategori = KategoriAspirasi.objects.get(owner_id=kab, kode="jalan")
    now = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
    asp = Aspirasi.objects.create(
        kode_lacak=f"LAP{kode[-4:]}{kode[3:5]}{kode[6:8]}", klasifikasi="pengaduan", kategori=kategori,
        judul=f"Jalan rusak di {nama}", isi="Jalan berlubang sepanjang 200 meter.", lokasi_id=kode,
        kecamatan_kode=kode.rsplit(".", 1)[0], pelapor_nama=f"Pelapor {nama}", unit_saat_ini=pemdes,
        tenggat=datetime.date(2026, 11, 9), owner_id=kode)
    foto = FotoAspirasi.objects.create(aspirasi=asp, berkas=f"aspirasi/{kode}.jpg", jenis_mime="image/jpeg",
                                       owner_id=kode)
    pen = Penanganan.objects.create(aspirasi=asp, unit=pemdes, diterima_pada=now, tenggat_tanggapan=datetime.date(2026, 11, 5),
                                    tenggat_selesai=datetime.date(2026, 11, 9), owner_id=kode)
    tindakan = TindakanAspirasi.objects.create(aspirasi=asp, jenis="diterima", unit=pemdes, waktu=now, owner_id=kode)
    return [asp, foto, pen, tindakan]


def _klasifikasi(kab: str) -> KlasifikasiArsip:
    k = KlasifikasiArsip.objects.filter(owner_id=kab, kode="005").first()
    return k or KlasifikasiArsip.objects.create(kode="005", nama="Undangan", owner_id=kab)


def _persuratan_unit(unit: UnitKerja, jab: Jabatan, kab: str) -> list:
    """A unit's e-office records: a template, a sent naskah with its addressee and review step,
    its counter, an incoming letter with a scan, a disposition with its addressee and a
    follow-up, and a delegation of its head's position."""
    kode = unit.wilayah_id
    staf = Pengguna.objects.create_user(username=f"staf-{unit.kode}", password=SANDI, email=f"staf-{unit.kode}@uji.local")
    kla = _klasifikasi(kab)
    tpl = TemplateNaskah.objects.create(jenis="undangan", nama=f"Undangan {unit.nama}", unit=unit, isi="Dengan hormat,",
                                        owner_id=kode)
    naskah = Naskah.objects.create(
        unit=unit, jenis="undangan", klasifikasi=kla, perihal=f"Undangan rapat {unit.nama}", isi="Dengan hormat.",
        status="terkirim", pembuat=staf, jabatan_penandatangan=jab, seri="keluar", tahun=2026, nomor_urut=1,
        nomor=f"005/001/{unit.kode}", tanggal=datetime.date(2026, 11, 3), owner_id=kode)
    penerima = PenerimaNaskah.objects.create(naskah=naskah, nama_luar="Kapolsek", owner_id=kode)
    paraf = ParafNaskah.objects.create(naskah=naskah, urutan=1, jabatan=jab, status="setuju", owner_id=kode)
    seri = SeriNomor.objects.create(unit=unit, seri="keluar", tahun=2026, terakhir=1, owner_id=kode)
    masuk = SuratMasuk.objects.create(
        unit=unit, sumber="fisik", tahun=2026, nomor_agenda=1, diterima=datetime.datetime(2026, 11, 4, 9, tzinfo=datetime.UTC),
        pengirim="Polsek", nomor_surat="B/1/XI/2026", tanggal_surat=datetime.date(2026, 11, 2),
        perihal=f"Pemberitahuan untuk {unit.nama}", owner_id=kode)
    scan = BerkasPersuratan.objects.create(surat_masuk=masuk, berkas=f"persuratan/{kode}/contoh", nama_asli="scan.pdf",
                                           jenis_mime="application/pdf", ukuran=10, sha256="0" * 64, pengunggah=staf,
                                           owner_id=kode)
    dispo = Disposisi.objects.create(surat_masuk=masuk, unit=unit, dari=staf, dari_jabatan=jab, instruksi="Tindak lanjuti",
                                     batas_waktu=datetime.date(2026, 11, 10), owner_id=kode)
    pd = PenerimaDisposisi.objects.create(disposisi=dispo, unit=unit, jabatan=jab, pengguna=staf,
                                          batas_waktu=dispo.batas_waktu, owner_id=kode)
    tl = TindakLanjut.objects.create(penerima=pd, pengguna=staf, catatan="Sudah ditindaklanjuti", owner_id=kode)
    dele = Delegasi.objects.create(jabatan=jab, kepada=staf, dibuat_oleh=staf, mulai=datetime.date(2025, 11, 1),
                                   selesai=datetime.date(2025, 11, 30), alasan="Cuti", owner_id=kode)
    return [tpl, naskah, penerima, paraf, seri, masuk, scan, dispo, pd, tl, dele]


def _jenis_surat(kab: str) -> JenisSurat:
    jenis = JenisSurat.objects.filter(kode=f"domisili-{kab}").first()
    if jenis is None:
        jenis = JenisSurat.objects.create(
            kode=f"domisili-{kab}", nama="Surat Keterangan Domisili", kode_klasifikasi="470", owner_id=kab,
            syarat=[{"kode": "ktp", "label": "Fotokopi KTP"}],
            isian=[{"kode": "keperluan", "label": "Keperluan", "jenis": "teks", "wajib": True}])
        TemplateSurat.objects.create(
            jenis=jenis, versi=1, owner_id=kab, judul="SURAT KETERANGAN DOMISILI",
            pembuka="Yang bertanda tangan di bawah ini menerangkan dengan sebenarnya bahwa:",
            kolom_data=["nama", "nik", "ttl", "alamat"], isi="Orang tersebut benar berdomisili di [nama_desa].",
            penutup="Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.")
    return jenis


def _surat_desa(kode, nama, penduduk, kab) -> list:
    """A village's letter records: its own template version, numbering, one signed letter with
    its timeline and a requirement scan, a correction request and a batch."""
    jenis = _jenis_surat(kab)
    tpl = TemplateSurat.objects.create(
        jenis=jenis, versi=1, owner_id=kode, judul=f"SURAT KETERANGAN DOMISILI {nama.upper()}",
        pembuka="Yang bertanda tangan di bawah ini menerangkan bahwa:", kolom_data=["nama", "nik", "alamat"],
        penutup="Demikian.")
    fmt = FormatNomor.objects.create(owner_id=kode)
    urut = NomorUrut.objects.create(owner_id=kode, seri="umum", tahun=2026, terakhir=1)
    dok = DokumenTerbit.objects.create(
        sumber=DokumenTerbit.SURAT, sumber_id=uuid7(), nomor=f"470/001/{kode}/XI/2026", tanggal=datetime.date(2026, 11, 2),
        judul="Surat Keterangan Domisili", penerbit=f"Pemerintah Desa {nama}", penandatangan=f"Kades {nama}",
        jabatan_penandatangan="Kepala Desa", hash_isi="x" * 43, owner_id=kode)
    surat = Surat.objects.create(
        jenis=jenis, template=tpl, penduduk=penduduk, status="ditandatangani", isian={"keperluan": "Bank"},
        seri="umum", tahun=2026, nomor_urut=1, nomor=dok.nomor, tanggal_surat=dok.tanggal, dokumen=dok,
        nama_cari=penduduk.nama_cari, owner_id=kode)
    riwayat = RiwayatSurat.objects.create(surat=surat, langkah="ditandatangani", owner_id=kode)
    lampiran = LampiranSurat.objects.create(surat=surat, syarat="ktp", berkas=f"syarat/{kode}/contoh", nama_asli="ktp.jpg",
                                            jenis_mime="image/jpeg", ukuran=100, owner_id=kode)
    perbaikan = PermohonanPerbaikan.objects.create(
        penduduk=penduduk, pemohon=Pengguna.objects.create_user(username=f"warga-{kode}", password=SANDI,
                                                          email=f"warga-{kode}@uji.local"),
        isi="Pekerjaan saya sudah berubah.", owner_id=kode)
    batch = BatchSurat.objects.create(owner_id=kode, jenis=jenis, pengguna=perbaikan.pemohon, total=0)
    return [tpl, fmt, urut, dok, surat, riwayat, lampiran, perbaikan, batch]


def _office(kode, nama, jenis, wilayah):
    unit = UnitKerja.objects.create(kode=kode, nama=nama, jenis=jenis, wilayah_id=wilayah, owner_id=wilayah,
                                    singkatan=kode.split("-")[-1])
    jab = Jabatan.objects.create(unit=unit, nama=f"Kepala {nama}", is_kepala=True, owner_id=wilayah)
    pej = Pejabat.objects.create(nama=f"Pejabat {nama}", jabatan=jab, owner_id=wilayah)
    return [unit, jab, pej]


def build() -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji"):
        d.objects["62"] = [_wil("62", "Kalimantan Tengah", "provinsi", 1)]
        for kab, nama in ((KAB, "Kabupaten Seruyan"), (KAB_LAIN, "Kabupaten Kotawaringin Barat")):
            d.objects.setdefault(kab, []).append(_wil(kab, nama, "kabupaten", 2, "62"))
        for kec, nama, kab in ((KEC, "Seruyan Hilir", KAB), (KEC_LAIN, "Seruyan Tengah", KAB),
                               ("62.01.01", "Kumai", KAB_LAIN)):
            d.objects.setdefault(kec, []).append(_wil(kec, nama, "kecamatan", 3, kab, kab))
            d.objects[kec] += _office(f"KEC-{kec}", f"Kecamatan {nama}", "kecamatan", kec)
            d.objects[kec] += _persuratan_unit(d.objects[kec][-3], d.objects[kec][-2], kab)
        for kab in (KAB, KAB_LAIN):
            bappeda = _office(f"PD-{kab}-BAPPEDA", f"Bappeda {kab}", "pd", kab)
            d.objects[kab] += bappeda
            d.objects[kab] += _office(f"PD-{kab}-DPMD", f"Dinas PMD {kab}", "pd", kab)
            d.objects[kab] += _office(f"SETDA-{kab}", f"Sekretariat Daerah {kab}", "setda", kab)
            d.objects[kab] += _persuratan_unit(bappeda[0], bappeda[1], kab)
            d.objects[kab].append(_klasifikasi(kab))
            # The regency's own planning and aspiration reference data (cycle, stages, criteria,
            # categories, service levels, holidays) is read by every office of that regency, so
            # the home regency's is filed apart from its offices' records; another regency's
            # stays foreign to everyone here.
            d.objects.setdefault(kab if kab == KAB_LAIN else f"ref-{kab}", []).extend(_rencana_kabupaten(kab))
        for desa, nama, kec, kab in ((DESA, "Pematang Limau", KEC, KAB), (DESA_TETANGGA, "Sungai Perlu", KEC, KAB),
                                     (DESA_KEC_LAIN, "Desa Tengah", KEC_LAIN, KAB),
                                     (DESA_KAB_LAIN, "Desa Kumai", "62.01.01", KAB_LAIN)):
            d.objects[desa] = _desa(desa, nama, kec, kab)
        for kec, kab in ((KEC, KAB), (KEC_LAIN, KAB), ("62.01.01", KAB_LAIN)):
            t_kec = TahapMusrenbang.objects.get(siklus__owner_id=kab, jenis="kecamatan")
            d.objects[kec].append(DaftarUsulan.objects.create(tahap=t_kec, wilayah_id=kec, owner_id=kec))
            d.objects[kec].append(Musyawarah.objects.create(
                tahap=t_kec, wilayah_id=kec, judul=f"Musrenbang Kecamatan {kec}", tempat="Aula kecamatan",
                waktu=datetime.datetime(2026, 2, 10, 9, tzinfo=datetime.UTC), agenda="Pembahasan", pimpinan="Camat",
                owner_id=kec))

        units = {u.kode: u for u in UnitKerja.objects.all()}
        for p in PERAN:
            wilayah = {"kabupaten": KAB, "kecamatan": KEC, "desa": DESA}[p.tingkat]
            unit = {
                "bappeda": units[f"PD-{KAB}-BAPPEDA"], "staf_pd": units[f"PD-{KAB}-DPMD"],
                "bupati": units[f"SETDA-{KAB}"], "wakil_bupati": units[f"SETDA-{KAB}"],
                "admin_kabupaten": units[f"SETDA-{KAB}"], "camat": units[f"KEC-{KEC}"],
                "staf_kecamatan": units[f"KEC-{KEC}"], "bpd": units[f"BPD-{DESA}"],
            }.get(p.kode, units[f"DESA-{DESA}"] if p.tingkat == "desa" and p.kode != "warga" else None)
            user = Pengguna.objects.create_user(username=p.kode, password=SANDI, nama=f"Uji {p.nama}",
                                                email=f"{p.kode}@uji.local")
            m = Keanggotaan.objects.create(pengguna=user, peran=p.kode, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
            d.users[p.kode] = user
            d.objects.setdefault(wilayah, []).append(m)
        # Memberships of people in the other scopes, so they are there to be leaked.
        for kode, wil in (("op_tetangga", DESA_TETANGGA), ("op_kec_lain", DESA_KEC_LAIN), ("op_kab_lain", DESA_KAB_LAIN)):
            u = Pengguna.objects.create_user(username=kode, password=SANDI, nama=kode, email=f"{kode}@uji.local")
            m = Keanggotaan.objects.create(pengguna=u, peran="operator_desa", wilayah_id=wil, owner_id=wil)
            d.objects[wil].append(m)
        warga = Penduduk.objects.get(nama="Kepala Pematang Limau")
        Penduduk.objects.filter(pk=warga.pk).update(akun=d.users["warga"])
        d.warga_penduduk = warga
    return d


def foreign_codes(peran_tingkat: str) -> list[str]:
    """Scopes a role bound at our home kabupaten/kecamatan/desa must not reach."""
    lain = ["62", KAB_LAIN, "62.01.01", DESA_KAB_LAIN]
    return {
        "kabupaten": lain,
        "kecamatan": lain + [KAB, KEC_LAIN, DESA_KEC_LAIN],
        "desa": lain + [KAB, KEC, KEC_LAIN, DESA_TETANGGA, DESA_KEC_LAIN],
    }[peran_tingkat]
