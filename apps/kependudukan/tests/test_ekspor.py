"""Export to OpenSID's format: the same 43 headers and codes, masked by role, and a round trip
(export a village, import it into an empty one) that keeps every field."""
from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from apps.akun.models import LogAkses
from apps.kependudukan import impor
from apps.kependudukan.ekspor import ekspor_opensid
from apps.kependudukan.impor import KOLOM_OPENSID, impor_berkas
from apps.kependudukan.models import Keluarga, Penduduk
from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah

from .conftest import DESA_A, DESA_B, DESA_C, KEC1

EKSPOR = reverse("kependudukan:ekspor_opensid")
HEADER = [h for h, _, _ in KOLOM_OPENSID]
LENGKAP = {
    "tempat_lahir": "Kuala Pembuang", "pendidikan_kk": 8, "pendidikan_sedang": 18, "pekerjaan": 65,
    "golongan_darah": 11, "warganegara": 1, "suku": "Dayak Ngaju", "no_akta_lahir": "6207-LT-01012012-0001",
    "no_paspor": "B1234567", "tanggal_akhir_paspor": datetime.date(2030, 5, 1), "no_kitas": "",
    "akta_perkawinan": "0127/2000/III/2014", "tanggal_perkawinan": datetime.date(2010, 3, 8), "akta_perceraian": "",
    "tanggal_perceraian": None, "cacat": 7, "cara_kb": 3, "hamil": 2, "ktp_el": 2, "status_rekam": 8,
    "alamat_sekarang": "Mess perkebunan, Blok C", "tag_id_card": "A1B2C3", "asuransi": 2,
    "no_asuransi": "0001234567890", "lat": Decimal("-3.123456"), "lng": Decimal("112.654321"),
}


def baca(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data), read_only=True)["Data Penduduk"]
    # empty cells are not written at all, so a row may end early
    return [list(r) + [None] * (len(HEADER) - len(r)) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def desa_a(keluarga_baru):
    kk, anggota = keluarga_baru(DESA_A)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=anggota[0].pk).update(**LENGKAP)
        Penduduk.objects.filter(pk=anggota[2].pk).update(status_dasar=2)
        Wilayah.objects.filter(kode=f"{DESA_A}.01").update(nama="Dusun Sungai Undang")
    return kk, anggota


def test_export_has_the_opensid_headers_and_codes(desa_a):
    kk, (kepala, istri, anak) = desa_a
    data, n = ekspor_opensid(Penduduk.objects.all(), desa=DESA_A, penuh=True)
    rows = baca(data)
    assert n == 3 and rows[0] == HEADER and len(HEADER) == 43
    r = dict(zip(HEADER, rows[1], strict=True))
    assert (r["nama"], r["nik"], r["no_kk"], r["kk_level"], r["sex"]) == (kepala.nama, kepala.nik, kk.no_kk, 1, 1)
    assert (r["dusun"], r["rw"], r["rt"], r["pekerjaan_id"], r["id_asuransi"], r["lat"]) == (
        "Dusun Sungai Undang", "001", "001", 65, 2, "-3.123456")
    assert r["tanggallahir"].date() == kepala.tanggal_lahir
    assert dict(zip(HEADER, rows[3], strict=True))["status_dasar"] == 2
    legend = load_workbook(io.BytesIO(data), read_only=True)["Kode Data"]
    assert next(legend.iter_rows(values_only=True))[:4] == ("sex", "id", "agama_id", "id")


def test_round_trip_into_an_empty_village_keeps_every_field(desa_a):
    data, _ = ekspor_opensid(Penduduk.objects.all(), desa=DESA_A, penuh=True)
    # NIK and No KK are unique nationwide: the copy gets other numbers (kabupaten 07 -> 09).
    ganti = {h: i for i, h in enumerate(HEADER) if h in ("nik", "no_kk", "ayah_nik", "ibu_nik")}
    wb = Workbook()
    ws = wb.active
    ws.title = "Data Penduduk"
    for i, row in enumerate(baca(data)):
        if i:
            for idx in ganti.values():
                if row[idx]:
                    row[idx] = row[idx][:2] + "09" + row[idx][4:]
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    kosong = "62.07.01.2007"
    with acting_as("sistem:uji"):
        Wilayah.objects.create(kode=kosong, nama="Desa Kosong", tingkat="desa", level=4, induk_id=KEC1, owner_id="62.07")
        hasil = impor_berkas(buf.getvalue(), desa=kosong)
    assert hasil.galat == [] and (hasil.ditambah, hasil.keluarga_baru, hasil.wilayah_baru) == (3, 1, 3)

    def salin(nomor: str) -> str:
        return nomor[:2] + "09" + nomor[4:] if nomor else ""

    fields = [f.name for f in Penduduk._meta.concrete_fields
              if f.name not in ("id", "owner", "created_at", "updated_at", "keluarga", "wilayah", "akun", "nik",
                                "nik_ayah", "nik_ibu", "telepon", "email", "sakit_menahun", "status_penduduk",
                                "tanggal_terdaftar")]
    for asli in Penduduk.objects.filter(owner_id=DESA_A):
        copy = Penduduk.objects.get(nik=salin(asli.nik))
        for f in fields:
            assert getattr(copy, f) == getattr(asli, f), f
        assert (copy.nik_ayah, copy.nik_ibu) == (salin(asli.nik_ayah), salin(asli.nik_ibu))
        assert copy.owner_id == kosong and copy.keluarga.no_kk == salin(asli.keluarga.no_kk)
        w_asli, w_copy = Wilayah.objects.get(kode=asli.wilayah_id), Wilayah.objects.get(kode=copy.wilayah_id)
        assert (w_copy.nama, w_copy.kode[-8:]) == (w_asli.nama, w_asli.kode[-8:])
        assert w_copy.induk.induk.nama == "Dusun Sungai Undang"
    k_asli = Keluarga.objects.get(owner_id=DESA_A)
    k_copy = Keluarga.objects.get(owner_id=kosong)
    assert (k_copy.kepala.nama, k_copy.alamat) == (k_asli.kepala.nama, k_asli.kepala.alamat)
    # the fast insert path journals exactly what it wrote
    assert journal.verify_chain().ok and journal.verify_rows() == []


def test_masked_for_roles_without_the_full_nik_grant_and_logged_for_those_with_it(client, pengguna, desa_a):
    kk, (kepala, _i, _a) = desa_a
    client.force_login(pengguna("camat", KEC1))
    resp = client.get(EKSPOR, {"desa": DESA_A})
    assert resp.status_code == 200 and resp["Content-Disposition"].startswith("attachment;")
    r = dict(zip(HEADER, baca(resp.content)[1], strict=True))
    assert r["nik"] == kepala.nik[:4] + "x" * 12 and r["no_kk"] == kk.no_kk[:4] + "x" * 12
    assert kepala.nik not in str(baca(resp.content)) and r["no_asuransi"].endswith("xxx")
    assert not LogAkses.objects.exists()
    client.force_login(op := pengguna("operator_desa", DESA_A))
    resp = client.get(EKSPOR, {"desa": DESA_A})
    assert dict(zip(HEADER, baca(resp.content)[1], strict=True))["nik"] == kepala.nik
    assert LogAkses.objects.filter(pengguna=op, owner=DESA_A).count() == 3


def test_export_of_a_village_outside_scope_is_404_and_the_page_offers_only_own(client, pengguna, desa_a):
    client.force_login(pengguna("operator_desa", DESA_A))
    assert client.get(EKSPOR, {"desa": DESA_B}).status_code == 404
    assert client.get(EKSPOR, {"desa": "62.07.01"}).status_code == 404
    page = client.get(EKSPOR).content.decode()
    assert DESA_A in page and DESA_B not in page
    client.force_login(pengguna("camat", KEC1))
    assert client.get(EKSPOR, {"desa": DESA_C}).status_code == 404
    client.force_login(pengguna("warga", DESA_A))
    assert client.get(EKSPOR).status_code == 404


def test_api_export(client, pengguna, desa_a):
    client.force_login(pengguna("operator_desa", DESA_A))
    resp = client.get("/api/v1/ekspor-penduduk/", {"desa": DESA_A})
    assert resp.status_code == 200 and baca(resp.content)[0] == HEADER
    assert client.get("/api/v1/ekspor-penduduk/", {"desa": DESA_B}).status_code == 404
    assert client.get("/api/v1/ekspor-penduduk/").status_code == 400


def test_export_command_full_and_masked(desa_a, tmp_path):
    kk, (kepala, _i, _a) = desa_a
    out = io.StringIO()
    call_command("export_penduduk", str(tmp_path / "a.xlsx"), "--desa", DESA_A, stdout=out)
    assert "3 penduduk diekspor" in out.getvalue()
    assert baca((tmp_path / "a.xlsx").read_bytes())[1][HEADER.index("nik")] == kepala.nik
    call_command("export_penduduk", str(tmp_path / "b.xlsx"), "--desa", DESA_A, "--samarkan", stdout=io.StringIO())
    assert baca((tmp_path / "b.xlsx").read_bytes())[1][HEADER.index("nik")].endswith("x" * 12)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_penduduk", str(tmp_path / "c.xlsx"), "--desa", "62.07.01")


def test_an_exported_file_imports_back_into_the_same_village_as_a_no_op(desa_a):
    data, _ = ekspor_opensid(Penduduk.objects.all(), desa=DESA_A, penuh=True)
    from apps.sinkron.models import Jurnal

    before = Jurnal.objects.count()
    with acting_as("sistem:uji"):
        hasil = impor.impor_berkas(data, desa=DESA_A)
    assert (hasil.tetap, hasil.diperbarui, hasil.ditambah, hasil.galat) == (3, 0, 0, [])
    assert Jurnal.objects.count() == before


def test_text_that_looks_like_a_formula_is_exported_as_text(desa_a):
    kk, (kepala, _i, _a) = desa_a
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=kepala.pk).update(tempat_lahir="=HYPERLINK(\"http://x\")")
    data, _ = ekspor_opensid(Penduduk.objects.all(), desa=DESA_A, penuh=True)
    ws = load_workbook(io.BytesIO(data))["Data Penduduk"]
    cell = ws.cell(row=2, column=HEADER.index("tempatlahir") + 1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"
