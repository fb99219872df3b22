"""Pages and API of the aspiration area: the public form (honeypot, rate limit, photo
sniffing), tracking, rating; the staff inbox and detail; anonymity for every staff role;
what the public never sees; pinned query counts."""
from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.aspirasi import layanan, moderasi
from apps.aspirasi.models import Aspirasi

from ._aspirasi import HTML, JPEG, NAMA_RAHASIA, STAF, data_form, lapor

pytestmark = pytest.mark.django_db


def test_public_form_submits_and_shows_the_tracking_code(dunia, client):
    assert client.get(reverse("lapor:form")).status_code == 200
    resp = client.post(reverse("lapor:form"), data_form(dunia, foto=SimpleUploadedFile("a.jpg", JPEG)))
    assert resp.status_code == 200
    asp = Aspirasi.objects.filter(judul="Jalan berlubang").get()
    body = resp.content.decode()
    assert asp.kode_lacak in body and "Simpan kode ini" in body
    assert asp.foto.count() == 1 and asp.pelapor_akun is None


def test_public_form_shows_field_errors_and_refuses_html_as_photo(dunia, client):
    resp = client.post(reverse("lapor:form"), data_form(dunia, nama=""))
    body = resp.content.decode()
    assert resp.status_code == 200 and "Isi nama Anda" in body
    resp = client.post(reverse("lapor:form"), data_form(dunia, foto=SimpleUploadedFile("a.jpg", HTML)))
    assert "JPG, PNG atau WebP" in resp.content.decode()
    assert not Aspirasi.objects.filter(judul="Jalan berlubang").exists()


def test_honeypot_and_rate_limit(dunia, client):
    client.post(reverse("lapor:form"), data_form(dunia, situs="http://spam"))
    assert not Aspirasi.objects.filter(judul="Jalan berlubang").exists()
    for _ in range(4):
        client.post(reverse("lapor:form"), data_form(dunia))
    assert client.post(reverse("lapor:form"), data_form(dunia)).status_code == 429


def test_logged_in_resident_gets_the_identity_prefilled_and_owns_the_report(dunia, client):
    client.force_login(dunia.users["warga"])
    assert "Uji" in client.get(reverse("lapor:form")).content.decode()
    client.post(reverse("lapor:form"), data_form(dunia))
    asp = Aspirasi.objects.get(judul="Jalan berlubang")
    assert asp.pelapor_akun == dunia.users["warga"]
    # A resident sees only their own aspirations in the API.
    ids = {r["id"] for r in client.get("/api/v1/aspirasi/aspirasi/").json()["results"]}
    assert ids == {str(asp.pk)}


def test_tracking_rating_and_reopening_by_code(dunia, client):
    asp = lapor(dunia, kategori=dunia.kat_desa)
    resp = client.get(reverse("lapor:lacak"), {"kode": asp.kode_lacak.lower()})
    assert resp.status_code == 302 and resp["Location"] == reverse("lapor:status", args=[asp.kode_lacak])
    assert "tidak ditemukan" in client.get(reverse("lapor:lacak"), {"kode": "BUKANKODE1"}).content.decode()
    assert client.get(reverse("lapor:status", args=["TIDAKADA22"])).status_code == 404
    layanan.tindak(dunia.users["operator_desa"], asp, "selesai", "Sudah diperbaiki warga dan desa.")
    body = client.get(reverse("lapor:status", args=[asp.kode_lacak])).content.decode()
    assert "Sudah diperbaiki warga dan desa." in body and "Budi Pelapor" not in body
    resp = client.post(reverse("lapor:nilai", args=[asp.kode_lacak]), {"aksi": "nilai", "nilai": "9"})
    assert resp.status_code == 400
    resp = client.post(reverse("lapor:nilai", args=[asp.kode_lacak]), {"aksi": "nilai", "nilai": "5", "komentar": "Mantap"})
    assert resp.status_code == 302
    asp.refresh_from_db()
    assert asp.nilai == 5
    resp = client.post(reverse("lapor:nilai", args=[asp.kode_lacak]), {"aksi": "buka", "alasan": ""})
    assert resp.status_code == 400
    client.post(reverse("lapor:nilai", args=[asp.kode_lacak]), {"aksi": "buka", "alasan": "Rusak lagi"})
    asp.refresh_from_db()
    assert asp.status == "dibuka_kembali"


def test_internal_notes_never_reach_the_public_page(dunia, client):
    asp = lapor(dunia)
    layanan.tindak(dunia.users["camat"], asp, "catatan", "Catatan rahasia kecamatan")
    assert "Catatan rahasia kecamatan" not in client.get(reverse("lapor:status", args=[asp.kode_lacak])).content.decode()


def test_a_merged_duplicates_reporter_never_sees_the_originals_code_or_confidential_text(dunia, client):
    """The tracking code is a bearer secret: the duplicate's reporter learns that the report was
    merged and how the original progresses, never the original's code, text or its reporter's words."""
    asli = lapor(dunia, kategori=dunia.kat_desa, rahasia=True, judul="Dugaan pungli kepala sekolah",
                 isi="Kepala SD Negeri 3 meminta uang Rp500.000 dari wali murid bernama Ani.")
    dup = lapor(dunia, kategori=dunia.kat_desa, judul="Pungutan di sekolah")
    moderasi.gabung(dunia.users["camat"], dup, asli.kode_lacak)
    assert asli.kode_lacak not in dup.tindakan.get(jenis="gabung").isi
    operator = dunia.users["operator_desa"]
    layanan.tindak(operator, asli, "tanggapan", "Tim desa sudah memanggil pihak sekolah.")
    layanan.tindak(operator, asli, "selesai", "Sudah diselesaikan bersama dinas.")
    asli.refresh_from_db()
    layanan.buka_kembali(asli, "Ani masih dimintai uang oleh kepala sekolah.")
    body = client.get(reverse("lapor:status", args=[dup.kode_lacak])).content.decode()
    assert "digabung dengan laporan serupa" in body
    assert "Tim desa sudah memanggil pihak sekolah." in body  # the original's public answers
    assert "Dibuka kembali" in body  # and its status
    for rahasia in (asli.kode_lacak, "Dugaan pungli", "Rp500.000", "Ani"):
        assert rahasia not in body, rahasia


def test_photos_of_confidential_or_hidden_reports_are_not_public(dunia, client):
    biasa = lapor(dunia, foto=[SimpleUploadedFile("a.jpg", JPEG)])
    rahasia = lapor(dunia, rahasia=True, foto=[SimpleUploadedFile("a.jpg", JPEG)])
    resp = client.get(reverse("lapor:foto", args=[biasa.foto.get().pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "image/jpeg"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert client.get(reverse("lapor:foto", args=[rahasia.foto.get().pk])).status_code == 404
    moderasi.sembunyikan(dunia.users["camat"], biasa, "Kasar")
    assert client.get(reverse("lapor:foto", args=[biasa.foto.get().pk])).status_code == 404


@pytest.mark.parametrize("peran", STAF)
def test_no_staff_role_ever_sees_an_anonymous_reporter(dunia, peran):
    asp = lapor(dunia, anonim=True, nama=NAMA_RAHASIA, kontak="0899-rahasia")
    layanan.tindak(dunia.users["camat"], asp, "teruskan", "Ke dinas.", dunia.dpmd.pk)
    c = Client()
    c.force_login(dunia.users[peran])
    halaman = [reverse("aspirasi:daftar"), reverse("aspirasi:daftar") + "?status=semua",
               reverse("aspirasi:detail", args=[asp.pk]), "/api/v1/aspirasi/aspirasi/",
               f"/api/v1/aspirasi/aspirasi/{asp.pk}/",
               reverse("sinkron:riwayat", args=["aspirasi.aspirasi", asp.pk])]
    dilihat = 0
    for url in halaman:
        resp = c.get(url)
        body = resp.content.decode()
        assert NAMA_RAHASIA not in body and "0899-rahasia" not in body, (peran, url)
        dilihat += resp.status_code == 200 and asp.kode_lacak in body
    assert dilihat >= 3, peran  # every staff role reaches it (the agency through its handling)


def test_inbox_flags_overdue_in_red_and_its_query_count_is_pinned(dunia, client, django_assert_max_num_queries):
    for i in range(3):
        lapor(dunia, judul=f"Laporan {i}")
    Aspirasi.objects.filter(judul="Laporan 0").update(tenggat="2026-01-05")
    client.force_login(dunia.users["camat"])
    with django_assert_max_num_queries(12):
        body = client.get(reverse("aspirasi:daftar")).content.decode()
    assert "table-danger terlambat" in body
    for i in range(10):
        lapor(dunia, judul=f"Lagi {i}")
    with django_assert_max_num_queries(12):
        client.get(reverse("aspirasi:daftar"))


def test_inbox_status_filter_all_shows_open_and_closed(dunia, client):
    terbuka = lapor(dunia, judul="Masih terbuka")
    tutup = lapor(dunia, judul="Sudah ditolak")
    layanan.tindak(dunia.users["camat"], tutup, "tolak", "Bukan laporan.")
    client.force_login(dunia.users["camat"])
    kode = {s: set(re.findall(r'data-kode="(\w+)"', client.get(reverse("aspirasi:daftar") + f"?status={s}")
                              .content.decode())) for s in ("terbuka", "tertutup", "semua")}
    assert kode["terbuka"] >= {terbuka.kode_lacak} and tutup.kode_lacak not in kode["terbuka"]
    assert tutup.kode_lacak in kode["tertutup"] and terbuka.kode_lacak not in kode["tertutup"]
    assert kode["semua"] >= {terbuka.kode_lacak, tutup.kode_lacak}


def test_status_page_query_count_is_pinned(dunia, client, django_assert_max_num_queries):
    asp = lapor(dunia)
    for i in range(5):
        layanan.tindak(dunia.users["camat"], asp, "tindak_lanjut", f"Langkah {i}")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("lapor:status", args=[asp.kode_lacak])).status_code == 200


def test_staff_action_form_shows_errors_and_routes(dunia, client):
    asp = lapor(dunia)
    client.force_login(dunia.users["camat"])
    resp = client.post(reverse("aspirasi:tindak", args=[asp.pk]), {"jenis": "tolak", "isi": ""})
    assert resp.status_code == 200 and "alasan penolakan" in resp.content.decode()
    resp = client.post(reverse("aspirasi:tindak", args=[asp.pk]),
                       {"jenis": "teruskan", "isi": "Ke dinas", "ke_unit": str(dunia.dpmd.pk)})
    assert resp.status_code == 302
    asp.refresh_from_db()
    assert asp.unit_saat_ini == dunia.dpmd


def test_api_action_checks_input(dunia, client):
    asp = lapor(dunia)
    client.force_login(dunia.users["camat"])
    url = f"/api/v1/aspirasi/aspirasi/{asp.pk}/tindakan/"
    assert client.post(url, {"jenis": "tolak", "isi": ""}, content_type="application/json").status_code == 400
    resp = client.post(url, {"jenis": "verifikasi", "isi": "ok"}, content_type="application/json")
    assert resp.status_code == 201 and resp.json()["aspirasi"]["status"] == "diverifikasi"


def test_operator_records_a_walk_in_and_admin_edits_referencedata_form(dunia, client):
    client.force_login(dunia.users["operator_desa"])
    resp = client.post(reverse("aspirasi:catat"), {**data_form(dunia, kategori=dunia.kat_desa.kode), "kanal": "loket"})
    assert resp.status_code == 302
    assert Aspirasi.objects.get(judul="Jalan berlubang").kanal == "loket"
    assert client.get(reverse("aspirasi:kategori_daftar")).status_code == 200
    admin = Client()
    admin.force_login(dunia.users["admin_kabupaten"])
    resp = admin.post(reverse("aspirasi:kategori_daftar"), {"aksi": "aturan", "kode": "tanggapan_pertama", "hari_kerja": "0"})
    assert resp.status_code == 400
    resp = admin.post(reverse("aspirasi:kategori_daftar"), {"aksi": "aturan", "kode": "tanggapan_pertama", "hari_kerja": "2"})
    assert resp.status_code == 302
    resp = admin.post(reverse("aspirasi:kategori_daftar"), {"aksi": "kategori", "kode": "air", "nama": "Air bersih",
                                                           "tingkat": "kabupaten", "sla": "pengaduan", "urutan": "1"})
    assert "memerlukan perangkat daerah" in resp.content.decode()
    url = reverse("aspirasi:kategori_ubah", args=[dunia.kat_desa.pk])
    assert admin.get(url).status_code == 200
    data = {"kode": "pelayanan-desa", "nama": "Pelayanan desa", "tingkat": "desa", "sla": "informasi", "urutan": "2",
            "aktif": "on"}
    assert admin.post(url, data).status_code == 302
    dunia.kat_desa.refresh_from_db()
    assert dunia.kat_desa.sla == "informasi"
    resp = admin.post(reverse("aspirasi:libur_daftar"), {"aksi": "tambah", "tanggal": "2026-12-25", "nama": "Natal"})
    assert "sudah tercatat" in resp.content.decode()
    csv = SimpleUploadedFile("libur.csv", b"tanggal,keterangan\n2027-01-01,Tahun Baru\n2027-13-01,Salah\n")
    resp = admin.post(reverse("aspirasi:libur_daftar"), {"aksi": "impor", "berkas": csv})
    assert "Baris 3" in resp.content.decode()
    csv = SimpleUploadedFile("libur.csv", b"tanggal,keterangan\n2027-01-01,Tahun Baru\n")
    assert admin.post(reverse("aspirasi:libur_daftar"), {"aksi": "impor", "berkas": csv}).status_code == 302
    resp = admin.get(reverse("aspirasi:laporan"), {"format": "xlsx"})
    assert resp.status_code == 200


def test_monthly_report_renders_counts_per_unit(dunia, client):
    asp = lapor(dunia)
    layanan.tindak(dunia.users["camat"], asp, "tanggapan", "Sedang dicek.")
    client.force_login(dunia.users["camat"])
    body = client.get(reverse("aspirasi:laporan")).content.decode()
    assert dunia.kec_unit.nama in body and "Pengaduan: 1" in body
