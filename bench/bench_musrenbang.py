"""The Musrenbang at regency scale: the Seruyan regions (load_seruyan), 20,000 proposals across
its villages, each with its village-stage record (about 80% passed on within the ceiling),
every village's sent list, and the kecamatan-stage records of every kecamatan.

Targets (issue 6): re-ranking one kecamatan's whole list and the kecamatan stage page for the
camat at most 200 ms; the public "lacak usulan" page at most 50 ms (measured with the page
cache cleared before each request, i.e. the uncached cost).

Measured: `penilaian.hitung_ulang` for the largest kecamatan, the stage page
/perencanaan/tahap/<pk>/ for its camat, and /musrenbang/lacak/?kode=... ."""
from __future__ import annotations

import datetime
import os
import random
import tempfile
import warnings
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from apps.akun.models import Keanggotaan, Pengguna
from apps.perencanaan.models import (
    DaftarUsulan,
    KriteriaPenilaian,
    ModeTahap,
    RevisiUsulan,
    SiklusMusrenbang,
    TahapMusrenbang,
    Urusan,
    Usulan,
)
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja, Wilayah
from bench._util import timed, timed_page

ULANG = int(os.environ.get("BENCH_ULANG", "30"))
TOTAL = int(os.environ.get("BENCH_MUSRENBANG", "20000"))
SEED = 20261129
KEGIATAN = ["Jalan usaha tani", "Jembatan kayu", "Sumur bor", "Drainase", "Posyandu", "Pelatihan kader",
            "Rehab balai desa", "Penerangan jalan", "Bibit karet", "Perahu nelayan", "Air bersih", "Talud"]


def _pengguna(username, peran, unit, wilayah) -> Pengguna:
    u = Pengguna(username=username, nama=username.title(), email=f"{username}@bench.local")
    u.set_unusable_password()
    u.save()
    Keanggotaan.objects.create(pengguna=u, peran=peran, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
    return u


def _data(kab: str):
    rng = random.Random(SEED)
    desa = list(Wilayah.objects.filter(kode__startswith=kab + ".", tingkat__in=("desa", "kelurahan"))
                .values_list("kode", flat=True).order_by("kode"))
    unit_desa = dict(UnitKerja.objects.filter(wilayah_id__in=desa, jenis__in=("pemdes", "kelurahan"))
                     .values_list("wilayah_id", "pk"))
    kec_kode = sorted({d.rsplit(".", 1)[0] for d in desa})
    unit_kec = dict(UnitKerja.objects.filter(wilayah_id__in=kec_kode, jenis="kecamatan").values_list("wilayah_id", "pk"))
    pd = list(UnitKerja.objects.filter(wilayah_id=kab, jenis="pd").values_list("pk", flat=True))
    siklus = SiklusMusrenbang.objects.create(tahun_rencana=2027, nama="Musrenbang RKPD 2027", owner_id=kab,
                                             pagu_desa_bawaan=2_000_000_000, pagu_kecamatan_bawaan=15_000_000_000)
    tahap = {}
    for i, jenis in enumerate(("desa", "kecamatan", "forum_pd", "kabupaten", "rkpd"), 1):
        tahap[jenis] = TahapMusrenbang.objects.create(siklus=siklus, jenis=jenis, urutan=i, mode=ModeTahap.BUKA,
                                                      mulai=datetime.date(2026, 1, 1), selesai=datetime.date(2026, 12, 31),
                                                      owner_id=kab)
    for t in ("desa", "kecamatan"):
        for j, (kode, bobot) in enumerate((("urgensi", 3), ("manfaat", 2), ("kesiapan", 1))):
            KriteriaPenilaian.objects.create(tahap=tahap[t], kode=kode, nama=kode.title(), bobot=bobot, urutan=j,
                                             owner_id=kab)
    sistem = _pengguna("sistem-bench", "admin_kabupaten", None, kab)
    usulan, rev, rev_kec = [], [], []
    urusan = list(Urusan.values)
    for i in range(TOTAL):
        d = desa[int(rng.random() ** 1.3 * len(desa))]  # some villages propose far more
        biaya = Decimal(rng.randrange(20, 900) * 1_000_000)
        u = Usulan(siklus=siklus, kode=f"U27-{i:06d}", nama_kegiatan=f"{rng.choice(KEGIATAN)} {i}",
                   lokasi_id=d, volume=rng.randrange(1, 500), satuan="meter", perkiraan_biaya=biaya,
                   urusan=rng.choice(urusan), pengusul_jenis="warga", pengusul_nama=f"Warga {i}",
                   perangkat_daerah_id=rng.choice(pd) if pd else None, status="dikirim", owner_id=d,
                   dukungan_kertas=rng.randrange(0, 40), dukungan_daring=rng.randrange(0, 40))
        usulan.append(u)
        nilai = {"urgensi": rng.randrange(1, 6), "manfaat": rng.randrange(1, 6), "kesiapan": rng.randrange(1, 6)}
        lolos = rng.random() < 0.8
        rev.append(RevisiUsulan(usulan=u, tahap=tahap["desa"], unit_id=unit_desa[d], volume=u.volume, satuan="meter",
                                perkiraan_biaya=biaya, nilai=nilai, skor=Decimal(sum(nilai.values())),
                                masuk_pagu=lolos, peringkat=1, pengguna=sistem, owner_id=d,
                                perangkat_daerah_id=u.perangkat_daerah_id))
        if lolos:
            kec = d.rsplit(".", 1)[0]
            nk = {k: rng.randrange(1, 6) for k in nilai}
            rev_kec.append(RevisiUsulan(usulan=u, tahap=tahap["kecamatan"], unit_id=unit_kec[kec], volume=u.volume,
                                        satuan="meter", perkiraan_biaya=biaya, nilai=nk, pengguna=sistem, owner_id=kec,
                                        keputusan="ditolak" if rng.random() < 0.05 else "diusulkan",
                                        alasan="Tidak sesuai prioritas kecamatan tahun ini",
                                        perangkat_daerah_id=u.perangkat_daerah_id))
    for i in range(0, len(usulan), 2000):
        Usulan.objects.bulk_insert(usulan[i:i + 2000])
    for rows in (rev, rev_kec):
        for i in range(0, len(rows), 2000):
            RevisiUsulan.objects.bulk_insert(rows[i:i + 2000])
    DaftarUsulan.objects.bulk_insert([DaftarUsulan(tahap=tahap["desa"], wilayah_id=d, status="dikirim", owner_id=d)
                                      for d in desa])
    per_kec = Counter(u.owner_id.rsplit(".", 1)[0] for u in usulan)
    return siklus, tahap, per_kec, unit_kec


def run(report) -> None:
    from apps.perencanaan import penilaian
    from apps.wilayah.services import load_seruyan

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-musrenbang"}}
    with tempfile.TemporaryDirectory() as media, acting_as("sistem:bench"), warnings.catch_warnings(), \
            override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=["testserver"], STORAGES=storages, CACHES=caches):
        warnings.filterwarnings("ignore", message="No directory at")
        load_seruyan()
        kab = "62.07"
        siklus, tahap, per_kec, unit_kec = _data(kab)
        if connection.vendor == "postgresql":
            # What autovacuum does within a minute of a bulk load in production; without it the
            # planner sees empty tables and picks nested loops over 20,000 rows.
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        kec, n_kec = per_kec.most_common(1)[0]
        t_kec = tahap["kecamatan"]
        n_rev = RevisiUsulan.objects.filter(tahap=t_kec, owner_id=kec).count()
        catatan = f"{Usulan.objects.count():,} usulan; kecamatan terbesar {kec}: {n_kec:,} usulan, {n_rev:,} di tahap kecamatan"
        print(f"  data: {catatan}", flush=True)

        penilaian.hitung_ulang(t_kec, kec)  # warm-up (first run writes every rank)
        report("hitung_ulang satu kecamatan (semua usulannya)", timed(lambda: penilaian.hitung_ulang(t_kec, kec), ULANG),
               target_s=0.200, note=catatan)

        camat = _pengguna("camat-bench", "camat", UnitKerja.objects.get(pk=unit_kec[kec]), kec)
        c = Client()
        c.force_login(camat)
        url = f"/perencanaan/tahap/{t_kec.pk}/"
        c.get(url)
        report("halaman tahap kecamatan (camat, daftar + peringkat)", timed_page(c, url, ULANG), target_s=0.200,
               note=f"{n_kec:,} usulan dibaca, 50 per halaman")

        anon = Client()
        kode = Usulan.objects.filter(owner_id__gt=kec + ".", owner_id__lt=kec + "/").order_by("kode").values_list(
            "kode", flat=True)[7]
        lacak = f"/musrenbang/lacak/?kode={kode}"
        anon.get(lacak)

        def get():
            resp = anon.get(lacak)
            assert resp.status_code == 200

        report("halaman publik lacak usulan (tanpa cache)", timed(get, ULANG, before=cache.clear), target_s=0.050)
        report("halaman publik lacak usulan (dari cache 60 dtk)", timed_page(anon, lacak, ULANG), target_s=0.050)
