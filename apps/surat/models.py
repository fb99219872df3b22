"""Letters a village issues to residents (surat keterangan / pengantar), from request to the
signed PDF, and citizen self-service (layanan mandiri).

Owner of every record here is the desa/kelurahan that issues the letter; the letter-type
catalogue and the regency-wide default templates are owned by the kabupaten."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.sinkron.ids import uuid7
from apps.sinkron.models import SyncableModel


class JenisSurat(SyncableModel):
    """A letter type in the regency's catalogue: its data fields, requirements and validity.
    `isian`: [{"kode": "keperluan", "label": "Keperluan", "jenis": "teks|paragraf|tanggal|angka|pilihan",
    "wajib": true, "pilihan": [...]}]; `syarat`: [{"kode": "ktp", "label": "Fotokopi KTP"}]."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=120)
    kode_klasifikasi = models.CharField("kode klasifikasi", max_length=20,
                                        help_text="Kode klasifikasi arsip untuk nomor surat, mis. 474.")
    keterangan = models.TextField("keterangan", blank=True)
    syarat = models.JSONField("persyaratan", default=list, blank=True)
    isian = models.JSONField("isian", default=list, blank=True)
    masa_berlaku_hari = models.PositiveSmallIntegerField("masa berlaku (hari)", default=30,
                                                         help_text="0: berlaku tanpa batas waktu.")
    bisa_mandiri = models.BooleanField("dapat diajukan warga lewat layanan mandiri", default=True)
    aktif = models.BooleanField("aktif", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "jenis surat"
        verbose_name_plural = "jenis surat"
        ordering = ["urutan", "nama"]

    def __str__(self) -> str:
        return self.nama


class Kertas(models.TextChoices):
    A4 = "a4", "A4"
    F4 = "f4", "F4 (folio)"


class TemplateSurat(SyncableModel):
    """One version of a letter type's template. Never edited: a change is a new version, and a
    letter keeps the version it was made with. Owner is the kabupaten (the default for every
    village) or a desa (its override). Placeholders are `[nama]`, listed in surat/placeholder.py."""

    jenis = models.ForeignKey(JenisSurat, on_delete=models.PROTECT, related_name="template", verbose_name="jenis surat")
    versi = models.PositiveIntegerField("versi")
    judul = models.CharField("judul surat", max_length=160)
    pembuka = models.TextField("kalimat pembuka")
    # Registry fields shown in the data table, in order: ["nama", "nik", "ttl", ...].
    kolom_data = models.JSONField("kolom tabel data", default=list)
    isi = models.TextField("isi", blank=True)
    penutup = models.TextField("kalimat penutup")
    isian = models.JSONField("isian wajib operator", default=list, blank=True)
    kertas = models.CharField("ukuran kertas", max_length=2, choices=Kertas.choices, default=Kertas.A4)
    mengetahui_camat = models.BooleanField("dengan \"Mengetahui, Camat\"", default=False)
    catatan_versi = models.CharField("catatan perubahan", max_length=255, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="dibuat oleh")

    class Meta:
        verbose_name = "template surat"
        verbose_name_plural = "template surat"
        ordering = ["jenis", "owner", "-versi"]
        constraints = [models.UniqueConstraint(fields=["jenis", "owner", "versi"], name="template_versi_unik")]

    def __str__(self) -> str:
        return f"{self.jenis.nama} v{self.versi}"


class FormatNomor(SyncableModel):
    """How a unit numbers a letter type (or all its letters when `jenis` is empty). Tokens:
    [kode] [nomor] [kode_desa] [kode_unit] [bulan_romawi] [bulan] [tahun]. Letters with the same
    `seri` share one gapless sequence per year."""

    jenis = models.ForeignKey(JenisSurat, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                              verbose_name="jenis surat")
    format = models.CharField("format nomor", max_length=120,
                              default="[kode]/[nomor]/[kode_desa]/[bulan_romawi]/[tahun]")
    seri = models.CharField("seri penomoran", max_length=40, default="umum")
    digit = models.PositiveSmallIntegerField("jumlah digit nomor urut", default=3)

    class Meta:
        verbose_name = "format nomor surat"
        verbose_name_plural = "format nomor surat"
        ordering = ["owner", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "jenis"], name="format_nomor_unik"),
            models.UniqueConstraint(fields=["owner"], condition=models.Q(jenis__isnull=True),
                                    name="format_nomor_bawaan_unik"),
        ]

    def __str__(self) -> str:
        return self.format


class NomorUrut(SyncableModel):
    """The last number used in one series of one office in one year. Incremented inside the
    transaction that issues the letter, so numbers are gapless and never shared."""

    seri = models.CharField("seri", max_length=40)
    tahun = models.PositiveSmallIntegerField("tahun")
    terakhir = models.PositiveIntegerField("nomor terakhir", default=0)

    class Meta:
        verbose_name = "nomor urut surat"
        verbose_name_plural = "nomor urut surat"
        constraints = [models.UniqueConstraint(fields=["owner", "seri", "tahun"], name="nomor_urut_unik")]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.seri} {self.tahun}: {self.terakhir}"


class StatusSurat(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIPERIKSA = "diperiksa", "Diperiksa, menunggu tanda tangan"
    DITOLAK = "ditolak", "Ditolak"
    DITANDATANGANI = "ditandatangani", "Ditandatangani"
    SELESAI = "selesai", "Selesai (diunduh/diambil)"
    DIBATALKAN = "dibatalkan", "Dibatalkan"


class Surat(SyncableModel):
    """One letter for one resident, from request to signed PDF. Holds the template version it
    was made with, the registry data frozen at signing, and its number once signed."""

    LOKET, MANDIRI, MASSAL = "loket", "mandiri", "massal"
    KANAL = [(LOKET, "Loket (operator)"), (MANDIRI, "Layanan mandiri"), (MASSAL, "Surat massal")]

    jenis = models.ForeignKey(JenisSurat, on_delete=models.PROTECT, related_name="surat", verbose_name="jenis surat")
    template = models.ForeignKey(TemplateSurat, on_delete=models.PROTECT, related_name="surat", verbose_name="template")
    penduduk = models.ForeignKey("kependudukan.Penduduk", on_delete=models.PROTECT, related_name="surat",
                                 verbose_name="penduduk")
    status = models.CharField("status", max_length=16, choices=StatusSurat.choices, default=StatusSurat.DIAJUKAN,
                              db_index=True)
    kanal = models.CharField("kanal", max_length=10, choices=KANAL, default=LOKET)
    pemohon = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="dibuat oleh")
    isian = models.JSONField("isian", default=dict, blank=True)
    # The registry fields as printed, frozen when the letter is signed.
    data = models.JSONField("data surat", default=dict, blank=True)
    seri = models.CharField("seri", max_length=40, blank=True)
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    nomor_urut = models.PositiveIntegerField("nomor urut", null=True, blank=True)
    nomor = models.CharField("nomor surat", max_length=120, blank=True, db_index=True)
    tanggal_surat = models.DateField("tanggal surat", null=True, blank=True, db_index=True)
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True)
    berkas = models.FileField("berkas PDF bertanda tangan", upload_to="surat/%Y/%m/", max_length=200, blank=True)
    dokumen = models.ForeignKey("dokumen.DokumenTerbit", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="dokumen terbit")
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="penandatangan")
    atas_nama = models.BooleanField("a.n. Kepala Desa", default=False)
    # Requirements whose original the operator saw at the counter instead of a scan.
    asli_dilihat = models.JSONField("dokumen asli dilihat", default=list, blank=True)
    alasan_tolak = models.TextField("alasan penolakan", blank=True)
    alasan_batal = models.TextField("alasan pembatalan", blank=True)
    diajukan_pada = models.DateTimeField("diajukan", null=True, blank=True)
    diperiksa_pada = models.DateTimeField("diperiksa", null=True, blank=True)
    ditandatangani_pada = models.DateTimeField("ditandatangani", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    # Name kept for the archive search (the resident's name at the time of the letter).
    nama_cari = models.CharField(max_length=120, db_index=True, editable=False, default="")

    sensitive_fields = ("data", "isian")

    class Meta:
        verbose_name = "surat"
        verbose_name_plural = "surat"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "seri", "tahun", "nomor_urut"],
                                    condition=models.Q(nomor_urut__isnull=False), name="surat_nomor_unik"),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "created_at"], name="surat_antrian_idx"),
            models.Index(fields=["owner", "tanggal_surat"], name="surat_agenda_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis.nama} — {self.nomor or 'belum bernomor'}"

    def get_absolute_url(self) -> str:
        return reverse("surat:detail", args=[self.pk])


class RiwayatSurat(SyncableModel):
    """One step in a letter's timeline (requested, checked, rejected, signed, downloaded ...)."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="riwayat", verbose_name="surat")
    langkah = models.CharField("langkah", max_length=20)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="oleh")
    waktu = models.DateTimeField("waktu", default=timezone.now)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat surat"
        verbose_name_plural = "riwayat surat"
        ordering = ["surat", "waktu"]

    def __str__(self) -> str:
        return f"{self.langkah} {self.waktu:%Y-%m-%d %H:%M}"


def _berkas_syarat(instance, filename: str) -> str:
    return f"syarat/{instance.owner_id}/{uuid7().hex}"


class LampiranSurat(SyncableModel):
    """A scanned requirement (KTP, KK, surat pengantar RT ...) attached to a request. Stored
    under a random name without extension and always served as a download."""

    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="lampiran", verbose_name="surat")
    syarat = models.CharField("persyaratan", max_length=40)
    berkas = models.FileField("berkas", upload_to=_berkas_syarat, max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=200)
    jenis_mime = models.CharField("jenis berkas", max_length=60)
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="diunggah oleh")

    class Meta:
        verbose_name = "lampiran persyaratan"
        verbose_name_plural = "lampiran persyaratan"
        ordering = ["surat", "syarat", "created_at"]

    def __str__(self) -> str:
        return f"{self.syarat}: {self.nama_asli}"


def _berkas_perbaikan(instance, filename: str) -> str:
    return f"perbaikan/{instance.owner_id}/{uuid7().hex}"


class PermohonanPerbaikan(SyncableModel):
    """A resident's request to correct their family's registry data, answered by the operator."""

    BARU, DIPROSES, SELESAI, DITOLAK = "baru", "diproses", "selesai", "ditolak"
    STATUS = [(BARU, "Baru"), (DIPROSES, "Diproses"), (SELESAI, "Selesai"), (DITOLAK, "Ditolak")]

    penduduk = models.ForeignKey("kependudukan.Penduduk", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="penduduk")
    pemohon = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name="pemohon")
    judul = models.CharField("data yang diperbaiki", max_length=120, blank=True)
    isi = models.TextField("data yang perlu diperbaiki")
    # Optional photo of the proof (KK, akta, ijazah ...): sniffed JPEG/PNG/PDF, random name, served
    # only as a download.
    foto = models.FileField("foto bukti", upload_to=_berkas_perbaikan, max_length=200, blank=True)
    foto_mime = models.CharField("jenis berkas bukti", max_length=60, blank=True)
    status = models.CharField("status", max_length=10, choices=STATUS, default=BARU, db_index=True)
    tanggapan = models.TextField("tanggapan", blank=True)
    ditangani_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="ditangani oleh")
    ditangani_pada = models.DateTimeField("ditangani", null=True, blank=True)

    class Meta:
        verbose_name = "permohonan perbaikan data"
        verbose_name_plural = "permohonan perbaikan data"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Perbaikan data {self.penduduk_id} ({self.get_status_display()})"


class PinWarga(models.Model):
    """Layanan mandiri login state of a resident's account: failures and lockout. The PIN
    itself is the account's password (argon2). Not synchronised (decision 0003)."""

    pengguna = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pin_warga",
                                    primary_key=True)
    gagal = models.PositiveSmallIntegerField("gagal berturut-turut", default=0)
    terkunci_sampai = models.DateTimeField("terkunci sampai", null=True, blank=True)
    diterbitkan_pada = models.DateTimeField("PIN diterbitkan", auto_now_add=True)
    diterbitkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="diterbitkan oleh")
    login_terakhir = models.DateTimeField("login terakhir", null=True, blank=True)

    class Meta:
        verbose_name = "PIN layanan mandiri"
        verbose_name_plural = "PIN layanan mandiri"

    def __str__(self) -> str:
        return f"PIN {self.pengguna_id}"


class BatchSurat(models.Model):
    """Many letters of one type issued at once in the background, with progress. The signer's
    unlocked key travels to the worker wrapped under a one-time key and is wiped when the batch
    ends (decision 0009). Local work record, not synchronised; its letters are."""

    MENUNGGU, BERJALAN, SELESAI, GAGAL = "menunggu", "berjalan", "selesai", "gagal"
    STATUS = [(MENUNGGU, "Menunggu"), (BERJALAN, "Berjalan"), (SELESAI, "Selesai"), (GAGAL, "Gagal")]

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    owner = models.ForeignKey("wilayah.Wilayah", to_field="kode", on_delete=models.DO_NOTHING, related_name="+",
                              verbose_name="desa")
    jenis = models.ForeignKey(JenisSurat, on_delete=models.PROTECT, related_name="+", verbose_name="jenis surat")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="penandatangan")
    isian = models.JSONField("isian", default=dict, blank=True)
    penduduk_ids = models.JSONField("penduduk", default=list)
    status = models.CharField("status", max_length=10, choices=STATUS, default=MENUNGGU)
    total = models.PositiveIntegerField("jumlah surat", default=0)
    selesai_jumlah = models.PositiveIntegerField("surat selesai", default=0)
    galat = models.JSONField("galat", default=list, blank=True)
    pesan = models.TextField("pesan", blank=True)
    kunci_terbungkus = models.BinaryField("kunci terbungkus sementara", null=True, blank=True, editable=False)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    mulai = models.DateTimeField("mulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    scope_field = "owner_id"

    class Meta:
        verbose_name = "surat massal"
        verbose_name_plural = "surat massal"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"Surat massal {self.jenis_id} ({self.selesai_jumlah}/{self.total})"
