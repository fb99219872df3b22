"""Pre-aggregated figures for the leaders' dashboard (not synchronised: each node rebuilds them
from its own data with `manage.py ringkas_dasbor`, and `ringkasan.perbarui` keeps them current
from the journal). See apps/dasbor/ringkasan.py.

The counts are kept in a few narrow tables, each one row per (region, one or two dimensions),
for EVERY level of the region tree an aspiration lies in (kabupaten, kecamatan, desa): a
dashboard of any area reads only the rows of that area (and of its children), a few hundred
at most whatever the number of aspirations."""
from django.db import models


class _Hitungan(models.Model):
    """One count; `kunci` joins the dimensions, so a change is one upsert per row."""

    kunci = models.CharField(max_length=120, primary_key=True)
    wilayah = models.CharField(max_length=20, db_index=True)
    jumlah = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kunci}: {self.jumlah}"


class RingkasanWilayah(_Hitungan):
    """Aspirations located at or under `wilayah` by open/closed and, for open ones, deadline
    day (overdue = open and deadline before today, summed at read time). `induk` is the parent
    region, so a dashboard reads its children's rows with one index lookup."""

    induk = models.CharField(max_length=20, db_index=True)
    terbuka = models.BooleanField()
    tenggat = models.DateField(null=True)

    class Meta:
        verbose_name = "ringkasan aspirasi per wilayah"
        verbose_name_plural = "ringkasan aspirasi per wilayah"


class RingkasanKategori(_Hitungan):
    """OPEN aspirations at or under `wilayah` per category and deadline day."""

    kategori_id = models.UUIDField()
    tenggat = models.DateField(null=True)

    class Meta:
        verbose_name = "ringkasan aspirasi per kategori"
        verbose_name_plural = "ringkasan aspirasi per kategori"


class RingkasanUnit(_Hitungan):
    """OPEN aspirations at or under `wilayah` per handling unit (null: not yet forwarded) and
    deadline day."""

    unit_id = models.UUIDField(null=True)
    tenggat = models.DateField(null=True)

    class Meta:
        verbose_name = "ringkasan aspirasi per unit"
        verbose_name_plural = "ringkasan aspirasi per unit"


class RingkasanRespon(_Hitungan):
    """Aspirations at or under `wilayah` per working days to the first answer (null: not
    answered) and, for finished ones with a deadline, whether finished on time (null: not
    finished). Only aspirations with at least one of the two are counted."""

    hari_respon = models.PositiveSmallIntegerField(null=True)
    tepat = models.BooleanField(null=True)

    class Meta:
        verbose_name = "ringkasan waktu respon"
        verbose_name_plural = "ringkasan waktu respon"


class CatatanRingkasan(models.Model):
    """Where each aspiration is counted now (its `kunci`: every dimension of its state), so a
    change moves exactly its old counts down and its new ones up; also the newest-first feed
    (index on `dibuat`) without sorting the aspiration table."""

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
    """The journal sequence number the summary reflects (one row), and `versi`, bumped whenever
    a count changes: cached dashboard figures are keyed by it, so journal entries that touch no
    aspiration (residents, letters) do not make every dashboard recount."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    versi = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "penanda ringkasan"

    def __str__(self) -> str:
        return f"#{self.seq} v{self.versi}"
