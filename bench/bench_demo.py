"""The population registry at regency scale: generating 160,000 demo residents (journaled),
the resident list for an operator and for a camat, and the dashboard aggregates for the Bupati.

Regions come from apps.wilayah.services (load_seruyan + generate_demo_lingkungan) when that
module exists, otherwise from a minimal tree of 10 kecamatan x 10 desa x 5 RT built here."""
from __future__ import annotations

import random
import statistics

from django.test import Client, override_settings

from apps.akun.models import Keanggotaan, Pengguna
from apps.kependudukan.demo import generate_penduduk
from apps.kependudukan.selectors import ringkasan
from apps.sinkron.context import acting_as
from apps.wilayah.models import LEVEL_DESA, Wilayah
from bench._util import timed, timed_page

JUMLAH = 160_000
SEED = 2026
KABUPATEN = "62.07"


def _wilayah_minimal() -> None:
    rows = [Wilayah(kode="62", nama="Kalimantan Tengah", tingkat="provinsi", level=1, owner_id="62"),
            Wilayah(kode=KABUPATEN, nama="Kabupaten Seruyan", tingkat="kabupaten", level=2, induk_id="62",
                    owner_id=KABUPATEN)]
    for k in range(1, 11):
        kec = f"{KABUPATEN}.{k:02d}"
        rows.append(Wilayah(kode=kec, nama=f"Kecamatan {k}", tingkat="kecamatan", level=3, induk_id=KABUPATEN,
                            owner_id=KABUPATEN))
        for d in range(1, 11):
            desa = f"{kec}.{2000 + d}"
            rows.append(Wilayah(kode=desa, nama=f"Desa {k}-{d}", tingkat="desa", level=4, induk_id=kec,
                                owner_id=KABUPATEN))
            dusun, rw = f"{desa}.01", f"{desa}.01.001"
            rows += [Wilayah(kode=dusun, nama="Dusun I", tingkat="dusun", level=5, induk_id=desa, owner_id=desa),
                     Wilayah(kode=rw, nama="RW 001", tingkat="rw", level=6, induk_id=dusun, owner_id=desa)]
            rows += [Wilayah(kode=f"{rw}.{t:03d}", nama=f"RT {t:03d}", tingkat="rt", level=7, induk_id=rw,
                             owner_id=desa) for t in range(1, 6)]
    Wilayah.objects.bulk_create(rows)


def siapkan_wilayah() -> dict[str, list[str]]:
    """Regions of the kabupaten; returns desa code -> RT codes for the generator."""
    try:
        from apps.wilayah import services
    except ImportError:
        services = None
    with acting_as("sistem:bench"):
        if services is not None and hasattr(services, "load_seruyan") and hasattr(services, "generate_demo_lingkungan"):
            services.load_seruyan()
            rng = random.Random(SEED)
            for kode in Wilayah.objects.filter(level=LEVEL_DESA).order_by("kode").values_list("kode", flat=True):
                services.generate_demo_lingkungan(desa_kode=kode, rng=rng)
        else:
            _wilayah_minimal()
    desa_rt: dict[str, list[str]] = {
        k: [] for k in Wilayah.objects.filter(level=LEVEL_DESA, kode__startswith=KABUPATEN + ".").values_list("kode", flat=True)
    }
    for kode, owner in Wilayah.objects.filter(level=7, kode__startswith=KABUPATEN + ".").values_list("kode", "owner_id"):
        desa_rt.setdefault(owner, []).append(kode)
    return desa_rt


def pengguna(username: str, peran: str, wilayah: str) -> Pengguna:
    user = Pengguna.objects.create(username=username, nama=username.title())
    with acting_as("sistem:bench"):
        Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=wilayah, owner_id=wilayah)
    return user


def run(report):
    desa_rt = siapkan_wilayah()
    out = []
    samples = timed(lambda: out.append(generate_penduduk(desa_rt=desa_rt, jumlah=JUMLAH, seed=SEED)))
    hasil = out[0]
    report(f"demo: {hasil.penduduk:,} penduduk + {hasil.keluarga:,} KK (berjurnal)".replace(",", "."),
           samples, target_s=60, note=f"{len(desa_rt)} desa, seed {SEED}")

    desa = max(hasil.per_desa, key=hasil.per_desa.get)
    kecamatan = desa.rsplit(".", 1)[0]
    operator = pengguna("operator", "operator_desa", desa)
    camat = pengguna("camat", "camat", kecamatan)
    bupati = pengguna("bupati", "bupati", KABUPATEN)
    # The bench runs with DEBUG off and no collectstatic: plain static storage for the templates.
    with override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
                           ALLOWED_HOSTS=["*"]):
        for user, label in ((operator, f"operator desa ({hasil.per_desa[desa]:,} jiwa)"),
                            (camat, "camat (satu kecamatan)")):
            client = Client()
            client.force_login(user)
            report(f"daftar penduduk: {label}".replace(",", "."), timed_page(client, "/penduduk/"), target_s=0.3)
            report(f"cari nama 'siti': {label}".replace(",", "."), timed_page(client, "/penduduk/?q=siti"),
                   target_s=0.3)
            report(f"daftar keluarga: {label}".replace(",", "."), timed_page(client, "/penduduk/keluarga/"),
                   target_s=0.3)
    hasil_ringkasan = []
    samples = timed(lambda: hasil_ringkasan.append(ringkasan(bupati)), 5,
                    before=lambda: setattr(bupati, "_edesa_keanggotaan", None))
    data = hasil_ringkasan[-1]
    report(f"ringkasan() cakupan Bupati ({data['total']:,} jiwa)".replace(",", "."), samples, target_s=1.0,
           note=f"median {statistics.median(samples) * 1000:.0f} ms")
