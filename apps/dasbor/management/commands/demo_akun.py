"""Prints the demo logins (created by `manage.py demo`)."""
from django.core.management.base import BaseCommand

from apps.dasbor import demo


class Command(BaseCommand):
    help = "Menampilkan akun demo untuk dicoba."

    def handle(self, *args, **opts):
        from apps.akun.models import Pengguna

        existing = set(Pengguna.objects.filter(username__in=[a.username for a in demo.AKUN_DEMO]).values_list("username", flat=True))
        if not existing:
            self.stdout.write("Belum ada akun demo. Jalankan: python manage.py demo")
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Akun demo (kata sandi semua akun: {demo.DEMO_SANDI})"))
        self.stdout.write(f"  {'nama pengguna':<12} peran")
        for a in demo.AKUN_DEMO:
            if a.username in existing and a.peran != "warga":
                self.stdout.write(f"  {a.username:<13} {a.keterangan}")
        self._surat()
        self.stdout.write("")

    def _surat(self):
        """Signing passphrase and the resident's self-service login (NIK + PIN, not a password)."""
        from apps.dokumen.demo import DEMO_PASSPHRASE
        from apps.kependudukan.models import Penduduk
        from apps.surat.demo import DEMO_PIN

        self.stdout.write(f"  Passphrase tanda tangan elektronik (kades, sekdes, camat, bupati, bappeda, dpmd): {DEMO_PASSPHRASE}")
        warga = Penduduk.objects.filter(akun__username="warga", akun__pin_warga__isnull=False).first()
        if warga is not None:
            self.stdout.write(f"  Layanan mandiri warga (/layanan/): NIK {warga.nik}, PIN {DEMO_PIN}")
