"""Letters to residents: issuing one letter end to end (number, frozen data, Typst render
with QR, real PAdES signature with the regency CA, register row, file) and the parts of it;
and how many numbers a second one office's gapless counter hands out.

Target: render + sign one letter, median <= 150 ms."""
from __future__ import annotations

import datetime
import tempfile

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from apps.dokumen import ca, tte
from apps.sinkron.context import acting_as
from apps.surat import bawaan, penomoran, render, selectors, services
from apps.surat.models import JenisSurat, StatusSurat, Surat
from bench._util import timed
from tests import world

SANDI = "passphrase-bench-panjang"
ULANG = 30


def _surat(dunia, jenis) -> Surat:
    p = dunia.warga_penduduk
    with acting_as("sistem:bench"):
        return Surat.objects.create(
            jenis=jenis, template=selectors.template_berlaku(jenis, world.DESA), penduduk=p,
            status=StatusSurat.DIPERIKSA, isian={"keperluan": "Melamar pekerjaan"}, owner_id=world.DESA,
            diperiksa_pada=timezone.now(), nama_cari=p.nama.lower())


def run(report) -> None:
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        dunia = world.build()
        bawaan.muat_katalog(world.KAB)
        kades = dunia.users["kepala_desa"]
        ca.terbitkan_sertifikat(pengguna=kades, passphrase=SANDI)
        kunci = tte.buka_kunci(kades, SANDI)
        jenis = JenisSurat.objects.get(kode="domisili")

        # Warm-up: fonts into the Typst compiler, pyhanko's signer built once per key.
        services.terbitkan(_surat(dunia, jenis), pengguna=kades, kunci=kunci)
        antre = []
        report("surat: terbitkan (nomor + render + QR + tanda tangan + simpan)",
               timed(lambda: services.terbitkan(antre.pop(), pengguna=kades, kunci=kunci), ULANG,
                     before=lambda: antre.append(_surat(dunia, jenis))),
               target_s=0.150, note="PAdES lokal, satu surat")

        terbit = Surat.objects.filter(status=StatusSurat.DITANDATANGANI, owner_id=world.DESA).exclude(data={}).first()
        c = render.dari_data(terbit.data["cetak"], qr=__import__("apps.dokumen.qr", fromlist=["svg"]).svg(terbit.dokumen.qr))
        report("surat: render PDF Typst saja", timed(lambda: render.pdf(c), ULANG))
        pdf = render.pdf(c)
        report("surat: tanda tangan PAdES saja", timed(lambda: tte.tandatangani(pdf, kunci, alasan="x", lokasi="y"), ULANG))
        report("surat: pratinjau (belum ditandatangani)",
               timed(lambda: services.pdf_pratinjau(terbit, pengguna=kades), ULANG))

        hari = datetime.date(2026, 11, 2)

        def seratus_nomor():
            for _ in range(100):
                with transaction.atomic(), acting_as("sistem:bench"):
                    penomoran.ambil_nomor(owner_id=world.DESA, jenis=jenis, tanggal=hari)

        report("penomoran: 100 nomor, satu transaksi per nomor", timed(seratus_nomor, 5),
               note="nomor/detik = 100 / median")
