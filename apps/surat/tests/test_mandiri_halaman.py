"""The resident's pages: family data, letters, requesting a letter with scans, downloading it.
A resident only ever reaches their own family's records."""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import mandiri
from apps.surat.models import LampiranSurat, RiwayatSurat, StatusSurat, Surat

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"




def _tetangga() -> Penduduk:
    return Penduduk.objects.get(nama="Tetangga Pematang Limau")


def _sktm_post(untuk, **berkas):
    return {"untuk": str(untuk.pk), "isian_keperluan": "Berobat", "isian_keterangan_keperluan": "RSUD",
            "isian_penghasilan": "900.000", **berkas}


def test_home_shows_my_family_with_full_nik_and_nothing_else(warga, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        body = client.get("/layanan/").content.decode()
    istri = Penduduk.objects.get(nama="Istri Pematang Limau")
    assert warga.keluarga.no_kk in body and istri.nik in body and warga.nik in body and "Istri Pematang Limau" in body
    assert "Tetangga Pematang Limau" not in body and _tetangga().nik not in body
    assert "Sungai Perlu" not in body


def test_home_lists_my_familys_letters_only(warga, client):
    milik_tetangga = Surat.objects.get(penduduk=_tetangga())
    body = client.get("/layanan/").content.decode()
    assert str(milik_tetangga.pk) not in body and "Belum ada surat" in body


def test_another_familys_letter_is_not_found(warga, client):
    s = Surat.objects.get(penduduk=_tetangga())
    assert client.get(reverse("mandiri:surat_detail", args=[s.pk])).status_code == 404
    assert client.get(reverse("mandiri:surat_unduh", args=[s.pk])).status_code == 404


def test_resident_cannot_request_for_someone_outside_the_family(warga, client):
    resp = client.post("/layanan/surat/baru/?jenis=sktm", _sktm_post(_tetangga()))
    assert resp.status_code == 200 and "Pilih anggota keluarga dari daftar" in resp.content.decode()
    with pytest.raises(Http404):
        mandiri.ajukan_surat(pengguna=warga.akun, penduduk=_tetangga(), jenis=bawaan_jenis("sktm"),
                             isian={"keperluan": "Berobat", "penghasilan": "1"}, berkas={})
    assert not Surat.objects.filter(kanal=Surat.MANDIRI).exists()


def bawaan_jenis(kode):
    from apps.surat.models import JenisSurat

    return JenisSurat.objects.get(kode=kode)


def test_letter_picker_lists_self_service_types_only(warga, client):
    jenis = bawaan_jenis("domisili")
    jenis.bisa_mandiri = False
    jenis.save()
    body = client.get("/layanan/surat/baru/").content.decode()
    assert 'href="?jenis=sktm"' in body and 'href="?jenis=domisili"' not in body
    assert client.get("/layanan/surat/baru/?jenis=domisili").status_code == 404


def test_resident_requests_an_sktm_with_a_scan(warga, client):
    form = client.get("/layanan/surat/baru/?jenis=sktm").content.decode()
    assert 'accept="image/*,application/pdf"' in form and 'name="syarat_ktp"' in form
    ktp = SimpleUploadedFile("ktp.jpg", JPEG, content_type="image/jpeg")
    resp = client.post("/layanan/surat/baru/?jenis=sktm", _sktm_post(warga, syarat_ktp=ktp))
    s = Surat.objects.get(kanal=Surat.MANDIRI)
    assert resp.status_code == 302 and resp["Location"] == reverse("mandiri:surat_detail", args=[s.pk])
    assert s.status == StatusSurat.DIAJUKAN and s.penduduk == warga and s.pemohon == warga.akun
    assert s.isian == {"keperluan": "Berobat", "keterangan_keperluan": "RSUD", "penghasilan": 900000}
    assert list(s.lampiran.values_list("syarat", "jenis_mime")) == [("ktp", "image/jpeg")]
    detail = client.get(resp["Location"]).content.decode()
    assert "Diajukan" in detail and "ktp.jpg" in detail


def test_bad_scan_or_bad_field_leaves_no_request_behind(warga, client):
    html = SimpleUploadedFile("ktp.jpg", HTML, content_type="image/jpeg")
    body = client.post("/layanan/surat/baru/?jenis=sktm", _sktm_post(warga, syarat_ktp=html)).content.decode()
    assert "Berkas harus PDF, JPG atau PNG" in body
    data = _sktm_post(warga) | {"isian_penghasilan": "banyak"}
    body = client.post("/layanan/surat/baru/?jenis=sktm", data).content.decode()
    assert "harus berupa angka" in body
    assert not Surat.objects.filter(kanal=Surat.MANDIRI).exists()
    assert not LampiranSurat.objects.filter(surat__kanal=Surat.MANDIRI).exists()


def _ditandatangani(warga) -> Surat:
    with acting_as("uji"):
        s = mandiri.ajukan_surat(pengguna=warga.akun, penduduk=warga, jenis=bawaan_jenis("sktm"),
                                 isian={"keperluan": "Berobat", "penghasilan": "900000"}, berkas={})
        s.status, s.nomor = StatusSurat.DITANDATANGANI, "400/001/62.07.01.2005/XI/2026"
        s.berkas.save("s.pdf", ContentFile(b"%PDF-1.7 signed"), save=False)
        s.save()
    return s


def test_signed_letter_downloads_once_marking_it_collected(warga, client):
    s = _ditandatangani(warga)
    detail = client.get(reverse("mandiri:surat_detail", args=[s.pk])).content.decode()
    assert "Unduh surat" in detail
    resp = client.get(reverse("mandiri:surat_unduh", args=[s.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"].startswith("attachment") and resp["X-Content-Type-Options"] == "nosniff"
    assert b"".join(resp.streaming_content) == b"%PDF-1.7 signed"
    s.refresh_from_db()
    assert s.status == StatusSurat.SELESAI
    assert client.get(reverse("mandiri:surat_unduh", args=[s.pk])).status_code == 200
    assert RiwayatSurat.objects.filter(surat=s, langkah="selesai").count() == 1


def test_unsigned_letter_has_no_download(warga, client):
    with acting_as("uji"):
        s = mandiri.ajukan_surat(pengguna=warga.akun, penduduk=warga, jenis=bawaan_jenis("sktm"),
                                 isian={"keperluan": "Berobat", "penghasilan": "900000"}, berkas={})
    assert "Unduh surat" not in client.get(reverse("mandiri:surat_detail", args=[s.pk])).content.decode()
    assert client.get(reverse("mandiri:surat_unduh", args=[s.pk])).status_code == 404


def test_rejection_reason_is_shown(warga, client):
    with acting_as("uji"):
        s = mandiri.ajukan_surat(pengguna=warga.akun, penduduk=warga, jenis=bawaan_jenis("sktm"),
                                 isian={"keperluan": "Berobat", "penghasilan": "900000"}, berkas={})
    Surat.objects.filter(pk=s.pk).update(status=StatusSurat.DITOLAK, alasan_tolak="Pengantar RT belum ada.")
    assert "Pengantar RT belum ada." in client.get(reverse("mandiri:surat_detail", args=[s.pk])).content.decode()


def test_notifications_page_shows_and_marks_my_notices(warga, client):
    with acting_as("uji"):
        mandiri.ajukan_surat(pengguna=warga.akun, penduduk=warga, jenis=bawaan_jenis("sktm"),
                             isian={"keperluan": "Berobat", "penghasilan": "900000"}, berkas={})
    assert "Permohonan Surat Keterangan Tidak Mampu diterima" in client.get("/layanan/").content.decode()
    assert "diterima" in client.get("/layanan/notifikasi/").content.decode()
    assert not warga.akun.notifikasi.filter(dibaca__isnull=True).exists()
