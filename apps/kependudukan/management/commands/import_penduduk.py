"""`manage.py import_penduduk FILE --desa KODE [--format opensid|siak]`: the same import as the
web upload, run here and now, with a progress bar on stderr. Bad rows are written to a report
file (CSV) whose path is printed; good rows are imported. Re-running finishes an interrupted
import and changes nothing that is already in."""
from __future__ import annotations

import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from apps.kependudukan import impor
from apps.kependudukan.models import ImporPenduduk


class BilahProgres:
    LEBAR = 30

    def __init__(self, stream, aktif: bool = True):
        self.stream, self.aktif = stream, aktif
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.terakhir = 0.0

    def __call__(self, h: impor.Hasil) -> None:
        if not self.aktif or not h.total:
            return
        now = time.monotonic()
        selesai = h.diproses >= h.total
        if not self.tty and not selesai and now - self.terakhir < 2:
            return
        self.terakhir = now
        pct = min(100, h.diproses * 100 // h.total)
        isi = self.LEBAR * pct // 100
        baris = f"impor [{'#' * isi}{'.' * (self.LEBAR - isi)}] {pct:3d}% ({h.diproses}/{h.total})"
        self.stream.write(("\r" + baris + ("\n" if selesai else "")) if self.tty else baris + "\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Impor penduduk dari berkas Excel format OpenSID atau SIAK ke satu desa/kelurahan."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .xlsx/.xlsm/.xls.")
        parser.add_argument("--desa", required=True, help="Kode desa/kelurahan tujuan, mis. 62.07.01.2005.")
        parser.add_argument("--format", choices=[impor.OPENSID, impor.SIAK], default="",
                            help="Bawaan: dikenali dari judul kolom.")
        parser.add_argument("--laporan", help="Berkas laporan CSV (bawaan: laporan-impor-<id>.csv di folder kerja).")
        parser.add_argument("--tanpa-progres", action="store_true", help="Jangan tampilkan bilah progres.")

    def handle(self, *args, berkas, desa, format, laporan, tanpa_progres, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            impor.periksa_ukuran(path.stat().st_size)  # before reading
            data = path.read_bytes()
            impor.periksa_berkas(data)
            w = impor._desa(desa)
        except impor.BerkasDitolak as exc:
            raise CommandError(exc.pesan) from None
        job = ImporPenduduk(owner_id=w.kode, nama_berkas=path.name[:200], format=format)
        job.berkas.save(f"{job.pk}.bin", ContentFile(data), save=True)
        progres = BilahProgres(self.stderr._out,
                               aktif=not tanpa_progres and options["verbosity"] > 0)
        try:
            hasil = impor.jalankan(job.pk, progress=progres)
        except impor.BerkasDitolak as exc:
            raise CommandError(f"{exc.pesan} (impor {job.pk})") from None
        job.refresh_from_db()
        tujuan = Path(laporan) if laporan else Path.cwd() / f"laporan-impor-{str(job.pk)[-12:]}.csv"
        self.stdout.write(self.style.SUCCESS(
            f"Selesai dalam {hasil.durasi_s:.1f} detik ({hasil.format}): {hasil.ditambah} penduduk baru, "
            f"{hasil.diperbarui} diperbarui, {hasil.tetap} tidak berubah, {hasil.keluarga_baru} keluarga baru, "
            f"{hasil.wilayah_baru} dusun/RW/RT baru, {hasil.jumlah_galat} baris ditolak dari {hasil.total}."
        ))
        if hasil.galat or hasil.catatan:
            tujuan.write_bytes(impor.laporan_csv(job))
            self.stdout.write(f"Laporan baris ditolak dan catatan: {tujuan}")
