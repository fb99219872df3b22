"""`manage.py export_penduduk --desa KODE FILE`: a village's registry in OpenSID's import format
(xlsx, 43 columns, codes). Run by the operator of the server, so identity numbers are in full
unless --samarkan is given (for a copy that leaves the office)."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.kependudukan.ekspor import ekspor_opensid
from apps.kependudukan.models import Penduduk
from apps.wilayah.models import LEVEL_DESA, Wilayah


class Command(BaseCommand):
    help = "Ekspor penduduk satu desa/kelurahan ke berkas xlsx format impor OpenSID."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .xlsx tujuan.")
        parser.add_argument("--desa", required=True, help="Kode desa/kelurahan, mis. 62.07.01.2005.")
        parser.add_argument("--samarkan", action="store_true", help="Samarkan NIK, No. KK dan nomor dokumen.")

    def handle(self, *args, berkas, desa, samarkan, **options):
        if not Wilayah.objects.filter(kode=desa, level=LEVEL_DESA).exists():
            raise CommandError(f"Desa/kelurahan dengan kode \"{desa}\" tidak ditemukan.")
        data, n = ekspor_opensid(Penduduk.objects.all(), desa=desa, penuh=not samarkan)
        Path(berkas).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{n} penduduk diekspor ke {berkas}."))
