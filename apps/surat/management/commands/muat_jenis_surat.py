"""Load or refresh the regency's catalogue of letter types and default templates. Idempotent:
run it on every deploy; a template gets a new version only when its text changed."""
from django.core.management.base import BaseCommand, CommandError

from apps.surat.bawaan import muat_katalog
from apps.wilayah.models import Wilayah


class Command(BaseCommand):
    help = "Muat katalog jenis surat dan template bawaan kabupaten (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("kabupaten", nargs="?", help="Kode kabupaten, mis. 62.07 (bawaan: setiap kabupaten).")

    def handle(self, *args, kabupaten=None, **opts):
        if kabupaten:
            if not Wilayah.objects.filter(kode=kabupaten, level=2).exists():
                raise CommandError(f"Kabupaten {kabupaten} tidak ada. Muat data wilayah lebih dulu.")
            kode = [kabupaten]
        else:
            kode = list(Wilayah.objects.filter(level=2).values_list("kode", flat=True))
            if not kode:
                raise CommandError("Belum ada kabupaten. Muat data wilayah lebih dulu.")
        for k in kode:
            n = muat_katalog(k)
            self.stdout.write(f"{k}: {n} jenis/template baru atau berubah.")
