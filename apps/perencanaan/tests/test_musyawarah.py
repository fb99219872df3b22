"""Deliberations: planning one at a stage, participants and attendance, documents (type read
from the bytes, size limit), approval by invited delegates, the berita acara signed with TTE,
and the refusals (closed stage, wrong office, bad input, locked after signing)."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.dokumen.demo import DEMO_PASSPHRASE, sertifikat_demo
from apps.perencanaan import berjenjang
from apps.perencanaan import musyawarah as svc
from apps.perencanaan.models import Kehadiran, ModeTahap, StatusMusyawarah, TahapMusrenbang

from . import _tahap

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<html><script>alert(1)</script></html>"
WAKTU = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def s():
    return _tahap.build()


def _buat(s, **kw):
    data = {"judul": "Musrenbang Kecamatan Seruyan Hilir", "waktu": WAKTU, "tempat": "Aula kecamatan",
            "pimpinan": "Camat Seruyan Hilir", "agenda": "Pembukaan\nPembahasan usulan"} | kw
    return svc.buat(s.users["camat"], tahap=s.tahap["kecamatan"], **data)


def test_create_and_bad_input(s):
    m = _buat(s)
    assert m.owner_id == _tahap.KEC and m.wilayah_id == _tahap.KEC and m.pimpinan_akun == s.users["camat"]
    for kw, field in (({"judul": "x"}, "judul"), ({"tempat": ""}, "tempat"), ({"agenda": ""}, "agenda"),
                      ({"pimpinan": ""}, "pimpinan"), ({"waktu": None}, "waktu"),
                      ({"tautan_daring": "http://rapat.example"}, "tautan_daring")):
        with pytest.raises(ValidationError) as e:
            _buat(s, **kw)
        assert field in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.buat(s.users["operator_desa"], tahap=s.tahap["kecamatan"], judul="Musrenbang", waktu=WAKTU, tempat="x",
                 pimpinan="x", agenda="x")
    assert "tahap" in e.value.message_dict


def test_closed_stage_refuses(s):
    TahapMusrenbang.objects.filter(pk=s.tahap["kecamatan"].pk).update(mode=ModeTahap.TUTUP)
    s.tahap["kecamatan"].refresh_from_db()
    with pytest.raises(ValidationError, match="ditutup"):
        _buat(s)


def test_participants_attendance_files_and_approval(s):
    m = _buat(s)
    with pytest.raises(ValidationError) as e:
        svc.tambah_peserta(s.users["camat"], m, nama="", unsur="delegasi_desa")
    assert "nama" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.tambah_peserta(s.users["camat"], m, nama="Kades Pematang", unsur="alien")
    assert "unsur" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.tambah_peserta(s.users["camat"], m, nama="Kades Pematang", unsur="delegasi_desa", akun="tidak-ada")
    assert "akun" in e.value.message_dict
    p = svc.tambah_peserta(s.users["camat"], m, nama="Kades Pematang Limau", unsur="delegasi_desa",
                           akun="kepala_desa", penandatangan=True)
    # The invited delegate sees it, approves only once present.
    assert m in svc.musyawarah_untuk(s.users["kepala_desa"])
    with pytest.raises(ValidationError, match="tercatat hadir"):
        svc.setujui(s.users["kepala_desa"], m)
    with pytest.raises(ValidationError) as e:
        svc.catat_hadir(s.users["camat"], m, p.pk, "mungkin")
    assert "kehadiran" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.catat_hadir(s.users["camat"], m, "bukan-uuid", "hadir")
    assert "peserta" in e.value.message_dict
    svc.catat_hadir(s.users["camat"], m, p.pk, Kehadiran.HADIR)
    assert svc.setujui(s.users["kepala_desa"], m).ditandatangani_pada is not None
    with pytest.raises(ValidationError, match="tidak terdaftar"):
        svc.setujui(s.users["operator_desa"], m)
    # Files: bytes decide; HTML named .pdf refused; size limited.
    with pytest.raises(ValidationError) as e:
        svc.unggah(s.users["camat"], m, SimpleUploadedFile("daftar.pdf", HTML))
    assert "berkas" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.unggah(s.users["camat"], m, SimpleUploadedFile("kosong.pdf", b""))
    assert "berkas" in e.value.message_dict
    b = svc.unggah(s.users["camat"], m, SimpleUploadedFile("daftar-hadir.pdf", PDF))
    assert b.jenis_mime == "application/pdf" and b.owner_id == _tahap.KEC
    c = Client()
    c.force_login(s.users["kepala_desa"])
    resp = c.get(reverse("perencanaan:musyawarah_berkas", args=[b.pk]))
    assert resp.status_code == 200 and resp["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in resp["Content-Disposition"]


def test_berita_acara_signed_with_tte_and_locks(s):
    camat = s.users["camat"]
    berjenjang.putuskan(camat, tahap=s.tahap["kecamatan"], usulan=s.usulan["U28-A2"], keputusan="ditolak",
                        alasan="Sudah dibangun program provinsi")
    m = _buat(s)
    with pytest.raises(ValidationError, match="Catat kehadiran"):
        svc.tandatangani_ba(camat, m, DEMO_PASSPHRASE)
    p = svc.tambah_peserta(camat, m, nama="Kades Pematang Limau", unsur="delegasi_desa", akun="kepala_desa")
    svc.catat_hadir(camat, m, p.pk, Kehadiran.HADIR)
    svc.setujui(s.users["kepala_desa"], m)
    sertifikat_demo(camat)
    with pytest.raises(ValidationError) as e:
        svc.tandatangani_ba(camat, m, "salah-sekali")
    assert "passphrase" in e.value.message_dict
    m = svc.tandatangani_ba(camat, m, DEMO_PASSPHRASE)
    assert m.status == StatusMusyawarah.DITANDATANGANI and m.dokumen.sumber == "berita_acara"
    assert m.berkas_ba.read().startswith(b"%PDF")
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        svc.tambah_peserta(camat, m, nama="Terlambat Datang", unsur="masyarakat")
    c = Client()
    c.force_login(s.users["kepala_desa"])
    resp = c.get(reverse("perencanaan:musyawarah_ba_unduh", args=[m.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"


def test_pages(s):
    c = Client()
    c.force_login(s.users["camat"])
    resp = c.post(reverse("perencanaan:musyawarah_baru"), {
        "tahap": s.tahap["kecamatan"].pk, "judul": "x", "waktu": "2026-03-01T09:00", "tempat": "Aula",
        "pimpinan": "Camat", "agenda": "Pembahasan"})
    assert resp.status_code == 200 and "minimal 5 karakter" in resp.content.decode()
    resp = c.post(reverse("perencanaan:musyawarah_baru"), {
        "tahap": s.tahap["kecamatan"].pk, "judul": "Musrenbang Kecamatan", "waktu": "2026-03-01T09:00",
        "tempat": "Aula", "pimpinan": "Camat", "agenda": "Pembahasan"})
    assert resp.status_code == 302
    m = s.tahap["kecamatan"].musyawarah.get(judul="Musrenbang Kecamatan")
    resp = c.post(reverse("perencanaan:peserta_tambah", args=[m.pk]), {"nama": "", "unsur": "dprd"}, follow=True)
    assert "Nama" in resp.content.decode()
    resp = c.post(reverse("perencanaan:peserta_tambah", args=[m.pk]),
                  {"nama": "Anggota DPRD Dapil I", "unsur": "dprd"}, follow=True)
    assert "Anggota DPRD Dapil I" in resp.content.decode()
    assert c.get(reverse("perencanaan:musyawarah_daftar")).status_code == 200
    # A village operator (not invited) cannot open the kecamatan's deliberation.
    c2 = Client()
    c2.force_login(s.users["operator_desa"])
    assert c2.get(m.get_absolute_url()).status_code == 404
    assert c2.post(reverse("perencanaan:musyawarah_hadir", args=[m.pk])).status_code == 404
    assert timezone.now()
