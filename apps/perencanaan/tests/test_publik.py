"""Public Musrenbang pages: reasons at every stage are shown, a resident proposer's name and
NIKs never are; lacak follows one proposal; the xlsx export; pinned query counts."""
from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.perencanaan import berjenjang

from . import _tahap

pytestmark = pytest.mark.django_db

ALASAN = "Sudah dibangun program provinsi tahun ini"


@pytest.fixture
def s():
    s = _tahap.build()
    camat = s.users["camat"]
    berjenjang.putuskan(camat, tahap=s.tahap["kecamatan"], usulan=s.usulan["U28-A2"], keputusan="ditolak", alasan=ALASAN)
    berjenjang.putuskan(camat, tahap=s.tahap["kecamatan"], usulan=s.usulan["U28-A1"], peringkat_manual=1,
                        alasan_manual="Akses tunggal ke kebun warga", nilai={"urgensi": 2})
    return s


def test_village_page_shows_reasons_never_names(s):
    body = Client().get(reverse("musrenbang:desa", args=[_tahap.DESA])).content.decode()
    assert ALASAN in body and "Akses tunggal ke kebun warga" in body
    assert "Budi Santoso" not in body and "Warga RT 001" in body
    assert _tahap.NIK not in body
    assert "U28-B1" not in body  # the neighbour's


def test_kecamatan_and_home(s):
    body = Client().get(reverse("musrenbang:kecamatan", args=[_tahap.KEC])).content.decode()
    assert "U28-A1" in body and "U28-B1" in body and "U28-C1" not in body and ALASAN in body
    body = Client().get(reverse("musrenbang:beranda")).content.decode()
    assert "Musrenbang RKPD 2028" in body and "Pematang Limau" in body
    assert Client().get(reverse("musrenbang:desa", args=["99.99"])).status_code == 404


def test_lacak_timeline(s):
    c = Client()
    resp = c.get(reverse("musrenbang:lacak"), {"kode": "u28-a2"})
    body = resp.content.decode()
    assert resp.status_code == 200 and "Sumur bor RT 002" in body and ALASAN in body
    assert "Tidak sampai tahap ini" in body and "Budi Santoso" not in body
    assert "tidak ditemukan" in c.get(reverse("musrenbang:lacak"), {"kode": "TIDAK-ADA"}).content.decode()
    assert c.get(reverse("musrenbang:usulan", args=["TIDAK-ADA"])).status_code == 404
    assert c.get(reverse("musrenbang:usulan", args=["U28-A1"])).status_code == 200


def test_lacak_query_count_pinned(s):
    c = Client()
    with CaptureQueriesContext(connection) as q:
        c.get(reverse("musrenbang:lacak"), {"kode": "U28-A1"})
    assert len(q) <= 6, [x["sql"] for x in q]


def test_export_xlsx(s):
    resp = Client().get(reverse("musrenbang:ekspor", args=[_tahap.DESA]))
    assert resp.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(resp.streaming_content)))
    teks = " ".join(str(c.value) for row in wb.active.iter_rows() for c in row if c.value is not None)
    assert "Keputusan" in teks and "Alasan" in teks and ALASAN in teks and "Budi Santoso" not in teks
