"""Core costs every feature pays: journaling writes (single and bulk), verifying the chain,
and the scoping filter on a large table."""
from __future__ import annotations

from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah
from bench._util import timed


def run(report):
    with acting_as("sistem:bench"):
        for kode, nama, tingkat, level, induk, owner in (
            ("62", "Kalimantan Tengah", "provinsi", 1, None, "62"),
            ("62.07", "Kabupaten Seruyan", "kabupaten", 2, "62", "62.07"),
            ("62.07.01", "Seruyan Hilir", "kecamatan", 3, "62.07", "62.07"),
            ("62.07.01.2005", "Pematang Limau", "desa", 4, "62.07.01", "62.07"),
        ):
            Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk, owner_id=owner)

        counter = iter(range(10**6))

        def bulk_10k():
            base = next(counter)
            Wilayah.objects.bulk_create([
                Wilayah(kode=f"62.07.01.2005.{base:02d}.{i:05d}", nama=f"RT {i}", tingkat="rt", level=7,
                        owner_id="62.07.01.2005") for i in range(10_000)
            ], batch_size=2000)

        report("jurnal: bulk_create 10.000 baris + 10.000 entri", timed(bulk_10k, 3),
               note="termasuk snapshot JSON dan hash berantai")

        target = Wilayah.objects.get(kode="62.07.01.2005")

        def one_save():
            target.nama = f"Pematang Limau {next(counter)}"
            target.save()

        report("jurnal: satu save() + entri (median)", timed(one_save, 200))
        n = journal.Jurnal.objects.count()
        report(f"verify_chain atas {n:,} entri".replace(",", "."), timed(journal.verify_chain, 3))
