"""People who log in, the roles they hold and where each role applies."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from apps.sinkron.models import SyncableModel

from .roles import PERAN_CHOICES


class Pengguna(AbstractUser):
    """A login. Not a syncable record: password hashes and 2FA secrets never enter the
    journal or a sync bundle (see docs/decisions/0003-akun-tidak-disinkronkan.md)."""

    email = models.EmailField("email", blank=True, null=True, unique=True)
    nama = models.CharField("nama lengkap", max_length=150, blank=True)
    telepon = models.CharField("telepon", max_length=30, blank=True)
    # Set when an admin issued the password (new account, admin reset): the holder must pick
    # their own before using the system, so the admin never knows a password in use.
    harus_ganti_sandi = models.BooleanField("wajib ganti kata sandi", default=False)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def __str__(self) -> str:
        return self.nama or self.username

    def get_full_name(self) -> str:
        return self.nama or self.username


class Keanggotaan(SyncableModel):
    """One role held by one user, bound to a unit and/or a wilayah subtree (its scope)."""

    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="keanggotaan", verbose_name="pengguna")
    peran = models.CharField("peran", max_length=30, choices=PERAN_CHOICES)
    unit = models.ForeignKey(
        "wilayah.UnitKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="anggota", verbose_name="unit kerja"
    )
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", to_field="kode", on_delete=models.PROTECT, related_name="keanggotaan",
        verbose_name="cakupan wilayah",
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "keanggotaan peran"
        verbose_name_plural = "keanggotaan peran"
        ordering = ["pengguna", "peran"]
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "peran", "wilayah", "unit"], name="keanggotaan_unik"),
            # NULLs are distinct in the constraint above, so a role without a unit needs its own.
            models.UniqueConstraint(fields=["pengguna", "peran", "wilayah"], condition=models.Q(unit__isnull=True),
                                    name="keanggotaan_unik_tanpa_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_display()} — {self.wilayah_id}"


class LogAkses(models.Model):
    """Who read a full personal record (UU 27/2022 PDP). Append-only; not synced."""

    pengguna = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    owner = models.CharField(max_length=40, db_index=True)
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    path = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = "log akses data pribadi"
        verbose_name_plural = "log akses data pribadi"
        ordering = ["-waktu"]
        indexes = [models.Index(fields=["model", "object_id"], name="logakses_objek_idx")]

    def __str__(self) -> str:
        return f"{self.pengguna_id} membaca {self.model} {self.object_id}"


class Notifikasi(models.Model):
    """An in-app notice for one user (a resident told their letter is signed, an office told a
    letter arrived). Local to the node the user logs in to; not synchronised."""

    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=255, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibaca = models.DateTimeField("dibaca", null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["pengguna", "dibaca", "dibuat"], name="notifikasi_belum_idx")]

    def __str__(self) -> str:
        return self.judul
