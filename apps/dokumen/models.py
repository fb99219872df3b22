"""Signed documents: the regency's own certificate authority, each signing official's
certificate, and the register of issued documents that the public verification page and the
QR code answer from. One signing service for letters to residents (`surat`) and official
correspondence (`persuratan`); see docs/decisions/0009-tanda-tangan-elektronik.md."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.sinkron.ids import uuid7
from apps.sinkron.models import SyncableModel


class OtoritasSertifikat(models.Model):
    """The regency's certificate authority (root) and the QR seal key. Kept on the hub only:
    private keys are encrypted with the server key (`EDESA_TTE_KEY`), never synchronised."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    nama = models.CharField("nama", max_length=200)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_pem = models.TextField("kunci privat terenkripsi (PEM)")
    # Ed25519 key that signs QR payloads; its public key is published for offline checks.
    segel_pem = models.TextField("kunci segel QR terenkripsi (PEM)")
    segel_publik_pem = models.TextField("kunci publik segel QR (PEM)")
    aktif = models.BooleanField("aktif", default=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "otoritas sertifikat"
        verbose_name_plural = "otoritas sertifikat"
        ordering = ["-dibuat"]
        # One active CA: two processes creating it at once cannot both win (ca.otoritas()).
        constraints = [models.UniqueConstraint(fields=["aktif"], condition=models.Q(aktif=True),
                                               name="otoritas_aktif_unik")]

    def __str__(self) -> str:
        return self.nama


class SertifikatPenandatangan(models.Model):
    """A signing official's key pair and certificate from the regency CA. The private key is
    encrypted with the official's own passphrase, which is never stored or logged: only its
    holder can sign. Not synchronised (like accounts, decision 0003)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sertifikat_tte",
                                 verbose_name="pengguna")
    pejabat = models.ForeignKey("wilayah.Pejabat", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="sertifikat_tte", verbose_name="pejabat")
    otoritas = models.ForeignKey(OtoritasSertifikat, on_delete=models.PROTECT, related_name="sertifikat",
                                 verbose_name="diterbitkan oleh")
    nama = models.CharField("nama pada sertifikat", max_length=200)
    nomor_seri = models.CharField("nomor seri", max_length=64, unique=True)
    sidik_jari = models.CharField("sidik jari SHA-256", max_length=64, unique=True)
    sertifikat_pem = models.TextField("sertifikat (PEM)")
    kunci_pem = models.TextField("kunci privat terenkripsi (PEM)")
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dicabut = models.DateTimeField("dicabut", null=True, blank=True)
    alasan_cabut = models.CharField("alasan pencabutan", max_length=200, blank=True)
    # BSrE mode (EDESA_TTE_BACKEND="bsre"): no local key; the NIK the official registered at BSrE.
    nik_bsre = models.CharField("NIK terdaftar di BSrE", max_length=16, blank=True)
    diterbitkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="diterbitkan oleh")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "sertifikat penandatangan"
        verbose_name_plural = "sertifikat penandatangan"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["pengguna", "dicabut"], name="sertifikat_pengguna_idx")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nomor_seri[:12]})"


class DokumenTerbit(SyncableModel):
    """One issued, signed document as the public sees it: the id in its QR code, masked
    metadata, the hash of the genuine file and of official copies. Owned by the issuing office
    (a village node's letters reach the hub's verification page by sync)."""

    SURAT, NASKAH, BERITA_ACARA = "surat", "naskah", "berita_acara"
    SUMBER = [(SURAT, "Surat layanan warga"), (NASKAH, "Naskah dinas"), (BERITA_ACARA, "Berita acara musyawarah")]

    sumber = models.CharField("jenis sumber", max_length=16, choices=SUMBER)
    sumber_id = models.UUIDField("id sumber")
    nomor = models.CharField("nomor", max_length=120)
    tanggal = models.DateField("tanggal")
    judul = models.CharField("judul / perihal", max_length=255)
    penerbit = models.CharField("penerbit", max_length=255)
    penandatangan = models.CharField("penandatangan", max_length=255)
    jabatan_penandatangan = models.CharField("jabatan penandatangan", max_length=255)
    # Masked metadata shown on the public page: [["Nama", "S*** A****"], ["NIK", "6207********0001"], ...]
    ringkasan = models.JSONField("ringkasan tersamar", default=list, blank=True)
    hash_isi = models.CharField("hash isi (base64url SHA-256)", max_length=64)
    hash_berkas = models.CharField("SHA-256 berkas asli", max_length=64, blank=True, db_index=True)
    # [{"hash": "...", "waktu": "..."}]: official copies (marked SALINAN) printed later.
    salinan = models.JSONField("salinan resmi", default=list, blank=True)
    qr = models.TextField("isi kode QR", blank=True)
    sertifikat_seri = models.CharField("nomor seri sertifikat", max_length=64, blank=True)
    dibatalkan = models.DateTimeField("dibatalkan", null=True, blank=True)
    alasan_batal = models.CharField("alasan pembatalan", max_length=255, blank=True)

    class Meta:
        verbose_name = "dokumen terbit"
        verbose_name_plural = "dokumen terbit"
        ordering = ["-tanggal", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["sumber", "sumber_id"], name="dokumen_sumber_unik")]

    def __str__(self) -> str:
        return f"{self.nomor} — {self.judul}"

    def get_absolute_url(self) -> str:
        return reverse("verifikasi:detail", args=[self.pk])
