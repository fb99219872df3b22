"""Residents (Penduduk) and families (Keluarga / KK) with the Dukcapil fields and code lists.
The owner of both is the desa/kelurahan that keeps the registry."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.sinkron.ids import uuid7
from apps.sinkron.models import SyncableModel

from . import kode


class Keluarga(SyncableModel):
    no_kk = models.CharField("No. KK", max_length=16, unique=True)
    kepala = models.ForeignKey(
        "Penduduk", on_delete=models.RESTRICT, null=True, blank=True, related_name="+", verbose_name="kepala keluarga"
    )
    alamat = models.CharField("alamat", max_length=255, blank=True)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+",
        verbose_name="dusun/RW/RT", help_text="Satuan lingkungan terkecil tempat keluarga terdaftar.",
    )
    tanggal_terdaftar = models.DateField("tanggal terdaftar", null=True, blank=True)

    sensitive_fields = ("no_kk",)

    class Meta:
        verbose_name = "keluarga"
        verbose_name_plural = "keluarga"
        ordering = ["no_kk"]

    def __str__(self) -> str:
        return f"KK {self.no_kk}"

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:keluarga_detail", args=[self.pk])


class Penduduk(SyncableModel):
    # Identity
    nik = models.CharField("NIK", max_length=16, unique=True)
    nik_sementara = models.BooleanField(
        "NIK sementara", default=False, help_text="Penduduk belum memiliki NIK; nomor ini dibuat desa."
    )
    nama = models.CharField("nama", max_length=120)
    nama_cari = models.CharField(max_length=120, db_index=True, editable=False, default="")
    jenis_kelamin = models.PositiveSmallIntegerField("jenis kelamin", choices=kode.JENIS_KELAMIN)
    tempat_lahir = models.CharField("tempat lahir", max_length=80, blank=True)
    tanggal_lahir = models.DateField("tanggal lahir")
    agama = models.PositiveSmallIntegerField("agama", choices=kode.AGAMA)
    pendidikan_kk = models.PositiveSmallIntegerField("pendidikan (KK)", choices=kode.PENDIDIKAN_KK, null=True, blank=True)
    pendidikan_sedang = models.PositiveSmallIntegerField(
        "pendidikan sedang ditempuh", choices=kode.PENDIDIKAN_SEDANG, null=True, blank=True
    )
    pekerjaan = models.PositiveSmallIntegerField("pekerjaan", choices=kode.PEKERJAAN, null=True, blank=True)
    status_perkawinan = models.PositiveSmallIntegerField("status perkawinan", choices=kode.STATUS_PERKAWINAN)
    golongan_darah = models.PositiveSmallIntegerField("golongan darah", choices=kode.GOLONGAN_DARAH, null=True, blank=True)
    warganegara = models.PositiveSmallIntegerField("kewarganegaraan", choices=kode.WARGANEGARA, default=1)
    suku = models.CharField("suku", max_length=60, blank=True)
    # Family
    keluarga = models.ForeignKey(
        Keluarga, on_delete=models.PROTECT, null=True, blank=True, related_name="anggota", verbose_name="keluarga (KK)"
    )
    shdk = models.PositiveSmallIntegerField("hubungan dalam keluarga", choices=kode.SHDK, null=True, blank=True)
    nik_ayah = models.CharField("NIK ayah", max_length=16, blank=True)
    nama_ayah = models.CharField("nama ayah", max_length=120, blank=True)
    nik_ibu = models.CharField("NIK ibu", max_length=16, blank=True)
    nama_ibu = models.CharField("nama ibu", max_length=120, blank=True)
    # Documents
    no_akta_lahir = models.CharField("no. akta kelahiran", max_length=40, blank=True)
    no_paspor = models.CharField("no. paspor", max_length=20, blank=True)
    no_kitas = models.CharField("no. KITAS/KITAP", max_length=30, blank=True)
    tanggal_akhir_paspor = models.DateField("tanggal berakhir paspor", null=True, blank=True)
    akta_perkawinan = models.CharField("no. akta/buku nikah", max_length=40, blank=True)
    tanggal_perkawinan = models.DateField("tanggal perkawinan", null=True, blank=True)
    akta_perceraian = models.CharField("no. akta perceraian", max_length=40, blank=True)
    tanggal_perceraian = models.DateField("tanggal perceraian", null=True, blank=True)
    ktp_el = models.PositiveSmallIntegerField("KTP elektronik", choices=kode.KTP_EL, null=True, blank=True)
    status_rekam = models.PositiveSmallIntegerField("status rekam KTP-el", choices=kode.STATUS_REKAM, null=True,
                                                    blank=True)
    tag_id_card = models.CharField("tag ID card", max_length=20, blank=True)
    asuransi = models.PositiveSmallIntegerField("asuransi kesehatan", choices=kode.ASURANSI, null=True, blank=True)
    no_asuransi = models.CharField("no. asuransi", max_length=30, blank=True)
    # Health and disability
    cacat = models.PositiveSmallIntegerField("disabilitas", choices=kode.CACAT, null=True, blank=True)
    sakit_menahun = models.PositiveSmallIntegerField("sakit menahun", choices=kode.SAKIT_MENAHUN, null=True, blank=True)
    cara_kb = models.PositiveSmallIntegerField("akseptor KB", choices=kode.CARA_KB, null=True, blank=True)
    hamil = models.PositiveSmallIntegerField("status kehamilan", choices=kode.HAMIL, null=True, blank=True)
    # Status and address
    # No index of its own: nearly every row is 1 (hidup), and such an index misleads SQLite's
    # planner into scanning the whole table; penduduk_agregat_idx covers status with owner.
    status_dasar = models.PositiveSmallIntegerField("status dasar", choices=kode.STATUS_DASAR, default=1)
    status_penduduk = models.PositiveSmallIntegerField("status penduduk", choices=kode.STATUS_PENDUDUK, default=1)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+", verbose_name="dusun/RW/RT"
    )
    alamat = models.CharField("alamat", max_length=255, blank=True)
    alamat_sekarang = models.CharField("alamat sekarang", max_length=255, blank=True,
                                       help_text="Bila tinggal di luar alamat KK.")
    lat = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    tanggal_terdaftar = models.DateField("mulai tinggal di desa", null=True, blank=True,
                                         help_text="Tanggal lahir atau datang; kosong bila sudah ada sebelum sistem.")
    telepon = models.CharField("telepon", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    akun = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="penduduk",
        verbose_name="akun layanan mandiri",
    )

    sensitive_fields = ("nik", "nik_ayah", "nik_ibu", "no_akta_lahir", "no_paspor", "no_kitas", "akta_perkawinan",
                        "akta_perceraian", "tag_id_card", "no_asuransi", "telepon", "email", "lat", "lng")

    class Meta:
        verbose_name = "penduduk"
        verbose_name_plural = "penduduk"
        ordering = ["nama"]
        indexes = [
            # Covers the dashboard counts (selectors.ringkasan) and the scoped list filter:
            # the database answers them from the index alone, without reading resident rows.
            models.Index(fields=["owner", "status_dasar", "jenis_kelamin", "tanggal_lahir", "nik_sementara"],
                         name="penduduk_agregat_idx"),
            models.Index(fields=["owner", "nama_cari"], name="penduduk_desa_nama_idx"),
            # Covers the coded breakdowns of the statistics (occupation, education, religion, ...):
            # a kabupaten's GROUP BY reads this index instead of every resident row
            # (152 ms -> 70 ms of query time at 200,000 on SQLite).
            models.Index(fields=["owner", "status_dasar", "pekerjaan", "pendidikan_kk", "agama", "status_perkawinan",
                                 "golongan_darah", "warganegara", "cacat", "jenis_kelamin"],
                         name="penduduk_kategori_idx"),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:penduduk_detail", args=[self.pk])


class Peristiwa(SyncableModel):
    """A life event (peristiwa kependudukan): the only way a resident's status dasar, family or
    home village changes. Append-only: a wrong event is corrected by a new one, never edited.
    The owner is the village that records it."""

    LAHIR, MATI, PINDAH_KELUAR, HILANG, DATANG, PERGI, KEMBALI, MUTASI_KK = 1, 2, 3, 4, 5, 6, 7, 8
    JENIS = [
        (LAHIR, "Lahir"),
        (MATI, "Mati"),
        (PINDAH_KELUAR, "Pindah keluar"),
        (HILANG, "Hilang"),
        (DATANG, "Pindah masuk (datang)"),
        (PERGI, "Pergi"),
        (KEMBALI, "Kembali"),
        (MUTASI_KK, "Perubahan keluarga (KK)"),
    ]

    penduduk = models.ForeignKey(Penduduk, on_delete=models.PROTECT, related_name="peristiwa", verbose_name="penduduk")
    jenis = models.PositiveSmallIntegerField("jenis peristiwa", choices=JENIS)
    tanggal = models.DateField("tanggal peristiwa")
    tanggal_lapor = models.DateField("tanggal dilaporkan")
    # The resident's state before and after, so the books can be rebuilt from events alone.
    status_sebelum = models.PositiveSmallIntegerField("status sebelum", choices=kode.STATUS_DASAR, null=True, blank=True)
    status_sesudah = models.PositiveSmallIntegerField("status sesudah", choices=kode.STATUS_DASAR)
    keluarga_sebelum = models.ForeignKey(
        Keluarga, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="KK sebelum"
    )
    keluarga_sesudah = models.ForeignKey(
        Keluarga, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="KK sesudah"
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+", verbose_name="dusun/RW/RT",
        help_text="Tempat tinggal penduduk di desa ini saat peristiwa.",
    )
    tempat = models.CharField("tempat", max_length=120, blank=True, help_text="Tempat lahir/meninggal.")
    # Pindah keluar: destination; datang: origin. The Kemendagri code when it is known.
    kode_wilayah_lain = models.CharField("kode wilayah asal/tujuan", max_length=20, blank=True)
    alamat_lain = models.CharField("alamat asal/tujuan", max_length=255, blank=True)
    alasan = models.CharField("alasan/sebab", max_length=120, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    # Event-specific details (berat/panjang lahir, penolong, pelapor, ...), shown as recorded.
    rincian = models.JSONField("rincian", default=dict, blank=True)

    class Meta:
        verbose_name = "peristiwa"
        verbose_name_plural = "peristiwa"
        ordering = ["-tanggal", "-id"]
        indexes = [
            models.Index(fields=["owner", "tanggal"], name="peristiwa_desa_tgl_idx"),
            models.Index(fields=["penduduk", "tanggal"], name="peristiwa_penduduk_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:peristiwa_detail", args=[self.pk])


class PendudukSementara(SyncableModel):
    """A temporary resident (Buku Penduduk Sementara): staying in the village without being
    registered in its population; kept apart from the registry and its counts."""

    nama = models.CharField("nama", max_length=120)
    jenis_kelamin = models.PositiveSmallIntegerField("jenis kelamin", choices=kode.JENIS_KELAMIN)
    nomor_identitas = models.CharField("nomor identitas (NIK/paspor)", max_length=30, blank=True)
    tempat_lahir = models.CharField("tempat lahir", max_length=80, blank=True)
    tanggal_lahir = models.DateField("tanggal lahir", null=True, blank=True)
    pekerjaan = models.PositiveSmallIntegerField("pekerjaan", choices=kode.PEKERJAAN, null=True, blank=True)
    warganegara = models.PositiveSmallIntegerField("kewarganegaraan", choices=kode.WARGANEGARA, default=1)
    keturunan = models.CharField("kebangsaan/keturunan", max_length=60, blank=True)
    datang_dari = models.CharField("datang dari", max_length=255)
    maksud = models.CharField("maksud dan tujuan kedatangan", max_length=255)
    didatangi = models.CharField("nama dan alamat yang didatangi", max_length=255)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+", verbose_name="dusun/RW/RT"
    )
    tanggal_datang = models.DateField("tanggal datang")
    tanggal_pergi = models.DateField("tanggal pergi", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    sensitive_fields = ("nomor_identitas",)

    class Meta:
        verbose_name = "penduduk sementara"
        verbose_name_plural = "penduduk sementara"
        ordering = ["-tanggal_datang", "nama"]
        indexes = [models.Index(fields=["owner", "tanggal_datang"], name="sementara_desa_tgl_idx")]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:sementara_detail", args=[self.pk])


def _berkas_impor(instance, filename: str) -> str:
    # Never the uploaded name: it is shown, not trusted.
    return f"impor/{instance.owner_id}/{instance.pk}.bin"


class ImporPenduduk(models.Model):
    """One import of a spreadsheet into a village's registry: the job, its progress and its
    report. Local work record of the node that runs it (not synchronised: the residents and
    families it writes are, through the journal)."""

    MENUNGGU, BERJALAN, SELESAI, GAGAL = "menunggu", "berjalan", "selesai", "gagal"
    STATUS = [(MENUNGGU, "Menunggu"), (BERJALAN, "Berjalan"), (SELESAI, "Selesai"), (GAGAL, "Gagal")]
    FORMAT = [("opensid", "OpenSID (kode)"), ("siak", "SIAK (label)")]

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    owner = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.DO_NOTHING, related_name="+", verbose_name="desa"
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="diunggah oleh",
    )
    berkas = models.FileField("berkas", upload_to=_berkas_impor, max_length=200)
    nama_berkas = models.CharField("nama berkas", max_length=200)
    format = models.CharField("format", max_length=10, choices=FORMAT, blank=True)
    status = models.CharField("status", max_length=10, choices=STATUS, default=MENUNGGU)
    total = models.PositiveIntegerField("jumlah baris", default=0)
    diproses = models.PositiveIntegerField("baris diproses", default=0)
    ditambah = models.PositiveIntegerField("penduduk baru", default=0)
    diperbarui = models.PositiveIntegerField("penduduk diperbarui", default=0)
    tetap = models.PositiveIntegerField("tidak berubah", default=0)
    keluarga_baru = models.PositiveIntegerField("keluarga baru", default=0)
    jumlah_galat = models.PositiveIntegerField("baris ditolak", default=0)
    pesan = models.TextField("pesan", blank=True, help_text="Alasan bila seluruh berkas ditolak.")
    # [{"baris": 5, "kolom": "nik", "pesan": "..."}, ...]: the downloadable report.
    galat = models.JSONField("galat per baris", default=list, blank=True)
    catatan = models.JSONField("catatan per baris", default=list, blank=True,
                               help_text="Hal yang tidak diubah impor (status, keluarga, alamat penduduk lama).")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    mulai = models.DateTimeField("mulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    scope_field = "owner_id"

    class Meta:
        verbose_name = "impor penduduk"
        verbose_name_plural = "impor penduduk"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["owner", "dibuat"], name="impor_desa_idx")]

    def __str__(self) -> str:
        return f"Impor {self.nama_berkas}"

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:impor_detail", args=[self.pk])

    @property
    def persen(self) -> int:
        return 100 if self.status == self.SELESAI else int(100 * self.diproses / self.total) if self.total else 0
