"""Journey: an operator imports a spreadsheet with bad rows, sees the result and downloads the
error report; the same on a phone."""
from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

from apps.kependudukan.models import ImporPenduduk, Penduduk
from apps.kependudukan.tests.conftest import nik_untuk
from apps.kependudukan.tests.test_impor import orang, xlsx
from tests import world

from .conftest import DESKTOP, PHONE, login, shot

DUSUN = "Dusun I Pematang Limau"


def berkas(tmp_path: Path) -> Path:
    d = world.DESA
    lahir = datetime.date(1988, 7, 1)
    rows = [
        orang("Ahmad Impor", nik_untuk(d, datetime.date(1985, 3, 12), 1, 9101), "6207010101209101", 1, dusun=DUSUN),
        orang("Siti Impor", nik_untuk(d, lahir, 2, 9102), "6207010101209101", 3, sex=2, lahir=lahir, dusun=DUSUN),
        orang("Salah NIK", "62070112", "", None, dusun=DUSUN),  # row 4
        orang("Salah Agama", nik_untuk(d, lahir, 2, 9103), "", None, sex=2, lahir=lahir, agama_id=12, dusun=DUSUN),  # 5
        orang("Warga RT Baru", nik_untuk(d, lahir, 1, 9104), "6207010101209102", 1, lahir=lahir, dusun=DUSUN,
              rt="004"),
    ]
    path = tmp_path / "penduduk-pematang-limau.xlsx"
    path.write_bytes(xlsx(rows))
    return path


def test_operator_imports_a_file_with_bad_rows_and_downloads_the_report(dunia, page_factory, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = page_factory(DESKTOP)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/penduduk/impor/")
    shot(page, "impor-daftar")
    page.click("text=Impor berkas")
    page.wait_for_url(re.compile(r"/penduduk/impor/baru/"))
    page.set_input_files("input[name=berkas]", str(berkas(tmp_path)))
    shot(page, "impor-form")
    with page.expect_navigation():
        page.click("button:has-text('Unggah dan impor')")
    page.wait_for_selector("#tabel-galat")
    job = ImporPenduduk.objects.get(nama_berkas="penduduk-pematang-limau.xlsx")
    assert job.status == "selesai" and (job.ditambah, job.jumlah_galat, job.keluarga_baru) == (3, 2, 2)
    body = page.content()
    assert "NIK harus terdiri dari 16 angka" in body and "Kode 12 tidak dikenal" in body
    assert page.locator("#hitungan-impor").inner_text().split()[0] == "3"
    assert page.evaluate("document.querySelector('.progress-bar').style.width") == "100%"
    shot(page, "impor-hasil")

    with page.expect_download() as info:
        page.click("#unduh-csv")
    path = info.value.path()
    rows = list(csv.reader(Path(path).read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Baris", "Kolom", "Jenis", "Keterangan"]
    ditolak = [(r[0], r[1]) for r in rows[1:] if r[2] == "Ditolak"]
    assert ditolak == [("4", "nik"), ("5", "agama_id")]
    with page.expect_download() as info:
        page.click("#unduh-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")
    assert Penduduk.objects.get(nama="Warga RT Baru").wilayah_id == f"{world.DESA}.01.001.004"


def test_import_result_on_a_phone(dunia, page_factory, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/penduduk/impor/baru/")
    page.set_input_files("input[name=berkas]", str(berkas(tmp_path)))
    with page.expect_navigation():
        page.click("button:has-text('Unggah dan impor')")
    page.wait_for_selector("#tabel-galat")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tidak boleh menggulir ke samping"
    shot(page, "impor-hasil-ponsel")
    page.goto("/penduduk/impor/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "impor-daftar-ponsel")


def test_a_running_import_shows_live_progress_then_its_result(dunia, page_factory):
    job = ImporPenduduk.objects.create(owner_id=world.DESA, berkas="impor/x.bin", nama_berkas="besar.xlsx",
                                       status="berjalan", total=4000, diproses=1000, ditambah=950)
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"/penduduk/impor/{job.pk}/")
    assert page.evaluate("document.querySelector('.progress-bar').style.width") == "25%"
    assert "Memproses baris 1000 dari 4000" in page.content()
    shot(page, "impor-berjalan-ponsel")
    ImporPenduduk.objects.filter(pk=job.pk).update(diproses=3000, ditambah=2900)
    page.wait_for_selector("text=Memproses baris 3000 dari 4000")  # polled, no reload
    assert page.evaluate("document.querySelector('.progress-bar').style.width") == "75%"
    ImporPenduduk.objects.filter(pk=job.pk).update(status="selesai", diproses=4000, ditambah=4000)
    page.wait_for_selector("#tabel-galat")  # the page reloads itself with the report
    assert "Tidak ada baris yang ditolak" in page.content()
