"""Import of residents from OpenSID and SIAK spreadsheets: refused files, bad rows reported with
row/column/reason, updates that leave status/family/address to events, re-imports that write
nothing, interrupted imports that leave whole families only."""
from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import Workbook

from apps.kependudukan import impor
from apps.kependudukan.impor import BerkasDitolak, impor_berkas
from apps.kependudukan.models import ImporPenduduk, Keluarga, Penduduk
from apps.sinkron.context import acting_as
from apps.sinkron.models import Jurnal
from apps.wilayah.models import Wilayah

from .conftest import DESA_A, DESA_B, nik_untuk

SHARED_DATA = settings.BASE_DIR.parent / "shared" / "data"
HEADER = [h for h, _, _ in impor.KOLOM_OPENSID]
SIAK_HEADER = [h for h, _, _ in impor.KOLOM_SIAK]


def xlsx(rows: list[list], header: list[str] | None = HEADER, sheet: str = "Data Penduduk") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if header is not None:
        ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def orang(nama: str, nik: str, no_kk: str, kk_level: int | None, *, sex: int = 1,
          lahir: datetime.date = datetime.date(1985, 3, 12), dusun: str = "Dusun I", rw: str = "001", rt: str = "001",
          **lain) -> list:
    """One OpenSID row; `lain` overrides any column by its header name."""
    nilai = dict.fromkeys(HEADER, "")
    nilai.update(alamat="Jl. Lintas Seruyan", dusun=dusun, rw=rw, rt=rt, nama=nama, no_kk=no_kk, nik=nik, sex=sex,
                 tempatlahir="Kuala Pembuang", tanggallahir=lahir, agama_id=1, pendidikan_kk_id=5, pekerjaan_id=9,
                 status_kawin=2, kk_level=kk_level if kk_level is not None else "", warganegara_id=1,
                 golongan_darah_id=13, status_dasar=1)
    nilai.update(lain)
    return [nilai[h] for h in HEADER]


KK1, KK2 = "6207010101200001", "6207010101200002"


def keluarga_contoh(desa: str = DESA_A, kk1: str = KK1, kk2: str = KK2) -> list[list]:
    lahir_i = datetime.date(1988, 7, 1)
    return [
        orang("Ahmad Fauzi", nik_untuk(desa, datetime.date(1985, 3, 12), 1, 9001), kk1, 1),
        orang("Siti Aminah", nik_untuk(desa, lahir_i, 2, 9002), kk1, 3, sex=2, lahir=lahir_i),
        orang("Rizki Fauzi", nik_untuk(desa, datetime.date(2012, 1, 5), 1, 9003), kk1, 4,
              lahir=datetime.date(2012, 1, 5), status_kawin=1),
        orang("Bambang", nik_untuk(desa, datetime.date(1970, 5, 6), 1, 9004), kk2, 1, lahir=datetime.date(1970, 5, 6),
              dusun="Dusun Baru", rw="007", rt="002"),
    ]


def jalankan(data: bytes, desa: str = DESA_A, **kw):
    with acting_as("sistem:uji"):
        return impor_berkas(data, desa=desa, **kw)


# ---------------------------------------------------------------- refused files

@pytest.mark.parametrize("data, pesan", [
    (b"", "kosong"),
    (b"nama,nik\nBudi,6207011203850001\n", "bukan lembar kerja Excel"),
    (b"%PDF-1.7 ...", "bukan lembar kerja Excel"),
    (b"PK\x03\x04 bukan zip yang utuh", "tidak dapat dibaca"),
])
def test_a_file_that_is_not_a_spreadsheet_is_refused_with_one_message(wil, data, pesan):
    with pytest.raises(BerkasDitolak, match=pesan):
        jalankan(data)
    assert not Penduduk.objects.exists() and not Jurnal.objects.filter(model="kependudukan.penduduk").exists()


def test_an_empty_sheet_and_a_sheet_with_headers_only_are_refused(wil):
    with pytest.raises(BerkasDitolak, match="kosong"):
        jalankan(xlsx([], header=None))
    with pytest.raises(BerkasDitolak, match="tidak ada satu pun baris data"):
        jalankan(xlsx([]))


def test_unknown_or_missing_headers_are_refused_and_nothing_changes(wil):
    before = Jurnal.objects.count()
    with pytest.raises(BerkasDitolak, match="Judul kolom tidak dikenali"):
        jalankan(xlsx([["a", "b"]], header=["nama barang", "harga"]))
    with pytest.raises(BerkasDitolak, match="kolom wajib format OpenSID tidak ada: nik"):
        jalankan(xlsx([["Budi"]], header=[h for h in HEADER if h != "nik"]))
    assert Jurnal.objects.count() == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(impor, "BATAS_UKURAN", 10)
    with pytest.raises(BerkasDitolak, match="terlalu besar"):
        impor.periksa_ukuran(11)


# ---------------------------------------------------------------- good and bad rows

def test_good_rows_create_residents_families_and_missing_dusun_rw_rt(wil):
    hasil = jalankan(xlsx(keluarga_contoh()))
    assert hasil.galat == [] and hasil.format == "opensid"
    assert (hasil.ditambah, hasil.keluarga_baru, hasil.total) == (4, 2, 4)
    kk = Keluarga.objects.get(no_kk=KK1)
    assert kk.kepala.nama == "Ahmad Fauzi" and kk.owner_id == DESA_A and kk.wilayah_id == f"{DESA_A}.01.001.001"
    assert sorted(kk.anggota.values_list("shdk", flat=True)) == [1, 3, 4]
    baru = Wilayah.objects.get(nama="Dusun Baru")
    assert Wilayah.objects.filter(kode=f"{baru.kode}.007.002", tingkat="rt").exists()
    bambang = Penduduk.objects.get(nama="Bambang")
    assert bambang.wilayah_id == f"{baru.kode}.007.002" and bambang.keluarga.kepala_id == bambang.pk
    siti = Penduduk.objects.get(nama="Siti Aminah")
    assert (siti.jenis_kelamin, siti.golongan_darah, siti.nama_cari, siti.owner_id) == (2, 13, "siti aminah", DESA_A)
    assert Jurnal.objects.filter(model="kependudukan.penduduk", op="C").count() == 4


def test_every_bad_row_is_reported_with_row_column_and_reason_and_good_rows_go_in(wil):
    rows = keluarga_contoh()
    rows += [
        orang("NIK Pendek", "62070112", "", None),  # row 6
        orang("Tanggal Salah", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8001), "", None,
              tanggallahir="31-02-1990"),  # row 7
        orang("Agama Aneh", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8002), "", None, agama_id=12),  # row 8
        orang("", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8003), "", None),  # row 9: no name
        orang("Kembar", rows[0][HEADER.index("nik")], "", None),  # row 10: NIK of row 2
        orang("KK Salah", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8004), "1234", 1),  # row 11
        orang("Koordinat", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8005), "", None, lat="91"),  # row 12
        orang("RT tanpa RW", nik_untuk(DESA_A, datetime.date(1990, 1, 1), 1, 8006), "", None, rw="", rt="003"),  # 13
    ]
    hasil = jalankan(xlsx(rows))
    got = {(g["baris"], g["kolom"]): g["pesan"] for g in hasil.galat}
    assert "16 angka" in got[(6, "nik")]
    assert "bukan tanggal" in got[(7, "tanggallahir")]
    assert "Kode 12 tidak dikenal" in got[(8, "agama_id")] and "1, 2, 3, 4, 5, 6, 7" in got[(8, "agama_id")]
    assert got[(9, "nama")] == "Nama wajib diisi."
    assert "sudah muncul di baris 2" in got[(10, "nik")]
    assert "No. KK harus terdiri dari 16 angka" in got[(11, "no_kk")]
    assert "di luar rentang" in got[(12, "lat")]
    assert "RW kosong" in got[(13, "rt")]
    assert hasil.ditambah == 4 and hasil.jumlah_galat == 8
    assert not Penduduk.objects.filter(nama__in=["Kembar", "KK Salah", "Agama Aneh"]).exists()


def test_a_nik_whose_date_disagrees_is_imported_with_a_warning_in_the_report(wil):
    nik = nik_untuk(DESA_A, datetime.date(1980, 1, 1), 1, 7001)
    hasil = jalankan(xlsx([orang("Beda Tanggal", nik, "", None, lahir=datetime.date(1981, 2, 2))]))
    assert hasil.ditambah == 1 and hasil.galat == []
    assert hasil.catatan[0]["baris"] == 2 and "Peringatan: Tanggal pada NIK" in hasil.catatan[0]["pesan"]


def test_a_nik_or_no_kk_of_another_village_is_a_row_error_that_does_not_say_where(wil, keluarga_baru):
    kk_b, warga_b = keluarga_baru(DESA_B, "Warga Sungai Perlu")
    rows = [orang("Penyusup", warga_b[0].nik, "", None), orang("KK Orang", nik_untuk(DESA_A, datetime.date(1985, 3, 12), 1, 6001), kk_b.no_kk, 4)]
    hasil = jalankan(xlsx(rows))
    assert [(g["baris"], g["kolom"]) for g in hasil.galat] == [(2, "nik"), (3, "no_kk")]
    for g in hasil.galat:
        assert "desa lain" in g["pesan"] and DESA_B not in g["pesan"] and "Sungai Perlu" not in g["pesan"]
    assert Penduduk.objects.get(pk=warga_b[0].pk).nama == "Warga Sungai Perlu"


def test_two_heads_in_one_family_the_second_is_refused(wil):
    rows = keluarga_contoh()[:2]
    rows[1][HEADER.index("kk_level")] = 1
    hasil = jalankan(xlsx(rows))
    assert hasil.galat == [{"baris": 3, "kolom": "kk_level", "pesan": "Keluarga ini sudah punya kepala keluarga di baris 2."}]


# ---------------------------------------------------------------- existing residents, re-import

def test_reimporting_the_same_file_writes_nothing_and_journals_nothing(wil):
    data = xlsx(keluarga_contoh())
    jalankan(data)
    before = Jurnal.objects.count()
    hasil = jalankan(data)
    assert (hasil.ditambah, hasil.diperbarui, hasil.tetap, hasil.keluarga_baru) == (0, 0, 4, 0)
    assert Jurnal.objects.count() == before


def test_an_existing_nik_is_updated_but_status_family_and_address_only_through_events(wil, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru(DESA_A)
    row = orang("Ahmad Fauzi Baru", kepala.nik, KK2, 4, status_dasar=2, alamat="Jalan Lain 9", dusun="Dusun Jauh",
                rw="009", pekerjaan_id=88, lahir=kepala.tanggal_lahir)
    hasil = jalankan(xlsx([row]))
    assert (hasil.diperbarui, hasil.ditambah, hasil.keluarga_baru) == (1, 0, 0)
    kepala.refresh_from_db()
    assert (kepala.nama, kepala.pekerjaan, kepala.nama_cari) == ("Ahmad Fauzi Baru", 88, "ahmad fauzi baru")
    assert (kepala.status_dasar, kepala.keluarga_id, kepala.shdk, kepala.alamat) == (1, kk.pk, 1, "")
    assert kepala.wilayah_id == f"{DESA_A}.01.001.001"
    note = hasil.catatan[-1]
    assert note["baris"] == 2 and "status dasar, keluarga (KK)/SHDK, alamat tidak diubah" in note["pesan"]
    assert not Keluarga.objects.filter(no_kk=KK2).exists()
    assert Jurnal.objects.filter(object_id=kepala.pk, op="U").count() == 1


# ---------------------------------------------------------------- batches and interruption

def test_batches_never_split_a_family_and_an_interrupted_import_finishes_on_rerun(wil, monkeypatch):
    rows = []
    for f in range(6):  # six families of three, scattered: members of a family are far apart in the file
        for m in range(3):
            lahir = datetime.date(1980 + f, 1 + m, 10)
            rows.append((m, f, orang(f"Orang {f}-{m}", nik_untuk(DESA_A, lahir, 1, 100 + f * 3 + m),
                                     f"62070101012000{f:02d}", 1 if m == 0 else 4, lahir=lahir)))
    rows.sort(key=lambda r: (r[0], r[1]))
    data = xlsx([r for _, _, r in rows])
    asli = impor._tulis_batch
    panggilan = []

    def catat(units, **kw):
        panggilan.append([len(u) for u in units])
        return asli(units, **kw)

    def padam(user, action, obj):
        if len(panggilan) == 2:  # inside the second batch's transaction, after its rows were written
            raise RuntimeError("listrik padam")

    monkeypatch.setattr(impor, "_tulis_batch", catat)
    monkeypatch.setattr(impor, "ensure_allowed", padam)
    with pytest.raises(RuntimeError):
        jalankan(data, ukuran_batch=4)
    assert all(n == 3 for batch in panggilan for n in batch)  # whole families only
    # The first batch (two families) is in; the second was rolled back whole.
    assert Penduduk.objects.count() == 6 and Keluarga.objects.count() == 2
    for kk in Keluarga.objects.all():
        assert kk.anggota.count() == 3 and kk.kepala_id is not None
    monkeypatch.undo()
    hasil = jalankan(data, ukuran_batch=4)
    assert (hasil.ditambah, hasil.tetap, hasil.keluarga_baru) == (12, 6, 4)
    assert Penduduk.objects.count() == 18 and Keluarga.objects.count() == 6


def test_the_job_records_a_failure_and_can_be_run_again(wil, monkeypatch, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    data = xlsx(keluarga_contoh())
    with acting_as("sistem:uji"):
        job = impor.buat_impor(user=None, desa=DESA_A, berkas=io.BytesIO(data), nama_berkas="contoh.xlsx")
    monkeypatch.setattr(impor, "_tulis_batch", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("mati")))
    with pytest.raises(RuntimeError):
        impor.jalankan(job.pk)
    job.refresh_from_db()
    assert job.status == ImporPenduduk.GAGAL and "jalankan ulang" in job.pesan
    disimpan = Path(job.berkas.path)  # kept while the job can be run again
    assert disimpan.is_file() and disimpan.is_relative_to(tmp_path)
    monkeypatch.undo()
    impor.jalankan(job.pk)
    job.refresh_from_db()
    assert (job.status, job.ditambah, job.diproses, job.total, job.persen) == (ImporPenduduk.SELESAI, 4, 4, 4, 100)
    assert not job.berkas and not disimpan.exists()  # imported: the copy of everyone's data is gone


# ---------------------------------------------------------------- SIAK

def siak_row(**lain) -> list:
    nilai = dict.fromkeys(SIAK_HEADER, "")
    nilai.update(lain)
    return [nilai[h] for h in SIAK_HEADER]


def test_siak_labels_are_mapped_to_codes_whatever_their_case_and_spaces(wil):
    lahir = datetime.date(1995, 1, 4)
    rows = [
        siak_row(**{"Nomor KK": KK1, "NIK": nik_untuk(DESA_A, lahir, 2, 5001), "Nama Penduduk": "SUMINI",
                    "Status": "Hidup", "Tanggal Lahir": lahir, "Kelamin": "Perempuan", "Status Kawin": "Kawin",
                    "SHDK": "Kepala Keluarga", "Agama": "Islam", "Alamat": "Dsn JIWET", "RW": 8.0, "RT": 1.0,
                    "Pendidikan": "SLTA/Sederajat", "Pekerjaan": "Mengurus  Rumah Tangga", "Gol. Darah": "Tdk Th",
                    "Cacat": "Cacat Rungu/Wicara", "Nomor Akta Lahir": "-"}),
        siak_row(**{"Nomor KK": KK1, "NIK": nik_untuk(DESA_A, datetime.date(1950, 4, 22), 2, 5002),
                    "Nama Penduduk": "KEMAN", "Status": "Pindah Dalam Negeri",
                    "Tanggal Lahir": datetime.date(1950, 4, 22), "Kelamin": "perempuan", "Status Kawin": "Cerai Mati",
                    "SHDK": "orang tua", "Agama": "ISLAM", "Alamat": "DS. JIWET", "RW": 8.0, "RT": 1.0,
                    "Pendidikan": "Tamat SD/Sederajat", "Pekerjaan": "Belum/Tidak Bekerja", "Gol. Darah": "O"}),
        siak_row(**{"NIK": nik_untuk(DESA_A, lahir, 1, 5003), "Nama Penduduk": "ASING", "Tanggal Lahir": lahir,
                    "Kelamin": "Laki-Laki", "Status Kawin": "Kawin Siri", "SHDK": "", "Agama": "Islam",
                    "Alamat": "X", "Gol. Darah": "Z"}),
    ]
    hasil = jalankan(xlsx(rows, header=SIAK_HEADER, sheet="Sheet1"))
    assert hasil.format == "siak"
    assert [(g["baris"], g["kolom"]) for g in hasil.galat] == [(4, "Status Kawin"), (4, "Gol. Darah")]
    assert "tidak dikenal sebagai status perkawinan" in hasil.galat[0]["pesan"]
    s = Penduduk.objects.get(nama="SUMINI")
    assert (s.golongan_darah, s.pendidikan_kk, s.pekerjaan, s.cacat, s.shdk, s.jenis_kelamin) == (13, 5, 2, 3, 1, 2)
    assert s.no_akta_lahir == "" and s.alamat == "Dsn JIWET"
    k = Penduduk.objects.get(nama="KEMAN")
    assert (k.status_dasar, k.shdk, k.status_perkawinan, k.golongan_darah) == (3, 7, 4, 4)
    dusun = Wilayah.objects.get(kode=s.wilayah_id).induk.induk
    assert s.wilayah_id == k.wilayah_id and dusun.nama == "Dusun JIWET" and s.wilayah_id.endswith(".008.001")


# ---------------------------------------------------------------- the real templates

needs_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"{SHARED_DATA} tidak ada (data referensi bersama)")


@needs_data
def test_opensid_template_is_recognised_and_its_sample_row_reported(wil):
    hasil = jalankan((SHARED_DATA / "FormatImporExcel.xlsm").read_bytes())
    assert hasil.format == "opensid" and hasil.total == 1
    kolom = {g["kolom"] for g in hasil.galat if g["baris"] == 2}
    assert {"nik", "tanggal_akhir_paspor"} <= kolom  # province 87 does not exist; a NIK is not a date


@needs_data
def test_siak_template_is_recognised_and_every_row_is_accounted_for(wil):
    hasil = jalankan((SHARED_DATA / "format_siak.xls").read_bytes())
    assert hasil.format == "siak" and hasil.total == 18
    # The sample's NIKs are anonymised (province 10 does not exist): each row is refused on its NIK.
    assert {g["baris"] for g in hasil.galat} == set(range(2, 20))
    assert all(g["kolom"] in ("NIK", "Nomor KK", "NIK Ayah", "NIK Ibu") for g in hasil.galat)
    assert not Penduduk.objects.exists()


def test_numbers_typed_as_spreadsheet_numbers_are_read_and_lost_digits_refused(wil):
    nik = nik_untuk(DESA_A, datetime.date(1985, 3, 12), 1, 4001)
    ok = orang("Angka", float(nik), float(KK1), 1, rw=1.0, rt=1.0, sex=1.0, tanggallahir=31118.0)
    hasil = jalankan(xlsx([ok, orang("Rusak", 9.9e15 + 0.5, "", None)]))
    p = Penduduk.objects.get(nama="Angka")
    assert (p.nik, p.tanggal_lahir, p.keluarga.no_kk) == (nik, datetime.date(1985, 3, 12), KK1)
    assert hasil.galat[0]["baris"] == 3 and "digitnya hilang" in hasil.galat[0]["pesan"]


def test_query_count_of_a_batch_does_not_grow_with_its_rows(wil, django_assert_max_num_queries):
    def rows(n, start):
        out = []
        for i in range(n):
            lahir = datetime.date(1980, 1, 1) + datetime.timedelta(days=i)
            out.append(orang(f"Warga {start + i}", nik_untuk(DESA_A, lahir, 1, start + i), f"620701010120{start + i:04d}",
                             1, lahir=lahir))
        return out

    jalankan(xlsx(rows(5, 1)))  # dusun/RW/RT exist afterwards
    with django_assert_max_num_queries(40):
        jalankan(xlsx(rows(300, 100)))
    assert Penduduk.objects.count() == 305


def test_a_sheet_declared_far_too_large_is_refused_before_it_is_read():
    """A tiny workbook whose sheet reaches XFD1048576 would need billions of cells in memory."""
    import io
    import zipfile

    from apps.kependudukan import impor

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet><dimension ref="A1:XFD1048576"/>'
                                                "<sheetData/></worksheet>")
    with pytest.raises(impor.BerkasDitolak) as exc:
        impor.baca_berkas(buf.getvalue())
    assert "terlalu luas" in str(exc.value) and "XFD1048576" in str(exc.value)
