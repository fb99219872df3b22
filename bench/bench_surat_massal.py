"""Surat massal end to end: 1,000 residents, one letter each, made, numbered, rendered with
QR, signed (local PAdES) and registered by the batch worker (apps/surat/batch.py), as the
signer starts it from the page. The task backend runs it in-process (immediate), so the figure
is the worker's own time.

Target: 1,000 letters <= 120 s."""
from __future__ import annotations

import datetime
import tempfile

from django.test import override_settings

from apps.dokumen import ca
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import batch
from apps.surat.models import BatchSurat, JenisSurat
from bench._util import timed
from tests import world

SANDI = "passphrase-bench-panjang"
JUMLAH = 1000


def _warga(n: int) -> list:
    rt = f"{world.DESA}.01.001.001"
    rows = [Penduduk(nik=f"620701{(i % 28) + 1:02d}03{80 + i // 10000:02d}{i % 10000:04d}", nama=f"Warga Bench {i:04d}",
                     nama_cari=f"warga bench {i:04d}", jenis_kelamin=1 + i % 2,
                     tanggal_lahir=datetime.date(1980, 3, (i % 28) + 1), agama=1, status_perkawinan=1, wilayah_id=rt,
                     owner_id=world.DESA) for i in range(n)]
    with acting_as("sistem:bench"):
        Penduduk.objects.bulk_create(rows)
    return [p.pk for p in rows]


def run(report) -> None:
    tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media, TASKS=tasks):
        dunia = world.build()
        kades = dunia.users["kepala_desa"]
        ca.terbitkan_sertifikat(pengguna=kades, passphrase=SANDI)
        jenis = JenisSurat.objects.get(kode=f"domisili-{world.KAB}")
        ids = _warga(JUMLAH)
        hasil = []

        def satu_batch():
            from django.db import transaction

            with transaction.atomic():
                b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis, isian_data={"keperluan": "Bantuan sosial"},
                                penduduk_ids=ids, passphrase=SANDI)
            hasil.append(BatchSurat.objects.get(pk=b.pk))

        report(f"surat massal: {JUMLAH} surat (buat + nomor + render + QR + tanda tangan)", timed(satu_batch, 1),
               target_s=120.0, note="satu proses, SQLite, PAdES lokal")
        b = hasil[-1]
        assert b.status == BatchSurat.SELESAI and b.selesai_jumlah == JUMLAH and b.kunci_terbungkus is None, (
            b.status, b.selesai_jumlah, b.galat[:3], b.pesan)
