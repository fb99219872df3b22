"""The leaders' dashboard: scoped by role, live by polling, never the reporter."""
from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.dasbor import pimpinan, ringkasan
from tests import world

from ._pimpinan import aspirasi, isi_tabel

pytestmark = pytest.mark.django_db
URL, DATA = "/dasbor/", "/dasbor/data/"
# Bupati's live JSON: warm (13: session, user, 2FA, roles, journal head, summary marker, feed,
# session save) and right after one aspiration changed (the journal pass for it + the recount).
NQ_JSON_HANGAT, NQ_JSON_BERUBAH = 13, 32


@pytest.fixture
def dunia():
    return world.build()


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_bupati_sees_the_regency_and_each_kecamatan(dunia):
    aspirasi(world.DESA_KEC_LAIN, "Jembatan putus di Tengah")
    body = _klien(dunia.users["bupati"]).get(URL).content.decode()
    assert 'id="aspirasi-terbaru"' in body
    assert "Jembatan putus di Tengah" in body and "Jalan rusak di Pematang Limau" in body
    assert "Seruyan Hilir" in body and "Seruyan Tengah" in body
    assert "Desa Kumai" not in body and "Kumai" not in body


def test_camat_never_sees_another_kecamatan(dunia):
    aspirasi(world.DESA_KEC_LAIN, "Jembatan putus di Tengah")
    c = _klien(dunia.users["camat"])
    body = c.get(URL).content.decode()
    assert "Jalan rusak di Pematang Limau" in body
    assert "Jembatan putus" not in body and "Desa Tengah" not in body
    data = c.get(DATA).json()
    assert data["wilayah"]["kode"] == world.KEC
    assert data["aspirasi"]["total"] == 2  # the two villages of the kecamatan
    assert {r["kode"] for r in data["peta"]} == {world.DESA, world.DESA_TETANGGA}
    for kode in (world.KEC_LAIN, world.DESA_KEC_LAIN, world.KAB, world.DESA_KAB_LAIN, "bukan-kode"):
        assert c.get(URL, {"wilayah": kode}).status_code == 404
        assert c.get(DATA, {"wilayah": kode}).status_code == 404


def test_village_roles_see_their_village_and_can_open_items(dunia):
    c = _klien(dunia.users["kepala_desa"])
    body = c.get(URL).content.decode()
    assert "Aspirasi di Pematang Limau" in body
    # Each item opens the aspiration's page once the aspirations area is mounted.
    assert pimpinan._url_aspirasi(uuid.uuid4()) in body or "/aspirasi/" in body
    assert "Sungai Perlu" not in body
    assert c.get(URL, {"wilayah": world.DESA_TETANGGA}).status_code == 404


def test_drill_down_inside_the_scope(dunia):
    c = _klien(dunia.users["bupati"])
    assert c.get(URL, {"wilayah": world.KEC}).status_code == 200
    body = c.get(URL, {"wilayah": world.DESA}).content.decode()
    assert "Aspirasi di Pematang Limau" in body


def test_roles_without_a_dashboard_are_refused(dunia):
    for peran in ("warga", "bpd", "staf_pd"):
        assert _klien(dunia.users[peran]).get(URL).status_code == 403
    assert Client().get(URL).status_code == 302


def test_anonymous_reporter_never_shown(dunia):
    aspirasi(world.DESA, "Pungutan liar di kantor", anonim=True, pelapor="Siti Anonim Sekali")
    c = _klien(dunia.users["bupati"])
    body = c.get(URL).content.decode() + c.get(DATA).content.decode()
    assert "Pungutan liar di kantor" in body
    assert "Siti Anonim Sekali" not in body and "Pelapor Pematang Limau" not in body


def test_live_endpoint_new_items_after_cursor_and_nothing_when_unchanged(dunia):
    c = _klien(dunia.users["camat"])
    awal = c.get(DATA).json()
    kursor = awal["kursor"]
    assert c.get(DATA, {"sejak": kursor}).status_code == 204
    resp = c.get(DATA, HTTP_IF_NONE_MATCH=f'"{kursor}"')
    assert resp.status_code == 304
    aspirasi(world.DESA_TETANGGA, "Lampu jalan mati")
    aspirasi(world.DESA_KEC_LAIN, "Di kecamatan lain")
    baru = c.get(DATA, {"sejak": kursor}).json()
    assert [b["judul"] for b in baru["terbaru"]] == ["Lampu jalan mati"]
    assert baru["aspirasi"]["total"] == awal["aspirasi"]["total"] + 1
    assert baru["kursor"] != kursor
    assert c.get(DATA, {"sejak": baru["kursor"]}).status_code == 204


def test_overdue_counted_against_today(dunia):
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    aspirasi(world.DESA, "Terlambat", tenggat=kemarin)
    aspirasi(world.DESA, "Belum", tenggat=timezone.localdate() + datetime.timedelta(days=3))
    data = _klien(dunia.users["kepala_desa"]).get(DATA).json()
    # the world's aspiration (deadline 2026-11-09) plus ours: overdue = those before today
    semua = [datetime.date(2026, 11, 9), kemarin]
    assert data["aspirasi"]["terlambat"] == sum(1 for t in semua if t < timezone.localdate())
    assert data["aspirasi"]["terbuka"] == 3


def test_summary_incremental_equals_rebuild(dunia):
    _klien(dunia.users["bupati"]).get(DATA)
    a = aspirasi(world.DESA, "Akan selesai")
    ringkasan.perbarui()
    a.terbuka = False
    a.selesai_pada = timezone.now()
    a.ditanggapi_pada = timezone.now()
    a.save()
    ringkasan.catat_perubahan(a)  # the service hook, then the journal pass: counted once
    ringkasan.perbarui()
    inkremental = isi_tabel()
    ringkasan.bangun_ulang()
    assert isi_tabel() == inkremental
    data = _klien(dunia.users["kepala_desa"]).get(DATA).json()
    assert data["aspirasi"]["sla_persen"] == 100.0 and data["aspirasi"]["median_respon"] == 0.0


def test_population_and_musrenbang_shown(dunia):
    data = _klien(dunia.users["camat"]).get(DATA).json()
    assert data["penduduk"]["penduduk"] > 0 and data["penduduk"]["keluarga"] > 0
    assert data["penduduk"]["laki_laki"] + data["penduduk"]["perempuan"] == data["penduduk"]["penduduk"]
    assert data["musrenbang"] is not None and data["musrenbang"]["jumlah_desa"] == 2


def test_query_counts_pinned(dunia):
    c = _klien(dunia.users["bupati"])
    c.get(URL)  # warm the caches (population, names)
    with CaptureQueriesContext(connection) as html:
        assert c.get(URL).status_code == 200
    kursor = c.get(DATA).json()["kursor"]
    with CaptureQueriesContext(connection) as poll:
        assert c.get(DATA, {"sejak": kursor}).status_code == 204
    assert len(html) <= 12, [q["sql"] for q in html]
    assert len(poll) <= 8, [q["sql"] for q in poll]  # 7 of them: session, user, 2FA, roles


def test_json_query_count_pinned(dunia, django_assert_num_queries):
    """The live JSON of the whole kabupaten: fixed query counts, whatever the number of
    aspirations (the figures come from the narrow summary tables, cached per version)."""
    c = _klien(dunia.users["bupati"])
    assert c.get(DATA).status_code == 200  # warm: population, names, the summary itself
    with django_assert_num_queries(NQ_JSON_HANGAT):
        assert c.get(DATA).status_code == 200
    a = aspirasi(world.DESA_KEC_LAIN, "Baru saja masuk")
    a.refresh_from_db()
    with django_assert_num_queries(NQ_JSON_BERUBAH):  # journal pass for one aspiration + recount
        data = c.get(DATA).json()
    assert data["aspirasi"]["total"] == 4
    a.judul += " (diperbaiki)"  # journaled, but no count moves: the cached figures stay
    a.save()
    # + the journal pass (range, savepoint, claim, the aspiration, where it is counted, holidays,
    # release) but no recount
    with django_assert_num_queries(NQ_JSON_HANGAT + 7):
        assert c.get(DATA).status_code == 200
