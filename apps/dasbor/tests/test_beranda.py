"""The home page: each role sees its own area's figures and what needs its attention."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.akun.roles import PERAN
from tests import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return world.build()


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    resp = client.get("/")
    assert resp.status_code == 200
    return resp.content.decode()


@pytest.mark.parametrize("peran", [p.kode for p in PERAN])
def test_every_role_gets_a_home_page(dunia, peran):
    assert "Selamat datang" in _home(dunia.users[peran])


def test_bupati_sees_the_whole_regency_by_kecamatan_but_not_another_kabupaten(dunia):
    body = _home(dunia.users["bupati"])
    assert "Penduduk per wilayah" in body
    assert "Seruyan Hilir" in body and "Seruyan Tengah" in body
    assert "Kumai" not in body  # kecamatan of the other kabupaten
    assert "Piramida penduduk" in body


def test_camat_sees_his_villages_and_villages_without_an_operator(dunia):
    body = _home(dunia.users["camat"])
    assert "Pematang Limau" in body and "Sungai Perlu" in body
    assert "Desa Tengah" not in body  # another kecamatan
    assert "belum punya operator" not in body  # both villages have one in the world


def test_camat_is_told_which_village_has_no_operator_account(dunia):
    from apps.sinkron.context import acting_as

    with acting_as("sistem:uji"):
        world._desa("62.07.01.2010", "Baung", world.KEC, world.KAB)
        world._desa("62.07.02.2002", "Desa Seberang", world.KEC_LAIN, world.KAB)
    body = _home(dunia.users["camat"])
    assert "1 desa/kelurahan belum punya operator" in body and "Baung" in body
    assert "Desa Seberang" not in body  # not his kecamatan


def test_village_operator_is_told_to_turn_on_two_factor(dunia):
    body = _home(dunia.users["operator_desa"])
    assert "Verifikasi dua langkah belum aktif" in body
    assert "Penduduk per wilayah" not in body  # a village has no child villages to compare


def test_resident_sees_only_own_family(dunia):
    body = _home(dunia.users["warga"])
    assert "Keluarga saya" in body
    assert "Kepala Pematang Limau" in body and "Istri Pematang Limau" in body
    assert "Tetangga Pematang Limau" not in body
    assert "Perubahan terbaru" not in body


def test_home_page_query_count_does_not_grow_with_the_data(dunia):
    def count(user):
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    before = {p: count(dunia.users[p]) for p in ("bupati", "camat", "operator_desa")}
    # More villages, families and residents in scope must not add queries (no N+1).
    from apps.sinkron.context import acting_as

    with acting_as("sistem:uji"):
        world._desa("62.07.01.2010", "Baung", world.KEC, world.KAB)
        world._desa("62.07.02.2002", "Desa Baru", world.KEC_LAIN, world.KAB)
    after = {p: count(dunia.users[p]) for p in ("bupati", "camat", "operator_desa")}
    assert after == before
    # Pinned: session, user, OTP device, memberships (~5) + the page's own reads.
    # The village office pays one more: the grouped count of letters waiting for it.
    # Staff working in a unit pay three for the e-office card (letters, dispositions, naskah).
    assert before == {"bupati": 18, "camat": 19, "operator_desa": 19}
