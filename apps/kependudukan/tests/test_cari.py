"""Stories of searching and filtering the resident and family lists: each filter, numbers by
role, choices limited to the user's scope, pinned query counts and the query plans that keep
the common searches on an index."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.kependudukan.models import Keluarga, Penduduk
from apps.sinkron.context import acting_as
from apps.wilayah.models import Wilayah

from .conftest import DESA_A, DESA_B, DESA_C, KEC1, rt

DAFTAR = reverse("kependudukan:penduduk_daftar")
DAFTAR_KK = reverse("kependudukan:keluarga_daftar")
PILIHAN = reverse("kependudukan:pilihan_lingkungan")
RT2_A = f"{DESA_A}.02.001.001"


@pytest.fixture
def dusun_dua(wil):
    with acting_as("sistem:uji"):
        Wilayah.objects.create(kode=f"{DESA_A}.02", nama="Dusun II", tingkat="dusun", level=5, induk_id=DESA_A,
                               owner_id=DESA_A)
        Wilayah.objects.create(kode=f"{DESA_A}.02.001", nama="RW 001", tingkat="rw", level=6,
                               induk_id=f"{DESA_A}.02", owner_id=DESA_A)
        Wilayah.objects.create(kode=RT2_A, nama="RT 001", tingkat="rt", level=7, induk_id=f"{DESA_A}.02.001",
                               owner_id=DESA_A)
    return RT2_A


def nama_di(client, url=DAFTAR, **params) -> set[str]:
    resp = client.get(url, params)
    assert resp.status_code == 200
    return {p.nama for p in resp.context["object_list"]} if url == DAFTAR else \
        {k.kepala.nama if k.kepala else k.no_kk for k in resp.context["object_list"]}


@pytest.fixture
def penduduk_beragam(warga_baru, dusun_dua):
    a = warga_baru(DESA_A, nama="Ma’ruf Amin", pendidikan_kk=5, pekerjaan=9, alamat="Jl. Lintas Seruyan 5")
    b = warga_baru(DESA_A, nama="Siti Aisyah", jk=2, lahir=datetime.date(2010, 5, 1), kawin=1,
                   pendidikan_kk=3, pekerjaan=3, alamat="Gang Mawar")
    c = warga_baru(DESA_A, nama="Agus Salim", lahir=datetime.date(1950, 2, 2), kawin=4, pendidikan_kk=8,
                   pekerjaan=9, alamat="Jl. Pelabuhan")
    d = warga_baru(DESA_A, nama="Dewi Sartika", jk=2, kawin=2, alamat="Gang Mawar")
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=d.pk).update(wilayah_id=RT2_A)
        Penduduk.objects.filter(pk=c.pk).update(status_dasar=2)
        Penduduk.objects.filter(pk=b.pk).update(agama=2)
    e = warga_baru(DESA_B, nama="Bayu Tetangga", alamat="Gang Mawar")
    return a, b, c, d, e


def test_each_resident_filter_narrows_the_list(client, pengguna, penduduk_beragam):
    client.force_login(pengguna("operator_desa", DESA_A))
    semua_hidup = {"Ma’ruf Amin", "Siti Aisyah", "Dewi Sartika"}
    assert nama_di(client) == semua_hidup
    assert nama_di(client, q="MARUF") == {"Ma’ruf Amin"}  # case, apostrophe
    assert nama_di(client, q="aísyah") == {"Siti Aisyah"}  # accent
    assert nama_di(client, jenis_kelamin=2) == {"Siti Aisyah", "Dewi Sartika"}
    assert nama_di(client, umur_max=17) == {"Siti Aisyah"}
    assert nama_di(client, umur_min=18, umur_max=60) == {"Ma’ruf Amin", "Dewi Sartika"}
    assert nama_di(client, status=2) == {"Agus Salim"}
    assert nama_di(client, status="semua") == semua_hidup | {"Agus Salim"}
    assert nama_di(client, pendidikan=5) == {"Ma’ruf Amin"}
    assert nama_di(client, pekerjaan=3) == {"Siti Aisyah"}
    assert nama_di(client, agama=2) == {"Siti Aisyah"}
    assert nama_di(client, status_perkawinan=1) == {"Siti Aisyah"}
    assert nama_di(client, alamat="gang mawar") == {"Siti Aisyah", "Dewi Sartika"}
    assert nama_di(client, desa=DESA_A, wilayah=RT2_A) == {"Dewi Sartika"}
    assert nama_di(client, wilayah=f"{DESA_A}.02") == {"Dewi Sartika"}  # a dusun: its whole subtree
    assert nama_di(client, wilayah=f"{DESA_A}.01", jenis_kelamin=2) == {"Siti Aisyah"}


def test_numbers_whole_for_every_reader_prefix_only_for_full_nik_roles(client, pengguna, penduduk_beragam, keluarga_baru):
    a = penduduk_beragam[0]
    kk, (kepala, istri, anak) = keluarga_baru(DESA_A)
    client.force_login(pengguna("camat", KEC1))
    assert nama_di(client, q=a.nik) == {a.nama}  # a KTP in hand: exact lookup
    assert nama_di(client, q=a.nik[:12]) == set()  # a prefix would read masked numbers digit by digit
    assert nama_di(client, q=kk.no_kk) == {kepala.nama, istri.nama, anak.nama}
    assert nama_di(client, q="123") == set()
    client.force_login(pengguna("operator_desa", DESA_A))
    assert a.nama in nama_di(client, q=a.nik[:12])
    assert nama_di(client, q=kk.no_kk[:10]) >= {kepala.nama, istri.nama, anak.nama}


def test_out_of_scope_village_and_rt_choices_are_ignored(client, pengguna, penduduk_beragam):
    client.force_login(pengguna("operator_desa", DESA_A))
    hidup_a = {"Ma’ruf Amin", "Siti Aisyah", "Dewi Sartika"}
    assert nama_di(client, desa=DESA_B) == hidup_a
    assert nama_di(client, wilayah=rt(DESA_B)) == hidup_a
    assert nama_di(client, desa=DESA_B, wilayah=rt(DESA_B), alamat="Gang Mawar") == {"Siti Aisyah", "Dewi Sartika"}
    assert "Bayu" not in client.get(PILIHAN, {"desa": DESA_B}).content.decode()
    assert rt(DESA_B) not in client.get(PILIHAN, {"desa": DESA_B}).content.decode()
    opsi = client.get(PILIHAN, {"desa": DESA_A}).content.decode()
    assert RT2_A in opsi and "RT 001 · RW 001 · Dusun II" in opsi


def test_camat_picks_a_village_and_its_rt_through_htmx(client, pengguna, penduduk_beragam):
    client.force_login(pengguna("camat", KEC1))
    assert nama_di(client, desa=DESA_B) == {"Bayu Tetangga"}
    body = client.get(DAFTAR, {"desa": DESA_A}).content.decode()
    assert RT2_A in body  # the RT of the chosen village are offered
    assert rt(DESA_C) not in client.get(PILIHAN, {"desa": DESA_C}).content.decode()
    assert nama_di(client, desa=DESA_C) == {"Ma’ruf Amin", "Siti Aisyah", "Dewi Sartika", "Bayu Tetangga"}
    page = client.get(DAFTAR, {"desa": DESA_A, "alamat": "x"}, HTTP_HX_REQUEST="true")
    assert "filter-lanjutan" not in page.content.decode()  # a partial: the result block only


def test_family_list_filters_by_number_head_and_rt(client, pengguna, keluarga_baru, dusun_dua):
    kk1, (kepala1, *_r) = keluarga_baru(DESA_A, nama_kepala="Ahmad Fauzi")
    kk2, (kepala2, *_r) = keluarga_baru(DESA_A, nama_kepala="Bambang Élan")
    with acting_as("sistem:uji"):
        Keluarga.objects.filter(pk=kk2.pk).update(wilayah_id=RT2_A)
    keluarga_baru(DESA_B, nama_kepala="Tetangga Lain")
    client.force_login(pengguna("operator_desa", DESA_A))
    assert nama_di(client, DAFTAR_KK) == {"Ahmad Fauzi", "Bambang Élan"}
    assert nama_di(client, DAFTAR_KK, q="bambang elan") == {"Bambang Élan"}
    assert nama_di(client, DAFTAR_KK, q=kk1.no_kk) == {"Ahmad Fauzi"}
    assert nama_di(client, DAFTAR_KK, wilayah=RT2_A) == {"Bambang Élan"}
    assert nama_di(client, DAFTAR_KK, wilayah=rt(DESA_B)) == {"Ahmad Fauzi", "Bambang Élan"}  # ignored
    client.force_login(pengguna("camat", KEC1))
    assert nama_di(client, DAFTAR_KK, q=kk1.no_kk[:10]) == set()
    assert nama_di(client, DAFTAR_KK, q=kk1.no_kk) == {"Ahmad Fauzi"}


def test_bad_filter_values_are_ignored_not_errors(client, pengguna, penduduk_beragam):
    client.force_login(pengguna("operator_desa", DESA_A))
    for params in ({"umur_min": "abc"}, {"pendidikan": "99"}, {"agama": "x"}, {"wilayah": "../../"},
                   {"status": "7"}, {"q": "'; DROP TABLE--"}, {"alamat": "%_%"}):
        resp = client.get(DAFTAR, params)
        assert resp.status_code == 200, params
    assert nama_di(client, alamat="%_%") == set()  # LIKE wildcards are matched literally


@pytest.mark.parametrize("params", [{}, {"q": "siti"}, {"jenis_kelamin": 2, "umur_min": 5, "pekerjaan": 3},
                                    {"wilayah": RT2_A, "alamat": "mawar"}])
def test_resident_list_query_count_is_pinned(client, pengguna, penduduk_beragam, django_assert_max_num_queries, params):
    client.force_login(pengguna("camat", KEC1))
    client.get(DAFTAR)  # session and memberships warm
    # session, user, OTP device, memberships, desa choices, RT choices, page rows, wilayah labels,
    # total (cached after), and the session's save (3)
    with django_assert_max_num_queries(12):
        assert client.get(DAFTAR, {"desa": DESA_A, **params}).status_code == 200


def test_family_list_query_count_is_pinned(client, pengguna, keluarga_baru, django_assert_max_num_queries):
    for _ in range(3):
        keluarga_baru(DESA_A)
    client.force_login(pengguna("operator_desa", DESA_A))
    with django_assert_max_num_queries(13):
        assert client.get(DAFTAR_KK, {"wilayah": rt(DESA_A)}).status_code == 200


def _rencana(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(r[-1]) for r in cur.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")
def test_common_searches_use_an_index_and_never_sort_the_scope(wil, pengguna):
    """The list's order (desa, name) is the index penduduk_desa_nama_idx: the first page of a
    whole kabupaten reads 51 index entries instead of sorting every resident (measured at
    200,000 residents: 0.5 ms instead of 330 ms). Number searches start from the NIK/No KK
    indexes and sort only their few matches."""
    from apps.akun.scope import restrict
    from apps.kependudukan import selectors

    op, camat, admin = pengguna("operator_desa", DESA_A), pengguna("camat", KEC1), pengguna("admin_kabupaten", "62.07")
    for user, kw in ((op, {}), (op, {"q": "siti"}), (camat, {}), (camat, {"q": "siti"}), (admin, {}),
                     (admin, {"q": "siti", "jenis_kelamin": 2}), (camat, {"desa": DESA_A, "wilayah": rt(DESA_A)})):
        qs = selectors.cari_penduduk(restrict(Penduduk.objects.all(), user, "view"), user=user, **kw)
        plan = _rencana(qs.order_by("owner_id", "nama_cari", "pk")[:51])
        assert "penduduk_desa_nama_idx" in plan, (kw, plan)
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (kw, plan)  # only "RIGHT PART" (ties of a name)
    # A whole number is resolved first by two index seeks (NIK, No KK) joined by UNION; the
    # list then reads only those rows by primary key.
    for user, q in ((camat, "6207014501900001"), (admin, "6207010101200001")):
        with CaptureQueriesContext(connection) as ctx:
            list(selectors.cari_penduduk(restrict(Penduduk.objects.all(), user, "view"), user=user, q=q)[:51])
        union = next(c["sql"] for c in ctx.captured_queries if "UNION" in c["sql"])
        plan = " ".join(str(r) for r in connection.cursor().execute(
            f"EXPLAIN QUERY PLAN {union.replace(repr(q), '?')}", [q, q]).fetchall())
        assert "(nik=?)" in plan and "no_kk=?" in plan and "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
    for user, q in ((op, "620701450190"),):
        qs = selectors.cari_penduduk(restrict(Penduduk.objects.all(), user, "view"), user=user, q=q)
        plan = _rencana(qs.order_by("owner_id", "nama_cari", "pk")[:51])
        assert "(nik=?)" in plan or "(nik>? AND nik<?)" in plan, (q, plan)
        assert "no_kk" in plan, (q, plan)
