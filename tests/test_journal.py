"""Invariant 2: every create, update and delete of a syncable record, bulk ones included,
writes a hash-chained journal entry in the same transaction; tampering is detected."""
from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal, SyncableModel

from .factories import FACTORIES

pytestmark = pytest.mark.django_db(transaction=False)


def _entries(obj):
    return list(Jurnal.objects.filter(model=obj._meta.label_lower, object_id=obj.pk).order_by("seq"))


def _changeable_field(model) -> tuple[str, list]:
    """A plain column of the model and three distinct values to write into it."""
    for f in model._meta.concrete_fields:
        if f.primary_key or f.is_relation or f.choices or not f.editable or f.unique:
            continue
        if f.get_internal_type() in ("CharField", "TextField"):
            # Short enough for any CharField (PostgreSQL enforces max_length), still distinct.
            return f.attname, [v[: f.max_length or 20] for v in ("Lewat save", "Lewat update", "Lewat bulk")]
    for f in model._meta.concrete_fields:
        if f.get_internal_type() == "BooleanField":
            return f.attname, [False, True, False]
    for f in model._meta.concrete_fields:
        if f.get_internal_type() == "DateField" and f.editable:
            return f.attname, [datetime.date(2026, 1, d) for d in (1, 2, 3)]
    pytest.fail(f"{model.__name__}: tidak ada kolom sederhana untuk diubah dalam uji jurnal")


def test_every_syncable_model_has_a_factory_so_the_journal_tests_cover_it():
    missing = [m.__name__ for m in journal.syncable_models() if m not in FACTORIES]
    assert not missing, f"Model tersinkron tanpa factory di tests/factories.py: {missing}"


@pytest.mark.parametrize("model", journal.syncable_models(), ids=lambda m: m._meta.label_lower)
def test_each_write_path_of_each_model_is_journaled(model):
    factory = FACTORIES[model]
    field, values = _changeable_field(model)
    with acting_as("sistem:uji"):
        obj = factory()
        assert [e.op for e in _entries(obj)] == ["C"], "save() baru harus menulis entri C"

        setattr(obj, field, values[0])
        obj.save()
        model.objects.filter(pk=obj.pk).update(**{field: values[1]})
        obj.refresh_from_db()
        setattr(obj, field, values[2])
        model.objects.bulk_update([obj], [field])
        ops = [e.op for e in _entries(obj)]
        assert ops == ["C", "U", "U", "U"]
        assert _entries(obj)[-1].data[field] == (values[2].isoformat() if isinstance(values[2], datetime.date)
                                                 else values[2])

        # Parents that exist in the database (a built sub-object would not), taken from a
        # sibling that is removed first so unique constraints over parents still hold.
        sibling = factory()
        parents = {f.name: getattr(sibling, f.name) for f in model._meta.concrete_fields
                   if f.is_relation and f.name != "owner"}
        model.objects.filter(pk=sibling.pk).delete()
        clone = factory.build(**parents)
        model.objects.bulk_create([clone])
        assert [e.op for e in _entries(clone)] == ["C"], "bulk_create harus menulis entri C"

        model.objects.filter(pk=clone.pk).delete()
        assert _entries(clone)[-1].op == "D"

        # The fast insert path for large loads: same contract as bulk_create.
        fast = factory.build(**parents)
        model.objects.bulk_insert([fast])
        assert [e.op for e in _entries(fast)] == ["C"], "bulk_insert harus menulis entri C"
        stored = model.objects.get(pk=fast.pk)
        for f in model._meta.concrete_fields:
            if f.name not in ("created_at", "updated_at"):
                assert getattr(stored, f.attname) == getattr(fast, f.attname), f.name
    assert journal.verify_chain().ok
    assert journal.verify_rows() == []


def test_entry_records_actor_owner_node_and_snapshot():
    factory = FACTORIES[journal.syncable_models()[0]]
    with acting_as("pengguna:7:budi", request_id="req-1"):
        obj = factory()
    e = _entries(obj)[0]
    assert e.actor == "pengguna:7:budi"
    assert e.request_id == "req-1"
    assert e.owner == obj.owner_id
    assert e.node == "hub"
    assert e.data["id"] == str(obj.pk)


def test_a_failed_transaction_leaves_neither_row_nor_entry():
    model = journal.syncable_models()[0]
    before = Jurnal.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        FACTORIES[model]()
        raise RuntimeError("gagal di tengah jalan")
    assert Jurnal.objects.count() == before
    assert journal.verify_chain().ok


def test_cascade_delete_journals_the_cascaded_rows():
    from .factories import JabatanFactory, PejabatFactory, UnitKerjaFactory

    unit = UnitKerjaFactory()
    jabatan = JabatanFactory(unit=unit)
    pejabat = PejabatFactory(jabatan=jabatan)
    pejabat.delete()  # Pejabat PROTECTs its jabatan; remove it first
    unit.delete()  # cascades to jabatan
    assert _entries(jabatan)[-1].op == "D"


def test_tampering_with_an_entry_is_detected_and_named():
    FACTORIES[journal.syncable_models()[0]].create_batch(3)
    target = Jurnal.objects.order_by("seq")[1]
    Jurnal.objects.filter(seq=target.seq).update(actor="orang lain")
    report = journal.verify_chain()
    assert not report.ok and report.broken_at == target.seq
    with pytest.raises(CommandError, match=f"#{target.seq}"):
        call_command("verify_journal")


def test_deleting_an_entry_is_detected():
    FACTORIES[journal.syncable_models()[0]].create_batch(3)
    middle = Jurnal.objects.order_by("seq")[1]
    Jurnal.objects.filter(seq=middle.seq).delete()
    assert journal.verify_chain().broken_at == middle.seq


def test_a_write_that_bypasses_the_journal_is_caught():
    from .factories import PendudukFactory

    p = PendudukFactory()
    call_command("verify_journal", "--rows")  # clean state passes
    with connection.cursor() as cur:
        cur.execute("UPDATE kependudukan_penduduk SET nama = %s WHERE id = %s", ["Diam-diam", p.pk.hex if connection.vendor == "sqlite" else str(p.pk)])
    problems = journal.verify_rows()
    assert [(x.model, x.object_id) for x in problems] == [("kependudukan.penduduk", str(p.pk))]
    with pytest.raises(CommandError):
        call_command("verify_journal", "--rows")


@pytest.mark.django_db(transaction=True)
def test_journal_write_outside_a_transaction_is_refused():
    obj = FACTORIES[journal.syncable_models()[0]].build()
    with pytest.raises(RuntimeError):
        journal.record([obj], journal.CREATE)


def test_conflict_ignoring_bulk_create_is_refused():
    model = journal.syncable_models()[0]
    with pytest.raises(ValueError):
        model.objects.bulk_create([FACTORIES[model].build()], ignore_conflicts=True)


def test_every_concrete_model_of_ours_is_syncable_or_explicitly_exempt():
    from django.apps import apps

    exempt = {
        "sinkron.jurnal": "the journal itself",
        "sinkron.jurnalkepala": "the chain head",
        "akun.pengguna": "logins: password hashes never leave the hub",
        "akun.logakses": "append-only read log of personal data",
        "kependudukan.imporpenduduk": "an import job's progress and report, local to the node running it",
        "akun.notifikasi": "in-app notices for a login, local to the node the user logs in to",
        "dokumen.otoritassertifikat": "the regency CA's keys stay on the hub (decision 0009)",
        "dokumen.sertifikatpenandatangan": "officials' encrypted keys are never synchronised (decision 0009)",
        "surat.pinwarga": "a resident's login state, like accounts (decision 0003)",
        "surat.batchsurat": "a bulk-letter job's progress, local to the node running it; its letters sync",
        "dasbor.ringkasanwilayah": "dashboard aggregates, rebuilt per node from synced data",
        "dasbor.ringkasankategori": "dashboard aggregates, rebuilt per node from synced data",
        "dasbor.ringkasanunit": "dashboard aggregates, rebuilt per node from synced data",
        "dasbor.ringkasanrespon": "dashboard aggregates, rebuilt per node from synced data",
        "dasbor.catatanringkasan": "dashboard aggregates, rebuilt per node from synced data",
        "dasbor.penandaringkasan": "dashboard aggregates, rebuilt per node from synced data",
    }
    for model in apps.get_models():
        if not model.__module__.startswith("apps."):
            continue
        label = model._meta.label_lower
        assert issubclass(model, SyncableModel) or label in exempt, f"{label} bukan SyncableModel dan tidak dikecualikan"


def test_no_foreign_key_changes_a_syncable_row_behind_the_journal():
    """SET_NULL / SET_DEFAULT cascades are raw UPDATEs by Django's collector: no save(), no
    signal, so no journal entry. Syncable rows may only be changed by journaled paths."""
    from django.apps import apps
    from django.db import models as m

    offenders = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not f.is_relation or f.remote_field is None:
                continue
            if f.remote_field.on_delete in (m.SET_NULL, m.SET_DEFAULT) and issubclass(model, SyncableModel):
                offenders.append(f"{model._meta.label}.{f.name}")
    assert not offenders, f"Ganti on_delete dengan PROTECT/RESTRICT lalu kosongkan lewat layanan: {offenders}"
