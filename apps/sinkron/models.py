"""The change journal and the base every syncable record inherits (DESIGN.md invariant 2).

A syncable record has a UUIDv7 id, an owner (the wilayah code of the office that writes it)
and timestamps. Each create, update and delete of one, through `save()`, `delete()`, cascades
or the bulk queryset methods, appends a hash-chained `Jurnal` entry in the same transaction.
"""
from __future__ import annotations

import contextvars
import json

from django.db import models, transaction
from django.db.models.expressions import BaseExpression

from .ids import uuid7

# Django's bulk_update() runs through update(); while it does, update() leaves the journal
# to bulk_update(), which records each row once.
_inside_bulk_update: contextvars.ContextVar[bool] = contextvars.ContextVar("inside_bulk_update", default=False)


class SyncableQuerySet(models.QuerySet):
    """Bulk writes that journal each affected row. Django's bulk methods skip `save()` and
    signals, so without these a bulk write would silently escape the audit log."""

    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False, update_conflicts=False, **kwargs):
        from . import journal

        if ignore_conflicts or update_conflicts:
            # We could not tell which rows were written, so the journal could not be exact.
            raise ValueError("bulk_create dengan ignore/update_conflicts tidak didukung pada data tersinkron.")
        objs = list(objs)
        with transaction.atomic(using=self.db):
            journal.begin()
            created = super().bulk_create(objs, batch_size=batch_size, **kwargs)
            journal.record(created, journal.CREATE)
        return created

    def bulk_insert(self, objs) -> list:
        """Insert new rows and journal each one: `bulk_create`'s contract (journal head locked
        first, one hash-chained entry per row, same transaction) for large loads. Values are
        prepared once per column type and sent in one prepared `executemany`, instead of
        Django compiling every value into small INSERTs (SQLite's 999-parameter bound makes a
        60-column model 16 rows per statement). Every field must already hold its value
        (model defaults are set when an instance is made); no database expressions."""
        from . import journal

        objs = list(objs)
        if not objs:
            return objs
        conn = transaction.get_connection(self.db)
        with transaction.atomic(using=self.db):
            journal.begin()
            now = _now()
            fields = self.model._meta.concrete_fields
            for obj in objs:
                obj.created_at = obj.updated_at = now
            prep = [_column_prep(f, conn) for f in fields]
            rows = []
            for obj in objs:
                d = obj.__dict__
                rows.append([None if (v := d[f.attname]) is None else (p(v) if p else v) for f, p in zip(fields, prep, strict=True)])
            q = conn.ops.quote_name
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (identifiers from model metadata; values are parameters)
                q(self.model._meta.db_table), ", ".join(q(f.column) for f in fields), ", ".join(["%s"] * len(fields)))
            with conn.cursor() as cur:
                for i in range(0, len(rows), 1000):
                    cur.executemany(sql, rows[i : i + 1000])
            for obj in objs:
                obj._state.adding, obj._state.db = False, self.db
            journal.record(objs, journal.CREATE)
        return objs

    def bulk_update(self, objs, fields, batch_size=None):
        from . import journal

        objs = list(objs)
        if "updated_at" not in fields:
            fields = [*fields, "updated_at"]
            now = _now()
            for obj in objs:
                obj.updated_at = now
        with transaction.atomic(using=self.db):
            journal.begin()
            token = _inside_bulk_update.set(True)
            try:
                count = super().bulk_update(objs, fields, batch_size=batch_size)
            finally:
                _inside_bulk_update.reset(token)
            journal.record(journal.refetch(self.model, [o.pk for o in objs]), journal.UPDATE)
        return count

    def update(self, **kwargs):
        from . import journal

        kwargs.setdefault("updated_at", _now())
        if _inside_bulk_update.get():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            journal.begin()
            ids = journal.locked_ids(self)
            # Update exactly the locked rows: re-running the original filter could catch a row
            # that began to match after the lock (a concurrent commit) and leave it unjournaled.
            count = 0
            base = models.QuerySet(self.model, using=self.db)
            for i in range(0, len(ids), journal.CHUNK):
                count += base.filter(pk__in=ids[i : i + journal.CHUNK]).update(**kwargs)
            journal.record(journal.refetch(self.model, ids), journal.UPDATE)
        return count

    update.alters_data = True


# Column types whose Python values the database drivers take as they are.
_AS_IS = {"CharField", "EmailField", "TextField", "BooleanField", "PositiveSmallIntegerField", "SmallIntegerField",
          "IntegerField", "PositiveIntegerField", "BigIntegerField"}


def _column_prep(f, conn):
    """How one column's non-null values reach the driver: None (as they are), or a converter."""
    target = f.target_field if f.is_relation else f
    kind = target.get_internal_type()
    if kind in _AS_IS:
        return None
    if kind == "UUIDField":
        return None if conn.features.has_native_uuid_field else (lambda v: v.hex)
    if kind == "DateField":
        return conn.ops.adapt_datefield_value
    return lambda v: f.get_db_prep_save(v, conn)


def _now():
    from django.utils import timezone

    return timezone.now()


class SyncableModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    owner = models.ForeignKey(
        "wilayah.Wilayah",
        to_field="kode",
        # The database constraint keeps owners from vanishing; DO_NOTHING (not PROTECT) because
        # a kabupaten owns itself and Django's collector would refuse to delete a self-owner.
        on_delete=models.DO_NOTHING,
        related_name="+",
        verbose_name="pemilik",
        help_text="Kode wilayah kantor yang menulis data ini (satu penulis per data).",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    objects = SyncableQuerySet.as_manager()

    # Fields masked in history and exports for roles without the model's "view_nik" grant.
    sensitive_fields: tuple[str, ...] = ()
    # The field whose wilayah code decides scope (akun.scope.restrict); "owner_id" by default.
    scope_field: str = "owner_id"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from . import journal

        adding = self._state.adding
        with transaction.atomic(using=kwargs.get("using")):
            journal.begin()
            super().save(*args, **kwargs)
            if any(isinstance(getattr(self, f.attname), BaseExpression) for f in self._meta.concrete_fields):
                self.refresh_from_db()
            journal.record([self], journal.CREATE if adding else journal.UPDATE)

    save.alters_data = True


class Jurnal(models.Model):
    """One journal entry: the audit log and the sync feed at once. Append-only."""

    seq = models.BigIntegerField("urutan", primary_key=True)
    node = models.CharField("node asal", max_length=64)
    model = models.CharField(max_length=100, db_index=True)
    object_id = models.UUIDField(db_index=True)
    op = models.CharField("operasi", max_length=1, choices=[("C", "buat"), ("U", "ubah"), ("D", "hapus")])
    owner = models.CharField("pemilik", max_length=40, db_index=True)
    actor = models.CharField("pelaku", max_length=200)
    request_id = models.CharField(max_length=64, blank=True)
    waktu = models.DateTimeField()
    # Canonical JSON text (sorted keys, no spaces): hashed exactly as stored, so verification
    # never depends on how a database re-serialises JSON.
    snapshot = models.TextField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    scope_field = "owner"

    class Meta:
        verbose_name = "entri jurnal"
        verbose_name_plural = "jurnal perubahan"
        ordering = ["seq"]
        indexes = [models.Index(fields=["model", "object_id", "seq"], name="jurnal_objek_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.op} {self.model} {self.object_id}"

    @property
    def data(self) -> dict:
        return json.loads(self.snapshot) if self.snapshot else {}


class JurnalKepala(models.Model):
    """The chain head: one row, locked by every journal write, so sequence numbers are
    gapless and each entry's predecessor hash is unambiguous even with many processes."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "kepala rantai jurnal"

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
