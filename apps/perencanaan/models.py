"""Village development plans and the Musrenbang cycle (decision 0013).

Who writes what (DESIGN.md invariant 3):
- a village writes its plans (`RPJMDes` and its `KegiatanRPJMDes`, `RKPDes` and its
  `KegiatanRKPDes`), its proposals (`Usulan`, `FotoUsulan`), the supports its residents give
  (`DukunganUsulan`) and the list it sends up (`DaftarUsulan` of the village stage);
- the kabupaten writes the cycle (`SiklusMusrenbang`, `TahapMusrenbang`, `KriteriaPenilaian`,
  `PaguIndikatif`);
- every office that acts on a proposal at a stage writes ITS OWN `RevisiUsulan` (the village at
  the village stage, the kecamatan at the kecamatan stage, the agency at the Forum Perangkat
  Daerah, the kabupaten at the Musrenbang kabupaten and the RKPD): the figures it revised, the
  scores it gave, its decision and the reason. The village's original proposal is never
  rewritten by anyone else, so the path from idea to RKPD stays visible;
- the office that holds a deliberation writes its `Musyawarah`, the participants, the attached
  documents and the signatures on the berita acara.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.sinkron.models import SyncableModel


class SumberDana(models.TextChoices):
    DD = "dd", "Dana Desa (DD)"
    ADD = "add", "Alokasi Dana Desa (ADD)"
    PADES = "pades", "Pendapatan Asli Desa"
    BHPR = "bhpr", "Bagi Hasil Pajak & Retribusi"
    BANKEU_PROV = "bankeu_prov", "Bantuan Keuangan Provinsi"
    BANKEU_KAB = "bankeu_kab", "Bantuan Keuangan Kabupaten"
    APBD_KAB = "apbd_kab", "APBD Kabupaten"
    APBD_PROV = "apbd_prov", "APBD Provinsi"
    APBN = "apbn", "APBN"
    SWADAYA = "swadaya", "Swadaya Masyarakat"
    LAINNYA = "lainnya", "Lainnya"


class PolaPelaksanaan(models.TextChoices):
    SWAKELOLA = "swakelola", "Swakelola"
    KERJA_SAMA = "kerja_sama", "Kerja sama antar-desa"
    PIHAK_KETIGA = "pihak_ketiga", "Kerja sama pihak ketiga"


class StatusRencana(models.TextChoices):
    DRAF = "draf", "Draf"
    DITETAPKAN = "ditetapkan", "Ditetapkan dengan Perdes"


class RPJMDes(SyncableModel):
    """The village medium-term plan: 6 years, or 8 under UU 3/2024 (`lama_tahun`)."""

    tahun_mulai = models.PositiveSmallIntegerField("tahun mulai")
    lama_tahun = models.PositiveSmallIntegerField("lama (tahun)", default=6,
                                                  help_text="6 tahun, atau 8 tahun menurut UU 3/2024.")
    visi = models.TextField("visi", blank=True)
    misi = models.TextField("misi", blank=True, help_text="Satu misi per baris.")
    status = models.CharField("status", max_length=12, choices=StatusRencana.choices, default=StatusRencana.DRAF)
    nomor_perdes = models.CharField("nomor Perdes", max_length=60, blank=True)
    tanggal_perdes = models.DateField("tanggal Perdes", null=True, blank=True)

    class Meta:
        verbose_name = "RPJM Desa"
        verbose_name_plural = "RPJM Desa"
        ordering = ["owner", "-tahun_mulai"]
        constraints = [models.UniqueConstraint(fields=["owner", "tahun_mulai"], name="rpjmdes_unik")]

    def __str__(self) -> str:
        return f"RPJM Desa {self.tahun_mulai}–{self.tahun_selesai}"

    @property
    def tahun_selesai(self) -> int:
        return self.tahun_mulai + self.lama_tahun - 1

    def get_absolute_url(self) -> str:
        return reverse("perencanaan:rpjmdes_detail", args=[self.pk])


class KegiatanRencana(SyncableModel):
    """The fields shared by a line of the RPJMDes and of the RKPDes matrix (Permendagri 114/2014):
    bidang and sub-bidang from the APBDes chart (ref_apbdes_kegiatan.csv), the activity, where,
    how much, for whom, and the estimated cost with its source."""

    bidang = models.CharField("bidang", max_length=10, help_text="Kode bidang/sub-bidang/kegiatan APBDes, mis. 3.2.01.")
    nama_bidang = models.CharField("nama bidang", max_length=200, blank=True)
    kegiatan = models.CharField("kegiatan", max_length=255)
    lokasi = models.CharField("lokasi", max_length=200)
    volume = models.DecimalField("volume", max_digits=12, decimal_places=2)
    satuan = models.CharField("satuan", max_length=30)
    sasaran_manfaat = models.CharField("sasaran/manfaat", max_length=255, blank=True)
    perkiraan_biaya = models.DecimalField("perkiraan biaya (Rp)", max_digits=15, decimal_places=0)
    sumber_dana = models.CharField("sumber dana", max_length=12, choices=SumberDana.choices)
    pola_pelaksanaan = models.CharField("pola pelaksanaan", max_length=14, choices=PolaPelaksanaan.choices,
                                        default=PolaPelaksanaan.SWAKELOLA)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        abstract = True


class KegiatanRPJMDes(KegiatanRencana):
    rpjmdes = models.ForeignKey(RPJMDes, on_delete=models.CASCADE, related_name="kegiatan", verbose_name="RPJM Desa")
    # The plan years in which the activity runs, e.g. [2025, 2026].
    tahun_pelaksanaan = models.JSONField("tahun pelaksanaan", default=list)

    class Meta:
        verbose_name = "kegiatan RPJM Desa"
        verbose_name_plural = "kegiatan RPJM Desa"
        ordering = ["rpjmdes", "bidang", "urutan"]

    def __str__(self) -> str:
        return self.kegiatan


class RKPDes(SyncableModel):
    """The village's annual work plan for `tahun`, drafted from the RPJMDes."""

    rpjmdes = models.ForeignKey(RPJMDes, on_delete=models.PROTECT, related_name="rkpdes", verbose_name="RPJM Desa")
    tahun = models.PositiveSmallIntegerField("tahun")
    status = models.CharField("status", max_length=12, choices=StatusRencana.choices, default=StatusRencana.DRAF)
    nomor_perdes = models.CharField("nomor Perdes", max_length=60, blank=True)
    tanggal_perdes = models.DateField("tanggal Perdes", null=True, blank=True)
    tanggal_musdes = models.DateField("tanggal Musyawarah Desa", null=True, blank=True)

    class Meta:
        verbose_name = "RKP Desa"
        verbose_name_plural = "RKP Desa"
        ordering = ["owner", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["owner", "tahun"], name="rkpdes_unik")]

    def __str__(self) -> str:
        return f"RKP Desa {self.tahun}"

    def get_absolute_url(self) -> str:
        return reverse("perencanaan:rkpdes_detail", args=[self.pk])


class KegiatanRKPDes(KegiatanRencana):
    rkpdes = models.ForeignKey(RKPDes, on_delete=models.CASCADE, related_name="kegiatan", verbose_name="RKP Desa")
    # Every RKPDes line implements one RPJMDes line.
    kegiatan_rpjmdes = models.ForeignKey(KegiatanRPJMDes, on_delete=models.PROTECT, related_name="kegiatan_rkpdes",
                                         verbose_name="kegiatan RPJM Desa")
    waktu_pelaksanaan = models.CharField("waktu pelaksanaan", max_length=60, help_text="Mis. 3 bulan, Juli–September.")
    pelaksana = models.CharField("pelaksana kegiatan", max_length=120, help_text="Mis. TPK, Kasi Pembangunan.")
    jumlah_penerima = models.PositiveIntegerField("jumlah penerima manfaat", null=True, blank=True)

    class Meta:
        verbose_name = "kegiatan RKP Desa"
        verbose_name_plural = "kegiatan RKP Desa"
        ordering = ["rkpdes", "bidang", "urutan"]

    def __str__(self) -> str:
        return self.kegiatan


# ---------------------------------------------------------------------------------------------
# The Musrenbang cycle (owned by the kabupaten)


class SiklusMusrenbang(SyncableModel):
    """One cycle per plan year (the year the RKPD is for; held in the year before)."""

    tahun_rencana = models.PositiveSmallIntegerField("tahun rencana")
    nama = models.CharField("nama", max_length=160)
    keterangan = models.TextField("keterangan", blank=True)
    # Pagu indikatif that applies when a village or kecamatan has none of its own (Rp; 0 = none).
    pagu_desa_bawaan = models.DecimalField("pagu indikatif desa bawaan (Rp)", max_digits=15, decimal_places=0, default=0)
    pagu_kecamatan_bawaan = models.DecimalField("pagu indikatif kecamatan bawaan (Rp)", max_digits=15,
                                                decimal_places=0, default=0)

    class Meta:
        verbose_name = "siklus Musrenbang"
        verbose_name_plural = "siklus Musrenbang"
        ordering = ["owner", "-tahun_rencana"]
        constraints = [models.UniqueConstraint(fields=["owner", "tahun_rencana"], name="siklus_musrenbang_unik")]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("perencanaan:siklus_detail", args=[self.pk])


class JenisTahap(models.TextChoices):
    DESA = "desa", "Musrenbang Desa/Kelurahan"
    KECAMATAN = "kecamatan", "Musrenbang Kecamatan"
    FORUM_PD = "forum_pd", "Forum Perangkat Daerah"
    KABUPATEN = "kabupaten", "Musrenbang Kabupaten"
    RKPD = "rkpd", "Penetapan RKPD"


# Which office acts at each kind of stage (the owner of its RevisiUsulan, DaftarUsulan, Musyawarah).
TINGKAT_TAHAP = {JenisTahap.DESA: "desa", JenisTahap.KECAMATAN: "kecamatan", JenisTahap.FORUM_PD: "kabupaten",
                 JenisTahap.KABUPATEN: "kabupaten", JenisTahap.RKPD: "kabupaten"}


class ModeTahap(models.TextChoices):
    JADWAL = "jadwal", "Mengikuti jadwal"
    BUKA = "buka", "Dibuka manual"
    TUTUP = "tutup", "Ditutup manual"


class TahapMusrenbang(SyncableModel):
    """A stage of a cycle. Open between `mulai` and `selesai` (inclusive, WIB dates), unless the
    admin forced it open or closed (`mode`). See `tahap.status_tahap`."""

    siklus = models.ForeignKey(SiklusMusrenbang, on_delete=models.CASCADE, related_name="tahap", verbose_name="siklus")
    jenis = models.CharField("jenis tahap", max_length=10, choices=JenisTahap.choices)
    urutan = models.PositiveSmallIntegerField("urutan")
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    mode = models.CharField("pembukaan", max_length=8, choices=ModeTahap.choices, default=ModeTahap.JADWAL)
    # Residents may submit ideas and supports online (village stage only).
    usulan_warga = models.BooleanField("warga boleh mengusulkan & mendukung daring", default=True)
    nomor_penetapan = models.CharField("nomor penetapan", max_length=80, blank=True,
                                       help_text="Mis. nomor Perbup RKPD pada tahap penetapan.")
    tanggal_penetapan = models.DateField("tanggal penetapan", null=True, blank=True)

    class Meta:
        verbose_name = "tahap Musrenbang"
        verbose_name_plural = "tahap Musrenbang"
        ordering = ["siklus", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "jenis"], name="tahap_jenis_unik"),
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="tahap_tanggal_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.siklus.tahun_rencana}"


class KriteriaPenilaian(SyncableModel):
    """A scoring criterion of a stage: each proposal gets 1-5 on it; the score is the weighted sum."""

    tahap = models.ForeignKey(TahapMusrenbang, on_delete=models.CASCADE, related_name="kriteria", verbose_name="tahap")
    kode = models.SlugField("kode", max_length=30)
    nama = models.CharField("nama", max_length=120)
    keterangan = models.CharField("panduan skor", max_length=255, blank=True,
                                  help_text="Mis. 5 = sangat mendesak, 1 = bisa ditunda.")
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2, default=1)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kriteria penilaian"
        verbose_name_plural = "kriteria penilaian"
        ordering = ["tahap", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["tahap", "kode"], name="kriteria_kode_unik")]

    def __str__(self) -> str:
        return f"{self.nama} (bobot {self.bobot})"


class PaguIndikatif(SyncableModel):
    """The indicative ceiling of one village or kecamatan in a cycle (set by the kabupaten)."""

    siklus = models.ForeignKey(SiklusMusrenbang, on_delete=models.CASCADE, related_name="pagu", verbose_name="siklus")
    wilayah = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
                                verbose_name="desa/kecamatan")
    jumlah = models.DecimalField("pagu indikatif (Rp)", max_digits=15, decimal_places=0)
    keterangan = models.CharField("dasar penetapan", max_length=200, blank=True,
                                  help_text="Mis. Surat Edaran Bupati tentang pagu indikatif kewilayahan.")

    class Meta:
        verbose_name = "pagu indikatif"
        verbose_name_plural = "pagu indikatif"
        ordering = ["siklus", "wilayah"]
        constraints = [models.UniqueConstraint(fields=["siklus", "wilayah"], name="pagu_unik")]

    def __str__(self) -> str:
        return f"{self.wilayah_id}: Rp{self.jumlah:,.0f}"


# ---------------------------------------------------------------------------------------------
# Proposals (owned by the village)


class JenisUsulan(models.TextChoices):
    FISIK = "fisik", "Fisik"
    NON_FISIK = "non_fisik", "Non-fisik"


class AsalUsulan(models.TextChoices):
    MUSRENBANG = "musrenbang", "Musrenbang"
    POKIR = "pokir", "Pokok pikiran DPRD"
    PD = "pd", "Usulan Perangkat Daerah"


class PengusulJenis(models.TextChoices):
    WARGA = "warga", "Warga"
    KELOMPOK = "kelompok", "Kelompok masyarakat"
    RT = "rt", "RT"
    RW = "rw", "RW / Dusun"
    DESA = "desa", "Pemerintah Desa/Kelurahan"


class Urusan(models.TextChoices):
    """Government affairs (urusan) the regency plans by; each maps to an agency."""

    PENDIDIKAN = "pendidikan", "Pendidikan"
    KESEHATAN = "kesehatan", "Kesehatan"
    PUPR = "pupr", "Pekerjaan Umum & Penataan Ruang"
    PERUMAHAN = "perumahan", "Perumahan & Kawasan Permukiman"
    SOSIAL = "sosial", "Sosial"
    PERTANIAN = "pertanian", "Pertanian & Perkebunan"
    PERIKANAN = "perikanan", "Kelautan & Perikanan"
    LINGKUNGAN = "lingkungan", "Lingkungan Hidup"
    PMD = "pmd", "Pemberdayaan Masyarakat & Desa"
    EKONOMI = "ekonomi", "Koperasi, UKM & Perdagangan"
    PERHUBUNGAN = "perhubungan", "Perhubungan"
    KOMINFO = "kominfo", "Komunikasi & Informatika"
    LAINNYA = "lainnya", "Lainnya"


class StatusUsulan(models.TextChoices):
    """The village's own status of its proposal. What happened further up is in the revisions."""

    IDE = "ide", "Ide warga (belum dibahas)"
    DRAF = "draf", "Dibahas desa"
    DIKIRIM = "dikirim", "Dikirim ke kecamatan"
    TIDAK_DIKIRIM = "tidak_dikirim", "Tidak diteruskan desa"
    DITARIK = "ditarik", "Ditarik pengusul"


class Usulan(SyncableModel):
    """A proposal of a village in a cycle (DOMAIN.md: usulan). `kode` is the public tracking code."""

    siklus = models.ForeignKey(SiklusMusrenbang, on_delete=models.PROTECT, related_name="usulan", verbose_name="siklus")
    kode = models.CharField("kode lacak", max_length=24, unique=True)
    nama_kegiatan = models.CharField("nama kegiatan", max_length=200)
    jenis = models.CharField("jenis", max_length=10, choices=JenisUsulan.choices, default=JenisUsulan.FISIK)
    uraian = models.TextField("uraian / permasalahan", blank=True)
    output = models.CharField("keluaran (output)", max_length=200, blank=True)
    lokasi = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
                               verbose_name="lokasi (RT/RW/dusun)")
    lokasi_keterangan = models.CharField("keterangan lokasi", max_length=200, blank=True)
    lat = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    volume = models.DecimalField("volume", max_digits=12, decimal_places=2)
    satuan = models.CharField("satuan", max_length=30)
    target = models.CharField("target / penerima manfaat", max_length=200, blank=True)
    jumlah_penerima = models.PositiveIntegerField("jumlah penerima manfaat", default=0)
    perkiraan_biaya = models.DecimalField("perkiraan biaya (Rp)", max_digits=15, decimal_places=0)
    sumber_dana = models.CharField("sumber dana", max_length=12, choices=SumberDana.choices,
                                   default=SumberDana.APBD_KAB)
    urusan = models.CharField("bidang urusan", max_length=12, choices=Urusan.choices)
    perangkat_daerah = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="usulan_musrenbang", verbose_name="perangkat daerah penanggung jawab")
    pengusul_jenis = models.CharField("jenis pengusul", max_length=10, choices=PengusulJenis.choices,
                                      default=PengusulJenis.DESA)
    pengusul_nama = models.CharField("nama pengusul", max_length=160)
    pengusul_akun = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="akun pengusul")
    swadaya = models.CharField("swadaya masyarakat", max_length=200, blank=True,
                               help_text="Mis. tenaga kerja gotong royong, lahan hibah.")
    swadaya_nilai = models.DecimalField("nilai swadaya (Rp)", max_digits=15, decimal_places=0, default=0)
    asal = models.CharField("asal usulan", max_length=12, choices=AsalUsulan.choices, default=AsalUsulan.MUSRENBANG)
    status = models.CharField("status di desa", max_length=14, choices=StatusUsulan.choices, default=StatusUsulan.DRAF,
                              db_index=True)
    # Supports given on paper at village meetings (entered by the operator as a count); online
    # supports are DukunganUsulan rows, counted into `dukungan_daring` by the service.
    dukungan_kertas = models.PositiveIntegerField("dukungan tertulis (rapat)", default=0)
    dukungan_daring = models.PositiveIntegerField("dukungan daring", default=0)
    dukungan_kertas_catatan = models.CharField("catatan dukungan tertulis", max_length=300, blank=True)

    class Meta:
        verbose_name = "usulan Musrenbang"
        verbose_name_plural = "usulan Musrenbang"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["siklus", "owner", "status"], name="usulan_siklus_desa_idx")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama_kegiatan}"

    def get_absolute_url(self) -> str:
        return reverse("perencanaan:usulan_detail", args=[self.pk])

    @property
    def dukungan(self) -> int:
        return self.dukungan_daring + self.dukungan_kertas


class FotoUsulan(SyncableModel):
    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="foto", verbose_name="usulan")
    berkas = models.FileField("berkas", upload_to="perencanaan/foto/%Y/%m/", max_length=255)
    jenis_mime = models.CharField("jenis berkas", max_length=40)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)

    class Meta:
        verbose_name = "foto usulan"
        verbose_name_plural = "foto usulan"
        ordering = ["usulan", "created_at"]


class DukunganUsulan(SyncableModel):
    """One verified resident's online support of one proposal (at most one per person)."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="dukungan_warga", verbose_name="usulan")
    penduduk = models.ForeignKey("kependudukan.Penduduk", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="penduduk")
    komentar = models.CharField("alasan mendukung", max_length=200, blank=True)

    class Meta:
        verbose_name = "dukungan usulan"
        verbose_name_plural = "dukungan usulan"
        constraints = [models.UniqueConstraint(fields=["usulan", "penduduk"], name="dukungan_sekali")]


class Keputusan(models.TextChoices):
    DIUSULKAN = "diusulkan", "Diteruskan / diterima"
    DITOLAK = "ditolak", "Ditolak"
    DIGABUNG = "digabung", "Digabung dengan usulan lain"
    DITUNDA = "ditunda", "Ditunda ke tahun berikut"


class RevisiUsulan(SyncableModel):
    """What one office did with one proposal at one stage: its own figures (volume, cost,
    target), its scores, its decision and the reason. Owned by the acting office; the village
    sees every stage's record of its proposal (scope is the proposal's village)."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="revisi", verbose_name="usulan")
    tahap = models.ForeignKey(TahapMusrenbang, on_delete=models.PROTECT, related_name="revisi", verbose_name="tahap")
    # The acting unit (village government, kecamatan, agency, Bappeda).
    unit = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, related_name="+", verbose_name="unit")
    volume = models.DecimalField("volume", max_digits=12, decimal_places=2)
    satuan = models.CharField("satuan", max_length=30)
    perkiraan_biaya = models.DecimalField("perkiraan biaya (Rp)", max_digits=15, decimal_places=0)
    target = models.CharField("target", max_length=200, blank=True)
    # {"kode kriteria": 1..5}
    nilai = models.JSONField("nilai per kriteria", default=dict, blank=True)
    skor = models.DecimalField("skor", max_digits=8, decimal_places=2, default=0)
    peringkat = models.PositiveIntegerField("peringkat", null=True, blank=True)
    masuk_pagu = models.BooleanField("masuk pagu indikatif", default=False)
    # A ranking override (moved up or down against the computed order) and its written reason.
    peringkat_manual = models.PositiveIntegerField("peringkat ditetapkan manual", null=True, blank=True)
    alasan_manual = models.CharField("alasan penetapan manual", max_length=300, blank=True)
    keputusan = models.CharField("keputusan", max_length=10, choices=Keputusan.choices, default=Keputusan.DIUSULKAN)
    alasan = models.TextField("alasan / catatan", blank=True)
    digabung_ke = models.ForeignKey(Usulan, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="digabung ke usulan")
    perangkat_daerah = models.ForeignKey("wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="perangkat daerah")
    program = models.CharField("program / kegiatan perangkat daerah", max_length=200, blank=True)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="dicatat oleh")

    scope_field = "usulan__owner_id"

    class Meta:
        verbose_name = "revisi usulan"
        verbose_name_plural = "revisi usulan"
        ordering = ["usulan", "tahap__urutan"]
        constraints = [models.UniqueConstraint(fields=["usulan", "tahap"], name="revisi_sekali_per_tahap")]
        indexes = [models.Index(fields=["tahap", "owner", "peringkat"], name="revisi_tahap_peringkat_idx")]

    def __str__(self) -> str:
        return f"{self.usulan.kode} — {self.tahap}"


class StatusDaftar(models.TextChoices):
    DRAF = "draf", "Draf"
    DIKIRIM = "dikirim", "Dikirim / ditetapkan"


class DaftarUsulan(SyncableModel):
    """The list an office closes at a stage: a village or kecamatan sends its ranked list up, the
    kabupaten fixes the RKPD list. Owned by that office; one per office per stage."""

    tahap = models.ForeignKey(TahapMusrenbang, on_delete=models.PROTECT, related_name="daftar", verbose_name="tahap")
    wilayah = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
                                verbose_name="wilayah")
    status = models.CharField("status", max_length=8, choices=StatusDaftar.choices, default=StatusDaftar.DRAF)
    dikirim_pada = models.DateTimeField("dikirim pada", null=True, blank=True)
    pengirim = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="dikirim oleh")
    jumlah_usulan = models.PositiveIntegerField("jumlah usulan", default=0)
    total_biaya = models.DecimalField("total biaya (Rp)", max_digits=17, decimal_places=0, default=0)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "daftar usulan tahap"
        verbose_name_plural = "daftar usulan tahap"
        constraints = [models.UniqueConstraint(fields=["tahap", "wilayah"], name="daftar_unik")]

    def __str__(self) -> str:
        return f"Daftar {self.wilayah_id} — {self.tahap}"


# ---------------------------------------------------------------------------------------------
# Deliberation (owned by the office holding it)


class StatusMusyawarah(models.TextChoices):
    DIRENCANAKAN = "direncanakan", "Direncanakan"
    BERLANGSUNG = "berlangsung", "Berlangsung"
    SELESAI = "selesai", "Selesai"
    DITANDATANGANI = "ditandatangani", "Berita acara ditandatangani"


class Musyawarah(SyncableModel):
    tahap = models.ForeignKey(TahapMusrenbang, on_delete=models.PROTECT, related_name="musyawarah", verbose_name="tahap")
    wilayah = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
                                verbose_name="penyelenggara")
    judul = models.CharField("judul", max_length=200)
    waktu = models.DateTimeField("waktu")
    tempat = models.CharField("tempat", max_length=200)
    tautan_daring = models.URLField("tautan rapat daring", blank=True,
                                    help_text="Tautan Zoom/Meet/Jitsi bagi peserta jarak jauh.")
    agenda = models.TextField("agenda", help_text="Satu butir agenda per baris.")
    pimpinan = models.CharField("pimpinan musyawarah", max_length=160)
    pimpinan_akun = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="akun pimpinan")
    notulen = models.TextField("notulen / kesimpulan", blank=True)
    status = models.CharField("status", max_length=16, choices=StatusMusyawarah.choices,
                              default=StatusMusyawarah.DIRENCANAKAN)
    dokumen = models.ForeignKey("dokumen.DokumenTerbit", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="berita acara terbit")
    berkas_ba = models.FileField("berita acara (PDF)", upload_to="perencanaan/ba/%Y/", blank=True, max_length=255)

    class Meta:
        verbose_name = "musyawarah"
        verbose_name_plural = "musyawarah"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("perencanaan:musyawarah_detail", args=[self.pk])


class UnsurPeserta(models.TextChoices):
    DELEGASI_DESA = "delegasi_desa", "Delegasi desa/kelurahan"
    PERANGKAT_DAERAH = "pd", "Perangkat daerah"
    DPRD = "dprd", "Anggota DPRD"
    PEMERINTAH = "pemerintah", "Unsur pemerintah"
    MASYARAKAT = "masyarakat", "Tokoh / unsur masyarakat"
    BPD = "bpd", "BPD"


class Kehadiran(models.TextChoices):
    DIUNDANG = "diundang", "Diundang"
    HADIR = "hadir", "Hadir di tempat"
    DARING = "daring", "Hadir daring"
    TIDAK_HADIR = "tidak_hadir", "Tidak hadir"


class PesertaMusyawarah(SyncableModel):
    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="peserta", verbose_name="musyawarah")
    nama = models.CharField("nama", max_length=160)
    unsur = models.CharField("unsur", max_length=14, choices=UnsurPeserta.choices)
    asal = models.CharField("asal / jabatan", max_length=160, blank=True)
    akun = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="akun")
    kehadiran = models.CharField("kehadiran", max_length=12, choices=Kehadiran.choices, default=Kehadiran.DIUNDANG)
    penandatangan = models.BooleanField("ikut menandatangani berita acara", default=False)
    # Set when the participant (with an account) approved the berita acara, or when the chair
    # recorded a wet signature on the printed copy.
    ditandatangani_pada = models.DateTimeField("menyetujui berita acara", null=True, blank=True)

    class Meta:
        verbose_name = "peserta musyawarah"
        verbose_name_plural = "peserta musyawarah"
        ordering = ["musyawarah", "unsur", "nama"]


class BerkasMusyawarah(SyncableModel):
    musyawarah = models.ForeignKey(Musyawarah, on_delete=models.CASCADE, related_name="berkas", verbose_name="musyawarah")
    berkas = models.FileField("berkas", upload_to="perencanaan/musyawarah/%Y/", max_length=255)
    nama_asli = models.CharField("nama berkas", max_length=200)
    jenis_mime = models.CharField("jenis berkas", max_length=80)
    ukuran = models.PositiveIntegerField("ukuran (byte)", default=0)

    class Meta:
        verbose_name = "berkas musyawarah"
        verbose_name_plural = "berkas musyawarah"
        ordering = ["musyawarah", "created_at"]
