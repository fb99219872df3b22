"""The import through the pages, the API and the command: who may upload where, jobs of other
villages, the progress and report downloads, and pinned query counts."""
from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.kependudukan.models import ImporPenduduk, Penduduk

from .conftest import DESA_A, DESA_B, KEC1
from .test_impor import keluarga_contoh, orang, xlsx

TAMBAH = reverse("kependudukan:impor_tambah")
DAFTAR = reverse("kependudukan:impor_daftar")
API = "/api/v1/impor-penduduk/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def berkas_dengan_galat() -> bytes:
    rows = keluarga_contoh()
    rows.append(orang("NIK Salah", "123", "", None))  # row 6
    return xlsx(rows)


def unggah(client, data: bytes, desa: str = DESA_A, nama: str = "penduduk.xlsx", **extra):
    return client.post(TAMBAH, {"desa": desa, "berkas": SimpleUploadedFile(nama, data), **extra})


def test_operator_uploads_and_the_job_runs_and_reports(client, pengguna, django_capture_on_commit_callbacks):
    client.force_login(pengguna("operator_desa", DESA_A))
    with django_capture_on_commit_callbacks(execute=True):
        resp = unggah(client, berkas_dengan_galat())
    job = ImporPenduduk.objects.get()
    assert resp.status_code == 302 and resp["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.ditambah, job.keluarga_baru, job.jumlah_galat, job.owner_id) == ("selesai", 4, 2, 1, DESA_A)
    assert job.pengguna.username.startswith("operator_desa")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "NIK harus terdiri dari 16 angka" in page and "Laporan (CSV)" in page
    rep = client.get(reverse("kependudukan:impor_laporan", args=[job.pk]) + "?format=csv")
    assert rep["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(rep.content.decode("utf-8-sig"))))
    assert rows[0] == ["Baris", "Kolom", "Jenis", "Keterangan"] and rows[1][:3] == ["6", "nik", "Ditolak"]
    rep = client.get(reverse("kependudukan:impor_laporan", args=[job.pk]) + "?format=xlsx")
    ws = load_workbook(io.BytesIO(rep.content)).active
    assert [c.value for c in ws[4]][:3] == [6, "nik", "Ditolak"]
    assert client.get(reverse("kependudukan:impor_laporan", args=[job.pk]) + "?format=pdf").status_code == 404
    # the journal names the uploader as the actor of every row written
    from apps.sinkron.models import Jurnal
    assert set(Jurnal.objects.filter(model="kependudukan.penduduk").values_list("actor", flat=True)) == {
        f"pengguna:{job.pengguna_id}:{job.pengguna.username}"}


@pytest.mark.parametrize("data, pesan", [
    (b"", "kosong"),
    (b"NIK;Nama\n6207011203850001;Budi\n", "bukan lembar kerja Excel"),
])
def test_a_bad_upload_is_refused_on_the_form_and_no_job_is_made(client, pengguna, data, pesan):
    client.force_login(pengguna("operator_desa", DESA_A))
    resp = unggah(client, data)
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert not ImporPenduduk.objects.exists()


def test_unknown_headers_fail_the_job_with_one_message_and_change_nothing(client, pengguna,
                                                                          django_capture_on_commit_callbacks):
    client.force_login(pengguna("operator_desa", DESA_A))
    with django_capture_on_commit_callbacks(execute=True):
        unggah(client, xlsx([["x", 1]], header=["barang", "harga"]))
    job = ImporPenduduk.objects.get()
    assert job.status == "gagal" and "Judul kolom tidak dikenali" in job.pesan
    assert "Judul kolom tidak dikenali" in client.get(job.get_absolute_url()).content.decode()
    assert not Penduduk.objects.exists()


def test_the_upload_refuses_a_village_outside_scope_and_roles_without_the_grant(client, pengguna):
    client.force_login(pengguna("operator_desa", DESA_A))
    resp = unggah(client, xlsx(keluarga_contoh()), desa=DESA_B)
    assert resp.status_code == 200 and "desa" in resp.context["form"].errors
    assert not ImporPenduduk.objects.exists()
    for peran, wil in (("kepala_desa", DESA_A), ("camat", KEC1)):
        client.force_login(pengguna(peran, wil))
        assert client.get(TAMBAH).status_code == 403
        assert unggah(client, xlsx(keluarga_contoh())).status_code == 403


def test_jobs_of_other_villages_are_404(client, pengguna):
    job = ImporPenduduk.objects.create(owner_id=DESA_B, berkas="impor/x.bin", nama_berkas="tetangga.xlsx",
                                       status="gagal")
    client.force_login(pengguna("operator_desa", DESA_A))
    for name in ("impor_detail", "impor_progres", "impor_laporan"):
        assert client.get(reverse(f"kependudukan:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("kependudukan:impor_detail", args=[job.pk])).status_code == 404
    assert "tetangga.xlsx" not in client.get(DAFTAR).content.decode()
    assert client.get(f"{API}{job.pk}/").status_code == 404
    assert client.get(f"{API}{job.pk}/laporan/").status_code == 404


def test_progress_polls_while_running_and_asks_for_a_reload_when_done(client, pengguna):
    job = ImporPenduduk.objects.create(owner_id=DESA_A, berkas="impor/x.bin", nama_berkas="a.xlsx",
                                       status="berjalan", total=4000, diproses=1000)
    client.force_login(pengguna("operator_desa", DESA_A))
    url = reverse("kependudukan:impor_progres", args=[job.pk])
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in body and 'data-persen="25"' in body and "1000 dari 4000" in body
    ImporPenduduk.objects.filter(pk=job.pk).update(status="selesai", diproses=4000)
    resp = client.get(url + "?berjalan=1", HTTP_HX_REQUEST="true")
    assert resp["HX-Refresh"] == "true" and "every 1s" not in resp.content.decode()


def test_a_failed_job_can_be_run_again_from_its_page(client, pengguna, django_capture_on_commit_callbacks):
    from apps.kependudukan import impor

    with django_capture_on_commit_callbacks(execute=False):  # the worker died before it ran
        job = impor.buat_impor(user=None, desa=DESA_A, berkas=io.BytesIO(xlsx(keluarga_contoh())),
                               nama_berkas="a.xlsx")
    ImporPenduduk.objects.filter(pk=job.pk).update(status="gagal", pesan="Listrik padam")
    disimpan = job.berkas.name
    assert job.berkas.storage.exists(disimpan)
    client.force_login(pengguna("operator_desa", DESA_A))
    assert "Jalankan ulang" in client.get(job.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job.get_absolute_url())
    job.refresh_from_db()
    assert (job.status, job.ditambah, job.pesan) == ("selesai", 4, "")
    # Imported: the uploaded copy of everyone's data is not kept.
    assert job.berkas.name == "" and not job.berkas.storage.exists(disimpan)
    client.force_login(pengguna("kepala_desa", DESA_A))  # reads nothing here: import jobs are for operators
    assert client.post(job.get_absolute_url()).status_code == 404


def test_query_counts_of_the_list_and_job_pages_are_pinned(client, pengguna, django_assert_num_queries):
    client.force_login(pengguna("operator_desa", DESA_A))
    for i in range(5):
        ImporPenduduk.objects.create(owner_id=DESA_A, berkas="impor/x.bin", nama_berkas=f"b{i}.xlsx", status="selesai",
                                     galat=[{"baris": n, "kolom": "nik", "pesan": "salah"} for n in range(2, 300)])
    job = ImporPenduduk.objects.first()
    client.get(DAFTAR)  # warm the session
    # session, user, OTP device, memberships, jobs + the session save (savepoint, update, release)
    with django_assert_num_queries(8):
        assert client.get(DAFTAR).status_code == 200
    with django_assert_num_queries(8):
        body = client.get(job.get_absolute_url()).content.decode()
    assert body.count('<td class="text-end mono">') == 200  # first 200 of 298 shown
    with django_assert_num_queries(8):
        client.get(reverse("kependudukan:impor_progres", args=[job.pk]))


# ---------------------------------------------------------------- API

def test_api_upload_status_and_report(client, pengguna, django_capture_on_commit_callbacks):
    client.force_login(pengguna("operator_desa", DESA_A))
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(API, {"desa": DESA_A, "berkas": SimpleUploadedFile("p.xlsx", berkas_dengan_galat())})
    assert resp.status_code == 201, resp.content
    jid = resp.json()["id"]
    data = client.get(f"{API}{jid}/").json()
    assert (data["status"], data["ditambah"], data["jumlah_galat"], data["persen"]) == ("selesai", 4, 1, 100)
    assert data["galat"][0] == {"baris": 6, "kolom": "nik", "pesan": data["galat"][0]["pesan"]}
    rep = client.get(f"{API}{jid}/laporan/?format=csv")
    assert rep.status_code == 200 and rep["Content-Type"].startswith("text/csv") and b"NIK harus" in rep.content
    rep = client.get(f"{API}{jid}/laporan/?format=xlsx")
    assert rep.status_code == 200 and rep.content[:2] == b"PK"
    assert [j["id"] for j in client.get(API).json()["results"]] == [jid]


def test_api_refuses_bad_files_foreign_villages_and_roles_without_the_grant(client, pengguna):
    client.force_login(pengguna("operator_desa", DESA_A))
    resp = client.post(API, {"desa": DESA_A, "berkas": SimpleUploadedFile("p.csv", b"nik,nama\n1,a\n")})
    assert resp.status_code == 400 and "bukan lembar kerja Excel" in resp.json()["berkas"][0]
    resp = client.post(API, {"desa": DESA_B, "berkas": SimpleUploadedFile("p.xlsx", xlsx(keluarga_contoh()))})
    assert resp.status_code == 400 and "cakupan" in resp.json()["desa"][0]
    resp = client.post(API, {"desa": DESA_A})
    assert resp.status_code == 400 and "berkas" in resp.json()
    client.force_login(pengguna("camat", KEC1))
    resp = client.post(API, {"desa": DESA_A, "berkas": SimpleUploadedFile("p.xlsx", xlsx(keluarga_contoh()))})
    assert resp.status_code == 403
    assert not ImporPenduduk.objects.exists()


# ---------------------------------------------------------------- command

def test_command_imports_with_progress_and_writes_the_report(wil, tmp_path):
    src = tmp_path / "penduduk.xlsx"
    src.write_bytes(berkas_dengan_galat())
    laporan = tmp_path / "laporan.csv"
    out, err = io.StringIO(), io.StringIO()
    call_command("import_penduduk", str(src), "--desa", DESA_A, "--laporan", str(laporan), stdout=out, stderr=err)
    assert "4 penduduk baru" in out.getvalue() and "1 baris ditolak dari 5" in out.getvalue()
    assert str(laporan) in out.getvalue() and "100% (5/5)" in err.getvalue()
    assert "NIK harus terdiri dari 16 angka" in laporan.read_text(encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import_penduduk", str(src), "--desa", DESA_A, "--laporan", str(laporan), stdout=out, stderr=io.StringIO())
    assert "0 penduduk baru" in out.getvalue() and "4 tidak berubah" in out.getvalue()


def test_command_refuses_a_missing_file_an_unknown_village_and_a_non_spreadsheet(wil, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_penduduk", str(tmp_path / "tidak-ada.xlsx"), "--desa", DESA_A)
    teks = tmp_path / "data.xlsx"
    teks.write_text("ini teks biasa")
    with pytest.raises(CommandError, match="bukan lembar kerja Excel"):
        call_command("import_penduduk", str(teks), "--desa", DESA_A)
    teks.write_bytes(xlsx(keluarga_contoh()))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_penduduk", str(teks), "--desa", "62.07.01.9999")
