"""Fixtures for the wilayah tests: a small real slice of Seruyan (two kecamatan, a kelurahan
and three desa, loaded through the import service) and users holding each kind of role."""
from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from apps.akun.models import Keanggotaan, Pengguna
from apps.wilayah.models import UnitKerja, Wilayah
from apps.wilayah.services import import_wilayah

SHARED_DATA = settings.BASE_DIR.parent / "shared" / "data"

KAB, KEC, KEC_LAIN = "62.07", "62.07.01", "62.07.02"
DESA_A, DESA_B, DESA_C, KEL = "62.07.01.2005", "62.07.01.2006", "62.07.02.2008", "62.07.01.1001"

IRISAN_SERUYAN = [
    {"kode": "62", "nama": "Kalimantan Tengah", "tingkat": "provinsi", "induk": ""},
    {"kode": KAB, "nama": "Kabupaten Seruyan", "tingkat": "kabupaten", "induk": "62"},
    {"kode": KEC, "nama": "Seruyan Hilir", "tingkat": "kecamatan", "induk": KAB},
    {"kode": KEC_LAIN, "nama": "Seruyan Tengah", "tingkat": "kecamatan", "induk": KAB},
    {"kode": KEL, "nama": "Kuala Pembuang I", "tingkat": "kelurahan", "induk": KEC},
    {"kode": DESA_A, "nama": "Pematang Limau", "tingkat": "desa", "induk": KEC},
    {"kode": DESA_B, "nama": "Sungai Perlu", "tingkat": "desa", "induk": KEC},
    {"kode": DESA_C, "nama": "Gantung Pangayuh", "tingkat": "desa", "induk": KEC_LAIN},
]


def pytest_configure(config):
    config.addinivalue_line("markers", "nasional: memuat 91.599 kode wilayah nasional (butuh ../shared/data)")


@pytest.fixture
def irisan(db):
    import_wilayah([dict(r) for r in IRISAN_SERUYAN], sumber="uji", baris_awal=1)
    return {w.kode: w for w in Wilayah.objects.all()}


@pytest.fixture
def buat_pengguna(db):
    """buat_pengguna("operator_desa", DESA_A) -> a logged-in Client and the user."""

    def make(peran: str, wilayah: str, unit: UnitKerja | None = None, username: str | None = None):
        user = Pengguna.objects.create(username=username or f"{peran}-{wilayah}", nama=f"{peran} {wilayah}", email=None)
        Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=wilayah, unit=unit, owner_id=wilayah)
        client = Client()
        client.force_login(user)
        return client, user

    return make


@pytest.fixture
def operator_a(irisan, buat_pengguna):
    return buat_pengguna("operator_desa", DESA_A)


@pytest.fixture
def admin_kab(irisan, buat_pengguna):
    return buat_pengguna("admin_kabupaten", KAB)
