"""Scope: a unit never sees letters not addressed to it: not the BPD's letters from the village
government of the same village (nor the reverse), not another village's, not another
office's; pages 404, lists leave them out, the API too. What a disposition opens to its
addressee's unit is the letter behind it and the subtree below it, not its siblings."""
from __future__ import annotations

import pytest
from django.urls import reverse

from apps.persuratan import masuk
from apps.persuratan.models import BerkasPersuratan, PenerimaDisposisi

from ._masuk import catat, dunia_masuk, elektronik, hari, login, unggahan  # noqa: F401

pytestmark = pytest.mark.django_db


def _daftar(client) -> str:
    return "".join(client.get(reverse("persuratan:kotak_masuk") + f"?tab={t}").content.decode()
                   for t in masuk.TAB_KOTAK) + client.get(reverse("persuratan:disposisi_daftar")).content.decode()


@pytest.fixture
def surat(dunia):
    """A paper letter with a scan for the BPD, an electronic one (with its PDF) for the village
    government, and one for the Setda disposed to the Sekda and to Bappeda, with a follow-up
    and attachment by the Sekda."""
    bpd = catat(dunia, unit="bpd", oleh="bpd", perihal="Aspirasi untuk BPD", berkas=[unggahan()])
    pemdes = elektronik(dunia, dari="pemdes_lain", ke="pemdes", perihal="Undangan musdes")
    setda = catat(dunia, perihal="Rapat RKPD", berkas=[unggahan(nama="rkpd.pdf")])
    d = masuk.disposisikan(pengguna=dunia.u["bupati"], surat_masuk=setda, instruksi="Hadiri", urgensi="segera",
                           batas_waktu=hari(5), kepada=[dunia.jab["sekda"], dunia.jab["kepala_bappeda"]])
    pd_sekda = d.penerima.get(jabatan=dunia.jab["sekda"])
    masuk.tindak_lanjut(pd_sekda, pengguna=dunia.u["sekda"], catatan="Catatan internal Setda",
                        berkas=[unggahan(nama="internal.pdf")])
    return {"bpd": bpd, "pemdes": pemdes, "setda": setda, "pd_sekda": pd_sekda,
            "pd_kb": d.penerima.get(jabatan=dunia.jab["kepala_bappeda"])}


@pytest.mark.parametrize("peran", ["kades", "sekdes", "operator", "op_lain", "agendaris", "kepala_bappeda"])
def test_the_bpds_letter_is_invisible_to_everyone_else(dunia, surat, client, peran):
    sm = surat["bpd"]
    scan = BerkasPersuratan.objects.get(surat_masuk=sm)
    login(client, dunia, peran)
    for url in (sm.get_absolute_url(), reverse("persuratan:masuk_pdf", args=[sm.pk]),
                reverse("persuratan:berkas_unduh", args=[scan.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"aksi": "selesai"}).status_code in (404, 405), url
    assert str(sm.pk) not in _daftar(client) and "Aspirasi untuk BPD" not in _daftar(client)
    api = client.get("/api/v1/persuratan/masuk/").content.decode()
    assert str(sm.pk) not in api
    assert client.get(f"/api/v1/persuratan/masuk/{sm.pk}/").status_code == 404
    assert client.post(f"/api/v1/persuratan/masuk/{sm.pk}/selesai/").status_code == 404


@pytest.mark.parametrize("peran", ["bpd", "op_lain", "agendaris"])
def test_the_village_governments_letter_and_its_naskah_are_invisible_to_others(dunia, surat, client, peran):
    sm = surat["pemdes"]
    lamp = BerkasPersuratan.objects.create(naskah=sm.naskah, berkas="persuratan/x/y", nama_asli="rab.pdf",
                                           jenis_mime="application/pdf", ukuran=1, sha256="0" * 64,
                                           pengunggah=dunia.u["op_lain"], owner_id=sm.naskah.owner_id)
    login(client, dunia, peran)
    if peran == "op_lain":  # the sender reaches its own naskah's attachment through its naskah grant
        assert masuk.berkas_terlihat(dunia.u[peran], lamp.pk) == lamp
    else:
        assert client.get(reverse("persuratan:berkas_unduh", args=[lamp.pk])).status_code == 404
    assert client.get(sm.get_absolute_url()).status_code == 404
    assert client.get(reverse("persuratan:masuk_pdf", args=[sm.pk])).status_code == 404
    assert "Undangan musdes" not in _daftar(client)


def test_the_receiving_village_reaches_the_naskah_through_its_letter(dunia, surat, client):
    sm = surat["pemdes"]
    lamp = BerkasPersuratan.objects.create(naskah=sm.naskah, berkas="persuratan/x/y", nama_asli="rab.pdf",
                                           jenis_mime="application/pdf", ukuran=1, sha256="0" * 64,
                                           pengunggah=dunia.u["op_lain"], owner_id=sm.naskah.owner_id)
    login(client, dunia, "operator")
    assert "Undangan musdes" in _daftar(client)
    assert client.get(reverse("persuratan:masuk_pdf", args=[sm.pk])).status_code == 200
    # The attachment's stored file is a placeholder here: found (not 404 from scope) but missing on disk.
    assert masuk.berkas_terlihat(dunia.u["operator"], lamp.pk) == lamp


def test_an_addressee_unit_sees_its_disposition_and_the_letter_not_the_siblings(dunia, surat, client):
    sm, pd_kb, pd_sekda = surat["setda"], surat["pd_kb"], surat["pd_sekda"]
    scan = BerkasPersuratan.objects.get(surat_masuk=sm)
    internal = BerkasPersuratan.objects.get(nama_asli="internal.pdf")
    login(client, dunia, "kabid")  # any member of Bappeda
    assert client.get(pd_kb.get_absolute_url()).status_code == 200
    assert client.get(reverse("persuratan:berkas_unduh", args=[scan.pk])).status_code == 200
    assert client.get(sm.get_absolute_url()).status_code == 404  # Setda's own agenda record
    assert client.get(pd_sekda.get_absolute_url()).status_code == 404
    assert client.get(reverse("persuratan:berkas_unduh", args=[internal.pk])).status_code == 404
    body = client.get(pd_kb.get_absolute_url()).content.decode()
    assert "Catatan internal Setda" not in body and "internal.pdf" not in body
    assert client.get(f"/api/v1/persuratan/disposisi/{pd_sekda.pk}/").status_code == 404
    data = client.get(f"/api/v1/persuratan/disposisi/{pd_kb.pk}/").json()
    assert data["surat"]["perihal"] == "Rapat RKPD" and "Catatan internal" not in str(data)
    ids = [r["id"] for r in client.get("/api/v1/persuratan/disposisi/").json()["results"]]
    assert ids == [str(pd_kb.pk)]


@pytest.mark.parametrize("peran", ["kades", "bpd", "op_lain"])
def test_villages_see_nothing_of_the_regencys_dispositions(dunia, surat, client, peran):
    login(client, dunia, peran)
    for pd in (surat["pd_kb"], surat["pd_sekda"]):
        assert client.get(pd.get_absolute_url()).status_code == 404
        assert client.post(pd.get_absolute_url(), {"aksi": "terima"}).status_code == 404
        assert client.post(f"/api/v1/persuratan/disposisi/{pd.pk}/terima/").status_code == 404
    assert "Rapat RKPD" not in _daftar(client)
    assert PenerimaDisposisi.objects.get(pk=surat["pd_kb"].pk).diterima_pada is None
