"""Daily (cron): escalate overdue aspiration handling. Idempotent: each level once."""
from django.core.management.base import BaseCommand

from apps.sinkron.context import acting_as

from ...layanan import eskalasi


class Command(BaseCommand):
    help = "Eskalasi penanganan aspirasi yang melewati tenggat (tingkat 1 kepala unit, tingkat 2 Kantor Bupati)."

    def handle(self, *args, **options):
        with acting_as("sistem:eskalasi_aspirasi"):
            n = eskalasi()
        self.stdout.write(f"{n} penanganan dieskalasi.")
