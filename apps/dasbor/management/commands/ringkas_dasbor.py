"""Rebuild the leaders' dashboard summary from the aspirations (idempotent)."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Menghitung ulang ringkasan dasbor pimpinan dari seluruh aspirasi."

    def handle(self, *args, **options):
        from apps.dasbor import ringkasan

        seq = ringkasan.bangun_ulang()
        n = ringkasan.RingkasanAspirasi.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Ringkasan dasbor dibangun ulang: {n} baris, jurnal #{seq}."))
