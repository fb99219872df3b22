"""`manage.py verifikasi_pdf FILE`: the verdict on a PDF, as the public page gives it."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.dokumen import verifikasi


class Command(BaseCommand):
    help = "Memeriksa keaslian berkas PDF (cocok dengan dokumen terdaftar dan tanda tangan elektroniknya)."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Jalur berkas PDF.")

    def handle(self, *args, berkas, **options):
        try:
            with Path(berkas).open("rb") as f:
                data = f.read(verifikasi.UKURAN_MAKS + 1)
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from None
        hasil = verifikasi.periksa_berkas(data)
        baris = f"{hasil.judul}: {hasil.pesan}"
        if hasil.penandatangan:
            baris += f"\nPenanda tangan: {hasil.penandatangan} {hasil.waktu_tanda_tangan}".rstrip()
        if not hasil.sah:
            raise CommandError(baris)
        self.stdout.write(self.style.SUCCESS(baris))
