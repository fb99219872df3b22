"""Village plan API: scoped reads, writes through the same services (400 with Indonesian
messages by field), 404 outside scope, setting by Perdes and "ambil dari RPJM Desa"."""
from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.perencanaan.models import KegiatanRKPDes, RPJMDes, StatusRencana

from ._rencana import DESA, DESA_LAIN, data_kegiatan, dunia_rencana, kegiatan_rpjm, rkp, rpjm  # noqa: F401

pytestmark = pytest.mark.django_db
API = "/api/v1/perencanaan"


def _klien(d, key) -> APIClient:
    c = APIClient()
    c.force_authenticate(d.u[key])
    return c


def test_read_is_scoped(dunia):
    r = rpjm(dunia)
    lain = rpjm(dunia, oleh="op_lain", desa=DESA_LAIN)
    body = _klien(dunia, "operator").get(f"{API}/rpjmdes/").content.decode()
    assert str(r.pk) in body and str(lain.pk) not in body
    body = _klien(dunia, "camat").get(f"{API}/rpjmdes/", {"desa": DESA_LAIN}).json()
    assert [x["id"] for x in body["results"]] == [str(lain.pk)]
    c = _klien(dunia, "op_lain")
    assert c.get(f"{API}/rpjmdes/{r.pk}/").status_code == 404
    assert c.patch(f"{API}/rpjmdes/{r.pk}/", {"visi": "x"}, format="json").status_code == 404
    assert c.post(f"{API}/rpjmdes/{r.pk}/tetapkan/", {}, format="json").status_code == 404


def test_write_rpjmdes_and_lines_through_the_services(dunia):
    c = _klien(dunia, "operator")
    resp = c.post(f"{API}/rpjmdes/", {"tahun_mulai": 2025, "lama_tahun": 7}, format="json")
    assert resp.status_code == 400 and "8 tahun" in resp.json()["lama_tahun"][0]
    resp = c.post(f"{API}/rpjmdes/", {"tahun_mulai": 2025, "lama_tahun": 8, "visi": "Maju"}, format="json")
    assert resp.status_code == 201 and resp.json()["tahun_selesai"] == 2032 and resp.json()["desa"] == DESA
    pk = resp.json()["id"]
    resp = c.patch(f"{API}/rpjmdes/{pk}/", {"visi": "Maju dan mandiri"}, format="json")
    assert resp.json()["visi"] == "Maju dan mandiri" and resp.json()["lama_tahun"] == 8
    resp = c.post(f"{API}/rpjmdes-kegiatan/", {"rpjmdes": pk, **data_kegiatan(bidang="99.99.99"),
                                                "tahun_pelaksanaan": [2026]}, format="json")
    assert resp.status_code == 400 and "tidak ada dalam daftar" in resp.json()["bidang"][0]
    resp = c.post(f"{API}/rpjmdes-kegiatan/", {"rpjmdes": pk, **data_kegiatan(), "tahun_pelaksanaan": [2026, 2027]},
                  format="json")
    assert resp.status_code == 201 and resp.json()["nama_bidang"]
    k = resp.json()["id"]
    resp = c.patch(f"{API}/rpjmdes-kegiatan/{k}/", {"tahun_pelaksanaan": [2040]}, format="json")
    assert resp.status_code == 400 and "di luar periode" in resp.json()["tahun_pelaksanaan"][0]
    resp = c.patch(f"{API}/rpjmdes-kegiatan/{k}/", {"lokasi": "Dusun III"}, format="json")
    assert resp.json()["lokasi"] == "Dusun III"
    assert _klien(dunia, "bpd").post(f"{API}/rpjmdes/", {"tahun_mulai": 2040, "lama_tahun": 6},
                                     format="json").status_code in (400, 403)
    kemarin = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    resp = c.post(f"{API}/rpjmdes/{pk}/tetapkan/", {"nomor_perdes": "", "tanggal_perdes": kemarin}, format="json")
    assert resp.status_code == 400 and "Isi nomor" in resp.json()["nomor_perdes"][0]
    resp = c.post(f"{API}/rpjmdes/{pk}/tetapkan/", {"nomor_perdes": "3 Tahun 2025", "tanggal_perdes": kemarin},
                  format="json")
    assert resp.json()["status"] == StatusRencana.DITETAPKAN
    resp = c.delete(f"{API}/rpjmdes-kegiatan/{k}/")
    assert resp.status_code == 400 and "sudah ditetapkan" in resp.json()["status"][0]


def test_rkpdes_api_creates_draws_and_traces(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r, tahun=(2027,))
    lain = rpjm(dunia, oleh="op_lain", desa=DESA_LAIN)
    k_lain = kegiatan_rpjm(dunia, lain, oleh="op_lain", tahun=(2027,))
    c = _klien(dunia, "operator")
    resp = c.post(f"{API}/rkpdes/", {"rpjmdes": str(lain.pk), "tahun": 2027}, format="json")
    assert resp.status_code == 400 and "Pilih RPJM Desa" in resp.json()["rpjmdes"][0]
    resp = c.post(f"{API}/rkpdes/", {"rpjmdes": str(r.pk), "tahun": 2035}, format="json")
    assert resp.status_code == 400 and "di luar periode" in resp.json()["tahun"][0]
    resp = c.post(f"{API}/rkpdes/", {"rpjmdes": str(r.pk), "tahun": 2027}, format="json")
    assert resp.status_code == 201
    pk = resp.json()["id"]
    resp = c.post(f"{API}/rkpdes/{pk}/ambil-rpjm/", format="json")
    assert resp.status_code == 201 and resp.json()[0]["kegiatan_rpjmdes"] == str(k.pk)
    data = {"rkpdes": pk, "kegiatan_rpjmdes": str(k_lain.pk), "waktu_pelaksanaan": "2 bulan", "pelaksana": "TPK",
            **data_kegiatan()}
    resp = c.post(f"{API}/rkpdes-kegiatan/", data, format="json")
    assert resp.status_code == 400 and "desa ini" in resp.json()["kegiatan_rpjmdes"][0]
    resp = c.post(f"{API}/rkpdes-kegiatan/", {**data, "kegiatan_rpjmdes": str(k.pk)}, format="json")
    assert resp.status_code == 201
    baris = resp.json()["id"]
    resp = c.patch(f"{API}/rkpdes-kegiatan/{baris}/", {"pelaksana": "Kasi Pembangunan"}, format="json")
    assert resp.json()["pelaksana"] == "Kasi Pembangunan"
    assert c.delete(f"{API}/rkpdes-kegiatan/{baris}/").status_code == 204
    assert KegiatanRKPDes.objects.filter(rkpdes_id=pk).count() == 1
    assert _klien(dunia, "op_lain").get(f"{API}/rkpdes-kegiatan/", {"rkpdes": pk}).json()["results"] == []
    assert RPJMDes.objects.count() == 2
    x = rkp(dunia, r, tahun=2028)
    assert _klien(dunia, "camat").post(f"{API}/rkpdes/{x.pk}/ambil-rpjm/").status_code in (400, 403, 404)
