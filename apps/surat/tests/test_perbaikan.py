"""Correction requests: a resident says which data is wrong (with an optional photo), the
village office answers, the resident is told."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse

from apps.akun.models import Notifikasi, Pengguna
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import perbaikan
from apps.surat.models import PermohonanPerbaikan
from tests import world

from ._mandiri import warga_masuk

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


@pytest.fixture
def dunia(db):
    return world.build()


@pytest.fixture
def warga(dunia, client):
    """The home village's head of family, logged in through layanan mandiri."""
    return warga_masuk(dunia, client)


def _foto(isi=JPEG, nama="kk.jpg"):
    return SimpleUploadedFile(nama, isi, content_type="image/jpeg")


def _kirim(client, penduduk, **extra):
    return client.post("/layanan/perbaikan/", {"penduduk": str(penduduk.pk), "data": "pekerjaan",
                                               "isi": "Pekerjaan saya sekarang wiraswasta.", **extra})


def _baru() -> PermohonanPerbaikan:
    return PermohonanPerbaikan.objects.exclude(isi="Pekerjaan saya sudah berubah.").get()


def test_resident_asks_for_a_correction_with_a_photo(warga, client):
    resp = _kirim(client, warga, foto=_foto())
    assert resp.status_code == 302
    p = _baru()
    assert p.penduduk == warga and p.pemohon == warga.akun and p.status == "baru" and p.owner_id == world.DESA
    assert p.foto_mime == "image/jpeg" and "kk" not in p.foto.name and p.judul.startswith("Pekerjaan")
    body = client.get("/layanan/perbaikan/").content.decode()
    assert "wiraswasta" in body and "Pekerjaan saya sudah berubah." not in body  # another resident's request
    foto = client.get(reverse("surat:perbaikan_foto", args=[p.pk]))
    assert foto["Content-Disposition"].startswith("attachment") and foto["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("data, pesan", [
    ({"isi": ""}, "Jelaskan apa yang salah"),
    ({"isi": "salah"}, "paling sedikit 10 huruf"),
    ({"data": "gaji"}, "Pilih data dari daftar"),
    ({"foto": SimpleUploadedFile("kk.jpg", HTML, content_type="image/jpeg")}, "harus berupa gambar JPG atau PNG"),
    ({"foto": SimpleUploadedFile("kk.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml")},
     "harus berupa gambar JPG atau PNG"),
])
def test_bad_correction_requests_are_refused_and_nothing_is_saved(warga, client, data, pesan):
    resp = _kirim(client, warga, **data)
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert PermohonanPerbaikan.objects.count() == 4  # the world's own, one per village


def test_too_big_photo_is_refused(warga, client, settings):
    settings.EDESA_UNGGAH_MAKS = 50
    assert "terlalu besar" in _kirim(client, warga, foto=_foto()).content.decode()
    assert PermohonanPerbaikan.objects.count() == 4


def test_resident_cannot_ask_about_another_family(warga, client):
    tetangga = Penduduk.objects.get(nama="Tetangga Pematang Limau")
    assert "Pilih anggota keluarga dari daftar" in _kirim(client, tetangga).content.decode()
    with pytest.raises(Http404):
        perbaikan.ajukan(pengguna=warga.akun, penduduk=tetangga, data="nama", isi="Nama tetangga saya salah tulis.")


@pytest.fixture
def permohonan(warga, client):
    _kirim(client, warga, foto=_foto())
    return _baru()


def test_office_lists_only_its_villages_requests(dunia, permohonan, django_assert_max_num_queries):
    c = Client()
    c.force_login(dunia.users["operator_desa"])
    with django_assert_max_num_queries(10):
        body = c.get(reverse("surat:perbaikan_daftar")).content.decode()
    assert str(permohonan.pk) in body
    lain = PermohonanPerbaikan.objects.get(owner_id=world.DESA_TETANGGA)
    assert str(lain.pk) not in body
    assert c.get(reverse("surat:perbaikan_detail", args=[lain.pk])).status_code == 404
    assert c.get(reverse("surat:perbaikan_foto", args=[lain.pk])).status_code == 404
    diproses = c.get(reverse("surat:perbaikan_daftar") + "?status=diproses").content.decode()
    assert str(permohonan.pk) not in diproses


def test_office_answers_and_the_resident_is_told(dunia, permohonan, warga, client):
    c = Client()
    c.force_login(dunia.users["operator_desa"])
    url = reverse("surat:perbaikan_detail", args=[permohonan.pk])
    assert "Unduh foto bukti" in c.get(url).content.decode()
    resp = c.post(url, {"status": "selesai", "tanggapan": "Pekerjaan sudah diubah menjadi wiraswasta."})
    assert resp.status_code == 302
    permohonan.refresh_from_db()
    assert permohonan.status == "selesai" and permohonan.ditangani_oleh == dunia.users["operator_desa"]
    n = Notifikasi.objects.get(pengguna=warga.akun, judul__startswith="Permohonan perbaikan data")
    assert n.tautan == reverse("mandiri:perbaikan")
    assert "sudah diubah menjadi wiraswasta" in client.get("/layanan/perbaikan/").content.decode()
    # Final: no second answer.
    body = c.post(url, {"status": "ditolak", "tanggapan": "Berubah pikiran."}).content.decode()
    assert "tidak dapat ditanggapi lagi" in body
    permohonan.refresh_from_db()
    assert permohonan.status == "selesai"


def test_answer_needs_a_text_and_a_valid_step(dunia, permohonan):
    oleh = dunia.users["sekdes"]
    with pytest.raises(ValidationError, match="Tulis tanggapan"):
        perbaikan.tanggapi(permohonan, pengguna=oleh, status="diproses", tanggapan=" ")
    with pytest.raises(ValidationError, match="Pilih status"):
        perbaikan.tanggapi(permohonan, pengguna=oleh, status="baru", tanggapan="Sedang kami periksa.")
    with acting_as("uji"):
        perbaikan.tanggapi(permohonan, pengguna=oleh, status="diproses", tanggapan="Sedang kami periksa.")
    with pytest.raises(ValidationError, match="Pilih status: selesai, ditolak"):
        perbaikan.tanggapi(permohonan, pengguna=oleh, status="diproses", tanggapan="Masih kami periksa.")


def test_kepala_desa_reads_but_does_not_answer_and_other_villages_cannot_answer(dunia, permohonan):
    c = Client()
    c.force_login(dunia.users["kepala_desa"])
    url = reverse("surat:perbaikan_detail", args=[permohonan.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, {"status": "selesai", "tanggapan": "Sudah beres."}).status_code == 403
    with pytest.raises(Http404):
        perbaikan.tanggapi(permohonan, pengguna=Pengguna.objects.get(username="op_tetangga"), status="selesai",
                           tanggapan="Sudah beres.")
    permohonan.refresh_from_db()
    assert permohonan.status == "baru"
