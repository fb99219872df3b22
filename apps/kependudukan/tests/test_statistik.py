"""Population statistics: every breakdown against hand-counted residents, scope (camat, desa
operator, the public portal), the pages and their query counts, CSV, the API, bad input."""
from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client

from apps.kependudukan import statistik
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah

from .conftest import DESA_A, DESA_B, DESA_C, KAB, KEC1, KEC2, rt

pytestmark = pytest.mark.django_db
ACUAN = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(wil, warga_baru, keluarga_baru):
    """Desa A: a family of three (L 41, P 37, L 14) and one dead man. Desa B: a woman with
    SLTA, farmer, blood type O, married, in a second RT. Desa C (the other kecamatan): a
    Christian man with a disability, 70 years old."""
    _kk, (kepala, istri, anak) = keluarga_baru(DESA_A)
    mati = warga_baru(DESA_A, nama="Almarhum", lahir=datetime.date(1950, 1, 1))
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=mati.pk).update(status_dasar=2)
        Wilayah.objects.create(kode=f"{DESA_B}.01.001.002", nama="RT 002", tingkat="rt", level=7,
                               induk_id=f"{DESA_B}.01.001", owner_id=DESA_B)
    b = warga_baru(DESA_B, nama="Sri Wahyuni", jk=2, lahir=datetime.date(1990, 8, 17), pendidikan_kk=5, pekerjaan=9,
                   golongan_darah=4)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=b.pk).update(wilayah_id=f"{DESA_B}.01.001.002")
    c = warga_baru(DESA_C, nama="Yohanes", lahir=datetime.date(1956, 2, 1), cacat=1)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=c.pk).update(agama=2)
    return {"kepala": kepala, "istri": istri, "anak": anak, "b": b, "c": c}


def _w(kode):
    return Wilayah.objects.get(kode=kode)


def _baris(data) -> dict:
    return {r["label"]: (r["laki_laki"], r["perempuan"], r["jumlah"]) for r in data["baris"]}


def hitung(kode, kategori):
    return statistik.hitung(_w(kode), statistik.KATEGORI[kategori], acuan=ACUAN)


# ---------------------------------------------------------------- breakdowns, counted by hand

def test_pyramid_has_every_five_year_group_in_order_and_counts_only_the_living(data):
    d = hitung(KAB, "piramida")
    labels = [r["label"] for r in d["baris"]]
    assert labels[0] == "0–4 tahun" and labels[-1] == "75+ tahun" and len(labels) == 16
    rows = _baris(d)
    assert rows["10–14 tahun"] == (1, 0, 1)      # the son, 14
    assert rows["35–39 tahun"] == (0, 2, 2)      # the wife (37) and the woman of desa B (35)
    assert rows["40–44 tahun"] == (1, 0, 1)      # the head of family, 41
    assert rows["70–74 tahun"] == (1, 0, 1)      # desa C, 70
    assert rows["75+ tahun"] == (0, 0, 0)        # the dead man (76) is not counted
    assert d["total"] == {"label": "Jumlah", "laki_laki": 3, "perempuan": 2, "jumlah": 5, "persen_laki_laki": 60.0,
                          "persen_perempuan": 40.0, "persen": 100.0}
    assert sum(r["persen"] for r in d["baris"]) == pytest.approx(100)


def test_age_bands_are_exact_on_the_birthday(wil, warga_baru):
    warga_baru(DESA_A, nama="Tepat Lima", lahir=datetime.date(2021, 6, 1))   # 5 on the reference day
    warga_baru(DESA_A, nama="Hampir Lima", lahir=datetime.date(2021, 6, 2))  # still 4
    rows = _baris(hitung(DESA_A, "piramida"))
    assert rows["0–4 tahun"] == (1, 0, 1) and rows["5–9 tahun"] == (1, 0, 1)
    rows = _baris(hitung(DESA_A, "umur"))
    assert rows["Balita (0–4 tahun)"] == (1, 0, 1) and rows["Anak-anak (5–9 tahun)"] == (1, 0, 1)


def test_life_stage_breakdown(data):
    rows = _baris(hitung(KAB, "umur"))
    assert rows == {"Balita (0–4 tahun)": (0, 0, 0), "Anak-anak (5–9 tahun)": (0, 0, 0),
                    "Remaja (10–18 tahun)": (1, 0, 1), "Dewasa (19–59 tahun)": (1, 2, 3),
                    "Lanjut usia (60 tahun ke atas)": (1, 0, 1)}


@pytest.mark.parametrize("kategori, label, harapan", [
    ("pendidikan", "SLTA / SEDERAJAT", (0, 1, 1)),
    ("pendidikan", "Tidak diisi", (3, 1, 4)),
    ("pekerjaan", "Tidak diisi", (3, 1, 4)),
    ("agama", "ISLAM", (2, 2, 4)),
    ("agama", "KRISTEN", (1, 0, 1)),
    ("agama", "HINDU", (0, 0, 0)),
    ("perkawinan", "KAWIN", (2, 2, 4)),
    ("perkawinan", "BELUM KAWIN", (1, 0, 1)),
    ("golongan_darah", "O", (0, 1, 1)),
    ("golongan_darah", "Tidak diisi", (3, 1, 4)),
    ("warganegara", "WNI", (3, 2, 5)),
    ("disabilitas", "CACAT FISIK", (1, 0, 1)),
    ("disabilitas", "TIDAK CACAT", (0, 0, 0)),
])
def test_coded_breakdowns(data, kategori, label, harapan):
    assert _baris(hitung(KAB, kategori))[label] == harapan


def test_coded_breakdowns_list_every_code_in_official_order_then_not_filled(data):
    from apps.kependudukan import kode

    d = hitung(KAB, "pekerjaan")
    assert [r["label"] for r in d["baris"]] == [label for _, label in kode.PEKERJAAN] + ["Tidak diisi"]
    farmer = dict(kode.PEKERJAAN)[9]
    assert _baris(d)[farmer] == (0, 1, 1)
    # A column that is never empty has no "not filled in" row.
    assert [r["label"] for r in hitung(KAB, "agama")["baris"]] == [label for _, label in kode.AGAMA]


def test_per_region_at_each_level(data):
    assert _baris(hitung(KAB, "wilayah")) == {"Seruyan Hilir": (2, 2, 4), "Seruyan Tengah": (1, 0, 1)}
    assert _baris(hitung(KEC1, "wilayah")) == {"Pematang Limau": (2, 1, 3), "Sungai Perlu": (0, 1, 1)}
    assert _baris(hitung(DESA_B, "wilayah")) == {"Dusun I": (0, 1, 1)}
    assert hitung(KAB, "wilayah")["kategori"]["judul"] == "Per kecamatan"
    assert hitung(KEC1, "wilayah")["kategori"]["judul"] == "Per desa/kelurahan"
    assert hitung(DESA_A, "wilayah")["kategori"]["judul"] == "Per dusun"


def test_per_rt_lists_empty_rts_and_names_the_chain(data):
    rows = _baris(hitung(DESA_B, "rt"))
    assert rows == {"RT 001 · RW 001 · Dusun I": (0, 0, 0), "RT 002 · RW 001 · Dusun I": (0, 1, 1)}


def test_a_resident_registered_at_the_desa_itself_is_counted_as_without_rt(wil, warga_baru):
    p = warga_baru(DESA_A, nama="Tanpa RT")
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=p.pk).update(wilayah_id=DESA_A)
    rows = _baris(hitung(DESA_A, "rt"))
    assert rows["Tanpa RT"] == (1, 0, 1)
    assert _baris(hitung(DESA_A, "wilayah"))["Tanpa dusun"] == (1, 0, 1)


def test_an_empty_wilayah_gives_zero_rows_not_an_error(wil):
    d = hitung(KEC2, "agama")
    assert d["total"]["jumlah"] == 0 and all(r["persen"] == 0 for r in d["baris"])


def test_results_are_cached_briefly_per_wilayah_and_category(data, django_assert_num_queries):
    w, k = _w(KAB), statistik.KATEGORI["agama"]
    statistik.hitung(w, k, acuan=ACUAN)
    with django_assert_num_queries(0):
        statistik.hitung(w, k, acuan=ACUAN)
    assert statistik.CACHE_DETIK == 60


# ---------------------------------------------------------------- scope

def test_camat_sees_only_his_kecamatan(data, pengguna):
    camat = pengguna("camat", KEC1)
    w, d = statistik.statistik(camat, None, "wilayah")
    assert w.kode == KEC1 and d["total"]["jumlah"] == 4
    assert statistik.statistik(camat, DESA_B, "agama")[1]["total"]["jumlah"] == 1
    for luar in (KAB, KEC2, DESA_C):
        with pytest.raises(statistik.StatistikTidakDikenal):
            statistik.statistik(camat, luar, "agama")


def test_desa_operator_sees_only_his_desa(data, pengguna):
    op = pengguna("operator_desa", DESA_A)
    w, d = statistik.statistik(op, None, "piramida")
    assert w.kode == DESA_A and d["total"]["jumlah"] == 3
    for luar in (KAB, KEC1, DESA_B):
        with pytest.raises(statistik.StatistikTidakDikenal):
            statistik.statistik(op, luar, "piramida")


def test_a_warga_gets_no_statistics(data, pengguna):
    warga = pengguna("warga", DESA_A)
    assert statistik.wilayah_awal(warga) is None
    with pytest.raises(statistik.StatistikTidakDikenal):
        statistik.statistik(warga, DESA_A, "agama")


def test_public_reaches_only_this_kabupaten_down_to_desa(data, settings):
    assert statistik.statistik_publik(None, None)[0].kode == settings.EDESA_KABUPATEN
    assert statistik.statistik_publik(DESA_C, "agama")[1]["total"]["jumlah"] == 1
    with acting_as("sistem:uji"):
        Wilayah.objects.create(kode="62.01", nama="Kotawaringin Barat", tingkat="kabupaten", level=2, induk_id="62",
                               owner_id="62.01")
    for luar in ("62.01", "62", f"{DESA_A}.01", rt(DESA_A), "", "x"):
        if not luar:
            continue
        with pytest.raises(statistik.StatistikTidakDikenal):
            statistik.statistik_publik(luar, "agama")


# ---------------------------------------------------------------- pages

@pytest.fixture
def bupati(data, pengguna):
    return pengguna("bupati", KAB)


def test_page_for_the_bupati_with_chart_data_table_and_drill_down(bupati, django_assert_num_queries):
    c = Client()
    c.force_login(bupati)
    c.get("/penduduk/statistik/")  # warm the cache
    # session (read, save), user, OTP device, memberships; the wilayah, its children. The
    # figures come from the cache.
    with django_assert_num_queries(9):
        resp = c.get("/penduduk/statistik/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'id="grafik-statistik"' in html and 'id="data-grafik"' in html
    assert "Seruyan Hilir" in html and "Seruyan Tengah" in html  # drill-down choices
    assert "chartjs/chart.umd.min.js" in html and "js/statistik.js" in html
    assert "<script>" not in html.replace('<script id="data-grafik" type="application/json">', "")
    assert resp.context["data"]["total"]["jumlah"] == 5


def test_page_query_count_is_pinned_on_a_cold_cache(bupati, django_assert_num_queries):
    c = Client()
    c.force_login(bupati)
    c.get("/penduduk/statistik/?kategori=agama")
    cache.clear()
    # as above, plus the breadcrumb and the one GROUP BY of the figures
    with django_assert_num_queries(11):
        assert c.get(f"/penduduk/statistik/?wilayah={KEC1}&kategori=agama").status_code == 200


def test_camat_page_shows_his_kecamatan_and_404s_outside(data, pengguna):
    c = Client()
    c.force_login(pengguna("camat", KEC1))
    resp = c.get("/penduduk/statistik/?kategori=wilayah")
    assert resp.status_code == 200 and resp.context["data"]["wilayah"]["kode"] == KEC1
    # The breadcrumb does not offer the kabupaten he may not open.
    assert [k for k, _ in resp.context["jejak"]] == [KEC1]
    resp = c.get(f"/penduduk/statistik/?wilayah={KEC2}")
    assert resp.status_code == 404
    assert "di luar cakupan" in resp.content.decode()


def test_htmx_category_switch_returns_the_partial(bupati):
    c = Client()
    c.force_login(bupati)
    resp = c.get("/penduduk/statistik/?kategori=pendidikan", headers={"HX-Request": "true"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<html" not in html and 'id="data-grafik"' in html and "SLTA / SEDERAJAT" in html


@pytest.mark.parametrize("query, pesan", [
    ("?kategori=gaji", "Kategori statistik “gaji” tidak dikenal"),
    ("?wilayah=99.99", "di luar cakupan"),
    ("?wilayah=%27%3B--", "di luar cakupan"),
    (f"?wilayah={KAB}&kategori=rt", "tidak tersedia"),
])
def test_bad_input_gets_a_clear_404(bupati, query, pesan):
    c = Client()
    c.force_login(bupati)
    for url in ("/penduduk/statistik/", "/penduduk/statistik/csv/"):
        resp = c.get(url + query)
        assert resp.status_code == 404
        if url.endswith("statistik/"):
            assert pesan in resp.content.decode()


def test_anonymous_is_sent_to_the_login_for_the_official_page(data):
    resp = Client().get("/penduduk/statistik/")
    assert resp.status_code == 302 and "/akun/masuk" in resp["Location"]


def test_csv_has_the_same_figures_as_the_table(bupati):
    c = Client()
    c.force_login(bupati)
    resp = c.get(f"/penduduk/statistik/csv/?wilayah={KEC1}&kategori=perkawinan")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    assert f'filename="statistik-perkawinan-{KEC1}.csv"' in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0] == statistik.KOLOM_CSV
    assert rows[1:] == [
        ["1", "BELUM KAWIN", "1", "25.0", "0", "0.0", "1", "25.0"],
        ["2", "KAWIN", "1", "25.0", "2", "50.0", "3", "75.0"],
        ["3", "CERAI HIDUP", "0", "0.0", "0", "0.0", "0", "0.0"],
        ["4", "CERAI MATI", "0", "0.0", "0", "0.0", "0", "0.0"],
        ["", "JUMLAH", "2", "50.0", "2", "50.0", "4", "100.0"],
    ]


# ---------------------------------------------------------------- public portal

def test_public_page_needs_no_login_and_shows_no_person(data, django_assert_max_num_queries):
    c = Client()
    c.get("/statistik/")
    with django_assert_max_num_queries(3):
        resp = c.get("/statistik/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "public" in resp["Cache-Control"]
    for p in data.values():
        assert p.nama not in html and p.nik not in html and str(p.pk) not in html
    assert "Seruyan Hilir" in html


def test_public_page_of_a_desa_and_csv(data):
    c = Client()
    resp = c.get(f"/statistik/?wilayah={DESA_B}&kategori=wilayah")
    assert resp.status_code == 200 and "Dusun" in resp.content.decode()
    # Counts small enough to point at one person are for officials only.
    for kategori in ("rt", "disabilitas"):
        assert c.get(f"/statistik/?wilayah={DESA_B}&kategori={kategori}").status_code == 404
        assert f"kategori={kategori}" not in resp.content.decode()
    resp = c.get(f"/statistik/csv/?wilayah={DESA_A}&kategori=agama")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["1", "ISLAM", "2"] and rows[-1][-2] == "3"


def _tanpa_token(html: bytes) -> bytes:
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", html)


@pytest.mark.parametrize("query", ["?wilayah=62.01.01.2001", "?wilayah=62", f"?wilayah={rt(DESA_A)}",
                                   "?kategori=nik", "?nik=6207011203850001", "?wilayah=6207011203850001"])
def test_public_page_refuses_other_kabupaten_below_desa_and_has_no_person_lookup(data, query):
    resp = Client().get("/statistik/" + query)
    if "nik=" in query:  # an unknown parameter is ignored: the page is the same for any NIK
        assert resp.status_code == 200
        lain = Client().get("/statistik/?nik=0000000000000000")
        assert _tanpa_token(resp.content) == _tanpa_token(lain.content)
    else:
        assert resp.status_code == 404


def test_public_pages_are_rate_limited(data, monkeypatch):
    from apps.kependudukan.views import statistik as v

    monkeypatch.setattr(v, "BATAS_PUBLIK", 2)
    c = Client()
    assert [c.get("/statistik/").status_code for _ in range(3)] == [200, 200, 429]


# ---------------------------------------------------------------- API

def test_api_for_officials_is_scoped(data, pengguna):
    c = Client()
    c.force_login(pengguna("camat", KEC1))
    resp = c.get("/api/v1/statistik-penduduk/", {"kategori": "agama"})
    assert resp.status_code == 200
    body = resp.json()
    assert body["wilayah"]["kode"] == KEC1 and body["total"]["jumlah"] == 4
    assert body["baris"][0] == {"kode": "1", "label": "ISLAM", "laki_laki": 2, "perempuan": 2, "jumlah": 4,
                                "persen_laki_laki": 50.0, "persen_perempuan": 50.0, "persen": 100.0}
    resp = c.get("/api/v1/statistik-penduduk/", {"wilayah": KEC2})
    assert resp.status_code == 404 and "di luar cakupan" in resp.json()["detail"]
    resp = c.get("/api/v1/statistik-penduduk/", {"kategori": "gaji"})
    assert resp.status_code == 404 and "tidak dikenal" in resp.json()["detail"]
    assert Client().get("/api/v1/statistik-penduduk/").status_code in (401, 403)


def test_public_api_needs_no_login_and_stays_in_the_kabupaten(data):
    c = Client()
    resp = c.get("/api/v1/statistik-publik/", {"wilayah": KEC2, "kategori": "agama"})
    assert resp.status_code == 200 and resp.json()["total"]["jumlah"] == 1
    assert c.get("/api/v1/statistik-publik/", {"wilayah": KEC2, "kategori": "disabilitas"}).status_code == 404
    assert c.get("/api/v1/statistik-publik/", {"wilayah": "62.01"}).status_code == 404
    assert c.get("/api/v1/statistik-publik/", {"wilayah": rt(DESA_A)}).status_code == 404


def test_a_dusun_has_the_same_figures_as_its_only_desa(data):
    """Below a desa the figures come from the address code (one GROUP BY over the age band)."""
    for kategori in ("piramida", "umur", "agama", "rt"):
        assert hitung(f"{DESA_A}.01", kategori)["baris"] == hitung(DESA_A, kategori)["baris"], kategori
    assert _baris(hitung(f"{DESA_A}.01", "wilayah")) == {"RW 001": (2, 1, 3)}


def test_the_postgresql_plan_gives_the_same_figures(data, monkeypatch):
    """PostgreSQL counts the bands with one GROUP BY over a CASE and the regions by a range on
    the code; both paths must agree with the SQLite one (here both run on SQLite)."""
    kategori = ("piramida", "umur", "wilayah", "agama")
    sqlite = {(k, w): hitung(w, k)["baris"] for k in kategori for w in (KAB, KEC1, DESA_A)}
    cache.clear()
    monkeypatch.setattr(statistik, "_sqlite", lambda: False)
    assert {(k, w): hitung(w, k)["baris"] for k in kategori for w in (KAB, KEC1, DESA_A)} == sqlite


def test_the_public_page_offers_no_empty_menu_and_its_logo_stays_public(data):
    """A visitor without an account has no sidebar: no menu button that opens nothing, and the
    logo leads to the public portal, not to the staff login."""
    body = Client().get("/statistik/").content.decode()
    assert 'data-bs-target="#sidebar"' not in body
    assert 'class="navbar-brand d-flex align-items-center gap-2" href="/statistik/"' in body
