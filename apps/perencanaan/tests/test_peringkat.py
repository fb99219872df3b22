"""The pure ranking function: weights, ties, the ceiling (skip and continue), manual
overrides, empty input, no ceiling."""
from decimal import Decimal as D

from apps.perencanaan.peringkat import Butir, Kriteria, hitung, rupiah, skor

K = [Kriteria("urgensi", D(3)), Kriteria("penerima", D(2)), Kriteria("kebutuhan", D(2)), Kriteria("efisiensi", D(1))]


def b(i, biaya, dukungan=0, manual=None, alasan="", **nilai):
    return Butir(id=i, biaya=D(biaya), nilai=nilai, dukungan=dukungan, peringkat_manual=manual, alasan_manual=alasan)


def urutan(hasil):
    return [h.id for h in hasil]


def test_skor_is_the_weighted_mean_on_the_1_to_5_scale():
    assert skor({"urgensi": 5, "penerima": 5, "kebutuhan": 5, "efisiensi": 5}, K) == D("5.00")
    assert skor({"urgensi": 1, "penerima": 1, "kebutuhan": 1, "efisiensi": 1}, K) == D("1.00")
    # (3*5 + 2*1 + 2*1 + 1*1) / 8 = 20/8 = 2.5
    assert skor({"urgensi": 5, "penerima": 1, "kebutuhan": 1, "efisiensi": 1}, K) == D("2.50")
    # rounding half up: (3*4 + 2*3 + 2*3 + 1*2)/8 = 26/8 = 3.25; (1*2+2*2)/3 = 2.00
    assert skor({"urgensi": 4, "penerima": 3, "kebutuhan": 3, "efisiensi": 2}, K) == D("3.25")
    assert skor({"a": 1, "b": 2}, [Kriteria("a", D(1)), Kriteria("b", D(2))]) == D("1.67")


def test_missing_scores_count_as_zero_and_no_criteria_gives_zero():
    assert skor({"urgensi": 5}, K) == D("1.88")  # 15/8 = 1.875 -> 1.88
    assert skor({}, K) == D("0.00")
    assert skor({"urgensi": 5}, []) == D(0)
    assert skor({"urgensi": 5}, [Kriteria("urgensi", D(0))]) == D(0)


def test_weights_decide_the_order():
    urgent = b("urgent", 10, urgensi=5, penerima=1, kebutuhan=1, efisiensi=1)  # 20/8 = 2.5
    many = b("many", 10, urgensi=1, penerima=5, kebutuhan=1, efisiensi=1)  # 16/8 = 2.0
    assert urutan(hitung([many, urgent], K, None)) == ["urgent", "many"]
    # Weighted the other way, the order flips.
    k2 = [Kriteria("urgensi", D(1)), Kriteria("penerima", D(5)), Kriteria("kebutuhan", D(1)), Kriteria("efisiensi", D(1))]
    assert urutan(hitung([urgent, many], k2, None)) == ["many", "urgent"]


def test_ties_broken_by_supports_then_lower_cost_then_input_order():
    n = {"urgensi": 3, "penerima": 3, "kebutuhan": 3, "efisiensi": 3}
    a = b("a", 100, dukungan=1, **n)
    bb = b("b", 100, dukungan=9, **n)
    c = b("c", 50, dukungan=1, **n)
    d = b("d", 50, dukungan=1, **n)
    assert urutan(hitung([a, bb, c, d], K, None)) == ["b", "c", "d", "a"]
    assert urutan(hitung([d, c, a, bb], K, None)) == ["b", "d", "c", "a"]


def test_ranks_are_1_to_n_and_scores_reported():
    h = hitung([b("x", 1, urgensi=5), b("y", 1, urgensi=1)], K, None)
    assert [r.peringkat for r in h] == [1, 2]
    assert h[0].skor == D("1.88") and h[1].skor == D("0.38")


def test_no_ceiling_everything_fits_and_cumulative_runs():
    for pagu in (None, D(0), D(-5)):
        h = hitung([b("x", 100, urgensi=5), b("y", 200, urgensi=4)], K, pagu)
        assert all(r.masuk_pagu for r in h)
        assert [r.kumulatif for r in h] == [D(100), D(300)]
        assert "Tidak ada pagu" in h[0].alasan


def test_ceiling_skips_an_item_that_does_not_fit_and_continues_with_cheaper_ones():
    items = [b("a", 60, urgensi=5), b("b", 50, urgensi=4), b("c", 30, urgensi=3), b("d", 10, urgensi=2)]
    h = {r.id: r for r in hitung(items, K, D(100))}
    assert h["a"].masuk_pagu and h["a"].kumulatif == D(60)
    assert not h["b"].masuk_pagu and h["b"].kumulatif == D(60)
    assert "Melebihi pagu" in h["b"].alasan and "Rp50" in h["b"].alasan and "sisa Rp40" in h["b"].alasan
    assert h["c"].masuk_pagu and h["c"].kumulatif == D(90)
    assert h["d"].masuk_pagu and h["d"].kumulatif == D(100)  # exactly at the ceiling still fits
    assert "Masuk pagu" in h["d"].alasan and rupiah(D(100)) in h["d"].alasan


def test_exactly_at_ceiling_fits_one_rupiah_over_does_not():
    assert hitung([b("a", 100, urgensi=1)], K, D(100))[0].masuk_pagu
    assert not hitung([b("a", 101, urgensi=1)], K, D(100))[0].masuk_pagu


def test_manual_override_takes_its_rank_and_the_others_fill_around_it():
    items = [b("a", 1, urgensi=5), b("b", 1, urgensi=4), b("c", 1, urgensi=1, manual=1, alasan="Bencana banjir 2026")]
    h = hitung(items, K, None)
    assert urutan(h) == ["c", "a", "b"]
    assert h[0].manual and not h[1].manual
    assert "Peringkat ditetapkan manual: Bencana banjir 2026" in h[0].alasan


def test_manual_rank_beyond_the_list_goes_last_and_two_on_one_rank_stack():
    items = [b("a", 1, urgensi=5), b("b", 1, urgensi=4, manual=99, alasan="x" * 10),
             b("c", 1, urgensi=3, manual=1, alasan="y" * 10), b("d", 1, urgensi=2, manual=1, alasan="z" * 10)]
    assert urutan(hitung(items, K, None)) == ["c", "d", "a", "b"]


def test_two_overrides_on_the_last_rank_wrap_instead_of_failing():
    items = [b("a", 1, urgensi=5), b("b", 1, manual=2, alasan="x" * 10), b("c", 1, manual=2, alasan="y" * 10)]
    h = hitung(items, K, None)
    assert urutan(h) == ["a", "b", "c"]  # c asked for 2 as well: it goes below b, not round to the top
    two = hitung([b("x", 1, manual=2, alasan="x" * 10), b("y", 1, manual=2, alasan="y" * 10)], K, None)
    assert urutan(two) == ["x", "y"]
    last = hitung([b("p", 1, urgensi=5), b("q", 1, manual=5, alasan="q" * 10), b("r", 1, manual=3, alasan="r" * 10)],
                  K, None)
    assert urutan(last) == ["p", "r", "q"]


def test_manual_override_counts_against_the_ceiling_in_its_place():
    items = [b("a", 80, urgensi=5), b("b", 50, urgensi=1, manual=1, alasan="Prioritas desa")]
    h = {r.id: r for r in hitung(items, K, D(100))}
    assert h["b"].peringkat == 1 and h["b"].masuk_pagu
    assert h["a"].peringkat == 2 and not h["a"].masuk_pagu


def test_empty_list():
    assert hitung([], K, D(100)) == []
    assert hitung([], [], None) == []


def test_no_criteria_order_by_supports_then_cost():
    h = hitung([b("a", 10, dukungan=1), b("b", 5, dukungan=1), b("c", 50, dukungan=3)], [], None)
    assert urutan(h) == ["c", "b", "a"]
    assert all(r.skor == 0 for r in h)
