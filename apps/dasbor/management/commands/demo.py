"""`python manage.py demo --penduduk N --seed S`: Seruyan + demo residents + one login per role."""
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from apps.dasbor import demo
from apps.sinkron.context import acting_as


class Command(BaseCommand):
    help = "Mengisi basis data dengan wilayah Seruyan, data penduduk semu dan akun demo per peran."

    def add_arguments(self, parser):
        parser.add_argument("--penduduk", type=int, default=160_000, help="Jumlah penduduk semu (bawaan 160.000).")
        parser.add_argument("--seed", type=int, default=2026, help="Benih acak; sama benih, sama data.")
        parser.add_argument("--jika-kosong", action="store_true", help="Lewati bila sudah ada penduduk.")

    def handle(self, *args, **opts):
        from apps.akun.models import Pengguna
        from apps.kependudukan.models import Penduduk

        if opts["penduduk"] < 0:
            raise CommandError("--penduduk tidak boleh negatif.")
        if opts["jika_kosong"] and Penduduk.objects.exists():
            self.stdout.write("Data sudah ada; demo tidak dijalankan ulang.")
            return
        demo_users = {a.username for a in demo.AKUN_DEMO}
        if Pengguna.objects.exclude(username__in=demo_users).exists():
            raise CommandError("Basis data ini punya akun selain akun demo; data demo tidak boleh dimuat ke basis data nyata.")
        started = time.perf_counter()
        tty = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            pct = 100 * done // max(total, 1)
            bar = "#" * (pct // 4) + "-" * (25 - pct // 4)
            end = "\r" if tty and done < total else "\n"
            if tty or done == total or done % max(total // 10, 1) == 0:
                self.stdout.write(f"  [{bar}] {pct:3d}% {done:>8}/{total}", ending=end)
                self.stdout.flush()

        with acting_as("sistem:demo"):
            demo.siapkan(penduduk=opts["penduduk"], seed=opts["seed"], log=self.stdout.write, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {time.perf_counter() - started:.1f} detik."))
