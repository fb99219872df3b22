"""The leaders' dashboard figures, pre-aggregated so a request never scans the big tables.

Aspirations: `RingkasanAspirasi` holds one count per combination of the dimensions the
dashboard groups by (kecamatan, location, category, unit, open, deadline of open ones, working
days to first answer, finished on time). `CatatanRingkasan` remembers where each aspiration is
counted, so applying an aspiration's current state is idempotent: its old count goes down, the
new one up. The summary follows the journal: `perbarui()` reads the journal entries after the
sequence number it reflects (a primary-key range, nothing when nothing changed) and re-applies
the aspirations they touched. Services may also call `catat_perubahan(aspirasi)` right after a
write; the journal pass re-applying it later changes nothing. `bangun_ulang()` (the
`ringkas_dasbor` command) rebuilds everything.

Overdue depends on today, so it is decided at read time: open counts are kept per deadline date
and compared with `timezone.localdate()`. The figures of one area are cached per (area, summary
sequence, day): while nothing changes, a poll costs two primary-key lookups.

Population: living residents by desa and sex and families by desa for the whole kabupaten, one
GROUP BY each over covering indexes, cached for POPULASI_DETIK seconds."""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import OperationalError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.aspirasi.models import Aspirasi, KategoriAspirasi
from apps.kependudukan.models import Keluarga, Penduduk
from apps.perencanaan.models import DaftarUsulan, RevisiUsulan, TahapMusrenbang, Usulan
from apps.perencanaan.selectors import siklus_terkini
from apps.sinkron.models import Jurnal, JurnalKepala
from apps.wilayah import kalender
from apps.wilayah.models import LEVEL_DESA, UnitKerja, Wilayah, subtree_q

from .models import CatatanRingkasan, PenandaRingkasan, RingkasanAspirasi

MODEL_ASPIRASI = "aspirasi.aspirasi"
BATAS_INKREMENTAL = 20_000  # more changed aspirations than this: rebuild instead
POPULASI_DETIK = 600
MUSRENBANG_DETIK = 60
LEWAT = datetime.date(2000, 1, 1)  # the deadline kept for aspirations already overdue when counted
HARI_MAKS = 60  # response times are counted up to this many working days ("60 or more")
_KOLOM = ("pk", "kecamatan_kode", "lokasi_id", "kategori_id", "unit_saat_ini_id", "terbuka", "tenggat",
          "created_at", "ditanggapi_pada", "selesai_pada")


# ---------------------------------------------------------------- keeping the summary current

def _tanggal(dt: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(dt).date() if dt else None


def _kunci(row: dict, libur: frozenset) -> str:
    dibuat = _tanggal(row["created_at"])
    respon = _tanggal(row["ditanggapi_pada"])
    selesai = _tanggal(row["selesai_pada"])
    hari = min(kalender.hari_kerja_antara(dibuat, respon, libur), HARI_MAKS) if respon and dibuat else None
    tepat = None
    if not row["terbuka"] and selesai and row["tenggat"]:
        tepat = selesai <= row["tenggat"]
    tenggat = ""
    if row["terbuka"] and row["tenggat"]:
        # Once overdue, always overdue while open: one marker date instead of every past date.
        tenggat = (LEWAT if row["tenggat"] < timezone.localdate() else row["tenggat"]).isoformat()
    return "|".join([
        row["kecamatan_kode"] or "", row["lokasi_id"], str(row["kategori_id"]), str(row["unit_saat_ini_id"] or ""),
        "1" if row["terbuka"] else "0", tenggat, "" if hari is None else str(hari),
        "" if tepat is None else ("1" if tepat else "0")])


def _baris_dari_kunci(kunci: str) -> RingkasanAspirasi:
    kec, lokasi, kategori, unit, terbuka, tenggat, hari, tepat = kunci.split("|")
    return RingkasanAspirasi(
        kunci=kunci, kecamatan_kode=kec, lokasi=lokasi, kategori_id=kategori, unit_id=unit or None,
        terbuka=terbuka == "1", tenggat=datetime.date.fromisoformat(tenggat) if tenggat else None,
        hari_respon=int(hari) if hari else None, tepat=None if tepat == "" else tepat == "1", jumlah=0)


class _Libur(dict):
    """Holidays per kabupaten code, read once per pass."""

    def __missing__(self, kab: str) -> frozenset:
        self[kab] = kalender.libur(kab)
        return self[kab]


def _kab(kode: str) -> str:
    return ".".join(kode.split(".")[:2])


def _terapkan(ids: list) -> None:
    """Count each aspiration in `ids` where its current state belongs (gone ones nowhere)."""
    libur = _Libur()
    baru = {r["pk"]: r for r in Aspirasi.objects.filter(pk__in=ids).values(*_KOLOM)}
    lama = dict(CatatanRingkasan.objects.filter(aspirasi_id__in=ids).values_list("aspirasi_id", "kunci"))
    delta: Counter = Counter()
    simpan, hapus = [], []
    for pk in ids:
        row = baru.get(pk)
        kunci = _kunci(row, libur[_kab(row["lokasi_id"])]) if row else None
        if lama.get(pk) == kunci:
            continue
        if lama.get(pk):
            delta[lama[pk]] -= 1
        if kunci:
            delta[kunci] += 1
            simpan.append(CatatanRingkasan(aspirasi_id=pk, kunci=kunci, lokasi=row["lokasi_id"],
                                           dibuat=row["created_at"]))
        else:
            hapus.append(pk)
    if hapus:
        CatatanRingkasan.objects.filter(aspirasi_id__in=hapus).delete()
    if simpan:
        CatatanRingkasan.objects.bulk_create(simpan, update_conflicts=True, unique_fields=["aspirasi_id"],
                                             update_fields=["kunci", "lokasi", "dibuat"])
    _tambah(delta)


def _tambah(delta: Counter) -> None:
    delta = {k: d for k, d in delta.items() if d}
    if not delta:
        return
    ada = {r.kunci: r for r in RingkasanAspirasi.objects.filter(kunci__in=list(delta))}
    ubah, buat = [], []
    for kunci, d in delta.items():
        if kunci in ada:
            ada[kunci].jumlah += d
            ubah.append(ada[kunci])
        else:
            baris = _baris_dari_kunci(kunci)
            baris.jumlah = d
            buat.append(baris)
    RingkasanAspirasi.objects.bulk_update(ubah, ["jumlah"], batch_size=500)
    RingkasanAspirasi.objects.bulk_create(buat, batch_size=500)


def _kepala() -> int:
    return JurnalKepala.objects.filter(pk=1).values_list("seq", flat=True).first() or 0


def penanda() -> int | None:
    return PenandaRingkasan.objects.filter(pk=1).values_list("seq", flat=True).first()


def catat_perubahan(aspirasi: Aspirasi) -> None:
    """Service hook: count `aspirasi` as it is now (call after the write, in its transaction)."""
    _terapkan([aspirasi.pk])


def perbarui() -> int:
    """Bring the summary up to the journal head; returns the sequence number it reflects."""
    kepala = _kepala()
    sejak = penanda()
    if sejak is None:
        return bangun_ulang()
    if sejak >= kepala:
        return sejak
    ids = list(Jurnal.objects.filter(seq__gt=sejak, seq__lte=kepala, model=MODEL_ASPIRASI)
               .values_list("object_id", flat=True).distinct()[:BATAS_INKREMENTAL + 1])
    if len(ids) > BATAS_INKREMENTAL:
        return bangun_ulang()
    try:
        with transaction.atomic():
            # Claim the range first: a concurrent worker doing the same pass updates no row.
            if not PenandaRingkasan.objects.filter(pk=1, seq=sejak).update(seq=kepala):
                return penanda() or kepala
            _terapkan(ids)
    except OperationalError:  # SQLite: another worker holds the write lock and is doing this pass
        return sejak
    return kepala


def bangun_ulang() -> int:
    """Recount every aspiration (`manage.py ringkas_dasbor`)."""
    kepala = _kepala()
    libur = _Libur()
    jumlah: Counter = Counter()
    catatan = []
    with transaction.atomic():
        CatatanRingkasan.objects.all().delete()
        RingkasanAspirasi.objects.all().delete()
        for row in Aspirasi.objects.order_by().values(*_KOLOM).iterator(chunk_size=5000):
            kunci = _kunci(row, libur[_kab(row["lokasi_id"])])
            jumlah[kunci] += 1
            catatan.append(CatatanRingkasan(aspirasi_id=row["pk"], kunci=kunci, lokasi=row["lokasi_id"],
                                            dibuat=row["created_at"]))
            if len(catatan) >= 5000:
                CatatanRingkasan.objects.bulk_create(catatan)
                catatan = []
        CatatanRingkasan.objects.bulk_create(catatan)
        _tambah(jumlah)
        PenandaRingkasan.objects.update_or_create(pk=1, defaults={"seq": kepala})
    return kepala


# ---------------------------------------------------------------- reading it

def di_bawah(field: str, kode: str) -> Q:
    """`field` is `kode` or a code under it (one index range, see `wilayah.models.subtree_q`)."""
    return subtree_q(field, kode)


def anak_dari(kode: str, sub: str) -> str | None:
    """The child of `kode` that `sub` lies in (None when `sub` is `kode` itself)."""
    depth = kode.count(".") + 2
    parts = sub.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def aspirasi_wilayah(kode: str, *, seq: int, hari: datetime.date | None = None) -> dict:
    """Counts of the aspirations located at or under `kode`, cached per summary sequence."""
    hari = hari or timezone.localdate()
    key = f"dasbor:aspirasi:{kode}:{seq}:{hari.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = _hitung_aspirasi(kode, hari)
        cache.set(key, data, 3600)
    return data


def _hitung_aspirasi(kode: str, hari: datetime.date) -> dict:
    """Five small GROUP BYs over the summary rows of the area (SQL does the summing, so only a
    few dozen rows come back, whatever the number of aspirations)."""
    base = RingkasanAspirasi.objects.filter(di_bawah("lokasi", kode), jumlah__gt=0).order_by()
    buka = Q(terbuka=True)
    lewat = Q(terbuka=True, tenggat__lt=hari)
    sums = {"semua": Sum("jumlah"), "buka": Sum("jumlah", filter=buka), "lewat": Sum("jumlah", filter=lewat)}
    per_anak: dict = defaultdict(lambda: {"terbuka": 0, "terlambat": 0, "jumlah": 0})
    total = terbuka = terlambat = 0
    for lokasi, n, b, t in base.values_list("lokasi").annotate(**sums).values_list("lokasi", "semua", "buka", "lewat"):
        anak = per_anak[anak_dari(kode, lokasi) or kode]
        anak["jumlah"] += n
        anak["terbuka"] += b or 0
        anak["terlambat"] += t or 0
        total, terbuka, terlambat = total + n, terbuka + (b or 0), terlambat + (t or 0)
    buka_sums = {"buka": Sum("jumlah", filter=buka), "lewat": Sum("jumlah", filter=lewat)}
    per_kategori = list(base.filter(buka).values_list("kategori_id").annotate(**buka_sums)
                        .values_list("kategori_id", "buka", "lewat"))
    per_unit = list(base.filter(buka).values_list("unit_id").annotate(**buka_sums)
                    .values_list("unit_id", "buka", "lewat"))
    respon = Counter(dict(base.filter(hari_respon__isnull=False).values_list("hari_respon")
                          .annotate(n=Sum("jumlah")).values_list("hari_respon", "n")))
    sla = base.aggregate(selesai=Sum("jumlah", filter=Q(tepat__isnull=False)), tepat=Sum("jumlah", filter=Q(tepat=True)))
    selesai, tepat_n = sla["selesai"] or 0, sla["tepat"] or 0
    kategori_nama = dict(KategoriAspirasi.objects.filter(pk__in=[k for k, _, _ in per_kategori])
                         .values_list("pk", "nama"))
    unit_nama = dict(UnitKerja.objects.filter(pk__in=[u for u, _, _ in per_unit if u]).values_list("pk", "nama"))
    return {
        "total": total, "terbuka": terbuka, "terlambat": terlambat,
        "median_respon": _median(respon),
        "sla_persen": round(100 * tepat_n / selesai, 1) if selesai else None, "selesai": selesai,
        "per_anak": dict(per_anak),
        "per_kategori": sorted(({"nama": kategori_nama.get(k, "-"), "terbuka": b or 0, "terlambat": t or 0}
                                for k, b, t in per_kategori), key=lambda r: -r["terbuka"]),
        "per_unit": sorted(({"nama": unit_nama.get(u, "Belum diteruskan") if u else "Belum diteruskan",
                             "terbuka": b or 0, "terlambat": t or 0} for u, b, t in per_unit),
                           key=lambda r: -r["terbuka"]),
    }


def _median(hist: Counter) -> float | None:
    """The median of a histogram {value: count} (the mean of the two middle values if even)."""
    n = sum(hist.values())
    if not n:
        return None
    kiri, kanan = (n - 1) // 2, n // 2
    acc, a = 0, None
    for k in sorted(hist):
        acc += hist[k]
        if a is None and acc > kiri:
            a = k
        if acc > kanan:
            return (a + k) / 2
    return float(a)


def populasi_kabupaten(kab: str) -> dict:
    """{desa code: {"laki_laki", "perempuan", "keluarga"}} for the whole kabupaten, cached."""
    key = f"dasbor:populasi:{kab}"
    data = cache.get(key)
    if data is None:
        data = defaultdict(lambda: {"laki_laki": 0, "perempuan": 0, "keluarga": 0})
        rows = (Penduduk.objects.filter(di_bawah("owner_id", kab), status_dasar=1).order_by()
                .values_list("owner_id", "jenis_kelamin").annotate(n=Count("*")))
        for owner, jk, n in rows:
            data[owner]["laki_laki" if jk == 1 else "perempuan"] += n
        for owner, n in (Keluarga.objects.filter(di_bawah("owner_id", kab)).order_by()
                         .values_list("owner_id").annotate(n=Count("*"))):
            data[owner]["keluarga"] += n
        data = dict(data)
        cache.set(key, data, POPULASI_DETIK)
    return data


def populasi_wilayah(kode: str) -> dict:
    """Totals at or under `kode` and per child region (from the kabupaten cache)."""
    total = {"laki_laki": 0, "perempuan": 0, "keluarga": 0}
    per_anak: dict = defaultdict(lambda: {"penduduk": 0, "keluarga": 0})
    for desa, v in populasi_kabupaten(_kab(kode)).items():
        if desa != kode and not desa.startswith(kode + "."):
            continue
        for k in total:
            total[k] += v[k]
        anak = per_anak[anak_dari(kode, desa) or kode]
        anak["penduduk"] += v["laki_laki"] + v["perempuan"]
        anak["keluarga"] += v["keluarga"]
    total["penduduk"] = total["laki_laki"] + total["perempuan"]
    return {**total, "per_anak": dict(per_anak)}


def musrenbang_wilayah(kode: str) -> dict | None:
    """The current cycle's progress in `kode`: proposals per village status, revisions per
    stage, and the villages that sent their list at the village stage. Cached for a minute."""
    key = f"dasbor:musrenbang:{kode}"
    data = cache.get(key)
    if data is not None:
        return data or None
    siklus = siklus_terkini(_kab(kode))
    if siklus is None:
        cache.set(key, {}, MUSRENBANG_DETIK)
        return None
    usulan = Usulan.objects.filter(di_bawah("owner_id", kode), siklus=siklus)
    per_status = dict(usulan.order_by().values_list("status").annotate(n=Count("*")))
    per_anak = Counter()
    for owner, n in usulan.order_by().values_list("owner_id").annotate(n=Count("*")):
        per_anak[anak_dari(kode, owner) or kode] += n
    tahap = list(TahapMusrenbang.objects.filter(siklus=siklus).order_by("urutan"))
    revisi = dict(RevisiUsulan.objects.filter(di_bawah("usulan__owner_id", kode), tahap__siklus=siklus)
                  .order_by().values_list("tahap_id").annotate(n=Count("usulan_id", distinct=True)))
    desa_tahap = next((t for t in tahap if t.jenis == "desa"), None)
    dikirim = (DaftarUsulan.objects.filter(di_bawah("wilayah_id", kode), tahap=desa_tahap, status="dikirim").count()
               if desa_tahap else 0)
    jumlah_desa = Wilayah.objects.filter(di_bawah("kode", kode), level=LEVEL_DESA).count()
    from apps.perencanaan.models import StatusUsulan

    data = {
        "siklus": str(siklus), "total": sum(per_status.values()),
        "per_status": [{"nama": label, "jumlah": per_status.get(val, 0)} for val, label in StatusUsulan.choices],
        "per_tahap": [{"nama": t.get_jenis_display(), "jumlah": revisi.get(t.pk, 0)} for t in tahap],
        "desa_kirim": dikirim, "jumlah_desa": jumlah_desa, "per_anak": dict(per_anak),
    }
    cache.set(key, data, MUSRENBANG_DETIK)
    return data
