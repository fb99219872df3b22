"""`manage.py load_seruyan`: load Kabupaten Seruyan (112 official regions with boundaries)
and its units of government with their default positions. Safe to run again."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.sinkron.context import acting_as
from apps.wilayah.services import ImportWilayahError, load_seruyan

from ._progres import ProgressBar


class Command(BaseCommand):
    help = "Muat wilayah Kabupaten Seruyan beserta unit kerja dan jabatan bawaannya (aman diulang)."

    def handle(self, *args, **options):
        progress = ProgressBar(self.stdout, enabled=options["verbosity"] > 1)
        try:
            with acting_as("sistem:load_seruyan"):
                hasil = load_seruyan(progress=progress)
        except ImportWilayahError as exc:
            for k in exc.kesalahan:
                self.stderr.write(str(k))
            raise CommandError("Data Seruyan bawaan tidak sah; tidak ada yang ditulis.") from None
        w = hasil.wilayah
        self.stdout.write(self.style.SUCCESS(
            f"Wilayah: {w.created} dibuat, {w.updated} diubah, {w.unchanged} tetap. "
            f"Unit kerja dibuat: {hasil.unit_dibuat}. Jabatan dibuat: {hasil.jabatan_dibuat}. "
            f"({w.durasi_s:.1f} detik)"
        ))
