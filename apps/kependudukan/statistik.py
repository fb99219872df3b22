"""Population statistics (issue 3, item 8): the pyramid and breakdowns of living residents
(status dasar 1) by a code list, an age band or a region, for one wilayah and everything under
it. Each breakdown is a list of rows (label, L, P, total, with percentages of the wilayah's
total), every category present even when it is zero, in the code list's order.

Who may see what: statistics of a wilayah need the "view_agregat" grant on
kependudukan.penduduk for a scope holding that wilayah (`akun.scope.covers`, the in-memory
form of `restrict`: only unconstrained grants qualify, so a warga's own-family grant never
gives aggregates). Once allowed, the figures are those of the whole subtree, the same for
every reader; they are computed once per (wilayah, category, day) and kept in Django's cache
for CACHE_DETIK seconds, shared by officials and the public pages. The public pages reach the
kabupaten of this installation (settings.EDESA_KABUPATEN) down to its desa/kelurahan, and
nothing per person.

The database does the counting, reading the covering index `penduduk_agregat_idx` (owner,
status, sex, birth date) for the pyramid, the age bands and the per-region counts, never
resident rows. SQLite aggregates by sorting, so there the age bands are one UNION ALL of
range seeks (owner = ? AND status = ? AND sex = ? AND birth date in the band) and regions are
grouped in index order; PostgreSQL hash-aggregates one GROUP BY over a CASE of birth-date
bounds. Coded columns (religion, occupation, ...) come from one GROUP BY over the covering
index penduduk_kategori_idx, which holds every coded column, so no resident row is read."""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404

from apps.akun.scope import covers, roots
from apps.wilayah.models import LEVEL_DESA, Wilayah, subtree_q

from . import kode
from .models import Penduduk
from .selectors import HIDUP, KELOMPOK_UMUR, kurangi_tahun, rentang_lahir

CACHE_DETIK = 60
L, P = 1, 2
TIDAK_DIISI = "Tidak diisi"

# Life stages (Kemenkes): the "kategori umur" breakdown, besides the 5-year groups.
TAHAP_UMUR = [(0, 4, "Balita (0–4 tahun)"), (5, 9, "Anak-anak (5–9 tahun)"), (10, 18, "Remaja (10–18 tahun)"),
              (19, 59, "Dewasa (19–59 tahun)"), (60, None, "Lanjut usia (60 tahun ke atas)")]


@dataclass(frozen=True)
class Kategori:
    kode: str
    judul: str
    field: str = ""          # a coded Penduduk field; empty for age and region breakdowns
    pilihan: tuple = ()      # the code list, in its official order
    grafik: str = "batang"   # piramida | batang | donat


KATEGORI: dict[str, Kategori] = {k.kode: k for k in (
    Kategori("piramida", "Piramida penduduk", grafik="piramida"),
    Kategori("umur", "Kelompok umur"),
    Kategori("pendidikan", "Pendidikan (dalam KK)", "pendidikan_kk", tuple(kode.PENDIDIKAN_KK)),
    Kategori("pekerjaan", "Pekerjaan", "pekerjaan", tuple(kode.PEKERJAAN)),
    Kategori("agama", "Agama", "agama", tuple(kode.AGAMA), "donat"),
    Kategori("perkawinan", "Status perkawinan", "status_perkawinan", tuple(kode.STATUS_PERKAWINAN), "donat"),
    Kategori("golongan_darah", "Golongan darah", "golongan_darah", tuple(kode.GOLONGAN_DARAH)),
    Kategori("warganegara", "Kewarganegaraan", "warganegara", tuple(kode.WARGANEGARA), "donat"),
    Kategori("disabilitas", "Disabilitas", "cacat", tuple(kode.CACAT)),
    Kategori("wilayah", "Per wilayah"),
    Kategori("rt", "Per RT"),
)}
BAWAAN = "piramida"
# Columns that may never be empty, so there is no "not filled in" row for them.
_WAJIB = {"agama", "status_perkawinan", "warganegara"}
_ANAK = {2: "kecamatan", 3: "desa/kelurahan", 4: "dusun", 5: "RW", 6: "RT"}


class StatistikTidakDikenal(Http404):
    """An unknown category or wilayah, or one outside the reader's scope: answered as 404 with
    a message that says which."""


# ---------------------------------------------------------------- which wilayah, which category

def kategori_dari(raw: str | None) -> Kategori:
    kode_ = (raw or BAWAAN).strip()
    if kode_ not in KATEGORI:
        pilihan = ", ".join(KATEGORI)
        raise StatistikTidakDikenal(f"Kategori statistik “{kode_[:40]}” tidak dikenal. Pilihan: {pilihan}.")
    return KATEGORI[kode_]


def _wilayah(kode_: str) -> Wilayah:
    w = Wilayah.objects.filter(kode=kode_).only("kode", "nama", "tingkat", "level", "induk_id").first()
    if w is None or w.level < 2:
        raise StatistikTidakDikenal(f"Wilayah dengan kode “{kode_[:40]}” tidak ditemukan.")
    return w


def wilayah_awal(user) -> str | None:
    """Where the statistics page opens: the top of the user's aggregate scopes (the first, if
    several), or the kabupaten for a superuser; None when the user may see no aggregate."""
    if getattr(user, "is_superuser", False):
        return settings.EDESA_KABUPATEN
    for root in roots(user):
        if covers(user, "view_agregat", Penduduk, root):
            return root
    return None


def wilayah_untuk(user, kode_: str | None) -> Wilayah:
    """The wilayah `kode_` if the user's "view_agregat" grant covers it, else 404 (unknown and
    out of scope look the same)."""
    kode_ = (kode_ or "").strip() or wilayah_awal(user)
    if not kode_ or not covers(user, "view_agregat", Penduduk, kode_):
        raise StatistikTidakDikenal("Statistik wilayah ini di luar cakupan Anda atau wilayahnya tidak ada.")
    return _wilayah(kode_)


def wilayah_publik(kode_: str | None) -> Wilayah:
    """A wilayah of this installation's kabupaten down to desa/kelurahan, for the public pages."""
    kab = settings.EDESA_KABUPATEN
    kode_ = (kode_ or "").strip() or kab
    if not (kode_ == kab or kode_.startswith(kab + ".")):
        raise StatistikTidakDikenal("Wilayah ini tidak ada di portal statistik kabupaten ini.")
    w = _wilayah(kode_)
    if w.level > LEVEL_DESA:
        raise StatistikTidakDikenal("Statistik publik tersedia sampai tingkat desa/kelurahan.")
    return w


# Not on the public portal: per-RT counts and disability by sex are small enough to point at
# one person (and disability is health data under UU 27/2022).
TIDAK_PUBLIK = ("rt", "disabilitas")


def kategori_tersedia(w: Wilayah, *, publik: bool = False) -> list[Kategori]:
    """Per-RT needs a desa (or a unit in it); per-wilayah needs a level with children."""
    out = []
    for k in KATEGORI.values():
        if publik and k.kode in TIDAK_PUBLIK:
            continue
        if k.kode == "rt" and w.level < LEVEL_DESA:
            continue
        if k.kode == "wilayah" and w.level >= 6:
            continue
        out.append(k)
    return out


def judul_kategori(k: Kategori, w: Wilayah) -> str:
    if k.kode == "wilayah":
        return f"Per {_ANAK.get(w.level, 'wilayah')}"
    return k.judul


def jejak(w: Wilayah) -> list[tuple[str, str]]:
    """(kode, nama) from the kabupaten down to `w`, for the breadcrumb (one query)."""
    parts = w.kode.split(".")
    kodes = [".".join(parts[:i]) for i in range(2, len(parts))]
    names = dict(Wilayah.objects.filter(kode__in=kodes).values_list("kode", "nama")) if kodes else {}
    return [(k, names.get(k, k)) for k in kodes] + [(w.kode, w.nama)]


def anak_wilayah(w: Wilayah, *, sampai_level: int = LEVEL_DESA) -> list[tuple[str, str]]:
    """The children of `w` to drill down into, while they are at most `sampai_level` deep."""
    if w.level >= sampai_level:
        return []
    return list(Wilayah.objects.filter(induk_id=w.kode).order_by("kode").values_list("kode", "nama"))


# ---------------------------------------------------------------- the counting

def _di_wilayah(w: Wilayah) -> Q:
    """Living residents at or under `w`. Down to desa level: the owner is one of the desa under
    `w` (an IN over the region table rather than a range on the code, so the database seeks
    `penduduk_agregat_idx` with owner = ? AND status_dasar = ? and reads each village's rows
    already grouped by sex and ordered by birth date). Below a desa: the owner plus a range on
    the address."""
    if w.level == LEVEL_DESA:
        return Q(owner_id=w.kode)
    if w.level < LEVEL_DESA:
        if not _sqlite():  # PostgreSQL plans the plain range on the code well (index-only scan)
            return subtree_q("owner_id", w.kode)
        return Q(owner_id__in=Wilayah.objects.filter(subtree_q("kode", w.kode), level=LEVEL_DESA).values("kode"))
    desa = ".".join(w.kode.split(".")[:LEVEL_DESA])
    return Q(owner_id=desa) & subtree_q("wilayah_id", w.kode)


def _sqlite() -> bool:
    """SQLite groups by sorting every row (no hash aggregation), so on SQLite the age bands are
    counted by index range seeks instead; PostgreSQL hash-aggregates one pass over the index."""
    return connection.vendor == "sqlite"


def _hitung_pita(base, batas: list[tuple[int, int | None]], acuan: datetime.date) -> dict:
    """{band index: [L, P]}: one COUNT per (band, sex), all in one UNION ALL statement. Each
    part is a range seek on (owner, status, sex, birth date) in the covering index, so every
    row is read once and nothing is sorted (a GROUP BY over a computed band sorts every row)."""
    parts = [base.filter(rentang_lahir(lo, hi, acuan), jenis_kelamin=jk).order_by()
             .annotate(pita=Value(i), jk=Value(jk)).values_list("pita", "jk").annotate(n=Count("*"))
             for i, (lo, hi) in enumerate(batas) for jk in (L, P)]
    out: dict = {}
    for i, jk, n in parts[0].union(*parts[1:], all=True):
        out.setdefault(i, [0, 0])[0 if jk == L else 1] += n
    return out


def _kasus_umur(batas: list[tuple[int, int | None]], acuan: datetime.date) -> Case:
    """The index of the band each birth date falls in, from birth-date bounds (plain comparisons)."""
    whens = [When(tanggal_lahir__gt=kurangi_tahun(acuan, hi + 1), then=Value(i))
             for i, (_lo, hi) in enumerate(batas) if hi is not None]
    return Case(*whens, default=Value(len(batas) - 1), output_field=IntegerField())


def _hitung(qs, kunci) -> dict:
    """{key: [L, P]} from one GROUP BY (key, jenis_kelamin)."""
    out: dict = {}
    for k, jk, n in qs.order_by().values_list(kunci, "jenis_kelamin").annotate(n=Count("*")):
        pair = out.setdefault(k, [0, 0])
        pair[0 if jk == L else 1] += n
    return out


def _baris(label: str, lk: int, pr: int, kode_: str = "") -> dict:
    return {"kode": kode_, "label": label, "laki_laki": lk, "perempuan": pr, "jumlah": lk + pr}


def _label_umur(lo: int, hi: int | None) -> str:
    return f"{lo}+ tahun" if hi is None else f"{lo}–{hi} tahun"


def _hitung_baris(w: Wilayah, k: Kategori, acuan: datetime.date) -> list[dict]:
    base = Penduduk.objects.filter(_di_wilayah(w), status_dasar=HIDUP)
    if k.kode in ("piramida", "umur"):
        batas = KELOMPOK_UMUR if k.kode == "piramida" else [(lo, hi) for lo, hi, _ in TAHAP_UMUR]
        labels = ([_label_umur(lo, hi) for lo, hi in KELOMPOK_UMUR] if k.kode == "piramida"
                  else [label for _, _, label in TAHAP_UMUR])
        if w.level <= LEVEL_DESA and _sqlite():
            counts = _hitung_pita(base, batas, acuan)
        else:  # PostgreSQL, or a dusun/RW/RT (few rows): one GROUP BY over the band
            counts = _hitung(base.annotate(kelompok=_kasus_umur(batas, acuan)), "kelompok")
        return [_baris(label, *counts.get(i, (0, 0)), kode_=str(i)) for i, label in enumerate(labels)]
    if k.field:
        counts = _hitung(base, k.field)
        rows = [_baris(label, *counts.pop(c, (0, 0)), kode_=str(c)) for c, label in k.pilihan]
        lain = counts.pop(None, (0, 0))
        for c in sorted(counts):  # a code outside the list (old data): shown, never dropped
            rows.append(_baris(f"Kode {c}", *counts[c], kode_=str(c)))
        if k.field not in _WAJIB or sum(lain):
            rows.append(_baris(TIDAK_DIISI, *lain))
        return rows
    return _hitung_wilayah(w, k, base)


def _hitung_wilayah(w: Wilayah, k: Kategori, base) -> list[dict]:
    if k.kode == "wilayah":
        units = list(Wilayah.objects.filter(induk_id=w.kode).order_by("kode").values_list("kode", "nama"))
        depth = w.level + 1
    else:  # per RT: the smallest units (RT, or an RW/dusun with nothing below) under the desa/unit
        under = list(Wilayah.objects.filter(subtree_q("kode", w.kode), level__gt=LEVEL_DESA)
                     .order_by("kode").values_list("kode", "nama", "induk_id"))
        parents = {induk for _, _, induk in under}
        names = {kd: nama for kd, nama, _ in under}
        units = []
        for kd, _nama, _ in under:
            if kd in parents:
                continue
            parts = kd.split(".")
            chain = [".".join(parts[:i]) for i in range(len(parts), LEVEL_DESA, -1)]
            units.append((kd, " · ".join(names.get(c, c) for c in chain)))
        depth = None
    # Down to desa level the owner code says where a resident lives (covering index); below it
    # the address (RT) code does.
    field = "owner_id" if depth is not None and depth <= LEVEL_DESA else "wilayah_id"
    counts = _hitung(base, field)
    per_unit: dict[str, list[int]] = {kd: [0, 0] for kd, _ in units}
    lain = [0, 0]
    for kd, (lk, pr) in counts.items():
        if depth is not None:
            target = ".".join(kd.split(".")[:depth])
        else:
            target = kd
        slot = per_unit.get(target, lain)
        slot[0] += lk
        slot[1] += pr
    rows = [_baris(nama, *per_unit[kd], kode_=kd) for kd, nama in units]
    if sum(lain):
        rows.append(_baris("Tanpa " + (_ANAK.get(w.level, "RT") if k.kode == "wilayah" else "RT"), *lain))
    return rows


def _persen(rows: list[dict]) -> dict:
    lk = sum(r["laki_laki"] for r in rows)
    pr = sum(r["perempuan"] for r in rows)
    total = lk + pr

    def pct(n: int) -> float:
        return round(100 * n / total, 2) if total else 0.0

    for r in rows:
        r.update(persen_laki_laki=pct(r["laki_laki"]), persen_perempuan=pct(r["perempuan"]), persen=pct(r["jumlah"]))
    return {"label": "Jumlah", "laki_laki": lk, "perempuan": pr, "jumlah": total,
            "persen_laki_laki": pct(lk), "persen_perempuan": pct(pr), "persen": 100.0 if total else 0.0}


def hitung(w: Wilayah, k: Kategori, *, acuan: datetime.date | None = None) -> dict:
    """The breakdown `k` of wilayah `w` (no scope check: callers authorise first), cached for
    CACHE_DETIK seconds per (wilayah, category, reference day)."""
    acuan = acuan or datetime.date.today()
    key = "kependudukan:statistik:" + hashlib.sha256(f"{w.kode}|{k.kode}|{acuan.isoformat()}".encode()).hexdigest()[:32]
    data = cache.get(key)
    if data is None:
        rows = _hitung_baris(w, k, acuan)
        total = _persen(rows)
        data = {"wilayah": {"kode": w.kode, "nama": w.nama, "tingkat": w.get_tingkat_display(), "nama_lengkap": str(w)},
                "kategori": {"kode": k.kode, "judul": judul_kategori(k, w), "grafik": k.grafik},
                "acuan": acuan.isoformat(), "baris": rows, "total": total}
        cache.set(key, data, CACHE_DETIK)
    return data


def statistik(user, kode_wilayah: str | None, kategori: str | None,
              *, acuan: datetime.date | None = None) -> tuple[Wilayah, dict]:
    """A breakdown for an official: (wilayah, figures). 404 for an unknown category, or a
    wilayah unknown or outside the user's "view_agregat" scope."""
    k = kategori_dari(kategori)
    w = wilayah_untuk(user, kode_wilayah)
    return w, hitung(w, _tersedia(w, k), acuan=acuan)


def statistik_publik(kode_wilayah: str | None, kategori: str | None,
                     *, acuan: datetime.date | None = None) -> tuple[Wilayah, dict]:
    """The same aggregates for the public portal: this kabupaten down to desa, nothing per person."""
    k = kategori_dari(kategori)
    w = wilayah_publik(kode_wilayah)
    return w, hitung(w, _tersedia(w, k, publik=True), acuan=acuan)


def _tersedia(w: Wilayah, k: Kategori, *, publik: bool = False) -> Kategori:
    if k not in kategori_tersedia(w, publik=publik):
        raise StatistikTidakDikenal(f"Kategori “{k.judul}” tidak tersedia untuk {w}.")
    return k


KOLOM_CSV = ["No", "Kategori", "Laki-laki", "% Laki-laki", "Perempuan", "% Perempuan", "Jumlah", "% Jumlah"]


def baris_csv(data: dict) -> list[list]:
    """The table as CSV rows: a header, one row per category, the total."""
    out = [KOLOM_CSV]
    for i, r in enumerate(data["baris"], 1):
        out.append([i, r["label"], r["laki_laki"], r["persen_laki_laki"], r["perempuan"], r["persen_perempuan"],
                    r["jumlah"], r["persen"]])
    t = data["total"]
    out.append(["", "JUMLAH", t["laki_laki"], t["persen_laki_laki"], t["perempuan"], t["persen_perempuan"],
                t["jumlah"], t["persen"]])
    return out
