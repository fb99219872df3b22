"""Classification codes: the starter loaders, the CSV import (all or nothing, every bad row
reported), single-code writes, and that only the regency's admin writes them."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from apps.persuratan import bawaan, klasifikasi
from apps.persuratan.models import JenisNaskah, KlasifikasiArsip, TemplateNaskah

from . import _arsip

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return _arsip.bangun()


def _csv(teks: str, nama="kka.csv", bom=False) -> SimpleUploadedFile:
    data = ("\ufeff" if bom else "").encode() + teks.encode("utf-8")
    return SimpleUploadedFile(nama, data, content_type="text/csv")


def _snapshot(kab=_arsip.KAB):
    return sorted(KlasifikasiArsip.objects.filter(owner_id=kab).values_list(
        "kode", "nama", "retensi_aktif", "retensi_inaktif", "tindakan_akhir", "keterangan", "induk__kode", "aktif"))


# ---------------------------------------------------------------- starter loaders

def test_starter_classification_loads_once_with_parents_and_is_idempotent(d):
    n = bawaan.muat_klasifikasi(_arsip.KAB)
    semua = KlasifikasiArsip.objects.filter(owner_id=_arsip.KAB)
    assert 40 <= semua.count() <= 80
    assert n == len(bawaan.KLASIFIKASI_AWAL) - 4 + 2  # 4 existed; 000.1 and 900 differ from the starter list
    for utama in ("000", "100", "200", "300", "400", "500", "600", "700", "800", "900"):
        k = semua.get(kode=utama)
        assert k.induk is None
    assert semua.get(kode="000.1.5").induk.kode == "000.1"
    assert semua.get(kode="000.1").induk.kode == "000"
    sebelum = _snapshot()
    assert bawaan.muat_klasifikasi(_arsip.KAB) == 0
    assert _snapshot() == sebelum
    # A renamed code is set back; a deactivated one stays inactive.
    KlasifikasiArsip.objects.filter(owner_id=_arsip.KAB, kode="000.2").update(nama="Salah", aktif=False)
    assert bawaan.muat_klasifikasi(_arsip.KAB) == 1
    k = semua.get(kode="000.2")
    assert (k.nama, k.aktif) == ("Perlengkapan", False)
    # Other regencies untouched.
    assert KlasifikasiArsip.objects.filter(owner_id=_arsip.KAB_LAIN).count() == 1


def test_starter_templates_one_per_kind_idempotent_and_linked(d):
    bawaan.muat_klasifikasi(_arsip.KAB)
    assert bawaan.muat_template(_arsip.KAB) == len(JenisNaskah.choices)
    tpl = TemplateNaskah.objects.filter(owner_id=_arsip.KAB, unit__isnull=True)
    assert sorted(tpl.values_list("jenis", flat=True)) == sorted(v for v, _ in JenisNaskah.choices)
    undangan = tpl.get(jenis="undangan")
    for baris in ("Hari/tanggal", "Waktu", "Tempat", "Acara"):
        assert baris in undangan.isi
    assert undangan.klasifikasi.kode == "000.1.5"
    sk = tpl.get(jenis="surat_keputusan").isi
    assert "Menimbang" in sk and "Mengingat" in sk and "MEMUTUSKAN" in sk
    assert bawaan.muat_template(_arsip.KAB) == 0
    assert tpl.count() == len(JenisNaskah.choices)


def test_management_command_loads_every_regency_and_refuses_unknown(d):
    call_command("muat_klasifikasi")
    assert KlasifikasiArsip.objects.filter(owner_id=_arsip.KAB_LAIN).count() > 40
    assert TemplateNaskah.objects.filter(owner_id=_arsip.KAB_LAIN).count() == len(JenisNaskah.choices)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ada"):
        call_command("muat_klasifikasi", "99.99")


# ---------------------------------------------------------------- CSV import

CSV_BAIK = (
    "kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir;keterangan\n"
    "000.1.5;Undangan dan Rapat;1;2;musnah;diubah\n"
    "100;Pemerintahan;2;3;permanen;\n"
    "100.3;Pemerintahan Desa;2;5;Dinilai Kembali;\n"
    "100.3.1;Batas Desa;5;10;permanen;Peta batas\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_import_happy_path_upserts_and_links_parents(d, bom):
    hasil = klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB, berkas=_csv(CSV_BAIK, bom=bom))
    assert hasil == {"galat": [], "baru": 3, "diubah": 1, "tetap": 0, "total": 4}
    k = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB, kode="100.3.1")
    assert (k.induk.kode, k.induk.induk.kode, k.retensi_aktif, k.retensi_inaktif, k.tindakan_akhir, k.keterangan) == (
        "100.3", "100", 5, 10, "permanen", "Peta batas")
    assert KlasifikasiArsip.objects.get(owner_id=_arsip.KAB, kode="100.3").tindakan_akhir == "dinilai_kembali"
    u = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB, kode="000.1.5")
    assert (u.nama, u.retensi_inaktif, u.induk.kode) == ("Undangan dan Rapat", 2, "000.1")
    # Again: nothing changes.
    again = klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB, berkas=_csv(CSV_BAIK))
    assert (again["baru"], again["diubah"], again["tetap"]) == (0, 0, 4)


def test_import_accepts_comma_delimiter_and_optional_keterangan(d):
    teks = "kode,nama,retensi_aktif,retensi_inaktif,tindakan_akhir\n900.1,\"Anggaran, APBDes\",2,8,permanen\n"
    hasil = klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB, berkas=_csv(teks))
    assert hasil["baru"] == 1
    assert KlasifikasiArsip.objects.get(owner_id=_arsip.KAB, kode="900.1").nama == "Anggaran, APBDes"


def test_import_reports_every_bad_row_and_writes_nothing(d):
    teks = (
        "kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir;keterangan\n"
        "100;Pemerintahan;2;3;musnah;\n"          # 2: good
        "10A;Salah kode;2;3;musnah;\n"             # 3: bad code format
        "200.1;Tanpa induk;2;3;musnah;\n"          # 4: parent 200 neither in file nor DB
        "100.1;Otonomi;dua;3;musnah;\n"            # 5: non-numeric retention
        "100.2;Pemerintahan Umum;2;3;dibakar;\n"   # 6: unknown final action
        "100;Pemerintahan lagi;2;3;musnah;\n"      # 7: duplicate code in the file
        "100.4;;2;;permanen;\n"                    # 8: missing name and inactive retention
    )
    sebelum = _snapshot()
    hasil = klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB, berkas=_csv(teks))
    assert _snapshot() == sebelum
    assert (hasil["baru"], hasil["diubah"]) == (0, 0)
    galat = {(g["baris"], g["kolom"]) for g in hasil["galat"]}
    assert galat == {(3, "kode"), (4, "kode"), (5, "retensi_aktif"), (6, "tindakan_akhir"), (7, "kode"), (8, "nama"),
                     (8, "retensi_inaktif")}
    pesan = {(g["baris"], g["kolom"]): g["pesan"] for g in hasil["galat"]}
    assert "tidak sesuai format" in pesan[(3, "kode")]
    assert "induk 200" in pesan[(4, "kode")]
    assert "bukan angka" in pesan[(5, "retensi_aktif")]
    assert "tidak dikenal" in pesan[(6, "tindakan_akhir")]
    assert "ganda" in pesan[(7, "kode")] and "baris 2" in pesan[(7, "kode")]


@pytest.mark.parametrize("isi,pesan", [
    (b"", "kosong"),
    (b"kode;nama\n000;Umum\n", "Kolom yang tidak ada"),
    (b"kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir\n", "tidak berisi baris data"),
    ("kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir\n000;Úmum;2;3;musnah\n".encode("latin-1"), "UTF-8"),
    (b"kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir\n" + b"000;x;2;3;musnah\n" * 130_000, "terlalu besar"),
])
def test_import_refuses_bad_files(d, isi, pesan):
    sebelum = _snapshot()
    with pytest.raises(ValidationError) as e:
        klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB,
                              berkas=SimpleUploadedFile("x.csv", isi))
    assert pesan in " ".join(e.value.message_dict["berkas"])
    assert _snapshot() == sebelum


@pytest.mark.parametrize("siapa,kab", [("op_a", _arsip.KAB), ("staf_pd", _arsip.KAB), ("admin", _arsip.KAB_LAIN)])
def test_only_the_regencys_admin_imports(d, siapa, kab):
    with pytest.raises(PermissionDenied):
        klasifikasi.impor_csv(pengguna=d.user[siapa], kode_kabupaten=kab, berkas=_csv(CSV_BAIK))
    assert not KlasifikasiArsip.objects.filter(kode="100").exists()


# ---------------------------------------------------------------- single codes

def test_create_edit_deactivate_one_code(d):
    admin = d.user["admin"]
    k = klasifikasi.buat(pengguna=admin, kode_kabupaten=_arsip.KAB, kode="000.1.6", nama="Tamu", retensi_aktif=1,
                         retensi_inaktif=1, tindakan_akhir="musnah")
    assert k.induk == d.kla["000.1"]
    k = klasifikasi.ubah(k, pengguna=admin, nama="Tamu Dinas", retensi_aktif=2, retensi_inaktif=3,
                         tindakan_akhir="dinilai kembali", keterangan="x")
    assert (k.nama, k.retensi_aktif, k.tindakan_akhir, k.aktif) == ("Tamu Dinas", 2, "dinilai_kembali", True)
    k = klasifikasi.nonaktifkan(k, pengguna=admin)
    assert not KlasifikasiArsip.objects.get(pk=k.pk).aktif


@pytest.mark.parametrize("isian,kolom,pesan", [
    ({"kode": "000.7.1"}, "kode", "induk 000.7"),
    ({"kode": "000.1"}, "kode", "sudah ada"),
    ({"kode": "abc"}, "kode", "format"),
    ({"nama": " "}, "nama", "wajib"),
    ({"retensi_aktif": "x"}, "retensi_aktif", "bukan angka"),
    ({"retensi_inaktif": 120}, "retensi_inaktif", "terlalu besar"),
    ({"tindakan_akhir": "simpan"}, "tindakan_akhir", "tidak dikenal"),
])
def test_create_refuses_bad_input_in_indonesian(d, isian, kolom, pesan):
    nilai = {"kode": "000.1.9", "nama": "Baru", "retensi_aktif": 1, "retensi_inaktif": 1, "tindakan_akhir": "musnah"}
    jumlah = KlasifikasiArsip.objects.count()
    with pytest.raises(ValidationError) as e:
        klasifikasi.buat(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB, **(nilai | isian))
    assert pesan in " ".join(e.value.message_dict[kolom])
    assert KlasifikasiArsip.objects.count() == jumlah


def test_non_admin_cannot_write_codes(d):
    for siapa in ("op_a", "staf_pd"):
        with pytest.raises(PermissionDenied):
            klasifikasi.buat(pengguna=d.user[siapa], kode_kabupaten=_arsip.KAB, kode="000.1.9", nama="x", retensi_aktif=1,
                             retensi_inaktif=1, tindakan_akhir="musnah")
        with pytest.raises(PermissionDenied):
            klasifikasi.ubah(d.kla["000"], pengguna=d.user[siapa], nama="x", retensi_aktif=1, retensi_inaktif=1,
                             tindakan_akhir="musnah")
        with pytest.raises(PermissionDenied):
            klasifikasi.nonaktifkan(d.kla["000"], pengguna=d.user[siapa])
    lain = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB_LAIN)
    with pytest.raises(PermissionDenied):
        klasifikasi.nonaktifkan(lain, pengguna=d.user["admin"])
    assert KlasifikasiArsip.objects.get(pk=lain.pk).aktif and d.kla["000"].nama == "Umum"


# ---------------------------------------------------------------- pages and API

def test_pages_admin_writes_others_are_refused(d, client):
    lain = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB_LAIN)
    client.force_login(d.user["op_a"])
    r = client.get(reverse("persuratan:klasifikasi_daftar"), {"q": "000.1"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "000.1.5" in body and "Undangan" in body and "daftar awal" in body
    assert str(d.kla["000.1"].pk) not in body  # row ids only for those who may edit
    assert client.get(reverse("persuratan:klasifikasi_buat")).status_code == 403
    assert client.get(reverse("persuratan:klasifikasi_impor")).status_code == 403
    assert client.get(reverse("persuratan:klasifikasi_ubah", args=[d.kla["000"].pk])).status_code == 404
    assert client.post(reverse("persuratan:klasifikasi_nonaktif", args=[d.kla["000"].pk])).status_code == 404
    assert client.get(reverse("persuratan:klasifikasi_contoh")).status_code == 200

    client.force_login(d.user["admin"])
    assert client.get(reverse("persuratan:klasifikasi_ubah", args=[lain.pk])).status_code == 404
    assert client.post(reverse("persuratan:klasifikasi_nonaktif", args=[lain.pk])).status_code == 404
    r = client.post(reverse("persuratan:klasifikasi_buat"), {"kabupaten": _arsip.KAB, "kode": "000.1.7", "nama": "Protokol",
                                                             "retensi_aktif": 1, "retensi_inaktif": 2,
                                                             "tindakan_akhir": "musnah"})
    assert r.status_code == 302
    k = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB, kode="000.1.7")
    r = client.post(reverse("persuratan:klasifikasi_buat"), {"kabupaten": _arsip.KAB, "kode": "000.8.1", "nama": "x",
                                                             "retensi_aktif": 1, "retensi_inaktif": 2,
                                                             "tindakan_akhir": "musnah"})
    assert r.status_code == 200 and "induk 000.8" in r.content.decode()
    r = client.post(reverse("persuratan:klasifikasi_ubah", args=[k.pk]), {"nama": "Protokol Pimpinan", "retensi_aktif": 2,
                                                                         "retensi_inaktif": 2, "tindakan_akhir": "permanen",
                                                                         "aktif": "on"})
    assert r.status_code == 302
    assert KlasifikasiArsip.objects.get(pk=k.pk).nama == "Protokol Pimpinan"
    assert client.post(reverse("persuratan:klasifikasi_nonaktif", args=[k.pk])).status_code == 302
    assert not KlasifikasiArsip.objects.get(pk=k.pk).aktif


def test_import_page_shows_row_errors_and_success(d, client):
    client.force_login(d.user["admin"])
    url = reverse("persuratan:klasifikasi_impor")
    r = client.get(url)
    assert r.status_code == 200 and "contoh" in r.content.decode().lower()
    buruk = "kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir\n300.1;Tanpa induk;2;3;musnah\n"
    r = client.post(url, {"kabupaten": _arsip.KAB, "berkas": _csv(buruk)})
    assert r.status_code == 400
    body = r.content.decode()
    assert "Tidak ada yang disimpan" in body and "induk 300" in body
    r = client.post(url, {"kabupaten": _arsip.KAB, "berkas": _csv(CSV_BAIK)})
    assert r.status_code == 302
    assert KlasifikasiArsip.objects.filter(owner_id=_arsip.KAB, kode="100.3.1").exists()
    # The example file imports as it is.
    contoh = client.get(reverse("persuratan:klasifikasi_contoh")).content
    hasil = klasifikasi.impor_csv(pengguna=d.user["admin"], kode_kabupaten=_arsip.KAB,
                                  berkas=SimpleUploadedFile("c.csv", contoh))
    assert hasil["galat"] == []


def test_api_lists_for_staff_writes_for_admin_only(d, client):
    url = "/api/v1/persuratan/klasifikasi/"
    client.force_login(d.user["op_a"])
    r = client.get(url, {"q": "000.1"})
    assert r.status_code == 200
    kode = {x["kode"]: x for x in r.json()}
    assert set(kode) == {"000.1", "000.1.5"}
    assert kode["000.1.5"]["induk"] == "000.1" and kode["000.1.5"]["id"] is None
    assert client.get(f"{url}{d.kla['000'].pk}/").status_code == 404
    assert client.patch(f"{url}{d.kla['000'].pk}/", {"nama": "x"}, content_type="application/json").status_code == 404
    r = client.post(url, {"kode": "000.1.8", "nama": "x", "retensi_aktif": 1, "retensi_inaktif": 1,
                          "tindakan_akhir": "musnah", "kabupaten": _arsip.KAB}, content_type="application/json")
    assert r.status_code == 403

    client.force_login(d.user["staf_pd"])
    assert client.get(f"{url}{d.kla['000'].pk}/").json()["kode"] == "000"
    assert client.patch(f"{url}{d.kla['000'].pk}/", {"nama": "x"}, content_type="application/json").status_code == 404

    client.force_login(d.user["admin"])
    lain = KlasifikasiArsip.objects.get(owner_id=_arsip.KAB_LAIN)
    assert client.get(f"{url}{lain.pk}/").status_code == 404
    r = client.post(url, {"kode": "000.1.8", "nama": "Surat Kuasa", "retensi_aktif": 1, "retensi_inaktif": 1,
                          "tindakan_akhir": "musnah"}, content_type="application/json")
    assert r.status_code == 201 and r.json()["induk"] == "000.1" and r.json()["id"]
    r = client.post(url, {"kode": "000.1.8", "nama": "x", "retensi_aktif": 1, "retensi_inaktif": 1,
                          "tindakan_akhir": "musnah"}, content_type="application/json")
    assert r.status_code == 400 and "sudah ada" in str(r.json()["kode"])
    r = client.patch(f"{url}{d.kla['000'].pk}/", {"retensi_aktif": 4}, content_type="application/json")
    assert r.status_code == 200 and r.json()["retensi_aktif"] == 4 and r.json()["nama"] == "Umum"
