"""The workflow API: request > scan > check > sign > collect, and its refusals."""
from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from apps.dokumen import ca
from apps.kependudukan.models import Penduduk
from apps.surat.models import Surat
from tests import world

from ._alur import HTML, PDF, dunia_alur, jenis_domisili, permohonan, unggahan  # noqa: F401

SANDI = "passphrase-kades-panjang"


def api(dunia, peran: str) -> APIClient:
    c = APIClient()
    c.force_authenticate(dunia.users[peran])
    return c


def test_happy_path_through_the_api(dunia, caplog):
    op = api(dunia, "operator_desa")
    resp = op.post("/api/v1/surat/", {"penduduk": str(dunia.warga_penduduk.pk), "jenis": str(jenis_domisili().pk),
                                      "isian": {"keperluan": "Melamar kerja"}}, format="json")
    assert resp.status_code == 201, resp.content
    sid = resp.json()["id"]
    assert resp.json()["status"] == "diajukan" and resp.json()["riwayat"][0]["langkah"] == "diajukan"
    resp = op.post(f"/api/v1/surat/{sid}/lampiran/", {"syarat": "ktp", "berkas": unggahan(PDF)}, format="multipart")
    assert resp.status_code == 201 and resp.json()["jenis_mime"] == "application/pdf"
    assert op.post(f"/api/v1/surat/{sid}/periksa/", {}, format="json").json()["status"] == "diperiksa"
    ca.terbitkan_sertifikat(pengguna=dunia.users["kepala_desa"], passphrase=SANDI)
    kades = api(dunia, "kepala_desa")
    salah = kades.post(f"/api/v1/surat/{sid}/tandatangani/", {"passphrase": "salah-sekali"}, format="json")
    assert salah.status_code == 400 and "Passphrase salah" in " ".join(salah.json()["passphrase"])
    resp = kades.post(f"/api/v1/surat/{sid}/tandatangani/", {"passphrase": SANDI}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "ditandatangani" and resp.json()["nomor"]
    pdf = op.get(f"/api/v1/surat/{sid}/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-") and pdf["X-Content-Type-Options"] == "nosniff"
    assert op.post(f"/api/v1/surat/{sid}/selesai/").json()["status"] == "selesai"
    resp = op.post(f"/api/v1/surat/{sid}/batal/", {"alasan": "Salah ketik alamat pada surat."}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "dibatalkan"
    assert SANDI not in caplog.text and "salah-sekali" not in caplog.text


def test_refusals_are_400_with_field_messages(dunia):
    op = api(dunia, "operator_desa")
    resp = op.post("/api/v1/surat/", {"penduduk": str(dunia.warga_penduduk.pk), "jenis": str(jenis_domisili().pk),
                                      "isian": {}}, format="json")
    assert resp.status_code == 400 and "Keperluan wajib diisi." in resp.json()["keperluan"]
    s = permohonan(dunia)
    resp = op.post(f"/api/v1/surat/{s.pk}/lampiran/", {"syarat": "ktp", "berkas": unggahan(HTML)}, format="multipart")
    assert resp.status_code == 400 and "berkas" in resp.json()
    resp = op.post(f"/api/v1/surat/{s.pk}/periksa/", {}, format="json")
    assert resp.status_code == 400 and "Fotokopi KTP" in str(resp.json())
    resp = op.post(f"/api/v1/surat/{s.pk}/tolak/", {"alasan": "x"}, format="json")
    assert resp.status_code == 400 and "alasan" in resp.json()
    # The operator may not sign.
    assert op.post(f"/api/v1/surat/{s.pk}/tandatangani/", {"passphrase": "x"}, format="json").status_code == 404


def test_out_of_scope_is_404_and_lists_are_scoped_and_masked(dunia):
    op = api(dunia, "operator_desa")
    luar = Penduduk.objects.get(nama="Tetangga Sungai Perlu")
    resp = op.post("/api/v1/surat/", {"penduduk": str(luar.pk), "jenis": str(jenis_domisili().pk),
                                      "isian": {"keperluan": "Kerja"}}, format="json")
    assert resp.status_code == 404
    asing = Surat.objects.get(owner_id=world.DESA_TETANGGA)
    assert op.get(f"/api/v1/surat/{asing.pk}/").status_code == 404
    assert op.post(f"/api/v1/surat/{asing.pk}/selesai/").status_code == 404
    ids = [r["id"] for r in op.get("/api/v1/surat/").json()["results"]]
    assert str(asing.pk) not in ids and ids
    # The camat reads (oversight) with the NIK masked.
    row = api(dunia, "camat").get("/api/v1/surat/", {"status": "ditandatangani"}).json()["results"][0]
    assert row["penduduk_nik"].endswith("x" * 12)
    # The warga sees only his family's letters.
    warga = api(dunia, "warga").get("/api/v1/surat/").json()["results"]
    assert all(r["penduduk"] in {str(p.pk) for p in Penduduk.objects.filter(
        keluarga_id=dunia.warga_penduduk.keluarga_id)} for r in warga)


def test_schema_lists_the_workflow_actions(dunia):
    body = api(dunia, "operator_desa").get(reverse("api-schema")).content.decode()
    assert "/api/v1/surat/{id}/tandatangani/" in body
