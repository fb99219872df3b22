"""API of outgoing naskah: scoped list and detail, draft creation with validation, the
workflow actions (submit, initial, sign with passphrase, cancel) and tracking."""
from __future__ import annotations

from apps.persuratan.models import Naskah, SuratMasuk

from ._keluar import SANDI_TTE, draf, dunia_keluar, klien, kunci  # noqa: F401

URL = "/api/v1/persuratan/naskah/"


def _masukan(d, **ganti) -> dict:
    data = {"unit": str(d.u["kec"].pk), "jenis": "surat_dinas", "klasifikasi": d.kla.kode,
            "perihal": "Permintaan data penduduk", "isi": "Mohon dikirim.",
            "jabatan_penandatangan": str(d.j["camat"].pk), "kepada": [d.u["desa1"].kode, d.u["desa2"].kode],
            "luar": ["Kapolsek"], "paraf": [str(d.j["sekcam"].pk)], "urgensi": "sangat_segera"}
    data.update(ganti)
    return data


def test_api_full_flow(dunia):
    d = dunia
    staf, sekcam, camat = klien(d, "staf"), klien(d, "sekcam"), klien(d, "camat")
    resp = staf.post(URL, _masukan(d), content_type="application/json")
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["status"] == "draf" and len(resp.json()["penerima"]) == 3
    assert staf.post(f"{URL}{pk}/ajukan/").json()["status"] == "paraf"
    assert sekcam.post(f"{URL}{pk}/paraf/", {"setuju": True}, content_type="application/json").json()["status"] == "siap_ttd"
    kunci(d)
    resp = camat.post(f"{URL}{pk}/tandatangani/", {"passphrase": "bukan-passphrase-nya"},
                      content_type="application/json")
    assert resp.status_code == 400 and "passphrase" in resp.json()
    resp = camat.post(f"{URL}{pk}/tandatangani/", {"passphrase": SANDI_TTE}, content_type="application/json")
    assert resp.status_code == 200 and resp.json()["nomor"] == "005/001/KEC-SH"
    assert SuratMasuk.objects.filter(naskah_id=pk, prioritas=0).count() == 2
    lacak = staf.get(f"{URL}{pk}/pelacakan/").json()
    assert {r["nama"] for r in lacak} == {"Pemerintah Desa Pematang Limau", "Pemerintah Desa Sungai Perlu", "Kapolsek"}
    assert staf.get(URL, {"status": "terkirim"}).json()["results"][0]["id"] == pk


def test_api_bad_input_and_scope(dunia):
    d = dunia
    staf = klien(d, "staf")
    resp = staf.post(URL, _masukan(d, perihal="", kepada=[], luar=[]), content_type="application/json")
    assert resp.status_code == 400 and "perihal" in resp.json()
    resp = staf.post(URL, _masukan(d, klasifikasi=d.kla_lain.kode), content_type="application/json")
    assert resp.status_code == 400 and "klasifikasi" in resp.json()
    resp = staf.post(URL, _masukan(d, unit=str(d.u["desa1"].pk)), content_type="application/json")
    assert resp.status_code == 400 and "unit" in resp.json()
    resp = staf.post(URL, _masukan(d, kepada=[d.u["luar"].kode]), content_type="application/json")
    assert resp.status_code == 400 and "penerima" in resp.json()
    assert not Naskah.objects.exists()
    n = draf(d)
    resp = staf.post(f"{URL}{n.pk}/batalkan/", {"alasan": ""}, content_type="application/json")
    assert resp.status_code == 400 and "alasan" in resp.json()
    lain = klien(d, "operator1")
    assert lain.get(f"{URL}{n.pk}/").status_code == 404
    assert lain.post(f"{URL}{n.pk}/ajukan/").status_code == 404
    assert lain.get(f"{URL}{n.pk}/pelacakan/").status_code == 404
    assert lain.get(URL).json()["results"] == []
    assert staf.post(f"{URL}{n.pk}/batalkan/", {"alasan": "Batal"}, content_type="application/json").json()["status"] \
        == "dibatalkan"
