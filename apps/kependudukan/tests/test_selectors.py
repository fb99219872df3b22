"""Stories of the dashboard aggregates and keyset pages."""
import datetime

from apps.akun.scope import restrict
from apps.kependudukan.demo import generate_penduduk
from apps.kependudukan.models import Penduduk
from apps.kependudukan.selectors import halaman, ringkasan

from .conftest import DESA_A, DESA_B, DESA_C, KAB, KEC1, rt


def _isi():
    generate_penduduk(desa_rt={DESA_A: [rt(DESA_A)], DESA_B: [rt(DESA_B)], DESA_C: [rt(DESA_C)]}, jumlah=600, seed=5,
                      acuan=datetime.date(2025, 6, 30))


def test_bupati_summary_counts_the_whole_kabupaten_in_few_queries(wil, pengguna, django_assert_max_num_queries):
    _isi()
    bupati = pengguna("bupati", KAB)
    ringkasan(bupati)  # memberships cached on the user
    with django_assert_max_num_queries(3):  # the grouped counts, the families, the desa names
        data = ringkasan(bupati)
    hidup = Penduduk.objects.filter(status_dasar=1)
    assert data["total"] == hidup.count() == 600
    assert data["laki_laki"] + data["perempuan"] == 600 and data["laki_laki"] == hidup.filter(jenis_kelamin=1).count()
    assert sum(r["jumlah"] for r in data["per_desa"]) == 600 and {r["kode"] for r in data["per_desa"]} == {DESA_A, DESA_B, DESA_C}
    assert data["per_desa"][0]["nama"] == "Pematang Limau"
    assert sum(g["jumlah"] for g in data["kelompok_umur"]) == 600 and data["kelompok_umur"][-1]["label"] == "75+"
    assert data["keluarga"] > 100 and data["nik_sementara"] == 0


def test_camat_summary_stays_in_his_kecamatan_and_warga_gets_none(wil, pengguna):
    _isi()
    data = ringkasan(pengguna("camat", KEC1))
    assert {r["kode"] for r in data["per_desa"]} == {DESA_A, DESA_B}
    assert data["total"] == Penduduk.objects.filter(owner_id__in=[DESA_A, DESA_B]).count()
    assert ringkasan(pengguna("warga", DESA_A))["total"] == 0


def test_dead_residents_are_not_counted(wil, pengguna, warga_baru):
    warga_baru(DESA_A)
    mati = warga_baru(DESA_A, nama="Almarhum")
    Penduduk.objects.filter(pk=mati.pk).update(status_dasar=2)
    assert ringkasan(pengguna("kepala_desa", DESA_A))["total"] == 1


def test_keyset_pages_walk_every_row_once_despite_equal_names(wil, pengguna, warga_baru):
    for i in range(23):
        warga_baru(DESA_A, nama=["Ani", "Budi", "Ani"][i % 3])
    qs = restrict(Penduduk.objects.all(), pengguna("operator_desa", DESA_A))
    seen, after = [], None
    while True:
        page = halaman(qs, key="nama_cari", after=after, size=5)
        seen += [p.pk for p in page.items]
        if not page.next_after:
            break
        after = page.next_after
    assert len(seen) == len(set(seen)) == 23
    assert [p.nama for p in halaman(qs, key="nama_cari", after="ani|bukan-uuid", size=3).items] == ["Ani"] * 3
