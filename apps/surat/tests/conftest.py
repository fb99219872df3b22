"""Fixtures of the surat tests: the test world with the letter catalogue, and the home
village's head of family logged in through layanan mandiri. A test module's own fixture of
the same name takes precedence."""
from __future__ import annotations

import pytest

from apps.kependudukan.models import Penduduk
from apps.surat import bawaan
from tests import world

from ._mandiri import warga_masuk


@pytest.fixture(name="dunia")
def dunia_katalog(db):
    """The test world with the regency's letter catalogue."""
    d = world.build()
    bawaan.muat_katalog(world.KAB)
    return d


@pytest.fixture
def warga(dunia, client) -> Penduduk:
    """The home village's head of family, logged in through layanan mandiri."""
    return warga_masuk(dunia, client)
