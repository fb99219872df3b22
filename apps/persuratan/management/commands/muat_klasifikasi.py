"""Load or refresh a regency's STARTER archive classification codes (KKA with retention) and its
starter naskah templates. Idempotent: safe on every deploy. The full official list is imported
by the admin kabupaten as CSV (/persuratan/arsip/klasifikasi/impor/)."""
from django.core.management.base import BaseCommand, CommandError

from apps.persuratan.bawaan import muat_klasifikasi, muat_template
from apps.wilayah.models import Wilayah


class Command(BaseCommand):
    help = ("Muat daftar awal klasifikasi arsip (KKA) dan template naskah bawaan kabupaten (aman dijalankan "
            "berulang). Daftar lengkap diimpor admin kabupaten lewat CSV.")

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
            n = muat_klasifikasi(k)
            t = muat_template(k)
            self.stdout.write(f"{k}: {n} klasifikasi dan {t} template baru atau berubah.")
