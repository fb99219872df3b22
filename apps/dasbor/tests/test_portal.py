"""The public portal: no login, aggregates and anonymised public aspirations, cached whole."""
from __future__ import annotations

import pytest
from django.test import Client

from tests import world

from ._pimpinan import aspirasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return world.build()


def _get(url: str):
    resp = Client().get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return resp


def test_pages_open_without_login(dunia):
    for url in ("/portal/", f"/portal/kecamatan/{world.KEC}/", f"/portal/desa/{world.DESA}/", "/portal/peta/"):
        resp = _get(url)
        assert "public" in resp["Cache-Control"] and "max-age=60" in resp["Cache-Control"]
        assert not resp.cookies
    body = _get("/portal/").content.decode()
    assert "Seruyan Hilir" in body and "Penduduk" in body


def test_no_reporter_no_confidential_no_hidden(dunia):
    aspirasi(world.DESA, "Lampu jalan padam", anonim=True, pelapor="Siti Anonim Sekali", jawaban="Sudah diganti.",
             status="selesai", terbuka=False)
    aspirasi(world.DESA, "Kasus rahasia guru", rahasia=True, status="diverifikasi")
    aspirasi(world.DESA, "Spam disembunyikan", disembunyikan=True, status="diverifikasi")
    aspirasi(world.DESA, "Jalan biasa", pelapor="Budi Bernama Jelas", status="diteruskan")
    for url in ("/portal/", f"/portal/kecamatan/{world.KEC}/", f"/portal/desa/{world.DESA}/"):
        body = _get(url).content.decode()
        assert "Lampu jalan padam" in body and "Sudah diganti." in body and "Jalan biasa" in body
        assert "Kasus rahasia guru" not in body and "Spam disembunyikan" not in body
        for nama in ("Siti Anonim Sekali", "Budi Bernama Jelas", "Pelapor Pematang Limau", "Budi Pelapor Rahasia"):
            assert nama not in body
        assert "NIK" not in body


def test_only_what_an_office_has_looked_at_is_published(dunia):
    aspirasi(world.DESA, "Belum diperiksa petugas")
    aspirasi(world.DESA, "Ditolak karena tidak jelas", status="ditolak", terbuka=False)
    aspirasi(world.DESA, "Sudah diverifikasi desa", status="diverifikasi")
    aspirasi(world.DESA, "Ke kabupaten saja", status="bukan_kewenangan", terbuka=False)
    body = _get(f"/portal/desa/{world.DESA}/").content.decode()
    assert "Belum diperiksa petugas" not in body and "Ditolak karena tidak jelas" not in body
    assert "Sudah diverifikasi desa" in body and "Diverifikasi" in body
    assert "Ke kabupaten saja" in body and "Bukan kewenangan" in body


def test_heading_names_the_region_once(dunia):
    body = _get("/portal/").content.decode()
    assert "Kabupaten Kabupaten" not in body and "Kabupaten Seruyan" in body


def test_unknown_or_foreign_regions_are_404(dunia):
    c = Client()
    for url in (f"/portal/kecamatan/{world.DESA}/", f"/portal/desa/{world.KEC}/", "/portal/desa/62.01.01.2001/",
                "/portal/kecamatan/62.01.01/", "/portal/desa/bukan/"):
        assert c.get(url).status_code == 404, url
    assert c.post("/portal/").status_code == 405


def test_second_request_is_served_from_the_cache(dunia, django_assert_num_queries):
    for url in ("/portal/", f"/portal/desa/{world.DESA}/", "/portal/peta/"):
        _get(url)
        with django_assert_num_queries(0):
            _get(url)


def test_peta_has_every_village_of_the_kabupaten(dunia):
    body = _get("/portal/peta/").content.decode()
    assert world.DESA in body and world.DESA_KEC_LAIN in body and world.DESA_KAB_LAIN not in body


def test_portal_never_prints_a_tracking_code(dunia):
    """A tracking code is a bearer secret (it opens /lapor/status/ and its rating and reopening):
    the portal lists public aspirations without theirs."""
    from apps.aspirasi.models import Aspirasi

    a = aspirasi(world.DESA, "Lampu jalan padam", jawaban="Sudah diganti.", status="diproses")
    a.kode_lacak = "RHS7KQ2M9P"
    Aspirasi.objects.filter(pk=a.pk).update(kode_lacak=a.kode_lacak)
    aspirasi(world.DESA, "Jalan biasa", status="diverifikasi")
    kode = set(Aspirasi.objects.values_list("kode_lacak", flat=True))
    for url in ("/portal/", f"/portal/kecamatan/{world.KEC}/", f"/portal/desa/{world.DESA}/", "/portal/peta/"):
        body = _get(url).content.decode()
        if url != "/portal/peta/":
            assert "Lampu jalan padam" in body and "Jalan biasa" in body
        assert not [k for k in kode if k in body], url
