"""The leaders' dashboard figures, pre-aggregated so a request never scans the big tables.

Aspirations: every aspiration's state is one `kunci` (kecamatan, location, category, unit,
open, deadline of an open one, working days to first answer, finished on time), remembered in
`CatatanRingkasan`. It is counted in four narrow tables (see models.py), once for EVERY region
level it lies in (kabupaten, kecamatan, desa): per region x open x deadline day, open ones per
region x category x deadline day and per region x unit x deadline day, and per region x
response days x on time. A dashboard of an area reads the rows of that area and its children
only: a few hundred rows, whatever the number of aspirations (the old single table grouped by
all dimensions at once and barely compressed: about 45,000 rows for 50,000 aspirations).

Applying an aspiration's current state is idempotent: its old kunci's counts go down, the new
one's up, each an atomic `jumlah = jumlah + d` upsert (rows that reach zero are deleted). The
summary follows the journal: `perbarui()` reads the journal entries after the sequence number
it reflects (a primary-key range, nothing when nothing changed) and re-applies the aspirations
they touched. Services may also call `catat_perubahan(aspirasi)` right after a write; the
journal pass re-applying it later changes nothing. `bangun_ulang()` (the `ringkas_dasbor`
command) rebuilds everything.

Overdue depends on today, so it is decided at read time: open counts are kept per deadline day
and those before `timezone.localdate()` summed. The figures of one area are cached per (area,
summary version, day), the version being bumped only when a count changed: while nothing
changes, a poll costs two primary-key lookups.

Population: living residents by desa and sex and families by desa for the whole kabupaten, one
GROUP BY each over covering indexes, cached for POPULASI_DETIK seconds."""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from apps.aspirasi.models import Aspirasi, KategoriAspirasi
from apps.kependudukan.models import Keluarga, Penduduk
from apps.perencanaan.models import DaftarUsulan, RevisiUsulan, TahapMusrenbang, Usulan
from apps.perencanaan.selectors import siklus_terkini
from apps.sinkron.models import Jurnal, JurnalKepala
from apps.wilayah import kalender
from apps.wilayah.models import LEVEL_DESA, UnitKerja, Wilayah, subtree_q

from .models import (
    CatatanRingkasan,
    PenandaRingkasan,
    RingkasanKategori,
    RingkasanRespon,
    RingkasanUnit,
    RingkasanWilayah,
)

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


def leluhur(lokasi: str) -> list[str]:
    """The regions an aspiration at `lokasi` is counted in: the kabupaten and every level
    below it down to `lokasi` itself ("62.07.01.2001" -> 62.07, 62.07.01, 62.07.01.2001)."""
    parts = lokasi.split(".")
    return [".".join(parts[:i]) for i in range(min(2, len(parts)), len(parts) + 1)]


def _proyeksi(kunci: str) -> list[tuple[type, str]]:
    """The narrow-table rows (model, row key) one aspiration in state `kunci` counts in."""
    _kec, lokasi, kategori, unit, buka, tenggat, hari, tepat = kunci.split("|")
    out: list[tuple[type, str]] = []
    for w in leluhur(lokasi):
        out.append((RingkasanWilayah, f"{w}|{buka}|{tenggat}"))
        if buka == "1":
            out.append((RingkasanKategori, f"{w}|{kategori}|{tenggat}"))
            out.append((RingkasanUnit, f"{w}|{unit}|{tenggat}"))
        if hari or tepat:
            out.append((RingkasanRespon, f"{w}|{hari}|{tepat}"))
    return out


def _tanggal_kunci(s: str) -> datetime.date | None:
    return datetime.date.fromisoformat(s) if s else None


def _baris(model: type, kunci: str, jumlah: int):
    """The row of `model` for row key `kunci` (see `_proyeksi`), counting `jumlah`."""
    w, a, b = kunci.split("|")
    if model is RingkasanWilayah:
        induk = w.rsplit(".", 1)[0] if "." in w else ""
        return RingkasanWilayah(kunci=kunci, wilayah=w, induk=induk, terbuka=a == "1", tenggat=_tanggal_kunci(b),
                                jumlah=jumlah)
    if model is RingkasanKategori:
        return RingkasanKategori(kunci=kunci, wilayah=w, kategori_id=a, tenggat=_tanggal_kunci(b), jumlah=jumlah)
    if model is RingkasanUnit:
        return RingkasanUnit(kunci=kunci, wilayah=w, unit_id=a or None, tenggat=_tanggal_kunci(b), jumlah=jumlah)
    return RingkasanRespon(kunci=kunci, wilayah=w, hari_respon=int(a) if a else None,
                           tepat=None if b == "" else b == "1", jumlah=jumlah)


TABEL = (RingkasanWilayah, RingkasanKategori, RingkasanUnit, RingkasanRespon)


class _Libur(dict):
    """Holidays per kabupaten code, read once per pass."""

    def __missing__(self, kab: str) -> frozenset:
        self[kab] = kalender.libur(kab)
        return self[kab]


def _kab(kode: str) -> str:
    return ".".join(kode.split(".")[:2])


def _terapkan(ids: list) -> bool:
    """Count each aspiration in `ids` where its current state belongs (gone ones nowhere);
    True when a count changed (the summary version is then bumped)."""
    ids = list(dict.fromkeys(ids))  # once each: the loop below moves each one's counts once
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
            for k in _proyeksi(lama[pk]):
                delta[k] -= 1
        if kunci:
            for k in _proyeksi(kunci):
                delta[k] += 1
            simpan.append(CatatanRingkasan(aspirasi_id=pk, kunci=kunci, lokasi=row["lokasi_id"],
                                           dibuat=row["created_at"]))
        else:
            hapus.append(pk)
    if hapus:
        CatatanRingkasan.objects.filter(aspirasi_id__in=hapus).delete()
    if simpan:
        CatatanRingkasan.objects.bulk_create(simpan, update_conflicts=True, unique_fields=["aspirasi_id"],
                                             update_fields=["kunci", "lokasi", "dibuat"])
    berubah = _tambah(delta)
    if berubah or hapus or simpan:
        PenandaRingkasan.objects.filter(pk=1).update(versi=F("versi") + 1)
    return bool(berubah or hapus or simpan)


def _tambah(delta: Counter) -> bool:
    """Add `delta` {(model, row key): d} to the counts: one upsert per table that changes
    (`jumlah = jumlah + d`, atomic, no read first), then rows that reached zero go."""
    per_model: dict = defaultdict(dict)
    for (model, kunci), d in delta.items():
        if d:
            per_model[model][kunci] = d
    for model, perubahan in per_model.items():
        _upsert(model, [_baris(model, k, d) for k, d in perubahan.items()])
        turun = [k for k, d in perubahan.items() if d < 0]
        if turun:
            model.objects.filter(kunci__in=turun, jumlah=0).delete()
    return bool(per_model)


def _upsert(model: type, rows: list, batch: int = 100) -> None:
    """INSERT ... ON CONFLICT (kunci) DO UPDATE SET jumlah = jumlah + excluded.jumlah
    (SQLite and PostgreSQL both speak it)."""
    qn = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    table = qn(model._meta.db_table)
    kolom = ", ".join(qn(f.column) for f in fields)
    tanda = "(" + ", ".join(["%s"] * len(fields)) + ")"
    jumlah = qn("jumlah")
    with connection.cursor() as cur:
        for i in range(0, len(rows), batch):
            bagian = rows[i:i + batch]
            params = [f.get_db_prep_save(getattr(r, f.attname), connection) for r in bagian for f in fields]
            sql = (f"INSERT INTO {table} ({kolom}) VALUES {', '.join([tanda] * len(bagian))} "  # noqa: S608 (identifiers from model metadata; values are parameters)
                   f"ON CONFLICT ({qn('kunci')}) DO UPDATE SET {jumlah} = {table}.{jumlah} + excluded.{jumlah}")
            cur.execute(sql, params)


def _kepala() -> int:
    return JurnalKepala.objects.filter(pk=1).values_list("seq", flat=True).first() or 0


def penanda() -> int | None:
    return PenandaRingkasan.objects.filter(pk=1).values_list("seq", flat=True).first()


def versi() -> int:
    return PenandaRingkasan.objects.filter(pk=1).values_list("versi", flat=True).first() or 0


def catat_perubahan(aspirasi: Aspirasi) -> None:
    """Service hook: count `aspirasi` as it is now (call after the write, in its transaction)."""
    _terapkan([aspirasi.pk])


def perbarui() -> int:
    """Bring the summary up to the journal head; returns the summary version (what cached
    figures are keyed by)."""
    kepala = _kepala()
    sejak, v = PenandaRingkasan.objects.filter(pk=1).values_list("seq", "versi").first() or (None, 0)
    if sejak is None:
        return _bangun_ulang_sekali(v)
    if sejak >= kepala:
        return v
    # order_by(): the journal's default ordering would put `seq` into the DISTINCT, listing an
    # aspiration saved twice in the range twice (and counting its change twice).
    ids = list(Jurnal.objects.filter(seq__gt=sejak, seq__lte=kepala, model=MODEL_ASPIRASI).order_by()
               .values_list("object_id", flat=True).distinct()[:BATAS_INKREMENTAL + 1])
    if len(ids) > BATAS_INKREMENTAL:
        return _bangun_ulang_sekali(v)
    try:
        with transaction.atomic():
            # Claim the range first: a concurrent worker doing the same pass updates no row.
            if not PenandaRingkasan.objects.filter(pk=1, seq=sejak).update(seq=kepala):
                return versi()
            if not (ids and _terapkan(ids)):
                return v
    except OperationalError:  # SQLite: another worker holds the write lock and is doing this pass
        return v
    return versi()


KUNCI_BANGUN = "dasbor:ringkasan:bangun-ulang"
KUNCI_BANGUN_DETIK = 30 * 60  # outlives any rebuild; frees itself if its process died


def _bangun_ulang_sekali(v: int) -> int:
    """A full rebuild from a request, by one process at a time: with dashboards polling every
    second, each poll would otherwise start its own (and on PostgreSQL the losers fail on the
    unique keys, a 500). The lock is `cache.add` (atomic on Redis/memcached; on the file cache of
    one machine, shared by its gunicorn workers, a has-key-then-write with a tiny window), and a
    rebuild that still collides with another is dropped: the caller serves the last figures,
    stale for the length of a rebuild, instead of rebuilding or failing."""
    if not cache.add(KUNCI_BANGUN, timezone.now().isoformat(), KUNCI_BANGUN_DETIK):
        return v
    try:
        bangun_ulang()
    except (IntegrityError, OperationalError):  # another node or a lock race got there first
        return v
    finally:
        cache.delete(KUNCI_BANGUN)
    return versi()


def bangun_ulang() -> int:
    """Recount every aspiration (`manage.py ringkas_dasbor`); returns the journal sequence
    number the summary now reflects."""
    kepala = _kepala()
    libur = _Libur()
    per_kunci: Counter = Counter()
    catatan = []
    with transaction.atomic():
        CatatanRingkasan.objects.all().delete()
        for model in TABEL:
            model.objects.all().delete()
        for row in Aspirasi.objects.order_by().values(*_KOLOM).iterator(chunk_size=5000):
            kunci = _kunci(row, libur[_kab(row["lokasi_id"])])
            per_kunci[kunci] += 1
            catatan.append(CatatanRingkasan(aspirasi_id=row["pk"], kunci=kunci, lokasi=row["lokasi_id"],
                                            dibuat=row["created_at"]))
            if len(catatan) >= 5000:
                CatatanRingkasan.objects.bulk_create(catatan)
                catatan = []
        CatatanRingkasan.objects.bulk_create(catatan)
        jumlah: Counter = Counter()
        for kunci, n in per_kunci.items():
            for k in _proyeksi(kunci):
                jumlah[k] += n
        per_model: dict = defaultdict(list)
        for (model, k), n in jumlah.items():
            per_model[model].append(_baris(model, k, n))
        for model, rows in per_model.items():
            model.objects.bulk_create(rows, batch_size=2000)
        lama = versi()
        PenandaRingkasan.objects.update_or_create(pk=1, defaults={"seq": kepala, "versi": lama + 1})
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


def aspirasi_wilayah(kode: str, *, versi: int, hari: datetime.date | None = None) -> dict:
    """Counts of the aspirations located at or under `kode`, cached per summary version."""
    hari = hari or timezone.localdate()
    key = f"dasbor:aspirasi:{kode}:{versi}:{hari.isoformat()}"
    data = cache.get(key)
    if data is None:
        data = _hitung_aspirasi(kode, hari)
        cache.set(key, data, 3600)
    return data


def _hitung_aspirasi(kode: str, hari: datetime.date) -> dict:
    """Sums the narrow-table rows of `kode` itself (and of its children, for the map): four
    index lookups returning a few hundred rows at most, plus the names of what is listed."""
    kosong = {"terbuka": 0, "terlambat": 0, "jumlah": 0}
    sendiri = dict(kosong)
    per_anak: dict = defaultdict(lambda: dict(kosong))
    for w, buka, tenggat, n in (RingkasanWilayah.objects.filter(Q(wilayah=kode) | Q(induk=kode)).order_by()
                                .values_list("wilayah", "terbuka", "tenggat", "jumlah")):
        x = sendiri if w == kode else per_anak[w]
        x["jumlah"] += n
        if buka:
            x["terbuka"] += n
            if tenggat is not None and tenggat < hari:
                x["terlambat"] += n
    # Aspirations located at `kode` itself (not in any child) count under its own code.
    langsung = {k: sendiri[k] - sum(a[k] for a in per_anak.values()) for k in kosong}
    if langsung["jumlah"] > 0:
        per_anak[kode] = langsung

    def buka_per(model: type, kolom: str) -> dict:
        out: dict = defaultdict(lambda: [0, 0])
        for key, tenggat, n in model.objects.filter(wilayah=kode).order_by().values_list(kolom, "tenggat", "jumlah"):
            out[key][0] += n
            if tenggat is not None and tenggat < hari:
                out[key][1] += n
        return {k: v for k, v in out.items() if v[0]}

    per_kategori = buka_per(RingkasanKategori, "kategori_id")
    per_unit = buka_per(RingkasanUnit, "unit_id")
    respon: Counter = Counter()
    selesai = tepat_n = 0
    for h, tepat, n in RingkasanRespon.objects.filter(wilayah=kode).order_by().values_list("hari_respon", "tepat", "jumlah"):
        if h is not None:
            respon[h] += n
        if tepat is not None:
            selesai += n
            tepat_n += n if tepat else 0
    kategori_nama = dict(KategoriAspirasi.objects.filter(pk__in=list(per_kategori)).values_list("pk", "nama"))
    unit_nama = dict(UnitKerja.objects.filter(pk__in=[u for u in per_unit if u]).values_list("pk", "nama")) \
        if any(per_unit) else {}
    return {
        "total": sendiri["jumlah"], "terbuka": sendiri["terbuka"], "terlambat": sendiri["terlambat"],
        "median_respon": _median(respon),
        "sla_persen": round(100 * tepat_n / selesai, 1) if selesai else None, "selesai": selesai,
        "per_anak": dict(per_anak),
        "per_kategori": sorted(({"nama": kategori_nama.get(k, "-"), "terbuka": b, "terlambat": t}
                                for k, (b, t) in per_kategori.items()), key=lambda r: -r["terbuka"]),
        "per_unit": sorted(({"nama": unit_nama.get(u, "Belum diteruskan") if u else "Belum diteruskan",
                             "terbuka": b, "terlambat": t} for u, (b, t) in per_unit.items()),
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
