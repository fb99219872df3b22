"""Quotas of layanan mandiri: a resident may have at most 10 letter requests and 5 correction
requests open at a time, so a script with a stolen or guessed PIN cannot flood the office."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.sinkron.context import acting_as
from apps.surat import mandiri, perbaikan
from apps.surat.models import JenisSurat, PermohonanPerbaikan, StatusSurat, Surat


def _ajukan(warga) -> Surat:
    with acting_as("uji"):
        return mandiri.ajukan_surat(pengguna=warga.akun, penduduk=warga, jenis=JenisSurat.objects.get(kode="sktm"),
                                    isian={"keperluan": "Berobat", "penghasilan": "900000"}, berkas={})


def _sktm_post(untuk):
    return {"untuk": str(untuk.pk), "isian_keperluan": "Berobat", "isian_keterangan_keperluan": "RSUD",
            "isian_penghasilan": "900.000"}


def test_at_most_ten_open_letter_requests(warga):
    surat = [_ajukan(warga) for _ in range(mandiri.KUOTA_SURAT)]
    assert mandiri.KUOTA_SURAT == 10
    with pytest.raises(ValidationError, match="10 permohonan surat yang belum selesai"):
        _ajukan(warga)
    assert Surat.objects.filter(pemohon=warga.akun).count() == 10
    # One under review still counts; one decided (refused, signed) frees a place.
    Surat.objects.filter(pk=surat[0].pk).update(status=StatusSurat.DIPERIKSA)
    with pytest.raises(ValidationError):
        _ajukan(warga)
    Surat.objects.filter(pk=surat[1].pk).update(status=StatusSurat.DITOLAK)
    assert _ajukan(warga).status == StatusSurat.DIAJUKAN


def test_the_letter_page_explains_the_quota(warga, client):
    for _ in range(mandiri.KUOTA_SURAT):
        _ajukan(warga)
    resp = client.post("/layanan/surat/baru/?jenis=sktm", _sktm_post(warga))
    assert resp.status_code == 200 and "belum selesai diproses" in resp.content.decode()
    assert Surat.objects.filter(pemohon=warga.akun).count() == 10


def _perbaikan(warga):
    with acting_as("uji"):
        return perbaikan.ajukan(pengguna=warga.akun, penduduk=warga, data="pekerjaan",
                                isi="Pekerjaan saya sekarang wiraswasta.")


def test_at_most_five_open_correction_requests(warga):
    assert perbaikan.KUOTA_TERBUKA == 5
    dibuat = [_perbaikan(warga) for _ in range(5)]
    with pytest.raises(ValidationError, match="5 permohonan perbaikan data yang belum selesai"):
        _perbaikan(warga)
    PermohonanPerbaikan.objects.filter(pk=dibuat[0].pk).update(status=PermohonanPerbaikan.DIPROSES)
    with pytest.raises(ValidationError):
        _perbaikan(warga)
    PermohonanPerbaikan.objects.filter(pk=dibuat[1].pk).update(status=PermohonanPerbaikan.SELESAI)
    assert _perbaikan(warga).status == PermohonanPerbaikan.BARU


def test_the_correction_page_explains_the_quota(warga, client):
    for _ in range(5):
        _perbaikan(warga)
    resp = client.post("/layanan/perbaikan/", {"penduduk": str(warga.pk), "data": "pekerjaan",
                                               "isi": "Pekerjaan saya sekarang wiraswasta."})
    assert resp.status_code == 200 and "belum selesai ditanggapi" in resp.content.decode()
    assert PermohonanPerbaikan.objects.filter(pemohon=warga.akun).count() == 5


def test_the_api_holds_a_resident_to_the_same_quota(warga, client):
    """A resident's session also reaches POST /api/v1/surat/: it must not be a way round the
    quota of the layanan mandiri form."""
    for _ in range(mandiri.KUOTA_SURAT):
        _ajukan(warga)
    jenis = JenisSurat.objects.get(kode="sktm")
    resp = client.post("/api/v1/surat/", {"jenis": str(jenis.pk), "penduduk": str(warga.pk), "kanal": "mandiri",
                                          "isian": {"keperluan": "Berobat", "penghasilan": "900000"}},
                       content_type="application/json")
    assert resp.status_code == 400, resp.content
    assert "belum selesai diproses" in resp.content.decode()
    assert Surat.objects.filter(pemohon=warga.akun).count() == 10
