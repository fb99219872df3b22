"""Shared setup of the letter-core tests (not collected: no test_ prefix): the small world,
the regency catalogue, a checked letter waiting for signature, and an unlocked signing key."""
from __future__ import annotations

import pytest
from django.utils import timezone

from apps.dokumen import ca, tte
from apps.sinkron.context import acting_as
from apps.surat import bawaan, selectors
from apps.surat.models import JenisSurat, StatusSurat, Surat
from tests import world

SANDI_TTE = "passphrase-uji-panjang"


@pytest.fixture(name="dunia")
def dunia_inti(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    d = world.build()
    bawaan.muat_katalog(world.KAB)
    return d


def jenis(kode: str = "domisili") -> JenisSurat:
    return JenisSurat.objects.get(kode=kode)


def surat_diperiksa(dunia, *, kode="domisili", isian=None, penduduk=None, desa=world.DESA) -> Surat:
    """A letter straight in status DIPERIKSA (the workflow that gets it there is Helper C's)."""
    j = jenis(kode)
    p = penduduk or dunia.warga_penduduk
    with acting_as("sistem:uji"):
        return Surat.objects.create(
            jenis=j, template=selectors.template_berlaku(j, desa), penduduk=p, status=StatusSurat.DIPERIKSA,
            isian=isian if isian is not None else {"keperluan": "Melamar pekerjaan"}, owner_id=desa,
            diajukan_pada=timezone.now(), diperiksa_pada=timezone.now(), nama_cari=p.nama.lower())


def kunci(dunia, peran: str = "kepala_desa") -> tte.Kunci:
    pengguna = dunia.users[peran]
    if ca.sertifikat_aktif(pengguna) is None:
        ca.terbitkan_sertifikat(pengguna=pengguna, passphrase=SANDI_TTE)
    return tte.buka_kunci(pengguna, SANDI_TTE)
