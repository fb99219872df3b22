"""`manage.py siapkan_ca`: create the regency CA and QR seal key if missing (idempotent), and
print the fingerprints to publish (so anyone can tell our CA and seal key from an impostor's)."""
from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand

from apps.dokumen import ca


class Command(BaseCommand):
    help = "Membuat otoritas sertifikat (CA) kabupaten dan kunci segel QR bila belum ada, lalu mencetak sidik jarinya."

    def handle(self, *args, **options):
        ada = ca.OtoritasSertifikat.objects.filter(aktif=True).exists()
        o = ca.otoritas()
        segel = serialization.load_pem_public_key(o.segel_publik_pem.encode()).public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.stdout.write(f"{'Sudah ada' if ada else 'Dibuat'}: {o.nama}")
        self.stdout.write(f"Sidik jari SHA-256 sertifikat CA : {ca.sidik_jari(o.sertifikat_pem)}")
        self.stdout.write(f"Sidik jari SHA-256 kunci segel QR: {hashlib.sha256(segel).hexdigest()}")
        self.stdout.write(f"Kunci publik segel QR (base64)   : {base64.b64encode(segel).decode()}")
