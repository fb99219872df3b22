"""Archive search and the retention schedule: every word must match (subject, number, text of a
PDF attachment), only the unit's own letters are found, and the query count is fixed."""
from __future__ import annotations

import datetime

import pytest
import typst
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from apps.persuratan import arsip, berkas, cari
from apps.persuratan.models import SuratMasuk

from . import _arsip

pytestmark = pytest.mark.django_db

NOV = datetime.date(2026, 11, 3)


@pytest.fixture
def d():
    d = _arsip.bangun()
    d.rapat = _arsip.naskah(d, "a", perihal="Undangan Musyawarah Perencanaan Desa", tanggal=NOV, kla="000.1.5",
                            nomor="000.1.5/007/PL", jenis="undangan",
                            penerima=[{"unit": "bpd"}, {"nama_luar": "Kapolsek Seruyan Hilir"},
                                      {"unit": "b", "jenis": "tembusan"}])
    d.anggaran = _arsip.naskah(d, "a", perihal="Laporan realisasi anggaran", tanggal=datetime.date(2026, 10, 1), kla="900",
                               penerima=[{"nama_luar": "Inspektorat"}], jenis="laporan")
    d.draf = _arsip.naskah(d, "a", perihal="Draf musyawarah rahasia", tanggal=NOV, status="draf")
    d.masuk = _arsip.masuk(d, "a", perihal="Pemberitahuan musyawarah kecamatan", tanggal=datetime.date(2026, 11, 5),
                           nomor_surat="B/12/XI/2026", kla="000.1")
    # The same words in another unit of the same village and in another village.
    d.bpd_sendiri = _arsip.naskah(d, "bpd", perihal="Musyawarah Perencanaan BPD", tanggal=NOV, penerima=[{"unit": "a"}])
    d.desa_b = _arsip.naskah(d, "b", perihal="Musyawarah Perencanaan Sungai Perlu", tanggal=NOV,
                             penerima=[{"nama_luar": "Camat"}])
    return d


def _pdf(kata: str) -> bytes:
    return typst.compile(f"= Notulen\nHasil rapat membahas {kata} di balai desa.".encode())


def _perihal(hasil) -> set[str]:
    return {r.perihal for r in hasil.baris}


def test_every_word_must_match_subject_body_or_parties(d):
    u, a = d.user["op_a"], d.unit["a"]
    assert _perihal(arsip.cari(u, a, q="musyawarah perencanaan")) == {
        "Undangan Musyawarah Perencanaan Desa", "Musyawarah Perencanaan BPD"}  # the BPD's copy addressed to A
    assert _perihal(arsip.cari(u, a, q="musyawarah tidakada")) == set()
    assert _perihal(arsip.cari(u, a, q="kapolsek")) == {"Undangan Musyawarah Perencanaan Desa"}  # outside addressee
    assert _perihal(arsip.cari(u, a, q="MUSYAWARAH")) == {
        "Undangan Musyawarah Perencanaan Desa", "Pemberitahuan musyawarah kecamatan", "Musyawarah Perencanaan BPD"}
    assert "Draf musyawarah rahasia" not in _perihal(arsip.cari(u, a, q="draf"))


def test_exact_number_matches_outgoing_and_incoming(d):
    u, a = d.user["op_a"], d.unit["a"]
    assert _perihal(arsip.cari(u, a, q="000.1.5/007/PL")) == {"Undangan Musyawarah Perencanaan Desa"}
    assert _perihal(arsip.cari(u, a, q="B/12/XI/2026")) == {"Pemberitahuan musyawarah kecamatan"}


def test_finds_a_word_inside_a_pdf_attachment(d):
    s = _arsip.masuk(d, "a", perihal="Kiriman notulen", tanggal=datetime.date(2026, 11, 6))
    with transaction.atomic():
        berkas.simpan(berkas=SimpleUploadedFile("notulen.pdf", _pdf("Kelapasawitmandiri")), pengguna=d.user["op_a"],
                      owner_id=s.owner_id, surat_masuk=s)
    cari.segarkan_masuk(s)
    assert _perihal(arsip.cari(d.user["op_a"], d.unit["a"], q="kelapasawitmandiri")) == {"Kiriman notulen"}
    # Another unit never finds it.
    assert arsip.cari(d.user["op_b"], d.unit["b"], q="kelapasawitmandiri").baris == []


def test_never_another_units_letters(d):
    # The BPD of the same village and village B see their own only.
    assert _perihal(arsip.cari(d.user["bpd_a"], d.unit["bpd"], q="musyawarah")) == {
        "Musyawarah Perencanaan BPD", "Undangan Musyawarah Perencanaan Desa"}  # own naskah + the copy sent to it
    hasil_b = arsip.cari(d.user["op_b"], d.unit["b"], q="musyawarah")
    assert {(r.arah, r.perihal) for r in hasil_b.baris} == {
        ("keluar", "Musyawarah Perencanaan Sungai Perlu"), ("masuk", "Undangan Musyawarah Perencanaan Desa")}
    # Asking with someone else's unit finds nothing: the grants are bound to the member's unit.
    assert arsip.cari(d.user["op_b"], d.unit["a"], q="musyawarah").baris == []
    assert arsip.cari(d.user["admin"], d.unit["a"], q="").baris == []
    assert arsip.cari(d.user["op_a"], None, q="musyawarah").baris == []


def test_filters_direction_kind_classification_dates(d):
    u, a = d.user["op_a"], d.unit["a"]
    assert {r.arah for r in arsip.cari(u, a, arah="keluar").baris} == {"keluar"}
    assert {r.arah for r in arsip.cari(u, a, arah="masuk").baris} == {"masuk"}
    assert _perihal(arsip.cari(u, a, jenis="laporan")) == {"Laporan realisasi anggaran"}
    assert _perihal(arsip.cari(u, a, klasifikasi="000.1", arah="keluar")) == {"Undangan Musyawarah Perencanaan Desa"}
    assert _perihal(arsip.cari(u, a, klasifikasi="000", arah="masuk")) == {
        "Pemberitahuan musyawarah kecamatan", "Musyawarah Perencanaan BPD"}
    assert _perihal(arsip.cari(u, a, klasifikasi="900")) == {"Laporan realisasi anggaran"}
    assert _perihal(arsip.cari(u, a, dari=datetime.date(2026, 10, 1), sampai=datetime.date(2026, 10, 31))) == {
        "Laporan realisasi anggaran"}
    hasil = arsip.cari(u, a)
    tanggal = [r.tanggal for r in hasil.baris]
    assert tanggal == sorted(tanggal, reverse=True)
    r = next(r for r in hasil.baris if r.perihal.startswith("Undangan"))
    assert r.pihak == "BPD Pematang Limau, Kapolsek Seruyan Hilir; Tembusan: Pemerintah Desa Sungai Perlu"
    assert r.klasifikasi == "000.1.5"


def test_pages_merge_both_directions(d):
    u, a = d.user["op_a"], d.unit["a"]
    for i in range(5):
        _arsip.masuk(d, "a", perihal=f"Surat halaman {i}", tanggal=datetime.date(2026, 9, 1 + i))
    semua = [r.perihal for r in arsip.cari(u, a, limit=50).baris]
    satu = arsip.cari(u, a, limit=4, halaman=1)
    dua = arsip.cari(u, a, limit=4, halaman=2)
    tiga = arsip.cari(u, a, limit=4, halaman=3)
    assert satu.ada_berikutnya and dua.ada_berikutnya and not tiga.ada_berikutnya
    assert [r.perihal for r in satu.baris + dua.baris + tiga.baris] == semua


def test_search_query_count_is_fixed(d, django_assert_max_num_queries):
    for i in range(30):
        _arsip.naskah(d, "a", perihal=f"Musyawarah ke-{i}", tanggal=datetime.date(2026, 8, 1 + i % 28),
                      penerima=[{"nama_luar": f"Tamu {i}"}, {"unit": "b"}])
        _arsip.masuk(d, "a", perihal=f"Musyawarah masuk ke-{i}", tanggal=datetime.date(2026, 8, 1 + i % 28))
    u = d.user["op_a"]
    u._edesa_keanggotaan = None
    with django_assert_max_num_queries(4):  # memberships, naskah, their addressees, incoming
        hasil = arsip.cari(u, d.unit["a"], q="musyawarah")
    assert len(hasil.baris) == 50


def test_search_page_and_api(d, client, django_assert_max_num_queries):
    client.force_login(d.user["op_a"])
    url = reverse("persuratan:arsip")
    with django_assert_max_num_queries(12):
        r = client.get(url, {"q": "musyawarah perencanaan"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "Undangan Musyawarah Perencanaan Desa" in body
    assert "Musyawarah Perencanaan Sungai Perlu" not in body and str(d.desa_b.pk) not in body and str(d.bpd_sendiri.pk) not in body
    r = client.get(url, {"dari": "2026-12-01", "sampai": "2026-01-01"})
    assert r.status_code == 400 and "Tanggal akhir" in r.content.decode()
    assert client.get(url, {"klasifikasi": "abc"}).status_code == 400
    assert client.get(url, {"unit": d.unit["b"].pk}).status_code == 404

    r = client.get("/api/v1/persuratan/arsip/", {"q": "musyawarah", "arah": "keluar"})
    assert r.status_code == 200
    assert [x["perihal"] for x in r.json()["hasil"]] == ["Undangan Musyawarah Perencanaan Desa"]
    assert client.get("/api/v1/persuratan/arsip/", {"unit": d.unit["b"].pk}).status_code == 404
    assert client.get("/api/v1/persuratan/arsip/", {"arah": "samping"}).status_code == 400
    assert client.get("/api/v1/persuratan/arsip/", {"dari": "kemarin"}).status_code == 400


# ---------------------------------------------------------------- retention

def test_retention_dates_and_leap_day():
    assert arsip.tambah_tahun(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)

    class K:
        retensi_aktif, retensi_inaktif = 2, 3

    aktif, inaktif = arsip.jadwal(datetime.date(2024, 5, 1), K)
    assert (aktif, inaktif) == (datetime.date(2026, 5, 1), datetime.date(2029, 5, 1))
    assert arsip.tahap(aktif, inaktif, datetime.date(2026, 4, 30)) == "aktif"
    assert arsip.tahap(aktif, inaktif, datetime.date(2026, 5, 1)) == "inaktif"
    assert arsip.tahap(aktif, inaktif, datetime.date(2029, 5, 1)) == "tindakan_akhir"


def test_retention_schedule_of_the_unit(d):
    hari = datetime.date(2026, 6, 1)
    # Undangan 000.1.5 (1 + 1 years, musnah), dated 2024-03-10: inactive 2025, final action 2026.
    _arsip.naskah(d, "a", perihal="Undangan lama", tanggal=datetime.date(2024, 3, 10), kla="000.1.5")
    # Keuangan 900 (2 + 8, permanen) dated 2018-07-01: final action 2028; inactive from 2020.
    _arsip.naskah(d, "a", perihal="APBDes 2018", tanggal=datetime.date(2018, 7, 1), kla="900")
    # Incoming 000.1 (2 + 3): closed, received 2024-05-01 -> inactive 2026-05-01.
    _arsip.masuk(d, "a", perihal="Surat selesai", tanggal=datetime.date(2024, 5, 1), kla="000.1", status="selesai")
    # Still open but old: counted; open and recent: not yet archived.
    _arsip.masuk(d, "a", perihal="Surat lama terbuka", tanggal=datetime.date(2024, 2, 1), kla="000.1")
    _arsip.masuk(d, "a", perihal="Surat baru terbuka", tanggal=datetime.date(2026, 5, 20), kla="000.1.5")
    _arsip.masuk(d, "a", perihal="Surat tanpa kode", tanggal=datetime.date(2024, 1, 1), status="selesai")
    # Another unit's letter of the same kind is never listed.
    _arsip.naskah(d, "b", perihal="Undangan desa lain", tanggal=datetime.date(2024, 3, 10), kla="000.1.5")

    j = arsip.retensi(d.user["op_a"], d.unit["a"], tahun=2026, hari=hari)
    assert {i.perihal for i in j.pindah_inaktif} == {"Surat selesai", "Surat lama terbuka"}
    assert {i.perihal for i in j.tindakan_akhir} == {"Undangan lama"}
    undangan = j.tindakan_akhir[0]
    assert (undangan.aktif_sampai, undangan.inaktif_sampai, undangan.tindakan_akhir, undangan.tahap) == (
        datetime.date(2025, 3, 10), datetime.date(2026, 3, 10), "musnah", "tindakan_akhir")
    assert list(j.per_tindakan()) == ["Musnah"]
    assert j.tanpa_klasifikasi == 1
    selesai = next(i for i in j.pindah_inaktif if i.perihal == "Surat selesai")
    assert (selesai.aktif_sampai, selesai.tahap) == (datetime.date(2026, 5, 1), "inaktif")

    j2028 = arsip.retensi(d.user["op_a"], d.unit["a"], tahun=2028, hari=hari)
    assert sorted((i.perihal, i.tindakan_label) for i in j2028.tindakan_akhir) == [
        ("APBDes 2018", "Permanen"), ("Undangan Musyawarah Perencanaan Desa", "Musnah")]
    assert {i.perihal for i in arsip.retensi(d.user["op_a"], d.unit["a"], tahun=2020, hari=hari).pindah_inaktif} == {
        "APBDes 2018"}
    assert arsip.retensi(d.user["op_b"], d.unit["a"], tahun=2026, hari=hari).tindakan_akhir == []


def test_retention_page(d, client, django_assert_max_num_queries):
    _arsip.naskah(d, "a", perihal="Undangan lama", tanggal=datetime.date(2024, 3, 10), kla="000.1.5")
    client.force_login(d.user["op_a"])
    url = reverse("persuratan:retensi")
    with django_assert_max_num_queries(14):  # session, user, memberships, codes, 2 x (naskah, incoming), count
        r = client.get(url, {"tahun": "2026"})
    assert r.status_code == 200 and "Undangan lama" in r.content.decode() and "Musnah" in r.content.decode()
    r = client.get(url, {"tahun": "20x6"})
    assert r.status_code == 400 and "tidak dikenal" in r.content.decode()
    client.force_login(d.user["op_b"])
    assert "Undangan lama" not in client.get(url, {"tahun": "2026"}).content.decode()


def test_search_text_is_kept_for_copies(d):
    """The receiving unit's copy is searchable by the body of the sender's naskah."""
    n = _arsip.naskah(d, "a", perihal="Edaran", tanggal=NOV, isi="Mohon hadir membawa kartu tanda penduduk.",
                      penerima=[{"unit": "b"}])
    s = SuratMasuk.objects.get(naskah=n, unit=d.unit["b"])
    cari.segarkan_masuk(s)
    assert _perihal(arsip.cari(d.user["op_b"], d.unit["b"], q="kartu penduduk")) == {"Edaran"}


def test_search_of_a_regency_office_starts_from_the_unit_index(d):
    """The grant of a regency office covers the whole regency's owner range: the unit's rows
    are chosen first (index unit + date), the grant checked on those rows only."""
    from django.db import connection

    from apps.persuratan.models import Naskah

    if connection.vendor != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN of SQLite")
    u, setda = d.user["staf_pd"], d.unit["setda"]
    plan_n = arsip._berbatas(Naskah, Naskah.objects.filter(unit=setda, teks_cari__contains="x"), u,
                             ("-tanggal", "-pk"), 51).explain()
    plan_m = arsip._berbatas(SuratMasuk, SuratMasuk.objects.filter(unit=setda), u, ("-diterima", "-pk"), 51).explain()
    assert "naskah_unit_tanggal_idx" in plan_n and "masuk_unit_diterima_idx" in plan_m
    assert "owner_id>?" not in plan_n and "owner_id>?" not in plan_m
    _arsip.naskah(d, "setda", perihal="Edaran Bupati tentang musyawarah", tanggal=NOV, penerima=[{"unit": "a"}])
    assert _perihal(arsip.cari(u, setda, q="musyawarah")) == {"Edaran Bupati tentang musyawarah"}
