"""The REST API of incoming letters and dispositions: the same services as the pages, the same
scope, refusals as 400 with the services' Indonesian messages."""
from __future__ import annotations

import pytest

from apps.persuratan.models import BerkasPersuratan, PenerimaDisposisi, StatusDisposisi, StatusMasuk, SuratMasuk

from ._masuk import dunia_masuk, hari, login, unggahan  # noqa: F401

pytestmark = pytest.mark.django_db
MASUK, DISPOSISI = "/api/v1/persuratan/masuk/", "/api/v1/persuratan/disposisi/"


def test_register_dispose_cascade_follow_up_close_over_the_api(dunia, client, django_assert_max_num_queries):
    j = dunia.jab
    login(client, dunia, "agendaris")
    resp = client.post(MASUK, {"pengirim": "", "nomor_surat": "1", "tanggal_surat": hari(-1).isoformat(),
                               "perihal": "X"}, content_type="application/json")
    assert resp.status_code == 400 and "Isi pengirim" in resp.json()["pengirim"][0]
    resp = client.post(MASUK, {"pengirim": "Gubernur", "nomor_surat": "005/1", "tanggal_surat": hari(-1).isoformat(),
                               "perihal": "Rapat RKPD", "urgensi": "segera", "berkas": [unggahan()]})
    assert resp.status_code == 201, resp.content
    sm_id = resp.json()["id"]
    assert resp.json()["nomor_agenda"] == 1 and BerkasPersuratan.objects.filter(surat_masuk_id=sm_id).count() == 1
    with django_assert_max_num_queries(12):
        assert client.get(MASUK).json()["results"][0]["id"] == sm_id
    resp = client.post(f"{MASUK}{sm_id}/disposisi/", {"kepada": [str(j["sekda"].pk)], "instruksi": "Hadiri"},
                       content_type="application/json")
    assert resp.status_code == 400 and "Hanya kepala unit" in resp.json()["kepada"][0]

    login(client, dunia, "bupati")
    data = client.get(f"{MASUK}{sm_id}/").json()
    assert data["status"] == StatusMasuk.DIBACA
    resp = client.post(f"{MASUK}{sm_id}/disposisi/", {"kepada": [str(j["kepala_bappeda"].pk), str(j["sekda"].pk)],
                                                      "instruksi": "Hadiri dan laporkan", "urgensi": "sangat_segera",
                                                      "batas_waktu": hari(4).isoformat()},
                       content_type="application/json")
    assert resp.status_code == 201
    tree = resp.json()["disposisi"]
    assert len(tree) == 1 and {p["jabatan_nama"] for p in tree[0]["penerima"]} == {"Kepala Bappeda",
                                                                                  "Sekretaris Daerah"}
    pd_kb = PenerimaDisposisi.objects.get(jabatan=j["kepala_bappeda"])

    login(client, dunia, "kepala_bappeda")
    assert [r["id"] for r in client.get(DISPOSISI).json()["results"]] == [str(pd_kb.pk)]
    assert client.post(f"{DISPOSISI}{pd_kb.pk}/terima/").json()["status"] == StatusDisposisi.DITERIMA
    resp = client.post(f"{DISPOSISI}{pd_kb.pk}/terima/")
    assert resp.status_code == 400 and "sudah diterima" in resp.json()["status"][0]
    resp = client.post(f"{DISPOSISI}{pd_kb.pk}/disposisi/", {"kepada": [str(j["kabid"].pk)], "instruksi": "Siapkan",
                                                             "batas_waktu": hari(6).isoformat()},
                       content_type="application/json")
    assert resp.status_code == 400 and "tidak boleh melewati" in resp.json()["batas_waktu"][0]
    resp = client.post(f"{DISPOSISI}{pd_kb.pk}/disposisi/", {"kepada": [str(j["kabid"].pk)], "instruksi": "Siapkan"},
                       content_type="application/json")
    assert resp.status_code == 201 and resp.json()["turunan"][0]["penerima"][0]["jabatan_nama"] == (
        "Kepala Bidang Perencanaan")
    pd_kabid = PenerimaDisposisi.objects.get(jabatan=j["kabid"])

    login(client, dunia, "kabid")
    resp = client.post(f"{DISPOSISI}{pd_kabid.pk}/tindak-lanjut/", {"catatan": "", "menutup": True},
                       content_type="application/json")
    assert resp.status_code == 400 and "catatan" in resp.json()
    resp = client.post(f"{DISPOSISI}{pd_kabid.pk}/tindak-lanjut/",
                       {"catatan": "Bahan siap", "menutup": "true", "berkas": [unggahan(nama="bahan.pdf")]})
    assert resp.status_code == 201 and resp.json()["status"] == StatusDisposisi.SELESAI
    assert resp.json()["tindak_lanjut"][0]["lampiran"][0]["nama"] == "bahan.pdf"
    resp = client.post(f"{DISPOSISI}{pd_kabid.pk}/tindak-lanjut/", {"catatan": "Lagi"},
                       content_type="application/json")
    assert resp.status_code == 400 and "sudah selesai" in resp.json()["status"][0]

    login(client, dunia, "agendaris")
    data = client.get(f"{MASUK}{sm_id}/").json()
    kb = next(p for p in data["disposisi"][0]["penerima"] if p["id"] == str(pd_kb.pk))
    assert kb["disposisi"][0]["penerima"][0]["tindak_lanjut"][0]["catatan"] == "Bahan siap"
    resp = client.post(f"{MASUK}{sm_id}/selesai/")
    assert resp.status_code == 400 and "belum selesai" in resp.json()["status"][0]
    assert SuratMasuk.objects.get(pk=sm_id).status == StatusMasuk.DIDISPOSISI


def test_api_registration_into_a_unit_the_caller_does_not_work_in_is_refused(dunia, client):
    login(client, dunia, "kades")
    resp = client.post(MASUK, {"unit": str(dunia.unit["bpd"].pk), "pengirim": "Camat", "nomor_surat": "1",
                               "tanggal_surat": hari(-1).isoformat(), "perihal": "X"}, content_type="application/json")
    assert resp.status_code == 400 and "tidak bekerja di unit ini" in resp.json()["unit"][0]
    resp = client.post(MASUK, {"pengirim": "Camat", "nomor_surat": "1", "tanggal_surat": hari(-1).isoformat(),
                               "perihal": "X"}, content_type="application/json")
    assert resp.status_code == 201 and resp.json()["unit"] == str(dunia.unit["pemdes"].pk)
    login(client, dunia, "analis")
    resp = client.post(MASUK, {"pengirim": "Camat", "nomor_surat": "1", "tanggal_surat": hari(1).isoformat(),
                               "perihal": "X"}, content_type="application/json")
    assert resp.status_code == 400 and "masa depan" in resp.json()["tanggal_surat"][0]
    assert SuratMasuk.objects.count() == 1
