"""Writing and checking the hash-chained change journal.

Entry hash = sha256(prev_hash + canonical JSON of the entry). Changing, deleting or inserting
any entry breaks every later link, which `verify_chain` (and `manage.py verify_journal`) finds.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from .context import current_actor
from .models import Jurnal, JurnalKepala, SyncableModel

CREATE, UPDATE, DELETE = "C", "U", "D"
CHUNK = 900  # below SQLite's bound-variable limit on old builds


def snapshot_text(obj: models.Model) -> str:
    """The record as canonical JSON: every concrete column by attname, sorted keys."""
    data = {f.attname: _nilai(f, obj) for f in obj._meta.concrete_fields}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)


def _nilai(field, obj):
    """A column's value as stored: a file field is its stored name (the file travels apart)."""
    v = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return v.name or ""
    if isinstance(field, models.DecimalField) and v is not None:
        # 100 given in code and Decimal("100.00") read back are the same stored value.
        return field.to_python(v).quantize(Decimal(1).scaleb(-field.decimal_places))
    return v


def snapshot(obj: models.Model) -> dict:
    return json.loads(snapshot_text(obj))


def entry_hash(prev_hash: str, *, seq, node, model, object_id, op, owner, actor, waktu, snapshot: str) -> str:
    header = "\x1f".join([str(seq), node, model, str(object_id), op, owner, actor, waktu.astimezone(UTC).isoformat()])
    return hashlib.sha256(f"{prev_hash}\x1e{header}\x1e{snapshot}".encode()).hexdigest()


def syncable_models() -> list[type[SyncableModel]]:
    return [m for m in apps.get_models() if issubclass(m, SyncableModel)]


def _lock_head() -> JurnalKepala:
    # Migration sinkron.0003 creates the head row; should it be missing (a flushed test
    # database), two first writers may race to create it: the loser's insert fails inside its
    # own savepoint and it locks the winner's row.
    head = JurnalKepala.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                JurnalKepala.objects.create(pk=1)
        except IntegrityError:
            pass
        head = JurnalKepala.objects.select_for_update().get(pk=1)
    return head


def begin() -> JurnalKepala:
    """Take the chain-head lock first in a writing transaction.

    Every journaled write calls this before touching its rows, and a service that locks rows
    with select_for_update() must call it before doing so: with one lock order (head, then
    rows) two writers queue instead of deadlocking. Locking again in the same transaction is
    a cheap primary-key read."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("journal.begin() harus dipanggil di dalam transaksi.")
    return _lock_head()


_COLUMNS = ("seq", "node", "model", "object_id", "op", "owner", "actor", "request_id", "waktu",
            "snapshot", "prev_hash", "hash")


def record(objs: Iterable[models.Model], op: str) -> None:
    """Append one entry per object, in the caller's transaction."""
    objs = list(objs)
    if not objs:
        return
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("Jurnal harus ditulis di dalam transaksi yang sama dengan perubahannya.")
    actor = current_actor()
    node = settings.EDESA_NODE_ID
    head = _lock_head()
    now = timezone.now()  # read under the lock, so time never runs backwards along the chain
    seq, prev = head.seq, head.hash
    uuid_field = Jurnal._meta.get_field("object_id")
    waktu_db = Jurnal._meta.get_field("waktu").get_db_prep_value(now, conn)
    rows = []
    for obj in objs:
        seq += 1
        model = obj._meta.label_lower
        owner = obj.owner_id or ""
        snap = snapshot_text(obj)
        digest = entry_hash(prev, seq=seq, node=node, model=model, object_id=obj.pk, op=op, owner=owner,
                            actor=actor.label, waktu=now, snapshot=snap)
        rows.append((seq, node, model, uuid_field.get_db_prep_value(obj.pk, conn), op, owner, actor.label,
                     actor.request_id, waktu_db, snap, prev, digest))
        prev = digest
    # A fixed, parameterised INSERT from model metadata: the ORM's per-field compilation
    # costs more than everything else in a 160,000-row demo load.
    q = conn.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (identifiers from model metadata; values are parameters)
        q(Jurnal._meta.db_table), ", ".join(q(Jurnal._meta.get_field(c).column) for c in _COLUMNS),
        ", ".join(["%s"] * len(_COLUMNS)),
    )
    with conn.cursor() as cur:
        for i in range(0, len(rows), 1000):
            cur.executemany(sql, rows[i : i + 1000])
    head.seq, head.hash = seq, prev
    head.save(update_fields=["seq", "hash"])


def locked_ids(qs: models.QuerySet) -> list:
    """Ids a bulk update will touch, locked in primary-key order (no deadlocks between two
    bulk writers) where the database supports row locks."""
    ids_qs = qs.order_by("pk").values_list("pk", flat=True)
    if connection.features.has_select_for_update:
        ids_qs = ids_qs.select_for_update()
    return list(ids_qs)


def refetch(model: type[models.Model], ids: list) -> Iterator[models.Model]:
    manager = model._base_manager
    for i in range(0, len(ids), CHUNK):
        yield from manager.filter(pk__in=ids[i : i + CHUNK]).order_by("pk")


def _on_delete(sender, instance, **kwargs):
    # Runs inside the Collector's transaction, for direct deletes and cascades alike.
    record([instance], DELETE)


def connect_delete_signals() -> None:
    # Connected per model: a listener forces Django to load and signal each cascaded row
    # instead of "fast deleting" it behind the journal's back.
    for model in syncable_models():
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"jurnal-{model._meta.label_lower}")


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(batch: int = 5000) -> ChainReport:
    prev, expected_seq, checked = "0" * 64, 1, 0
    last_seq = 0
    while True:
        rows = list(Jurnal.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            break
        for e in rows:
            if e.seq != expected_seq:
                return ChainReport(checked, expected_seq, f"entri #{expected_seq} hilang (berikutnya #{e.seq})")
            if e.prev_hash != prev:
                return ChainReport(checked, e.seq, f"entri #{e.seq}: prev_hash tidak cocok dengan entri sebelumnya")
            computed = entry_hash(
                prev, seq=e.seq, node=e.node, model=e.model, object_id=e.object_id, op=e.op,
                owner=e.owner, actor=e.actor, waktu=e.waktu, snapshot=e.snapshot,
            )
            if computed != e.hash:
                return ChainReport(checked, e.seq, f"entri #{e.seq}: isi tidak cocok dengan hash-nya (diubah?)")
            prev, expected_seq, checked = e.hash, expected_seq + 1, checked + 1
        last_seq = rows[-1].seq
    head = JurnalKepala.objects.filter(pk=1).first()
    if head and (head.seq != expected_seq - 1 or head.hash != prev):
        return ChainReport(checked, expected_seq, f"kepala rantai (#{head.seq}) tidak cocok dengan entri terakhir")
    return ChainReport(checked)


@dataclass
class RowMismatch:
    model: str
    object_id: str
    reason: str


def verify_rows(limit: int = 20) -> list[RowMismatch]:
    """Compare every syncable row with its latest journal snapshot: a write that bypassed
    the journal (raw SQL, a forgotten code path) shows up as a mismatch."""
    problems: list[RowMismatch] = []
    for model in syncable_models():
        label = model._meta.label_lower
        latest = {}
        for e in Jurnal.objects.filter(model=label).order_by("seq").values("object_id", "op", "snapshot").iterator(2000):
            latest[str(e["object_id"])] = e
        seen = set()
        for obj in model._base_manager.order_by("pk").iterator(2000):
            key = str(obj.pk)
            seen.add(key)
            entry = latest.get(key)
            if entry is None or entry["op"] == DELETE:
                problems.append(RowMismatch(label, key, "baris ada tanpa entri jurnal"))
            elif _comparable(json.loads(entry["snapshot"])) != _comparable(snapshot(obj)):
                problems.append(RowMismatch(label, key, "isi baris berbeda dari snapshot jurnal terakhir"))
            if len(problems) >= limit:
                return problems
        for key, entry in latest.items():
            if key not in seen and entry["op"] != DELETE:
                problems.append(RowMismatch(label, key, "baris terhapus tanpa entri jurnal"))
                if len(problems) >= limit:
                    return problems
    return problems


def _comparable(snap: dict) -> dict:
    # Timestamps may come back from the database in another textual form; compare instants.
    from django.utils.dateparse import parse_datetime

    out = {}
    for k, v in snap.items():
        dt = parse_datetime(v) if isinstance(v, str) and len(v) >= 19 and v[4:5] == "-" and "T" in v else None
        out[k] = dt.astimezone(UTC) if dt and dt.tzinfo else v
    return out
