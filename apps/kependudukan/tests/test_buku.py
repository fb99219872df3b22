"""Stories of the population books (Permendagri 47/2016): each book on screen, as PDF and xlsx,
masked by role, with the village's letterhead and Kepala Desa; the monthly recap adds up; bad
months and villages outside the scope are refused clearly; query counts pinned."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.akun.models import LogAkses
from apps.kependudukan import buku, cetak
from apps.kependudukan.models import Penduduk, PendudukSementara, Peristiwa
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah, subtree_q

from .conftest import DESA_A, DESA_B, DESA_C, KEC1, rt

INDUK = reverse("kependudukan:buku_induk")
MUTASI = reverse("kependudukan:buku_mutasi")
REKAP = reverse("kependudukan:buku_rekapitulasi")
SEMENTARA = reverse("kependudukan:buku_sementara")
KTP_KK = reverse("kependudukan:buku_ktp_kk")
DUSUN2 = f"{DESA_A}.02"


def _peristiwa(p, jenis, tanggal, sebelum, sesudah, **kw):
    with acting_as("sistem:uji"):
        return Peristiwa.objects.create(penduduk=p, jenis=jenis, tanggal=tanggal, tanggal_lapor=tanggal,
                                        status_sebelum=sebelum, status_sesudah=sesudah, wilayah_id=p.wilayah_id,
                                        owner_id=p.owner_id, **kw)


@pytest.fixture
def desa_a(wil, keluarga_baru, warga_baru):
    """Desa A with an office, a Kepala Desa, two dusun, a family, and events in Jan–Mar 2026."""
    with acting_as("sistem:uji"):
        kantor = UnitKerja.objects.create(kode=f"DESA-{DESA_A}", nama="Pemerintah Desa Pematang Limau", jenis="pemdes",
                                          wilayah_id=DESA_A, owner_id=DESA_A, alamat="Jl. Poros Desa No. 1",
                                          telepon="0532-123")
        jab = Jabatan.objects.create(unit=kantor, nama="Kepala Desa", is_kepala=True, owner_id=DESA_A)
        Pejabat.objects.create(nama="H. Abdul Rahman", jabatan=jab, owner_id=DESA_A, mulai=datetime.date(2020, 1, 1))
        Pejabat.objects.create(nama="Kades Lama", jabatan=jab, owner_id=DESA_A, mulai=datetime.date(2014, 1, 1),
                               selesai=datetime.date(2019, 12, 31))
        Wilayah.objects.create(kode=DUSUN2, nama="Dusun II", tingkat="dusun", level=5, induk_id=DESA_A, owner_id=DESA_A)
    kk, anggota = keluarga_baru(DESA_A)
    with acting_as("sistem:uji"):
        type(kk).objects.filter(pk=kk.pk).update(tanggal_terdaftar=datetime.date(2026, 1, 10))
    bayi = warga_baru(DESA_A, nama="Bayi Februari", lahir=datetime.date(2026, 2, 10), kawin=1, tempat_lahir="Kuala Pembuang")
    _peristiwa(bayi, Peristiwa.LAHIR, datetime.date(2026, 2, 10), None, 1, tempat="Kuala Pembuang")
    almarhum = warga_baru(DESA_A, nama="Almarhum Maret", lahir=datetime.date(1940, 1, 1))
    Penduduk.objects.filter(pk=almarhum.pk).update(status_dasar=2)
    _peristiwa(almarhum, Peristiwa.MATI, datetime.date(2026, 3, 3), 1, 2, alasan="Sakit tua")
    pindah = warga_baru(DESA_A, nama="Pindah Februari", jk=2)
    Penduduk.objects.filter(pk=pindah.pk).update(status_dasar=3)
    _peristiwa(pindah, Peristiwa.PINDAH_KELUAR, datetime.date(2026, 2, 20), 1, 3, alamat_lain="Sampit",
               kode_wilayah_lain="62.02.01")
    datang = warga_baru(DESA_A, nama="Datang Maret", jk=2)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=datang.pk).update(wilayah_id=DUSUN2, warganegara=2)
    datang.refresh_from_db()
    _peristiwa(datang, Peristiwa.DATANG, datetime.date(2026, 3, 15), None, 1, alamat_lain="Pangkalan Bun")
    warga_baru(DESA_B, nama="Warga Desa B")
    with acting_as("sistem:uji"):
        PendudukSementara.objects.create(nama="Tamu Proyek", jenis_kelamin=1, nomor_identitas="6271011501900001",
                                         datang_dari="Palangka Raya", maksud="Bekerja", didatangi="Ahmad Fauzi, RT 001",
                                         wilayah_id=rt(DESA_A), tanggal_datang=datetime.date(2026, 2, 1), owner_id=DESA_A)
    return {"kk": kk, "anggota": anggota, "bayi": bayi, "almarhum": almarhum, "pindah": pindah, "datang": datang}


def teks(resp) -> str:
    assert resp.status_code == 200, resp.content.decode()[:500]
    return resp.content.decode()


def test_buku_induk_on_screen_masked_for_camat_full_for_operator(client, pengguna, desa_a):
    kepala = desa_a["anggota"][0]
    client.force_login(pengguna("camat", KEC1))
    body = teks(client.get(INDUK, {"desa": DESA_A}))
    assert kepala.nama in body and "Bayi Februari" in body and "Almarhum Maret" not in body
    assert "Warga Desa B" not in body
    assert kepala.nik not in body and f"{kepala.nik[:4]}{'x' * 12}" in body
    assert "Dapat membaca huruf" in body and "Kedudukan dalam keluarga" in body
    assert not LogAkses.objects.exists()
    user = pengguna("operator_desa", DESA_A)
    client.force_login(user)
    body = teks(client.get(INDUK))  # his only desa is taken
    assert kepala.nik in body and desa_a["kk"].no_kk in body
    assert LogAkses.objects.filter(pengguna=user, object_id=str(kepala.pk), path=INDUK).exists()


def test_buku_induk_pages_by_keyset_with_running_numbers(client, pengguna, desa_a):
    client.force_login(pengguna("operator_desa", DESA_A))
    b = buku.buku_induk(pengguna("operator_desa", DESA_A), Wilayah.objects.get(kode=DESA_A), ukuran=2)
    assert [r[0] for r in b.baris] == ["1", "2"] and b.berikutnya
    resp = client.get(INDUK, {"setelah": b.berikutnya, "mulai": 3})
    rows = resp.context["buku"].baris
    assert rows[0][0] == "3" and rows[0][1] not in {r[1] for r in b.baris}


def test_typst_source_of_the_pdf_carries_only_masked_numbers(pengguna, desa_a):
    kepala = desa_a["anggota"][0]
    camat = pengguna("camat", KEC1)
    desa = Wilayah.objects.get(kode=DESA_A)
    b = buku.buku_induk(camat, desa, ukuran=0)
    sumber = cetak.sumber_typst(b.dokumen(camat, buku.semua_induk(camat, desa)))
    assert f"{kepala.nik[:4]}{'x' * 12}" in sumber and kepala.nik not in sumber
    assert desa_a["kk"].no_kk not in sumber
    assert "PEMERINTAH" in cetak.TEMPLATE.read_text() and '"Kabupaten Seruyan"' in sumber
    assert '"Kecamatan Seruyan Hilir"' in sumber and '"Desa Pematang Limau"' in sumber
    assert "Jl. Poros Desa No. 1" in sumber and '"H. Abdul Rahman"' in sumber and "Kades Lama" not in sumber
    assert '"Kepala Desa Pematang Limau"' in sumber


def test_a_name_cannot_inject_typst_markup():
    assert cetak.teks_typst('Budi"); #read("/etc/passwd') == '"Budi\\"); #read(\\"/etc/passwd"'
    assert cetak.teks_typst("a\\b\nc\x00") == '"a\\\\b c"'


def test_pdf_renders_with_letterhead_and_signature(client, pengguna, desa_a):
    client.force_login(pengguna("kepala_desa", DESA_A))
    resp = client.get(INDUK, {"format": "pdf"})
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF") and len(resp.content) > 5000
    assert 'filename="buku-induk-penduduk-pematang-limau.pdf"' in resp["Content-Disposition"]
    f4 = client.get(KTP_KK, {"format": "pdf", "kertas": "f4"})
    assert f4.status_code == 200 and f4.content.startswith(b"%PDF")


def test_buku_induk_xlsx_masked_for_camat(client, pengguna, desa_a):
    kepala = desa_a["anggota"][0]
    client.force_login(pengguna("camat", KEC1))
    resp = client.get(INDUK, {"desa": DESA_A, "format": "xlsx"})
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(resp.streaming_content)))
    ws = wb.active
    cells = [str(c) for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert "PEMERINTAH KABUPATEN SERUYAN" in cells and "BUKU INDUK PENDUDUK" in cells
    assert kepala.nama in cells and kepala.nik not in cells and f"{kepala.nik[:4]}{'x' * 12}" in cells
    assert "H. Abdul Rahman" in cells


def test_buku_mutasi_lists_the_months_events(client, pengguna, desa_a):
    client.force_login(pengguna("sekdes", DESA_A))
    body = teks(client.get(MUTASI, {"periode": "2026-02"}))
    assert "Bayi Februari" in body and "Lahir di Kuala Pembuang" in body
    assert "Pindah Februari" in body and "Sampit" in body and "20-02-2026" in body
    assert "Almarhum Maret" not in body and "Datang Maret" not in body
    body = teks(client.get(MUTASI, {"periode": "2026-03"}))
    assert "Almarhum Maret" in body and "03-03-2026" in body and "Pangkalan Bun" in body
    resp = client.get(MUTASI, {"periode": "2026-03", "format": "csv"})
    csv_text = b"".join(resp.streaming_content).decode("utf-8-sig")
    assert "Meninggal tanggal" in csv_text.splitlines()[0] and "Almarhum Maret" in csv_text


def test_rekapitulasi_adds_up_per_dusun_and_in_total(pengguna, desa_a):
    user = pengguna("kepala_desa", DESA_A)
    desa = Wilayah.objects.get(kode=DESA_A)
    for bulan in (1, 2, 3):
        data = buku.rekapitulasi(user, desa, buku.Periode(2026, bulan))
        for r in data:
            for i in range(4):
                j = r.jumlah
                assert j["awal"][i] + j["lahir"][i] + j["datang"][i] - j["mati"][i] - j["pindah"][i] == j["akhir"][i]
    feb = {r.kode: r for r in buku.rekapitulasi(user, desa, buku.Periode(2026, 2))}
    d1 = feb[f"{DESA_A}.01"]
    hidup_sekarang_d1 = Penduduk.objects.filter(subtree_q("wilayah_id", f"{DESA_A}.01"), status_dasar=1).count()
    # end of February = today + the March death (undone); the March arrival lives in dusun II
    assert d1.total("akhir") == hidup_sekarang_d1 + 1
    assert d1.jumlah["lahir"] == [0, 0, 1, 0] and d1.jumlah["pindah"] == [0, 0, 0, 1]
    assert d1.total("awal") == d1.total("akhir") - 1 + 1
    assert feb[DUSUN2].total("akhir") == 0 and d1.kk_akhir == 1 and d1.kk_awal == 1
    jan = {r.kode: r for r in buku.rekapitulasi(user, desa, buku.Periode(2026, 1))}
    assert jan[f"{DESA_A}.01"].kk_awal == 0 and jan[f"{DESA_A}.01"].kk_akhir == 1
    mar = {r.kode: r for r in buku.rekapitulasi(user, desa, buku.Periode(2026, 3))}
    assert mar[DUSUN2].jumlah["datang"] == [0, 1, 0, 0] and mar[DUSUN2].total("akhir") == 1  # WNA P
    assert mar[f"{DESA_A}.01"].total("awal") == d1.total("akhir")  # March starts where February ended
    rows = buku.baris_rekap(list(mar.values()))
    assert rows[-1][1] == "JUMLAH" and len(rows[-1]) == len(buku.KOLOM_REKAP)


def test_rekapitulasi_page_for_an_aggregate_only_role(client, pengguna, desa_a):
    client.force_login(pengguna("bpd", DESA_A))  # aggregates only: no rows, but the recap
    body = teks(client.get(REKAP, {"periode": "2026-02"}))
    assert "Jumlah penduduk awal bulan" in body and "Dusun II" in body and "JUMLAH" in body
    assert client.get(INDUK).status_code == 200 and "Bayi Februari" not in teks(client.get(INDUK))


def test_buku_penduduk_sementara_and_ktp_kk(client, pengguna, desa_a):
    kepala, istri, anak = desa_a["anggota"]
    client.force_login(pengguna("camat", KEC1))
    body = teks(client.get(SEMENTARA, {"desa": DESA_A, "tahun": 2026}))
    assert "Tamu Proyek" in body and "Palangka Raya" in body and "6271011501900001" not in body and "6271xxxx" in body
    assert "Tamu Proyek" not in teks(client.get(SEMENTARA, {"desa": DESA_A, "tahun": 2024}))
    body = teks(client.get(KTP_KK, {"desa": DESA_A}))
    assert body.index(kepala.nama) < body.index(istri.nama) < body.index(anak.nama)  # head first
    assert desa_a["kk"].no_kk not in body and kepala.nama_ibu in body if kepala.nama_ibu else True
    assert anak.nama_ayah in body


@pytest.mark.parametrize("url,params,pesan", [
    (MUTASI, {"periode": "2026-13"}, "Bulan 13 tidak ada"),
    (MUTASI, {"periode": "Januari"}, "tidak dikenal"),
    (REKAP, {"periode": "0999-01"}, "di luar rentang"),
    (SEMENTARA, {"tahun": "20x6"}, "tidak dikenal"),
])
def test_bad_period_is_a_400_with_the_reason(client, pengguna, desa_a, url, params, pesan):
    client.force_login(pengguna("operator_desa", DESA_A))
    resp = client.get(url, params)
    assert resp.status_code == 400 and pesan in resp.content.decode()
    assert client.get(url, {**params, "format": "pdf"}).status_code == 400


@pytest.mark.parametrize("url", [INDUK, MUTASI, REKAP, SEMENTARA, KTP_KK])
def test_village_outside_the_scope_is_404(client, pengguna, desa_a, url):
    client.force_login(pengguna("camat", KEC1))
    assert client.get(url, {"desa": DESA_C}).status_code == 404
    assert client.get(url, {"desa": DESA_C, "format": "pdf"}).status_code == 404
    assert client.get(url, {"desa": "../../etc"}).status_code == 404
    client.force_login(pengguna("operator_desa", DESA_A))
    assert client.get(url, {"desa": DESA_B, "format": "xlsx"}).status_code == 404
    assert client.get(url, {"format": "docx"}).status_code == 400


def test_warga_has_no_books(client, pengguna, desa_a):
    client.force_login(pengguna("warga", DESA_A))
    assert client.get(INDUK, {"desa": DESA_A}).status_code == 404
    assert "tidak mencakup" in teks(client.get(INDUK))
    assert "tidak mencakup" in teks(client.get(reverse("kependudukan:buku_indeks")))


@pytest.mark.parametrize("url,params,maks", [
    (INDUK, {}, 13), (MUTASI, {"periode": "2026-02"}, 11), (REKAP, {"periode": "2026-02"}, 14),
    (SEMENTARA, {"tahun": "2026"}, 12), (KTP_KK, {}, 14),
])
def test_book_page_query_counts_are_pinned(client, pengguna, desa_a, django_assert_max_num_queries, url, params, maks):
    client.force_login(pengguna("kepala_desa", DESA_A))
    client.get(url, params)
    with django_assert_max_num_queries(maks):
        assert client.get(url, params).status_code == 200


def test_api_books_json_and_files(client, pengguna, desa_a):
    kepala = desa_a["anggota"][0]
    client.force_login(pengguna("camat", KEC1))
    body = client.get("/api/v1/buku/induk/", {"desa": DESA_A}).json()
    assert body["judul"] == "Buku Induk Penduduk" and body["nomor_lengkap"] is False
    assert any(r[1] == kepala.nama and r[12] == f"{kepala.nik[:4]}{'x' * 12}" for r in body["baris"])
    rekap = client.get("/api/v1/buku/rekapitulasi/", {"desa": DESA_A, "periode": "2026-03"}).json()
    assert rekap["baris"][-1][1] == "JUMLAH"
    assert client.get("/api/v1/buku/mutasi/", {"desa": DESA_A, "periode": "2026-13"}).status_code == 400
    assert client.get("/api/v1/buku/induk/", {"desa": DESA_C}).status_code == 404
    assert client.get("/api/v1/buku/induk/").status_code == 400  # two villages: say which
    pdf = client.get("/api/v1/buku/sementara/", {"desa": DESA_A, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    x = client.get("/api/v1/buku/ktp-kk/", {"desa": DESA_A, "format": "xlsx"})
    assert x.status_code == 200 and kepala.nik.encode() not in b"".join(x.streaming_content)
