"""Check the change journal: the hash chain (always) and, with --rows, that every syncable
row matches its latest journal snapshot (catches writes that bypassed the journal)."""
from django.core.management.base import BaseCommand, CommandError

from apps.sinkron import journal


class Command(BaseCommand):
    help = "Memeriksa keutuhan rantai hash jurnal perubahan; --rows juga mencocokkan data dengan jurnal."

    def add_arguments(self, parser):
        parser.add_argument("--rows", action="store_true", help="Cocokkan setiap baris data dengan snapshot terakhirnya.")

    def handle(self, *args, **opts):
        report = journal.verify_chain()
        if not report.ok:
            raise CommandError(
                f"Rantai jurnal rusak pada entri #{report.broken_at}: {report.reason} "
                f"({report.checked} entri sebelumnya utuh)."
            )
        self.stdout.write(self.style.SUCCESS(f"Rantai jurnal utuh: {report.checked} entri diperiksa."))
        if opts["rows"]:
            problems = journal.verify_rows()
            if problems:
                for p in problems:
                    self.stderr.write(f"- {p.model} {p.object_id}: {p.reason}")
                raise CommandError(f"{len(problems)} data tidak cocok dengan jurnal (ditulis di luar jurnal?).")
            self.stdout.write(self.style.SUCCESS("Semua data cocok dengan snapshot jurnal terakhir."))
