"""Demo data for a fresh installation: Kabupaten Seruyan's real regions and units, a plausible
set of dusun/RW/RT, pseudonymous residents, and one login per role (printed by `make run`).

The accounts are for demonstration only; `DEMO_SANDI` is public. Never run `demo` on a
production database (the command refuses when real accounts exist, see the command).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

DEMO_SANDI = "Seruyan-Demo-2026"
DESA_DEMO = "62.07.01.2005"  # Pematang Limau, Kecamatan Seruyan Hilir
KECAMATAN_DEMO = "62.07.01"
KABUPATEN = "62.07"


@dataclass(frozen=True)
class AkunDemo:
    username: str
    nama: str
    peran: str
    wilayah: str
    unit: str  # how to find the unit: "kode:<unit code>", "kecamatan", "desa", "bpd" (of the wilayah)
    keterangan: str


AKUN_DEMO = [
    AkunDemo("admin", "Admin Kabupaten Seruyan", "admin_kabupaten", KABUPATEN, "kode:PD-DISKOMINFO", "admin kabupaten"),
    AkunDemo("bupati", "Bupati Seruyan", "bupati", KABUPATEN, "kode:PD-BUPATI", "Bupati"),
    AkunDemo("wabup", "Wakil Bupati Seruyan", "wakil_bupati", KABUPATEN, "kode:PD-BUPATI", "Wakil Bupati"),
    AkunDemo("tu_bupati", "Staf Tata Usaha Kantor Bupati", "staf_pd", KABUPATEN, "kode:PD-BUPATI",
             "tata usaha Kantor Bupati (mencatat surat masuk)"),
    AkunDemo("bappeda", "Kepala Bappeda Seruyan", "bappeda", KABUPATEN, "kode:PD-BAPPEDA", "Kepala Bappeda"),
    AkunDemo("kabid", "Kabid Perencanaan Bappeda", "bappeda", KABUPATEN, "kode:PD-BAPPEDA",
             "Kepala Bidang di Bappeda (disposisi berjenjang)"),
    AkunDemo("dpmd", "Staf Dinas PMD", "staf_pd", KABUPATEN, "kode:PD-DPMD", "perangkat daerah (Dinas PMD)"),
    AkunDemo("camat", "Camat Seruyan Hilir", "camat", KECAMATAN_DEMO, "kecamatan", "Camat Seruyan Hilir"),
    AkunDemo("kecamatan", "Staf Kecamatan Seruyan Hilir", "staf_kecamatan", KECAMATAN_DEMO, "kecamatan", "staf kecamatan"),
    AkunDemo("kades", "Kepala Desa Pematang Limau", "kepala_desa", DESA_DEMO, "desa", "Kepala Desa Pematang Limau"),
    AkunDemo("sekdes", "Sekretaris Desa Pematang Limau", "sekdes", DESA_DEMO, "desa", "Sekretaris Desa"),
    AkunDemo("operator", "Operator Desa Pematang Limau", "operator_desa", DESA_DEMO, "desa", "operator desa"),
    AkunDemo("bpd", "Ketua BPD Pematang Limau", "bpd", DESA_DEMO, "bpd", "BPD"),
    AkunDemo("warga", "", "warga", DESA_DEMO, "", "warga (kepala keluarga di Pematang Limau)"),
]


def _unit_for(spec: str, wilayah: str):
    from apps.wilayah.models import UnitKerja

    units = UnitKerja.objects.filter(aktif=True)
    if spec.startswith("kode:"):
        return units.filter(kode=spec[5:]).first()
    if spec == "kecamatan":
        return units.filter(jenis="kecamatan", wilayah_id=wilayah).first()
    if spec == "desa":
        return units.filter(jenis__in=["pemdes", "kelurahan"], wilayah_id=wilayah).first()
    if spec == "bpd":
        return units.filter(jenis="bpd", wilayah_id=wilayah).first()
    return None


def buat_akun_demo() -> list[AkunDemo]:
    """Creates (or leaves as they are) the demo logins; returns the table to print."""
    from apps.akun import services as akun
    from apps.akun.models import Keanggotaan, Pengguna
    from apps.kependudukan.models import Penduduk

    for a in AKUN_DEMO:
        with transaction.atomic():
            user = Pengguna.objects.filter(username=a.username).first()
            nama = a.nama
            penduduk = None
            if a.peran == "warga":
                # A head of a full family, so the resident's page shows what a family looks like.
                penduduk = (Penduduk.objects.filter(owner_id=a.wilayah, shdk=1, status_dasar=1, akun__isnull=True)
                            .annotate(anggota=Count("keluarga__anggota")).order_by("-anggota", "nik").first())
                if user is None and penduduk is None:
                    continue
                nama = nama or (penduduk.nama if penduduk else "Warga")
            if user is None:
                user = akun.create_pengguna(username=a.username, password=DEMO_SANDI, nama=nama,
                                            email=f"{a.username}@demo.edesa.local")
            unit = _unit_for(a.unit, a.wilayah) if a.unit else None
            if not Keanggotaan.objects.filter(pengguna=user, peran=a.peran, wilayah_id=a.wilayah).exists():
                akun.grant_peran(pengguna=user, peran=a.peran, wilayah_kode=a.wilayah, unit=unit)
            if penduduk is not None and not Penduduk.objects.filter(akun=user).exists():
                Penduduk.objects.filter(pk=penduduk.pk).update(akun=user)
    return AKUN_DEMO


def siapkan(*, penduduk: int, seed: int, log: Callable[[str], None], progress=None) -> None:
    """Loads Seruyan, local units and residents; idempotent for the regions and accounts."""
    from apps.kependudukan.demo import generate_penduduk
    from apps.kependudukan.models import Penduduk
    from apps.wilayah import services as wilayah
    from apps.wilayah.models import LEVEL_DESA, Wilayah

    log("Memuat wilayah dan unit kerja Kabupaten Seruyan ...")
    wilayah.load_seruyan()
    desa_codes = list(Wilayah.objects.filter(level=LEVEL_DESA, kode__startswith=KABUPATEN + ".")
                      .order_by("kode").values_list("kode", flat=True))
    rng = random.Random(seed)
    if not Wilayah.objects.filter(level__gt=LEVEL_DESA, kode__startswith=KABUPATEN + ".").exists():
        log(f"Membuat dusun/RW/RT untuk {len(desa_codes)} desa/kelurahan ...")
        for kode in desa_codes:
            wilayah.generate_demo_lingkungan(desa_kode=kode, rng=rng)
    if Penduduk.objects.exists():
        log("Penduduk sudah ada; tidak dibuat ulang.")
    else:
        rt = {}
        for kode, desa in Wilayah.objects.filter(level=7, kode__startswith=KABUPATEN + ".").values_list("kode", "owner_id"):
            rt.setdefault(desa, []).append(kode)
        log(f"Membuat {penduduk:,} penduduk semu (seed {seed}) ...".replace(",", "."))
        generate_penduduk(desa_rt=rt, jumlah=penduduk, seed=seed, progress=progress)
    log("Membuat akun demo ...")
    buat_akun_demo()
    from apps.surat import demo as surat_demo

    surat_demo.siapkan(kode_kabupaten=KABUPATEN, kode_desa=DESA_DEMO, log=log)
    from apps.persuratan import demo as persuratan_demo

    persuratan_demo.siapkan(kode_kabupaten=KABUPATEN, kode_kecamatan=KECAMATAN_DEMO, kode_desa=DESA_DEMO, log=log)
    from apps.akun.models import Pengguna

    users = {u.username: u for u in Pengguna.objects.filter(username__in=[a.username for a in AKUN_DEMO])}
    from apps.perencanaan import demo as musrenbang_demo
    from apps.perencanaan import demo_rencana

    log("Membuat RPJM Desa, RKP Desa dan siklus Musrenbang demo ...")
    demo_rencana.siapkan(users)
    musrenbang_demo.siapkan(users)
    from apps.aspirasi import demo as aspirasi_demo

    log("Membuat kategori, hari libur dan aspirasi demo ...")
    aspirasi_demo.siapkan(users)
