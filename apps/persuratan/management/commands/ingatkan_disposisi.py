"""Remind the addressees and disposers of overdue dispositions (once a day each). Run it daily
from cron or a systemd timer; running it twice the same day reminds nobody twice."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.persuratan.masuk import ingatkan_terlambat
from apps.sinkron.context import acting_as


class Command(BaseCommand):
    help = "Kirim pengingat disposisi yang melewati batas waktu (sekali sehari per disposisi)."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, tanggal=None, **opts):
        hari = None
        if tanggal:
            try:
                hari = datetime.date.fromisoformat(tanggal)
            except ValueError as exc:
                raise CommandError("Tanggal harus berformat YYYY-MM-DD.") from exc
        with acting_as("sistem:ingatkan_disposisi"):
            n = ingatkan_terlambat(hari)
        self.stdout.write(f"{n} disposisi terlambat diingatkan.")
