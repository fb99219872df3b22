"""The unit's books: Buku Agenda Surat Masuk, Buku Agenda Surat Keluar, Buku Ekspedisi, on screen,
as PDF with the unit's letterhead, as xlsx and CSV; only the unit's own letters."""
from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.persuratan import buku
from apps.persuratan.models import Disposisi, PenerimaDisposisi, SuratMasuk
from apps.sinkron.context import acting_as

from . import _arsip

pytestmark = pytest.mark.django_db

NOV = buku.Periode(2026, 11)
DIBACA = datetime.datetime(2026, 11, 4, 8, 30, tzinfo=datetime.UTC)


@pytest.fixture
def d():
    d = _arsip.bangun()
    d.rapat = _arsip.naskah(d, "a", perihal="Undangan Musrenbang Desa", tanggal=datetime.date(2026, 11, 3),
                            kla="000.1.5", nomor="000.1.5/007/PL", jenis="undangan",
                            penerima=[{"unit": "bpd"}, {"nama_luar": "Kapolsek Seruyan Hilir"},
                                      {"unit": "b", "jenis": "tembusan"}], dibaca={"bpd": DIBACA})
    d.lain_bulan = _arsip.naskah(d, "a", perihal="Laporan Oktober", tanggal=datetime.date(2026, 10, 30),
                                 penerima=[{"nama_luar": "Camat"}])
    d.masuk = _arsip.masuk(d, "a", perihal="Pemberitahuan Polsek", tanggal=datetime.date(2026, 11, 5),
                           nomor_surat="B/12/XI/2026", kla="000.1")
    with acting_as("sistem:uji"):
        dispo = Disposisi.objects.create(surat_masuk=d.masuk, unit=d.unit["a"], dari=d.user["op_a"],
                                         dari_jabatan=d.jabatan["a"], instruksi="Hadiri", owner_id=_arsip.DESA_A)
        PenerimaDisposisi.objects.create(disposisi=dispo, unit=d.unit["a"], jabatan=d.jabatan["a"], owner_id=_arsip.DESA_A)
    SuratMasuk.objects.filter(pk=d.masuk.pk).update(status="didisposisi")
    d.desa_b = _arsip.naskah(d, "b", perihal="Surat Sungai Perlu", tanggal=datetime.date(2026, 11, 3),
                             penerima=[{"unit": "a"}])
    return d


def test_agenda_masuk_rows(d):
    rows, lagi = buku.baris_masuk(d.user["op_a"], d.unit["a"], NOV)
    assert not lagi
    assert [r[4] for r in rows] == ["Pemberitahuan Polsek", "Surat Sungai Perlu"]
    polsek = rows[0]
    assert polsek[0] == 1 and polsek[1] == "05-11-2026" and polsek[2] == "B/12/XI/2026, 05-11-2026"
    assert polsek[3] == "Polsek Seruyan Hilir" and polsek[5] == "000.1"
    assert polsek[6] == "Kepala Pemerintah Desa Pematang Limau (Didisposisikan)"
    assert rows[1][6] == "Belum dibaca"


def test_agenda_keluar_rows(d):
    rows, _ = buku.baris_keluar(d.user["op_a"], d.unit["a"], NOV)
    assert rows == [[1, "000.1.5/007/PL", "03-11-2026", "BPD Pematang Limau, Kapolsek Seruyan Hilir; Tembusan: "
                     "Pemerintah Desa Sungai Perlu", "Undangan Musrenbang Desa", "000.1.5", "Budi Santoso (Kepala Desa)"]]


def test_ekspedisi_one_row_per_addressee_with_delivery(d):
    rows, _ = buku.baris_ekspedisi(d.user["op_a"], d.unit["a"], NOV)
    by_tujuan = {r[3]: r for r in rows}
    assert set(by_tujuan) == {"BPD Pematang Limau", "Kapolsek Seruyan Hilir", "Pemerintah Desa Sungai Perlu (tembusan)"}
    assert [r[0] for r in rows] == [1, 2, 3]
    bpd = by_tujuan["BPD Pematang Limau"]
    assert bpd[5] == "Elektronik" and bpd[6].startswith("Dibaca ")
    assert by_tujuan["Kapolsek Seruyan Hilir"][5:] == ["Kertas", ""]
    assert "belum dibaca" in by_tujuan["Pemerintah Desa Sungai Perlu (tembusan)"][6]
    assert all(r[2] == "000.1.5/007/PL" and r[1] == "03-11-2026" for r in rows)


def test_books_are_per_unit(d):
    assert buku.baris_keluar(d.user["op_b"], d.unit["b"], NOV)[0][0][4] == "Surat Sungai Perlu"
    # Another unit's book through someone else's account is empty, not leaked.
    for fungsi in (buku.baris_masuk, buku.baris_keluar, buku.baris_ekspedisi):
        assert fungsi(d.user["op_b"], d.unit["a"], NOV)[0] == []
        assert fungsi(d.user["bpd_a"], d.unit["a"], NOV)[0] == []


def test_screen_pages_and_pagination(d, client, django_assert_max_num_queries):
    for i in range(5):
        _arsip.masuk(d, "a", perihal=f"Tambahan {i}", tanggal=datetime.date(2026, 11, 10 + i))
    client.force_login(d.user["op_a"])
    for nama, isi in (("persuratan:buku_agenda_masuk", "Pemberitahuan Polsek"),
                      ("persuratan:buku_agenda_keluar", "Undangan Musrenbang Desa"),
                      ("persuratan:buku_ekspedisi", "Kapolsek Seruyan Hilir")):
        with django_assert_max_num_queries(12):
            r = client.get(reverse(nama), {"periode": "2026-11"})
        assert r.status_code == 200, nama
        body = r.content.decode()
        assert isi in body
        assert "format=pdf" in body and "format=xlsx" in body
    rows, lagi = buku.halaman(d.user["op_a"], d.unit["a"], "masuk", NOV, nomor=1, ukuran=3)
    rows2, lagi2 = buku.halaman(d.user["op_a"], d.unit["a"], "masuk", NOV, nomor=3, ukuran=3)
    assert lagi and not lagi2 and len(rows) == 3 and len(rows2) == 1
    assert client.get(reverse("persuratan:buku_agenda_masuk"), {"periode": "2026-13"}).status_code == 400
    assert client.get(reverse("persuratan:buku_agenda_masuk"), {"periode": "kemarin"}).status_code == 400
    assert client.get(reverse("persuratan:buku_agenda_masuk"), {"format": "doc"}).status_code == 400
    assert client.get(reverse("persuratan:buku_agenda_masuk"), {"unit": d.unit["b"].pk}).status_code == 404


def test_keluar_page_does_not_show_other_units(d, client):
    client.force_login(d.user["op_b"])
    body = client.get(reverse("persuratan:buku_agenda_keluar"), {"periode": "2026-11"}).content.decode()
    assert "Surat Sungai Perlu" in body and "Undangan Musrenbang Desa" not in body
    body = client.get(reverse("persuratan:buku_ekspedisi"), {"periode": "2026-11"}).content.decode()
    assert "Kapolsek" not in body


def test_pdf_has_the_units_letterhead_and_rows(d, client):
    client.force_login(d.user["op_a"])
    r = client.get(reverse("persuratan:buku_ekspedisi"), {"periode": "2026-11", "format": "pdf"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    for isi in ("PEMERINTAH KABUPATEN SERUYAN", "KECAMATAN SERUYAN HILIR", "PEMERINTAH DESA PEMATANG LIMAU",
                "BUKU EKSPEDISI", "Kapolsek Seruyan Hilir", "Budi Santoso"):
        assert isi in teks, isi
    r = client.get(reverse("persuratan:buku_agenda_masuk"), {"periode": "2026-11", "format": "pdf", "kertas": "f4"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_xlsx_and_csv(d, client):
    client.force_login(d.user["op_a"])
    r = client.get(reverse("persuratan:buku_agenda_keluar"), {"periode": "2026-11", "format": "xlsx"})
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    nilai = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "PEMERINTAH KABUPATEN SERUYAN" in nilai and "BUKU AGENDA SURAT KELUAR" in nilai
    assert "000.1.5/007/PL" in nilai and "Laporan Oktober" not in nilai
    r = client.get(reverse("persuratan:buku_agenda_masuk"), {"periode": "2026-11", "format": "csv"})
    teks = b"".join(r.streaming_content).decode("utf-8-sig")
    assert teks.splitlines()[0].startswith("No. agenda,Tanggal terima") and "Pemberitahuan Polsek" in teks


def test_kop_of_a_regency_unit_has_no_kecamatan_line(d):
    kop = buku.kop_unit(d.unit["setda"])
    assert (kop.kabupaten, kop.kecamatan, kop.desa) == ("Kabupaten Seruyan", "", "Sekretariat Daerah Kabupaten Seruyan")
    ttd = buku.ttd_unit(d.unit["setda"])
    assert ttd.nama == "" and ttd.jabatan == "Kepala Sekretariat Daerah Kabupaten Seruyan"
