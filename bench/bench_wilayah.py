"""Region tree: loading all of Indonesia's official codes (target: under 30 s on SQLite,
journal included), loading it again (nothing changes, nothing is written), and how fast a
camat's wilayah pages render."""
from __future__ import annotations

import csv
import random
import statistics
import warnings
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from apps.akun.models import Keanggotaan, Pengguna
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal
from apps.wilayah.models import Wilayah
from apps.wilayah.services import generate_demo_lingkungan, import_wilayah, load_seruyan
from bench._util import timed, timed_page

NASIONAL = Path(settings.BASE_DIR).parent / "shared" / "data" / "indonesia_wilayah_kepmendagri2025.csv"
KECAMATAN = "62.07.01"


def _pages(report):
    with acting_as("sistem:bench"):
        rng = random.Random(2026)
        for kode in Wilayah.objects.filter(kode__startswith="62.07.", level=4).values_list("kode", flat=True):
            generate_demo_lingkungan(desa_kode=kode, rng=rng)
        camat = Pengguna.objects.create(username="bench-camat", nama="Camat Bench", email=None)
        Keanggotaan.objects.create(pengguna=camat, peran="camat", wilayah_id=KECAMATAN, owner_id=KECAMATAN)
    kecamatan = Wilayah.objects.get(kode=KECAMATAN)
    desa = Wilayah.objects.filter(induk_id=KECAMATAN, tingkat="desa").order_by("kode").first()
    # The bench runs with DEBUG off and no collectstatic: plain static storage, test host.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic here
        client = Client()
        client.force_login(camat)
        for name, url in (
            ("halaman daftar wilayah (pohon) untuk camat", reverse("wilayah:daftar")),
            ("halaman detail kecamatan (peta + desa) untuk camat", reverse("wilayah:detail", args=[kecamatan.pk])),
            ("halaman detail desa (peta + dusun/RW/RT) untuk camat", reverse("wilayah:detail", args=[desa.pk])),
        ):
            assert client.get(url).status_code == 200, url  # warm caches and the session
            samples = timed_page(client, url, 20)
            report(name, samples, note=f"median dari 20 permintaan; p90 {statistics.quantiles(samples, n=10)[-1] * 1000:.0f} ms")


def run(report):
    if NASIONAL.exists():
        with NASIONAL.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        with acting_as("sistem:bench"):
            hasil = []
            report("impor nasional 91.599 wilayah (pertama, termasuk jurnal)",
                   timed(lambda: hasil.append(import_wilayah(rows, sumber=NASIONAL.name))), target_s=30,
                   note=f"{Jurnal.objects.count()} entri jurnal")
            assert hasil[0].created == len(rows)
            before = Jurnal.objects.count()
            report("impor nasional ulang (tidak ada perubahan)",
                   timed(lambda: hasil.append(import_wilayah(rows, sumber=NASIONAL.name))), target_s=30,
                   note="0 baris ditulis, 0 entri jurnal")
            assert hasil[1].created == hasil[1].updated == 0 and Jurnal.objects.count() == before
    else:
        print(f"  (lewati impor nasional: {NASIONAL} tidak ada)")
    with acting_as("sistem:bench"):
        report("load_seruyan (batas wilayah, unit kerja, jabatan)", timed(load_seruyan))
    _pages(report)
