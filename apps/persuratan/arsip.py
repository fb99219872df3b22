"""Reads of the archive: search over one unit's sent naskah and incoming letters, and the
retention schedule (JRA) of what the unit holds.

Search (`cari`) starts from the unit (indexes naskah_unit_tanggal_idx and
masuk_unit_diterima_idx), matches EVERY word of the query against `teks_cari` (number,
subject, parties, body and the text of PDF attachments, kept by cari.py) or the exact number,
and merges both streams newest first: three queries for a page, whatever the regency holds.
Everything goes through `restrict` with the unit-bound grants of izin.py, so a unit sees only
its own letters, never another unit's of the same village or regency."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from apps.akun.scope import restrict

from . import cari as pencarian
from .models import KlasifikasiArsip, Naskah, PenerimaNaskah, StatusMasuk, StatusNaskah, SuratMasuk

ARAH = ("semua", "keluar", "masuk")
MAKS_HALAMAN = 40
# An incoming letter not closed (status SELESAI) is counted in the archive once it is this old.
ARSIP_SETELAH_HARI = 365


def tautan(nama: str, pk) -> str:
    try:
        return reverse(nama, args=[pk])
    except NoReverseMatch:  # the page of that area is not installed
        return ""


def awal_hari(d: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time.min))


def tanggal_lokal(dt: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(dt).date() if dt else None


def daftar_pihak(n: Naskah) -> str:
    """Addressees of a naskah: "Kepada" first, then "Tembusan: ..."."""
    kepada = [str(p) for p in n.penerima.all() if p.jenis == "kepada"]
    tembusan = [str(p) for p in n.penerima.all() if p.jenis == "tembusan"]
    teks = ", ".join(kepada)
    if tembusan:
        teks += ("; " if teks else "") + "Tembusan: " + ", ".join(tembusan)
    return teks


def _dalam_unit(model, kandidat, user):
    """`restrict` over the rows of one unit chosen by `kandidat`. The unit's rows are picked in
    a subquery (index unit + date) and the grant is checked on those rows only: the grant's
    owner range in the same WHERE would let the planner scan that range, and for an office of
    the regency the range is the whole regency."""
    return restrict(model.objects.filter(pk__in=kandidat.values("pk")), user, "view")


def naskah_arsip(user, unit, *filter_q: Q, **filter_kw):
    """The unit's sent naskah the user may read, narrowed by the filters given."""
    return _dalam_unit(Naskah, Naskah.objects.filter(*filter_q, unit=unit, status=StatusNaskah.TERKIRIM, **filter_kw),
                       user)


def masuk_arsip(user, unit, *filter_q: Q, **filter_kw):
    """The letters addressed to the unit the user may read, narrowed by the filters given."""
    return _dalam_unit(SuratMasuk, SuratMasuk.objects.filter(*filter_q, unit=unit, **filter_kw), user)


def _berbatas(model, kandidat, user, urutan: tuple[str, ...], ambil: int):
    """The first `ambil` rows of `kandidat` (already narrowed to one unit), then `restrict`
    over those rows only. Filtering by the grant's owner range in the same query would let
    the planner scan that range: for an office of the regency it is the whole regency."""
    inner = kandidat.order_by(*urutan).values("pk")[:ambil]
    return restrict(model.objects.filter(pk__in=inner), user, "view").order_by(*urutan)


def filter_klasifikasi(kode: str, prefix: str = "klasifikasi__") -> Q:
    """A code and everything under it (000.1 -> 000.1 and 000.1.x)."""
    kode = (kode or "").strip()
    return Q(**{f"{prefix}kode": kode}) | Q(**{f"{prefix}kode__startswith": kode + "."})


@dataclass
class Hasil:
    """One row of the archive search."""

    arah: str  # "keluar" | "masuk"
    tanggal: datetime.date | None
    nomor: str
    perihal: str
    pihak: str
    klasifikasi: str
    link: str
    jenis: str = ""
    id: str = ""
    sifat: str = ""
    status: str = ""

    @property
    def arah_label(self) -> str:
        return "Keluar" if self.arah == "keluar" else "Masuk"


@dataclass
class HasilCari:
    baris: list[Hasil]
    halaman: int
    ada_berikutnya: bool
    kata: list[str] = field(default_factory=list)


def _kata_q(kata: list[str], q: str, nomor_field: str) -> Q:
    semua = Q()
    for w in kata:
        semua &= Q(teks_cari__contains=w)
    nomor = (q or "").strip()
    return (semua | Q(**{nomor_field: nomor})) if nomor else semua


def _hasil_naskah(n: Naskah) -> Hasil:
    return Hasil(arah="keluar", tanggal=n.tanggal, nomor=n.nomor, perihal=n.perihal, pihak=daftar_pihak(n),
                 klasifikasi=n.klasifikasi.kode if n.klasifikasi_id else "", link=tautan("persuratan:naskah_detail", n.pk),
                 jenis=n.get_jenis_display(), id=str(n.pk), sifat=n.sifat, status=n.get_status_display())


def _hasil_masuk(s: SuratMasuk) -> Hasil:
    return Hasil(arah="masuk", tanggal=tanggal_lokal(s.diterima), nomor=s.nomor_surat, perihal=s.perihal,
                 pihak=s.pengirim, klasifikasi=s.klasifikasi.kode if s.klasifikasi_id else "",
                 link=tautan("persuratan:masuk_detail", s.pk), jenis=s.get_jenis_display() if s.jenis else "",
                 id=str(s.pk), sifat=s.sifat, status=s.get_status_display())


def cari(user, unit, *, q: str = "", arah: str = "semua", jenis: str = "", klasifikasi: str | None = None,
         dari: datetime.date | None = None, sampai: datetime.date | None = None, limit: int = 50,
         halaman: int = 1) -> HasilCari:
    """Search the unit's archive: sent naskah (status TERKIRIM) and incoming letters.

    Every word of `q` must appear in the letter's search text (number, subject, parties, body,
    PDF attachment text), or `q` is exactly its number. `klasifikasi` is a code and matches its
    sub-codes; `dari`/`sampai` bound the naskah date and the date an incoming letter was
    received. Rows are merged newest first; `halaman` is 1-based (at most MAKS_HALAMAN pages:
    narrow the query to go further back). Three queries: naskah, their addressees, incoming."""
    if unit is None:
        return HasilCari([], 1, False)
    arah = arah if arah in ARAH else "semua"
    halaman = min(max(int(halaman or 1), 1), MAKS_HALAMAN)
    limit = min(max(int(limit or 50), 1), 200)
    kata = pencarian.kata(q)
    ambil = halaman * limit + 1
    baris: list[tuple[tuple, Hasil]] = []
    if arah in ("semua", "keluar"):
        qs = Naskah.objects.filter(unit=unit, status=StatusNaskah.TERKIRIM).filter(_kata_q(kata, q, "nomor"))
        if jenis:
            qs = qs.filter(jenis=jenis)
        if klasifikasi:
            qs = qs.filter(filter_klasifikasi(klasifikasi))
        if dari:
            qs = qs.filter(tanggal__gte=dari)
        if sampai:
            qs = qs.filter(tanggal__lte=sampai)
        qs = (_berbatas(Naskah, qs, user, ("-tanggal", "-pk"), ambil).select_related("klasifikasi")
              .prefetch_related(Prefetch("penerima", queryset=PenerimaNaskah.objects.select_related("unit")))
              .defer("isi", "teks_cari", "data_ttd"))
        for n in qs:
            baris.append(((n.tanggal or datetime.date.min, str(n.pk)), _hasil_naskah(n)))
    if arah in ("semua", "masuk"):
        qs = SuratMasuk.objects.filter(unit=unit).filter(_kata_q(kata, q, "nomor_surat"))
        if jenis:
            qs = qs.filter(jenis=jenis)
        if klasifikasi:
            qs = qs.filter(filter_klasifikasi(klasifikasi))
        if dari:
            qs = qs.filter(diterima__gte=awal_hari(dari))
        if sampai:
            qs = qs.filter(diterima__lt=awal_hari(sampai + datetime.timedelta(days=1)))
        qs = (_berbatas(SuratMasuk, qs, user, ("-diterima", "-pk"), ambil).select_related("klasifikasi")
              .defer("keterangan", "teks_cari"))
        for s in qs:
            h = _hasil_masuk(s)
            baris.append(((h.tanggal or datetime.date.min, str(s.pk)), h))
    baris.sort(key=lambda x: x[0], reverse=True)
    awal = (halaman - 1) * limit
    return HasilCari([h for _k, h in baris[awal:awal + limit]], halaman, len(baris) > awal + limit, kata)


# ---------------------------------------------------------------- retention (JRA)

def tambah_tahun(d: datetime.date, tahun: int) -> datetime.date:
    try:
        return d.replace(year=d.year + tahun)
    except ValueError:  # 29 February into a common year
        return d.replace(year=d.year + tahun, day=28)


def jadwal(tanggal: datetime.date | None, k: KlasifikasiArsip | None) -> tuple[datetime.date | None, datetime.date | None]:
    """(active until, inactive until) of a record dated `tanggal` under classification `k`."""
    if tanggal is None or k is None:
        return None, None
    aktif = tambah_tahun(tanggal, k.retensi_aktif)
    return aktif, tambah_tahun(aktif, k.retensi_inaktif)


def tahap(aktif_sampai, inaktif_sampai, hari: datetime.date) -> str:
    """Where a record stands on `hari`: "aktif", "inaktif" or "tindakan_akhir" (due)."""
    if aktif_sampai is None:
        return ""
    if hari < aktif_sampai:
        return "aktif"
    if hari < inaktif_sampai:
        return "inaktif"
    return "tindakan_akhir"


@dataclass
class ItemRetensi:
    arah: str
    tanggal: datetime.date
    nomor: str
    perihal: str
    klasifikasi: str
    nama_klasifikasi: str
    aktif_sampai: datetime.date
    inaktif_sampai: datetime.date
    tindakan_akhir: str
    tindakan_label: str
    tahap: str
    link: str


@dataclass
class JadwalRetensi:
    tahun: int
    hari: datetime.date
    pindah_inaktif: list[ItemRetensi]
    tindakan_akhir: list[ItemRetensi]
    tanpa_klasifikasi: int
    terpotong: bool = False

    def per_tindakan(self) -> dict[str, list[ItemRetensi]]:
        hasil: dict[str, list[ItemRetensi]] = {}
        for i in self.tindakan_akhir:
            hasil.setdefault(i.tindakan_label, []).append(i)
        return hasil


def _rentang_tahun(tahun: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)


def _q_jatuh_tempo(pasangan: set[tuple[int, int]], tahun: int, tanggal: str, kolom: str, *, waktu: bool) -> Q:
    """Records whose (date + years) falls in `tahun`: for each retention value r among the
    regency's codes, records dated in year (tahun - r) filed under a code with that r."""
    q = Q(pk__in=[])
    for r in sorted({p[0] if kolom == "aktif" else p[0] + p[1] for p in pasangan}):
        awal, akhir = _rentang_tahun(tahun - r) if tahun - r >= 1 else (None, None)
        if awal is None:
            continue
        if waktu:
            rentang = Q(**{f"{tanggal}__gte": awal_hari(awal), f"{tanggal}__lt": awal_hari(akhir + datetime.timedelta(days=1))})
        else:
            rentang = Q(**{f"{tanggal}__gte": awal, f"{tanggal}__lte": akhir})
        cocok = [p for p in pasangan if (p[0] if kolom == "aktif" else p[0] + p[1]) == r]
        kode = Q(pk__in=[])
        for a, i in cocok:
            kode |= Q(klasifikasi__retensi_aktif=a, klasifikasi__retensi_inaktif=i)
        q |= rentang & kode
    return q


def _masuk_diarsip(hari: datetime.date) -> Q:
    return Q(status=StatusMasuk.SELESAI) | Q(diterima__lt=awal_hari(hari - datetime.timedelta(days=ARSIP_SETELAH_HARI)))


def retensi(user, unit, *, tahun: int | None = None, hari: datetime.date | None = None,
            maks: int = 500) -> JadwalRetensi:
    """The retention schedule of the unit's archive for `tahun` (default this year): the records
    whose active period ends that year (to move to the inactive archive) and those whose
    inactive period ends that year (due for their final action: musnah, permanen or dinilai
    kembali). Archived records are the sent naskah and the incoming letters closed (SELESAI)
    or older than ARSIP_SETELAH_HARI days. `hari` is today for the stage of each record.
    At most `maks` rows per list (`terpotong` says when cut)."""
    hari = hari or timezone.localdate()
    tahun = tahun or hari.year
    if unit is None:
        return JadwalRetensi(tahun, hari, [], [], 0)
    arsip_masuk = _masuk_diarsip(hari)
    # The retention pairs in use by the regency's codes: a handful of values, so each list is a
    # date-range filter per value rather than date arithmetic in SQL.
    pasangan = set(KlasifikasiArsip.objects.filter(owner_id__in=_kabupaten_unit(unit))
                   .order_by().values_list("retensi_aktif", "retensi_inaktif").distinct())
    hasil: dict[str, list[ItemRetensi]] = {"aktif": [], "inaktif": []}
    terpotong = False
    for kolom in ("aktif", "inaktif"):
        rows: list[ItemRetensi] = []
        qn = (naskah_arsip(user, unit, _q_jatuh_tempo(pasangan, tahun, "tanggal", kolom, waktu=False))
              .select_related("klasifikasi").only("pk", "tanggal", "nomor", "perihal", "klasifikasi")
              .order_by("tanggal", "pk"))
        for n in qn[:maks + 1]:
            rows.append(_item("keluar", n.tanggal, n.nomor, n.perihal, n.klasifikasi, hari,
                              tautan("persuratan:naskah_detail", n.pk)))
        qm = (masuk_arsip(user, unit, arsip_masuk, _q_jatuh_tempo(pasangan, tahun, "diterima", kolom, waktu=True))
              .select_related("klasifikasi").only("pk", "diterima", "nomor_surat", "perihal", "klasifikasi")
              .order_by("diterima", "pk"))
        for s in qm[:maks + 1]:
            rows.append(_item("masuk", tanggal_lokal(s.diterima), s.nomor_surat, s.perihal, s.klasifikasi, hari,
                              tautan("persuratan:masuk_detail", s.pk)))
        rows.sort(key=lambda i: (i.aktif_sampai if kolom == "aktif" else i.inaktif_sampai, i.nomor))
        terpotong = terpotong or len(rows) > maks
        hasil[kolom] = rows[:maks]
    tanpa = masuk_arsip(user, unit, arsip_masuk, klasifikasi__isnull=True).count()
    return JadwalRetensi(tahun, hari, hasil["aktif"], hasil["inaktif"], tanpa, terpotong)


def _kabupaten_unit(unit) -> list[str]:
    return [".".join(unit.wilayah_id.split(".")[:2])]


def _item(arah, tanggal, nomor, perihal, k: KlasifikasiArsip, hari, link) -> ItemRetensi:
    aktif, inaktif = jadwal(tanggal, k)
    return ItemRetensi(arah=arah, tanggal=tanggal, nomor=nomor, perihal=perihal, klasifikasi=k.kode,
                       nama_klasifikasi=k.nama, aktif_sampai=aktif, inaktif_sampai=inaktif,
                       tindakan_akhir=k.tindakan_akhir, tindakan_label=k.get_tindakan_akhir_display(),
                       tahap=tahap(aktif, inaktif, hari), link=link)
