"""`manage.py verifikasi_qr TEXT [--kunci-publik FILE]`: check a QR code's seal. With the
published public key file it needs no database and no network (an auditor's laptop)."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.dokumen import qr


class Command(BaseCommand):
    help = "Memeriksa segel teks kode QR dokumen (luring bila diberi berkas kunci publik)."

    def add_arguments(self, parser):
        parser.add_argument("teks", help="Isi kode QR: tautan lengkap atau nilai d.")
        parser.add_argument("--kunci-publik", dest="kunci_publik", help="Berkas PEM kunci publik segel QR.")

    def handle(self, *args, teks, kunci_publik=None, **options):
        pem = None
        if kunci_publik:
            try:
                pem = Path(kunci_publik).read_text()
            except OSError as exc:
                raise CommandError(f"Berkas kunci publik tidak dapat dibaca: {exc}") from None
        hasil = qr.periksa_teks(teks, kunci_publik_pem=pem)
        if not hasil.sah:
            raise CommandError(hasil.pesan)
        self.stdout.write(self.style.SUCCESS("SAH: segel kode QR cocok dengan kunci publik."))
        self.stdout.write(f"Kode dokumen: {hasil.dokumen_id}\nNomor: {hasil.nomor}\nTanggal: {hasil.tanggal}\n"
                          f"Hash isi: {hasil.hash_isi}")
