"""`manage.py import_wilayah FILE.csv`: load official region codes (kode,nama,tingkat,induk).

All or nothing: any bad row is reported (row, column, reason) and nothing is written; rows
that did not change are not written again, so re-running the same file is harmless.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.sinkron.context import acting_as
from apps.wilayah.services import ImportWilayahError, import_wilayah

from ._progres import ProgressBar

MAX_CSV_FIELD = 10 * 1024 * 1024  # a "batas" column may hold a whole GeoJSON polygon


class Command(BaseCommand):
    help = "Impor kode wilayah resmi (Kepmendagri) dari berkas CSV berkolom kode,nama,tingkat,induk."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas CSV (UTF-8), baris pertama berisi nama kolom.")
        parser.add_argument("--pemisah", default=",", help="Pemisah kolom (bawaan: koma).")
        parser.add_argument("--tanpa-progres", action="store_true", help="Jangan tampilkan bilah progres.")

    def handle(self, *args, berkas, pemisah, tanpa_progres, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        rows = self._read(path, pemisah)
        self.stdout.write(f"Membaca {len(rows)} baris dari {path.name}")
        progress = ProgressBar(self.stdout, enabled=not tanpa_progres and options["verbosity"] > 0)
        try:
            with acting_as("sistem:import_wilayah"):
                hasil = import_wilayah(rows, sumber=path.name, progress=progress)
        except ImportWilayahError as exc:
            self.stdout.write("")
            for k in exc.kesalahan:
                self.stderr.write(str(k))
            raise CommandError(f"{len(exc.kesalahan)} kesalahan; tidak ada data yang ditulis. "
                               "Perbaiki berkas lalu ulangi.") from None
        self.stdout.write(self.style.SUCCESS(
            f"Selesai: {hasil.created} dibuat, {hasil.updated} diubah, {hasil.unchanged} tetap, "
            f"dari {hasil.total} baris dalam {hasil.durasi_s:.1f} detik."
        ))
        if hasil.per_tingkat:
            rincian = ", ".join(f"{n} {t}" for t, n in sorted(hasil.per_tingkat.items()))
            self.stdout.write(f"Baru menurut tingkat: {rincian}")

    def _read(self, path: Path, pemisah: str) -> list[dict]:
        csv.field_size_limit(min(sys.maxsize, MAX_CSV_FIELD))
        try:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh, delimiter=pemisah)
                header = [h.strip().lower() for h in (reader.fieldnames or [])]
                missing = [c for c in ("kode", "nama", "tingkat", "induk") if c not in header]
                if missing:
                    raise CommandError(f"Baris 1: kolom wajib tidak ada: {', '.join(missing)} "
                                       f"(ditemukan: {', '.join(header) or 'tidak ada'}).")
                reader.fieldnames = header
                return [{k: v for k, v in row.items() if k is not None} for row in reader]
        except UnicodeDecodeError as exc:
            raise CommandError(f"Berkas bukan UTF-8 (posisi bita {exc.start}). Simpan ulang sebagai CSV UTF-8.") from None
