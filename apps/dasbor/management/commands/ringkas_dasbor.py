"""Rebuild the leaders' dashboard summary tables from the aspirations (idempotent)."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Menghitung ulang ringkasan dasbor pimpinan dari seluruh aspirasi."

    def handle(self, *args, **options):
        from apps.dasbor import ringkasan

        seq = ringkasan.bangun_ulang()
        baris = ", ".join(f"{m._meta.verbose_name} {m.objects.count()}" for m in ringkasan.TABEL)
        self.stdout.write(self.style.SUCCESS(f"Ringkasan dasbor dibangun ulang (baris: {baris}), jurnal #{seq}."))
