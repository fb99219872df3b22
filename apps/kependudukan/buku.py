"""The population books of a desa (Permendagri 47/2016, Buku Administrasi Penduduk): Buku Induk
Penduduk, Buku Mutasi Penduduk, Buku Rekapitulasi Jumlah Penduduk, Buku Penduduk Sementara,
Buku KTP dan KK. Each book is a `Buku`: its columns (grouped header as in the regulation's
form), its rows already masked for the reader, and the letterhead/signer for printing. Reads
only, every one from the user's scope (`restrict`)."""
from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from apps.akun.scope import covers, restrict
from apps.wilayah.models import LEVEL_DESA, Wilayah

from . import kode, selectors
from .cetak import Dokumen, Kolom, kop_desa, ttd_kepala
from .models import Keluarga, Penduduk, PendudukSementara, Peristiwa
from .privasi import catat_akses_banyak, samarkan
from .tampilan import label_wilayah

BULAN = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]
_PERIODE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
WNA = 2
TAMBAH = {Peristiwa.LAHIR: "lahir", Peristiwa.DATANG: "datang", Peristiwa.KEMBALI: "datang"}
KURANG = {Peristiwa.MATI: "mati", Peristiwa.PINDAH_KELUAR: "pindah", Peristiwa.PERGI: "pindah",
          Peristiwa.HILANG: "pindah"}


@dataclass
class Periode:
    tahun: int
    bulan: int

    @property
    def awal(self) -> datetime.date:
        return datetime.date(self.tahun, self.bulan, 1)

    @property
    def akhir(self) -> datetime.date:
        return datetime.date(self.tahun, self.bulan, calendar.monthrange(self.tahun, self.bulan)[1])

    @property
    def label(self) -> str:
        return f"{BULAN[self.bulan]} {self.tahun}"

    def __str__(self) -> str:
        return f"{self.tahun:04d}-{self.bulan:02d}"


def baca_periode(nilai: str | None, *, bawaan: datetime.date | None = None) -> Periode:
    """"2026-01" (as `<input type=month>` sends it) -> Periode; empty means this month (WIB)."""
    if not (nilai or "").strip():
        d = bawaan or timezone.localdate()
        return Periode(d.year, d.month)
    m = _PERIODE.match(nilai)
    if not m:
        raise ValidationError({"periode": f"Periode \"{nilai[:20]}\" tidak dikenal: tulis tahun dan bulan, mis. 2026-01."})
    tahun, bulan = int(m.group(1)), int(m.group(2))
    if not 1 <= bulan <= 12:
        raise ValidationError({"periode": f"Bulan {bulan} tidak ada: bulan ditulis 01 sampai 12."})
    if not 1900 <= tahun <= 2100:
        raise ValidationError({"periode": f"Tahun {tahun} di luar rentang 1900–2100."})
    return Periode(tahun, bulan)


def baca_tahun(nilai: str | None) -> int:
    """"2026" -> 2026; empty means this year."""
    nilai = (nilai or "").strip()
    if not nilai:
        return datetime.date.today().year
    if not (nilai.isascii() and nilai.isdigit() and len(nilai) == 4 and 1900 <= int(nilai) <= 2100):
        raise ValidationError({"tahun": f"Tahun \"{nilai[:10]}\" tidak dikenal: tulis empat angka antara 1900 dan 2100, "
                                        "mis. 2026."})
    return int(nilai)


# ---------------------------------------------------------------- which desa

def pilihan_desa_buku(user, model=Penduduk, action: str = "view") -> list[tuple[str, str]]:
    return selectors.pilihan_desa(user, model, action)


def desa_buku(user, kode: str | None, *, model=Penduduk, action: str = "view") -> Wilayah | None:
    """The desa whose book the user asks for, if it is wholly in his scope for `action`; with
    no code given, his only desa. None when there is none (the view answers 404 or a picker)."""
    pilihan = dict(pilihan_desa_buku(user, model, action))
    kode = (kode or "").strip()
    if not kode and len(pilihan) == 1:
        kode = next(iter(pilihan))
    if kode not in pilihan:
        return None
    return Wilayah.objects.filter(kode=kode, level=LEVEL_DESA).first()


# ---------------------------------------------------------------- shared

@dataclass
class Buku:
    kunci: str
    judul: str
    desa: Wilayah
    kolom: list[Kolom]
    kepala: list[list[tuple[str, int, int]]] | None = None
    subjudul: str = ""
    catatan: str = ""
    penuh: bool = False
    # On screen: one page of rows and the cursor of the next; in print: every row.
    baris: list[list[str]] = field(default_factory=list)
    berikutnya: str | None = None
    mulai: int = 1

    def dokumen(self, user, semua_baris) -> Dokumen:
        kop = kop_desa(user, self.desa.kode)
        return Dokumen(judul=self.judul, subjudul=self.subjudul, kolom=self.kolom, kepala=self.kepala,
                       baris=semua_baris, kop=kop, ttd=ttd_kepala(user, self.desa.kode, kop=kop), catatan=self.catatan)

    @property
    def kepala_tampil(self) -> list[list[tuple[str, int, int]]]:
        return self.kepala or [[(k.judul, 1, 1) for k in self.kolom]]

    def judul_kolom(self) -> list[str]:
        """Flat column titles (CSV, JSON)."""
        return [k.judul for k in self.kolom]


def _tgl(d: datetime.date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def _ttl(tempat: str, tanggal: datetime.date | None) -> str:
    return ", ".join(x for x in (tempat or "", _tgl(tanggal)) if x)


def _jk(kode: int | None) -> str:
    return {1: "L", 2: "P"}.get(kode, "")


def _alamat(alamat: str, kode: str, labels: dict[str, str]) -> str:
    lingkungan = labels.get(kode, "")
    bagian = lingkungan.split(" · ")[:-1]  # without the desa's own name (it is in the letterhead)
    return ", ".join(x for x in (alamat, " ".join(bagian)) if x)


def _nomor(nilai: str, penuh: bool) -> str:
    return nilai if penuh else samarkan(nilai)


def _log(user, objs, penuh: bool, path: str) -> None:
    if penuh and objs:
        catat_akses_banyak(user=user, objs=objs, path=path)


# ---------------------------------------------------------------- Buku Induk Penduduk

KOLOM_INDUK = [
    Kolom("No", "0.8fr", "right", 6), Kolom("Nama lengkap", "3.2fr", lebar_xlsx=28), Kolom("L/P", "0.7fr", "center", 5),
    Kolom("Status perkawinan", "1.6fr", lebar_xlsx=14), Kolom("Tempat dan tanggal lahir", "2.4fr", lebar_xlsx=22),
    Kolom("Agama", "1.4fr", lebar_xlsx=10), Kolom("Pendidikan terakhir", "1.9fr", lebar_xlsx=18),
    Kolom("Pekerjaan", "1.9fr", lebar_xlsx=18), Kolom("Dapat membaca huruf", "1.4fr", "center", 9),
    Kolom("Kewarga-negaraan", "1.5fr", "center", 9), Kolom("Alamat lengkap", "4.4fr", lebar_xlsx=32),
    Kolom("Kedudukan dalam keluarga", "1.6fr", lebar_xlsx=14), Kolom("NIK", "2.8fr", lebar_xlsx=19),
    Kolom("Nomor KK", "2.8fr", lebar_xlsx=19), Kolom("Ket.", "1fr", lebar_xlsx=16),
]
CATATAN_INDUK = ("Dapat membaca huruf: \"Latin\" bagi penduduk yang sekurang-kurangnya tamat SD/sederajat "
                 "(kemampuan baca tidak dicatat tersendiri). NIK dan Nomor KK tersamar bagi peran yang tidak "
                 "memerlukan nomor lengkap.")


def _qs_induk(user, desa: str):
    return (restrict(Penduduk.objects.filter(owner_id=desa, status_dasar=selectors.HIDUP), user, "view")
            .select_related("keluarga"))


def _baris_induk(p: Penduduk, no: int, penuh: bool, labels: dict[str, str]) -> list[str]:
    ket = []
    if p.nik_sementara:
        ket.append("NIK sementara")
    if p.status_penduduk == 2:
        ket.append("Tidak tetap")
    if p.alamat_sekarang:
        ket.append(f"Tinggal di {p.alamat_sekarang}")
    return [
        str(no), p.nama, _jk(p.jenis_kelamin), p.get_status_perkawinan_display() or "",
        _ttl(p.tempat_lahir, p.tanggal_lahir), p.get_agama_display() or "",
        p.get_pendidikan_kk_display() or "" if p.pendidikan_kk else "",
        p.get_pekerjaan_display() or "" if p.pekerjaan else "",
        "Latin" if (p.pendidikan_kk or 0) >= 3 else "", "WNA" if p.warganegara == WNA else "WNI",
        _alamat(p.alamat, p.wilayah_id, labels), p.get_shdk_display() or "" if p.shdk else "",
        _nomor(p.nik, penuh), _nomor(p.keluarga.no_kk, penuh) if p.keluarga_id else "", "; ".join(ket),
    ]


def buku_induk(user, desa: Wilayah, *, setelah: str | None = None, mulai: int = 1, ukuran: int = 50,
               path: str = "") -> Buku:
    penuh = covers(user, "view_nik", Penduduk, desa.kode)
    page = selectors.halaman(_qs_induk(user, desa.kode), key=("owner_id", "nama_cari"), after=setelah, size=ukuran)
    labels = label_wilayah({p.wilayah_id for p in page.items})
    _log(user, page.items, penuh, path)
    return Buku("induk", "Buku Induk Penduduk", desa, KOLOM_INDUK, subjudul=f"{desa}",
                catatan=CATATAN_INDUK, penuh=penuh, mulai=mulai,
                baris=[_baris_induk(p, mulai + i, penuh, labels) for i, p in enumerate(page.items)],
                berikutnya=page.next_after)


def semua_induk(user, desa: Wilayah, *, path: str = "") -> Iterator[list[str]]:
    penuh = covers(user, "view_nik", Penduduk, desa.kode)
    rows = list(_qs_induk(user, desa.kode).order_by("owner_id", "nama_cari", "pk"))
    labels = label_wilayah({p.wilayah_id for p in rows})
    _log(user, rows, penuh, path)
    return (_baris_induk(p, i, penuh, labels) for i, p in enumerate(rows, start=1))


# ---------------------------------------------------------------- Buku Mutasi Penduduk

KOLOM_MUTASI = [
    Kolom("No", "0.8fr", "right", 6), Kolom("Nama lengkap", "3.6fr", lebar_xlsx=28),
    Kolom("Tempat dan tanggal lahir", "2.8fr", lebar_xlsx=22), Kolom("L/P", "0.7fr", "center", 5),
    Kolom("Kewarga-negaraan", "1.3fr", "center", 9), Kolom("Datang dari / lahir di", "3.6fr", lebar_xlsx=26),
    Kolom("Tanggal datang", "1.7fr", "center", 12), Kolom("Pindah ke", "3.6fr", lebar_xlsx=26),
    Kolom("Tanggal pindah", "1.7fr", "center", 12), Kolom("Meninggal tanggal", "1.7fr", "center", 12),
    Kolom("Ket.", "1.4fr", lebar_xlsx=24),
]
KEPALA_MUTASI = [
    [("No", 1, 2), ("Nama lengkap", 1, 2), ("Tempat dan tanggal lahir", 1, 2), ("L/P", 1, 2),
     ("Kewarga-negaraan", 1, 2), ("Penambahan", 2, 1), ("Pengurangan", 3, 1), ("Ket.", 1, 2)],
    [("Datang dari / lahir di", 1, 1), ("Tanggal", 1, 1), ("Pindah ke", 1, 1), ("Tanggal", 1, 1),
     ("Meninggal tanggal", 1, 1)],
]


def _qs_mutasi(user, desa: str, periode: Periode):
    jenis = list(TAMBAH) + list(KURANG)
    return (restrict(Peristiwa.objects.filter(owner_id=desa, tanggal__range=(periode.awal, periode.akhir),
                                              jenis__in=jenis), user, "view").select_related("penduduk"))


def _baris_mutasi(e: Peristiwa, no: int) -> list[str]:
    p = e.penduduk
    lain = ", ".join(x for x in (e.alamat_lain, e.kode_wilayah_lain) if x)
    datang = tgl_datang = pindah = tgl_pindah = mati = ""
    if e.jenis == Peristiwa.LAHIR:
        datang, tgl_datang = f"Lahir di {e.tempat or p.tempat_lahir or 'desa ini'}", _tgl(e.tanggal)
    elif e.jenis in TAMBAH:
        datang, tgl_datang = (lain or "—") + (" (kembali)" if e.jenis == Peristiwa.KEMBALI else ""), _tgl(e.tanggal)
    elif e.jenis == Peristiwa.MATI:
        mati = _tgl(e.tanggal)
    else:
        pindah = lain or e.get_jenis_display()
        if e.jenis != Peristiwa.PINDAH_KELUAR:
            pindah = f"{e.get_jenis_display()}{': ' + lain if lain else ''}"
        tgl_pindah = _tgl(e.tanggal)
    ket = "; ".join(x for x in (e.alasan, e.keterangan) if x)
    return [str(no), p.nama, _ttl(p.tempat_lahir, p.tanggal_lahir), _jk(p.jenis_kelamin),
            "WNA" if p.warganegara == WNA else "WNI", datang, tgl_datang, pindah, tgl_pindah, mati, ket]


def buku_mutasi(user, desa: Wilayah, periode: Periode, *, setelah: str | None = None, mulai: int = 1,
                ukuran: int = 50) -> Buku:
    page = selectors.halaman(_qs_mutasi(user, desa.kode, periode), key="tanggal", after=setelah, size=ukuran)
    return Buku("mutasi", "Buku Mutasi Penduduk", desa, KOLOM_MUTASI, KEPALA_MUTASI,
                subjudul=f"{desa} · Bulan {periode.label}", mulai=mulai,
                catatan="Penambahan: lahir, datang, kembali. Pengurangan: meninggal, pindah keluar, pergi, hilang.",
                baris=[_baris_mutasi(e, mulai + i) for i, e in enumerate(page.items)], berikutnya=page.next_after)


def semua_mutasi(user, desa: Wilayah, periode: Periode) -> Iterator[list[str]]:
    rows = _qs_mutasi(user, desa.kode, periode).order_by("tanggal", "pk")
    return (_baris_mutasi(e, i) for i, e in enumerate(rows, start=1))


# ---------------------------------------------------------------- Buku Rekapitulasi Jumlah Penduduk

_SEL = [("wna", 1), ("wna", 2), ("wni", 1), ("wni", 2)]  # WNA L, WNA P, WNI L, WNI P
_KELOMPOK = ("awal", "lahir", "datang", "mati", "pindah", "akhir")


@dataclass
class RekapDusun:
    kode: str
    nama: str
    # kelompok -> [WNA L, WNA P, WNI L, WNI P]
    jumlah: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0, 0] for k in _KELOMPOK})
    kk_awal: int = 0
    kk_akhir: int = 0

    def total(self, kelompok: str) -> int:
        return sum(self.jumlah[kelompok])


def _dusun(kode: str) -> str:
    return ".".join(kode.split(".")[:LEVEL_DESA + 1])


def _sel(wn: int, jk: int) -> int:
    return _SEL.index(("wna" if wn == WNA else "wni", 1 if jk == 1 else 2))


def rekapitulasi(user, desa: Wilayah, periode: Periode) -> list[RekapDusun]:
    """Per dusun: residents at the start of the month, births, arrivals, deaths, departures, at
    the end of the month, split WNA/WNI x L/P, and families. The counts of today are taken from
    the registry and the month's ends derived backwards from the events since: end = today -
    additions after the month + reductions after it; start = end - additions in it + reductions
    in it. So start + additions - reductions = end holds by construction, per dusun and in total.
    Four GROUP BY queries, whatever the size of the desa."""
    kode = desa.kode
    per: dict[str, RekapDusun] = {}

    def baris(k: str) -> RekapDusun:
        d = _dusun(k)
        if d not in per:
            per[d] = RekapDusun(d, "")
        return per[d]

    sekarang = (restrict(Penduduk.objects.filter(owner_id=kode, status_dasar=selectors.HIDUP), user, "view_agregat")
                .order_by().values_list("wilayah_id", "warganegara", "jenis_kelamin").annotate(n=Count("*")))
    for wil, wn, jk, n in sekarang:
        baris(wil).jumlah["akhir"][_sel(wn, jk)] += n
    peristiwa = (restrict(Peristiwa.objects.filter(owner_id=kode, tanggal__gte=periode.awal,
                                                   jenis__in=list(TAMBAH) + list(KURANG)), user, "view_agregat")
                 .order_by().values_list("wilayah_id", "jenis", "penduduk__warganegara", "penduduk__jenis_kelamin",
                                         "tanggal")
                 .annotate(n=Count("*")))
    for wil, jenis, wn, jk, tanggal, n in peristiwa:
        r, i = baris(wil), _sel(wn, jk)
        tambah = jenis in TAMBAH
        if tanggal > periode.akhir:  # after the month: undo it to reach the month's end
            r.jumlah["akhir"][i] += -n if tambah else n
        else:
            r.jumlah[TAMBAH[jenis] if tambah else KURANG[jenis]][i] += n
    for r in per.values():
        r.jumlah["awal"] = [r.jumlah["akhir"][i] - r.jumlah["lahir"][i] - r.jumlah["datang"][i]
                            + r.jumlah["mati"][i] + r.jumlah["pindah"][i] for i in range(4)]
    kk = (restrict(Keluarga.objects.filter(owner_id=kode), user, "view_agregat").order_by()
          .values_list("wilayah_id").annotate(awal=Count("pk", filter=_kk_ada(periode.awal - datetime.timedelta(days=1))),
                                              akhir=Count("pk", filter=_kk_ada(periode.akhir))))
    for wil, awal, akhir in kk:
        r = baris(wil)
        r.kk_awal += awal
        r.kk_akhir += akhir
    names = dict(Wilayah.objects.filter(kode__in=list(per)).values_list("kode", "nama"))
    for d, r in per.items():
        r.nama = names.get(d) or ("Tanpa dusun" if d == kode else d)
    return [per[k] for k in sorted(per)]


_EMPAT = ("WNA L", "WNA P", "WNI L", "WNI P")
def _kk_ada(per: datetime.date) -> Q:
    """Families registered by `per`: the KK's date of issue, or when it was entered if unknown."""
    return Q(tanggal_terdaftar__lte=per) | Q(tanggal_terdaftar__isnull=True, created_at__date__lte=per)


KOLOM_REKAP = ([Kolom("No", "0.7fr", "right", 5), Kolom("Nama dusun", "2.6fr", lebar_xlsx=22)]
               + [Kolom(f"Awal {j}", "0.75fr", "right", 8) for j in (*_EMPAT, "KK", "jiwa")]
               + [Kolom(f"{g} {j}", "0.75fr", "right", 8) for g in ("Lahir", "Datang", "Meninggal", "Pindah")
                  for j in _EMPAT]
               + [Kolom(f"Akhir {j}", "0.75fr", "right", 8) for j in (*_EMPAT, "KK", "jiwa")]
               + [Kolom("Ket.", "1.4fr", lebar_xlsx=12)])


def _kepala_rekap() -> list[list[tuple[str, int, int]]]:
    empat = [("WNA", 2, 1), ("WNI", 2, 1)]
    lp = [("L", 1, 1), ("P", 1, 1)] * 2
    return [
        [("No", 1, 3), ("Nama dusun", 1, 3), ("Jumlah penduduk awal bulan", 6, 1), ("Tambahan bulan ini", 8, 1),
         ("Pengurangan bulan ini", 8, 1), ("Jumlah penduduk akhir bulan", 6, 1), ("Ket.", 1, 3)],
        [*empat, ("Jumlah KK", 1, 2), ("Jumlah jiwa", 1, 2), ("Lahir", 4, 1), ("Datang", 4, 1), ("Meninggal", 4, 1),
         ("Pindah", 4, 1), *empat, ("Jumlah KK", 1, 2), ("Jumlah jiwa", 1, 2)],
        [*lp, *([("WNA L", 1, 1), ("WNA P", 1, 1), ("WNI L", 1, 1), ("WNI P", 1, 1)] * 4), *lp],
    ]


def _baris_rekap(no: str, nama: str, j: dict[str, list[int]], kk_awal: int, kk_akhir: int) -> list[str]:
    return [no, nama, *map(str, j["awal"]), str(kk_awal), str(sum(j["awal"])),
            *(str(v) for k in ("lahir", "datang", "mati", "pindah") for v in j[k]),
            *map(str, j["akhir"]), str(kk_akhir), str(sum(j["akhir"])), ""]


def baris_rekap(data: list[RekapDusun]) -> list[list[str]]:
    rows = [_baris_rekap(str(i), r.nama, r.jumlah, r.kk_awal, r.kk_akhir) for i, r in enumerate(data, start=1)]
    total = {k: [sum(r.jumlah[k][i] for r in data) for i in range(4)] for k in _KELOMPOK}
    rows.append(_baris_rekap("", "JUMLAH", total, sum(r.kk_awal for r in data), sum(r.kk_akhir for r in data)))
    return rows


def buku_rekapitulasi(user, desa: Wilayah, periode: Periode) -> Buku:
    data = rekapitulasi(user, desa, periode)
    return Buku("rekapitulasi", "Buku Rekapitulasi Jumlah Penduduk", desa, KOLOM_REKAP, _kepala_rekap(),
                subjudul=f"{desa} · Bulan {periode.label}", baris=baris_rekap(data),
                catatan="Datang termasuk penduduk yang kembali; pindah termasuk yang pergi dan hilang. Jumlah awal "
                        "bulan dihitung mundur dari jumlah sekarang dan peristiwa sesudahnya.")


# ---------------------------------------------------------------- Buku Penduduk Sementara

KOLOM_SEMENTARA = [
    Kolom("No", "0.7fr", "right", 5), Kolom("Nama lengkap", "3fr", lebar_xlsx=26), Kolom("L", "0.6fr", "center", 4),
    Kolom("P", "0.6fr", "center", 4), Kolom("Nomor identitas / tanda pengenal", "2.6fr", lebar_xlsx=20),
    Kolom("Tempat dan tanggal lahir / umur", "2.6fr", lebar_xlsx=22), Kolom("Pekerjaan", "2fr", lebar_xlsx=16),
    Kolom("Kebangsaan", "1.4fr", "center", 10), Kolom("Keturunan", "1.4fr", lebar_xlsx=12),
    Kolom("Datang dari", "2.4fr", lebar_xlsx=20), Kolom("Maksud dan tujuan kedatangan", "2.4fr", lebar_xlsx=22),
    Kolom("Nama dan alamat yang didatangi", "2.6fr", lebar_xlsx=24), Kolom("Datang tanggal", "1.6fr", "center", 12),
    Kolom("Pergi tanggal", "1.6fr", "center", 12), Kolom("Ket.", "1.4fr", lebar_xlsx=14),
]
KEPALA_SEMENTARA = [
    [("No", 1, 2), ("Nama lengkap", 1, 2), ("Jenis kelamin", 2, 1), ("Nomor identitas / tanda pengenal", 1, 2),
     ("Tempat dan tanggal lahir / umur", 1, 2), ("Pekerjaan", 1, 2), ("Kewarganegaraan", 2, 1),
     ("Datang dari", 1, 2), ("Maksud dan tujuan kedatangan", 1, 2), ("Nama dan alamat yang didatangi", 1, 2),
     ("Datang tanggal", 1, 2), ("Pergi tanggal", 1, 2), ("Ket.", 1, 2)],
    [("L", 1, 1), ("P", 1, 1), ("Kebangsaan", 1, 1), ("Keturunan", 1, 1)],
]


def _qs_sementara(user, desa: str, tahun: int):
    # Those who came in the year, and those still staying who came earlier.
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    return restrict(PendudukSementara.objects.filter(owner_id=desa, tanggal_datang__lte=akhir).filter(
        Q(tanggal_datang__gte=awal) | Q(tanggal_pergi__isnull=True) | Q(tanggal_pergi__gte=awal)), user, "view")


def _baris_sementara(s: PendudukSementara, no: int, penuh: bool) -> list[str]:
    lahir = _ttl(s.tempat_lahir, s.tanggal_lahir)
    if s.tanggal_lahir:
        lahir += f" / {selectors.umur(s.tanggal_lahir)} th"
    return [str(no), s.nama, "L" if s.jenis_kelamin == 1 else "", "P" if s.jenis_kelamin == 2 else "",
            _nomor(s.nomor_identitas, penuh), lahir, s.get_pekerjaan_display() or "" if s.pekerjaan else "",
            "WNA" if s.warganegara == WNA else "WNI", s.keturunan, s.datang_dari, s.maksud, s.didatangi,
            _tgl(s.tanggal_datang), _tgl(s.tanggal_pergi), s.keterangan]


def buku_sementara(user, desa: Wilayah, tahun: int, *, setelah: str | None = None, mulai: int = 1,
                   ukuran: int = 50, path: str = "") -> Buku:
    penuh = covers(user, "view_nik", PendudukSementara, desa.kode)
    page = selectors.halaman(_qs_sementara(user, desa.kode, tahun), key="tanggal_datang", after=setelah, size=ukuran)
    _log(user, page.items, penuh, path)
    return Buku("sementara", "Buku Penduduk Sementara", desa, KOLOM_SEMENTARA, KEPALA_SEMENTARA,
                subjudul=f"{desa} · Tahun {tahun}", penuh=penuh, mulai=mulai,
                baris=[_baris_sementara(s, mulai + i, penuh) for i, s in enumerate(page.items)],
                berikutnya=page.next_after)


def semua_sementara(user, desa: Wilayah, tahun: int, *, path: str = "") -> Iterator[list[str]]:
    penuh = covers(user, "view_nik", PendudukSementara, desa.kode)
    rows = list(_qs_sementara(user, desa.kode, tahun).order_by("tanggal_datang", "pk"))
    _log(user, rows, penuh, path)
    return (_baris_sementara(s, i, penuh) for i, s in enumerate(rows, start=1))


# ---------------------------------------------------------------- Buku KTP dan KK

KOLOM_KTP_KK = [
    Kolom("No", "0.7fr", "right", 5), Kolom("No. KK", "2.6fr", lebar_xlsx=19), Kolom("Nama lengkap", "2.8fr", lebar_xlsx=26),
    Kolom("NIK", "2.6fr", lebar_xlsx=19), Kolom("L/P", "0.6fr", "center", 5),
    Kolom("Tempat dan tanggal lahir", "2.2fr", lebar_xlsx=22), Kolom("Gol. darah", "0.8fr", "center", 6),
    Kolom("Agama", "1.3fr", lebar_xlsx=10), Kolom("Pendidikan", "1.7fr", lebar_xlsx=16),
    Kolom("Pekerjaan", "1.7fr", lebar_xlsx=16), Kolom("Alamat", "3.8fr", lebar_xlsx=28),
    Kolom("Status perkawinan", "1.4fr", lebar_xlsx=12), Kolom("Tempat dan tanggal dikeluarkan", "1.8fr", lebar_xlsx=18),
    Kolom("Status hubungan dalam keluarga", "1.4fr", lebar_xlsx=14), Kolom("Kewarga-negaraan", "1.5fr", "center", 8),
    Kolom("Ayah", "1.8fr", lebar_xlsx=20), Kolom("Ibu", "1.8fr", lebar_xlsx=20),
    Kolom("Tgl. mulai di desa", "1.4fr", "center", 12), Kolom("Ket.", "1.4fr", lebar_xlsx=12),
]
KEPALA_KTP_KK = [
    [*[(k.judul, 1, 2) for k in KOLOM_KTP_KK[:15]], ("Nama orang tua", 2, 1), ("Tgl. mulai di desa", 1, 2),
     ("Ket.", 1, 2)],
    [("Ayah", 1, 1), ("Ibu", 1, 1)],
]


def _qs_keluarga(user, desa: str):
    return restrict(Keluarga.objects.filter(owner_id=desa), user, "view")


def _anggota(user, keluarga_ids) -> dict:
    out = defaultdict(list)
    qs = restrict(Penduduk.objects.filter(keluarga_id__in=keluarga_ids, status_dasar=selectors.HIDUP), user, "view")
    for p in qs.order_by("shdk", "tanggal_lahir", "pk"):
        out[p.keluarga_id].append(p)
    return out


def _baris_ktp_kk(families: list[Keluarga], anggota: dict, mulai: int, penuh: bool, kop_desa_nama: str,
                  labels: dict[str, str]) -> list[list[str]]:
    rows, no = [], mulai
    for kk in families:
        dikeluarkan = ", ".join(x for x in (kop_desa_nama, _tgl(kk.tanggal_terdaftar)) if x)
        for p in anggota.get(kk.pk, []):
            rows.append([
                str(no), _nomor(kk.no_kk, penuh), p.nama, _nomor(p.nik, penuh), _jk(p.jenis_kelamin),
                _ttl(p.tempat_lahir, p.tanggal_lahir), p.get_golongan_darah_display() if p.golongan_darah else "",
                p.get_agama_display(), p.get_pendidikan_kk_display() if p.pendidikan_kk else "",
                p.get_pekerjaan_display() if p.pekerjaan else "", _alamat(kk.alamat or p.alamat, kk.wilayah_id, labels),
                p.get_status_perkawinan_display(), dikeluarkan, p.get_shdk_display() if p.shdk else "",
                "WNA" if p.warganegara == WNA else "WNI", p.nama_ayah, p.nama_ibu, _tgl(p.tanggal_terdaftar),
                "KTP-el" if p.ktp_el == 2 else "",
            ])
            no += 1
    return rows


def buku_ktp_kk(user, desa: Wilayah, *, setelah: str | None = None, mulai: int = 1, ukuran: int = 20,
                path: str = "") -> Buku:
    """Paged by family (`ukuran` families a page), members under their family, head first."""
    penuh = covers(user, "view_nik", Penduduk, desa.kode)
    page = selectors.halaman(_qs_keluarga(user, desa.kode), key="wilayah_id", after=setelah, size=ukuran)
    anggota = _anggota(user, [k.pk for k in page.items])
    labels = label_wilayah({k.wilayah_id for k in page.items})
    _log(user, [p for ps in anggota.values() for p in ps], penuh, path)
    rows = _baris_ktp_kk(page.items, anggota, mulai, penuh, desa.nama, labels)
    return Buku("ktp-kk", "Buku KTP dan KK", desa, KOLOM_KTP_KK, KEPALA_KTP_KK, subjudul=f"{desa}", penuh=penuh,
                mulai=mulai, baris=rows, berikutnya=page.next_after,
                catatan="Disusun per Kartu Keluarga; kolom Ket. menandai pemilik KTP elektronik.")


def semua_ktp_kk(user, desa: Wilayah, *, path: str = "") -> Iterator[list[str]]:
    penuh = covers(user, "view_nik", Penduduk, desa.kode)
    families = list(_qs_keluarga(user, desa.kode).order_by("wilayah_id", "pk"))
    anggota = _anggota(user, _qs_keluarga(user, desa.kode).values("pk"))
    labels = label_wilayah({k.wilayah_id for k in families})
    _log(user, [p for ps in anggota.values() for p in ps], penuh, path)
    return iter(_baris_ktp_kk(families, anggota, 1, penuh, desa.nama, labels))


def tanggal_cetak() -> str:
    return date_format(datetime.date.today(), "j F Y")


# ---------------------------------------------------------------- export of a filtered list

KOLOM_DAFTAR_PENDUDUK = [
    Kolom("NIK", lebar_xlsx=19), Kolom("Nama", lebar_xlsx=28), Kolom("No. KK", lebar_xlsx=19), Kolom("L/P", lebar_xlsx=5),
    Kolom("Tempat lahir", lebar_xlsx=16), Kolom("Tanggal lahir", lebar_xlsx=12), Kolom("Umur", lebar_xlsx=6),
    Kolom("Agama", lebar_xlsx=10), Kolom("Pendidikan", lebar_xlsx=18), Kolom("Pekerjaan", lebar_xlsx=18),
    Kolom("Status perkawinan", lebar_xlsx=14), Kolom("Hubungan dalam keluarga", lebar_xlsx=14),
    Kolom("Kewarganegaraan", lebar_xlsx=9), Kolom("Status dasar", lebar_xlsx=10), Kolom("Alamat", lebar_xlsx=28),
    Kolom("Dusun/RW/RT", lebar_xlsx=34), Kolom("Kode wilayah", lebar_xlsx=20),
]
_FIELDS_PENDUDUK = ("pk", "nama_cari", "owner_id", "nik", "nama", "keluarga__no_kk", "jenis_kelamin", "tempat_lahir",
                    "tanggal_lahir", "agama", "pendidikan_kk", "pekerjaan", "status_perkawinan", "shdk", "warganegara",
                    "status_dasar", "alamat", "wilayah_id")
KOLOM_DAFTAR_KELUARGA = [
    Kolom("No. KK", lebar_xlsx=19), Kolom("Kepala keluarga", lebar_xlsx=28), Kolom("NIK kepala", lebar_xlsx=19),
    Kolom("Alamat", lebar_xlsx=28), Kolom("Dusun/RW/RT", lebar_xlsx=34), Kolom("Jumlah anggota (hidup)", lebar_xlsx=10),
    Kolom("Tanggal terdaftar", lebar_xlsx=12), Kolom("Kode wilayah", lebar_xlsx=20),
]
_FIELDS_KELUARGA = ("pk", "wilayah_id", "owner_id", "no_kk", "kepala__nama", "kepala__nik", "alamat", "tanggal_terdaftar")
POTONGAN = 2000


def catat_akses_cepat(*, user, model, baris: list[tuple[str, str]], path: str = "") -> None:
    """privasi.catat_akses_banyak for an export: the same LogAkses rows (one per full record
    read: who, which record, whose, from where, when), written with one executemany per chunk.
    The ORM's bulk_create spent 34 of 43 seconds on a 200,000-row export; LogAkses is an
    append-only local log (not journaled, not synced), so nothing is bypassed but the ORM's
    per-field compilation."""
    if not baris:
        return
    from django.db import connection, transaction
    from django.utils import timezone

    from apps.akun.models import LogAkses

    meta, ops = LogAkses._meta, connection.ops
    kolom = [meta.get_field(f).column for f in ("pengguna", "model", "object_id", "owner", "waktu", "path")]
    waktu = ops.adapt_datetimefield_value(timezone.now())
    label, path = model._meta.label_lower, path[:255]
    tabel, nama_kolom = ops.quote_name(meta.db_table), ", ".join(ops.quote_name(k) for k in kolom)
    sql = f"INSERT INTO {tabel} ({nama_kolom}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608 (names from the model)
    # One transaction per chunk: in autocommit every row of an executemany would be its own commit.
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany(sql, [(user.pk, label, str(pk), owner or "", waktu, path) for pk, owner in baris])


def _per_potongan(qs, fields: tuple[str, ...], kunci: tuple[str, ...], ukuran: int = POTONGAN) -> Iterator[list[tuple]]:
    """The whole queryset as value rows, `ukuran` at a time, by keyset on (*kunci, pk): each
    chunk is a short query walking an index, so 200,000 rows never sit in memory or hold a
    cursor open. `fields` starts with "pk" and holds every column of `kunci`."""
    idx = [fields.index(k) for k in kunci]
    akhir = None
    while True:
        q = qs if akhir is None else qs.filter(selectors.keyset_setelah(kunci, akhir))
        rows = list(q.order_by(*kunci, "pk").values_list(*fields)[:ukuran])
        if rows:
            yield rows
        if len(rows) < ukuran:
            return
        akhir = (*(rows[-1][i] for i in idx), rows[-1][0])


_AGAMA, _PENDIDIKAN, _PEKERJAAN = dict(kode.AGAMA), dict(kode.PENDIDIKAN_KK), dict(kode.PEKERJAAN)
_KAWIN, _SHDK, _STATUS = dict(kode.STATUS_PERKAWINAN), dict(kode.SHDK), dict(kode.STATUS_DASAR)


def baris_daftar_penduduk(user, qs, *, path: str = "", acuan: datetime.date | None = None) -> Iterator[list]:
    """Rows of the resident list export, NIK and No KK masked unless the user may see the
    row's village in full; every row shown in full is logged as an access."""
    acuan = acuan or datetime.date.today()
    penuh_desa: dict[str, bool] = {}
    labels: dict[str, str] = {}
    for chunk in _per_potongan(qs, _FIELDS_PENDUDUK, ("owner_id", "nama_cari")):
        baru = {r[17] for r in chunk} - labels.keys()
        if baru:
            labels.update(label_wilayah(baru))
        jejak = []
        for (pk, _nc, owner, nik, nama, no_kk, jk, tempat, lahir, agama, pend, kerja, kawin, shdk, wn, status, alamat,
             wil) in chunk:
            penuh = penuh_desa.get(owner)
            if penuh is None:
                penuh = penuh_desa[owner] = covers(user, "view_nik", Penduduk, owner)
            if penuh:
                jejak.append((pk, owner))
            yield [_nomor(nik, penuh), nama, _nomor(no_kk or "", penuh), _jk(jk), tempat, _tgl(lahir),
                   selectors.umur(lahir, acuan), _AGAMA.get(agama, ""), _PENDIDIKAN.get(pend, ""),
                   _PEKERJAAN.get(kerja, ""), _KAWIN.get(kawin, ""), _SHDK.get(shdk, ""),
                   "WNA" if wn == WNA else "WNI", _STATUS.get(status, ""), alamat, labels.get(wil, wil), wil]
        catat_akses_cepat(user=user, model=Penduduk, baris=jejak, path=path)


def baris_daftar_keluarga(user, qs, *, path: str = "") -> Iterator[list]:
    penuh_desa: dict[str, bool] = {}
    labels: dict[str, str] = {}
    for chunk in _per_potongan(qs, _FIELDS_KELUARGA, ("wilayah_id",)):
        baru = {r[1] for r in chunk} - labels.keys()
        if baru:
            labels.update(label_wilayah(baru))
        ids = [r[0] for r in chunk]
        jumlah = dict(Penduduk.objects.filter(keluarga_id__in=ids, status_dasar=selectors.HIDUP).order_by()
                      .values("keluarga_id").annotate(n=Count("pk")).values_list("keluarga_id", "n"))
        jejak = []
        for pk, wil, owner, no_kk, kepala, nik_kepala, alamat, terdaftar in chunk:
            penuh = penuh_desa.get(owner)
            if penuh is None:
                penuh = penuh_desa[owner] = covers(user, "view_nik", Keluarga, owner)
            if penuh:
                jejak.append((pk, owner))
            yield [_nomor(no_kk, penuh), kepala or "", _nomor(nik_kepala or "", penuh), alamat,
                   labels.get(wil, wil), jumlah.get(pk, 0), _tgl(terdaftar), wil]
        catat_akses_cepat(user=user, model=Keluarga, baris=jejak, path=path)
