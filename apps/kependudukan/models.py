"""Residents (Penduduk) and families (Keluarga / KK) with the Dukcapil fields and code lists.
The owner of both is the desa/kelurahan that keeps the registry."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

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
    # Health and disability
    cacat = models.PositiveSmallIntegerField("disabilitas", choices=kode.CACAT, null=True, blank=True)
    sakit_menahun = models.PositiveSmallIntegerField("sakit menahun", choices=kode.SAKIT_MENAHUN, null=True, blank=True)
    # Status and address
    # No index of its own: nearly every row is 1 (hidup), and such an index misleads SQLite's
    # planner into scanning the whole table; penduduk_agregat_idx covers status with owner.
    status_dasar = models.PositiveSmallIntegerField("status dasar", choices=kode.STATUS_DASAR, default=1)
    status_penduduk = models.PositiveSmallIntegerField("status penduduk", choices=kode.STATUS_PENDUDUK, default=1)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="+", verbose_name="dusun/RW/RT"
    )
    alamat = models.CharField("alamat", max_length=255, blank=True)
    telepon = models.CharField("telepon", max_length=30, blank=True)
    email = models.EmailField("email", blank=True)
    akun = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="penduduk",
        verbose_name="akun layanan mandiri",
    )

    sensitive_fields = ("nik", "nik_ayah", "nik_ibu", "no_akta_lahir", "no_paspor", "no_kitas", "telepon", "email")

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
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("kependudukan:penduduk_detail", args=[self.pk])
