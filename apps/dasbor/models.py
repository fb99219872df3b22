"""Pre-aggregated figures for the leaders' dashboard (not synchronised: each node rebuilds them
from its own data with `manage.py ringkas_dasbor`, and `ringkasan.perbarui` keeps them current
from the journal). See apps/dasbor/ringkasan.py."""
from django.db import models


class RingkasanAspirasi(models.Model):
    """How many aspirations share one combination of the dimensions the dashboard counts by.
    `tenggat` is kept for open ones only (overdue is decided at read time against today);
    `hari_respon` is the working days to the first answer, `tepat` whether a finished one was
    finished by its deadline."""

    kunci = models.CharField(max_length=240, unique=True)
    kecamatan_kode = models.CharField(max_length=20, db_index=True)
    lokasi = models.CharField(max_length=20, db_index=True)
    kategori_id = models.UUIDField()
    unit_id = models.UUIDField(null=True)
    terbuka = models.BooleanField()
    tenggat = models.DateField(null=True)
    hari_respon = models.PositiveSmallIntegerField(null=True)
    tepat = models.BooleanField(null=True)
    jumlah = models.IntegerField(default=0)

    class Meta:
        verbose_name = "ringkasan aspirasi"
        verbose_name_plural = "ringkasan aspirasi"

    def __str__(self) -> str:
        return f"{self.kunci}: {self.jumlah}"


class CatatanRingkasan(models.Model):
    """Where each aspiration is counted now (its `kunci`), so a change moves exactly one count;
    also the newest-first feed (index on `dibuat`) without sorting the aspiration table."""

    aspirasi_id = models.UUIDField(primary_key=True)
    kunci = models.CharField(max_length=240)
    lokasi = models.CharField(max_length=20)
    dibuat = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "catatan ringkasan"
        verbose_name_plural = "catatan ringkasan"

    def __str__(self) -> str:
        return f"{self.aspirasi_id}: {self.kunci}"


class PenandaRingkasan(models.Model):
    """The journal sequence number the summary reflects (one row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "penanda ringkasan"

    def __str__(self) -> str:
        return f"#{self.seq}"
