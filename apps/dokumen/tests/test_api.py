"""The verification and certificate API."""
from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from .test_qr_layanan import SAMPAH_URL, _ganti_payload


def test_api_detail_publik_tersamar(terbit):
    dok, _ = terbit
    r = APIClient().get(f"/api/v1/verifikasi/{dok.pk}/")
    assert r.status_code == 200 and r.json()["status"] == "SAH" and r.json()["nomor"] == dok.nomor
    assert "hash_berkas" not in r.json() and "qr" not in r.json() and "6207010101900001" not in r.content.decode()
    assert APIClient().get("/api/v1/verifikasi/").status_code in (404, 405)


def test_api_berkas_dan_qr(terbit):
    dok, pdf = terbit
    c = APIClient()
    r = c.post("/api/v1/verifikasi/berkas/", {"berkas": SimpleUploadedFile("a.pdf", pdf)}, format="multipart")
    assert r.status_code == 200 and r.json()["status"] == "asli" and r.json()["sah"]
    assert r.json()["dokumen"]["id"] == str(dok.pk)
    r = c.post("/api/v1/verifikasi/berkas/", {}, format="multipart")
    assert r.status_code == 400 and "berkas" in r.json()
    r = c.post("/api/v1/verifikasi/qr/", {"teks": dok.qr}, format="json")
    assert r.status_code == 200 and r.json()["sah"] and r.json()["dokumen"]["nomor"] == dok.nomor
    r = c.post("/api/v1/verifikasi/qr/", {"teks": _ganti_payload(dok.qr, "470/012", "470/099")}, format="json")
    assert r.status_code == 400 and not r.json()["sah"] and r.json()["dokumen"] is None
    for sampah in SAMPAH_URL:
        r = c.post("/api/v1/verifikasi/qr/", {"teks": sampah}, format="json")
        assert r.status_code == 400 and not r.json()["sah"] and r.json()["dokumen"] is None


def test_api_unggah_dibatasi(db):
    c = APIClient()
    kode = [c.post("/api/v1/verifikasi/berkas/", {"berkas": SimpleUploadedFile("a.pdf", b"x")},
                   format="multipart").status_code for _ in range(11)]
    assert kode[:10] == [200] * 10 and kode[10] == 429


def test_api_sertifikat_hanya_milik_sendiri(sertifikat, kades, dunia):
    c = APIClient()
    assert c.get("/api/v1/sertifikat/").status_code in (401, 403)
    c.force_authenticate(kades)
    data = c.get("/api/v1/sertifikat/").json()["results"]
    assert [d["id"] for d in data] == [str(sertifikat.pk)] and "kunci_pem" not in data[0]
    c.force_authenticate(dunia.users["sekdes"])
    assert c.get("/api/v1/sertifikat/").json()["results"] == []
    assert c.get(f"/api/v1/sertifikat/{sertifikat.pk}/").status_code == 404
