"""What the leaders' dashboard reads, per reader: whose area, which figures, which new items.

The area is the widest wilayah among the reader's dashboard roles (the kabupaten for the
Bupati, Wakil, admin and Bappeda; the kecamatan for the Camat and kecamatan staff; the village
for the Kepala Desa, sekdes and operator). ?wilayah= drills down inside it; a code outside it is
a 404. Figures come from `ringkasan` (pre-aggregated); the items themselves go through
`akun.scope.restrict`. The reporter is never read here, anonymous or not."""
from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from apps.akun.roles import KABUPATEN_PIMPINAN, PERAN_DESA_PENGELOLA, PERAN_KECAMATAN
from apps.akun.scope import memberships, restrict
from apps.aspirasi.models import Aspirasi
from apps.sinkron.models import Jurnal
from apps.wilayah.models import LEVEL_DESA, Wilayah

from . import ringkasan
from .models import CatatanRingkasan

PERAN_DASBOR = KABUPATEN_PIMPINAN + ("admin_kabupaten", "bappeda") + PERAN_KECAMATAN + PERAN_DESA_PENGELOLA
JUMLAH_TERBARU = 10
INDIKATOR = [("terbuka", "Aspirasi terbuka"), ("terlambat", "Aspirasi terlambat"),
             ("per_1000", "Aspirasi per 1.000 penduduk"), ("penduduk", "Jumlah penduduk"),
             ("usulan", "Usulan Musrenbang")]


def akar_pengguna(user) -> list[str]:
    """The wilayah codes the user's dashboard roles cover, widest first; 403 when none."""
    if getattr(user, "is_superuser", False):
        return [settings.EDESA_KABUPATEN]
    kode = sorted({m.wilayah_id for m in memberships(user) if m.peran in PERAN_DASBOR}, key=lambda k: (len(k), k))
    if not kode:
        raise PermissionDenied("Dasbor pimpinan hanya untuk pimpinan daerah, kecamatan, dan desa.")
    return kode


def wilayah_diminta(user, raw: str | None) -> tuple[str, Wilayah]:
    """(the root it lies under, the wilayah) for ?wilayah=; 404 outside the user's area."""
    akar = akar_pengguna(user)
    kode = (raw or "").strip()[:40] or akar[0]
    root = next((a for a in akar if kode == a or kode.startswith(a + ".")), None)
    if root is None:
        raise Http404("Wilayah di luar cakupan Anda.")
    w = _wilayah(kode)
    if w is None or w.level > LEVEL_DESA:
        raise Http404("Wilayah tidak ditemukan.")
    return root, w


def _wilayah(kode: str) -> Wilayah | None:
    key = f"dasbor:wilayah:{kode}"
    w = cache.get(key)
    if w is None:
        w = Wilayah.objects.filter(kode=kode).only("kode", "nama", "tingkat", "level", "induk_id").first()
        cache.set(key, w or False, 3600)
    return w or None


def _anak(kode: str) -> list[tuple[str, str]]:
    key = f"dasbor:anak:{kode}"
    rows = cache.get(key)
    if rows is None:
        rows = list(Wilayah.objects.filter(induk_id=kode, level__lte=LEVEL_DESA).order_by("kode")
                    .values_list("kode", "nama"))
        cache.set(key, rows, 3600)
    return rows


def jejak(akar: str, w: Wilayah) -> list[tuple[str, str]]:
    """(kode, nama) from the user's root down to `w`, for the breadcrumb."""
    parts = w.kode.split(".")
    out = []
    for i in range(akar.count(".") + 1, len(parts) + 1):
        kode = ".".join(parts[:i])
        x = _wilayah(kode)
        out.append((kode, x.nama if x else kode))
    return out


def kursor(w: Wilayah) -> str:
    """Changes whenever anything is journaled, and at midnight (overdue moves)."""
    return f"{ringkasan._kepala()}.{timezone.localdate():%Y%m%d}"


def _seq_dari(sejak: str | None) -> int | None:
    try:
        return int((sejak or "").split(".")[0])
    except ValueError:
        return None


def _url_aspirasi(pk) -> str:
    # The staff page of one aspiration comes with the aspirations area; until it is mounted
    # the item stays on this page.
    try:
        return reverse("aspirasi:detail", args=[pk])
    except NoReverseMatch:
        return "#aspirasi-terbaru"


def _butir(rows) -> list[dict]:
    return [{"id": str(r["pk"]), "judul": r["judul"], "kategori": r["kategori__nama"], "lokasi": r["lokasi__nama"],
             "waktu": timezone.localtime(r["created_at"]).strftime("%d/%m/%Y %H:%M"),
             "url": _url_aspirasi(r["pk"])} for r in rows]


_KOLOM_BUTIR = ("pk", "judul", "kategori__nama", "lokasi__nama", "created_at")


def terbaru(user, w: Wilayah, *, sejak: int | None = None) -> list[dict]:
    """The newest aspirations located in `w` (newest first), or those created after journal
    sequence `sejak`; only what `restrict` lets the user see; never the reporter."""
    if sejak is not None:
        ids = list(Jurnal.objects.filter(seq__gt=sejak, model=ringkasan.MODEL_ASPIRASI, op="C")
                   .values_list("object_id", flat=True)[:200])
    else:
        ids = list(CatatanRingkasan.objects.filter(ringkasan.di_bawah("lokasi", w.kode)).order_by("-dibuat")
                   .values_list("aspirasi_id", flat=True)[:JUMLAH_TERBARU])
    if not ids:
        return []
    qs = restrict(Aspirasi.objects.filter(ringkasan.di_bawah("lokasi_id", w.kode), pk__in=ids), user, "view")
    return _butir(qs.order_by("-created_at").values(*_KOLOM_BUTIR)[:JUMLAH_TERBARU])


def aspirasi_desa(user, w: Wilayah) -> list[dict]:
    """At village level: its aspirations (newest 50), each linking to its detail page."""
    if w.level != LEVEL_DESA:
        return []
    ids = list(CatatanRingkasan.objects.filter(lokasi=w.kode).order_by("-dibuat")
               .values_list("aspirasi_id", flat=True)[:50])
    qs = restrict(Aspirasi.objects.filter(pk__in=ids), user, "view").order_by("-created_at")
    return [{**b, "status": s, "terbuka": t} for b, (s, t) in zip(
        _butir(qs.values(*_KOLOM_BUTIR)), qs.values_list("status", "terbuka"), strict=True)]


def data(user, w: Wilayah, *, sejak: str | None = None) -> dict:
    """Everything the dashboard shows for `w`, as JSON-ready data."""
    versi = ringkasan.perbarui()
    asp = ringkasan.aspirasi_wilayah(w.kode, versi=versi)
    pop = ringkasan.populasi_wilayah(w.kode)
    mus = ringkasan.musrenbang_wilayah(w.kode)
    anak = _anak(w.kode)
    nilai_anak = [(kode, nama) for kode, nama in anak] or [(w.kode, w.nama)]
    peta = []
    for kode, nama in nilai_anak:
        a = asp["per_anak"].get(kode, {})
        p = pop["per_anak"].get(kode, {})
        penduduk = p.get("penduduk", 0)
        peta.append({
            "kode": kode, "nama": nama, "terbuka": a.get("terbuka", 0), "terlambat": a.get("terlambat", 0),
            "per_1000": round(1000 * a.get("jumlah", 0) / penduduk, 2) if penduduk else 0,
            "penduduk": penduduk, "usulan": (mus or {}).get("per_anak", {}).get(kode, 0),
            "url": reverse("dasbor_pimpinan:utama") + f"?wilayah={kode}",
        })
    seq_sejak = _seq_dari(sejak)
    return {
        "kursor": kursor(w),
        "wilayah": {"kode": w.kode, "nama": w.nama, "tingkat": w.get_tingkat_display(), "level": w.level},
        "aspirasi": {k: asp[k] for k in ("total", "terbuka", "terlambat", "median_respon", "sla_persen", "selesai",
                                          "per_kategori", "per_unit")},
        "penduduk": {k: pop[k] for k in ("penduduk", "laki_laki", "perempuan", "keluarga")},
        "musrenbang": {k: v for k, v in (mus or {}).items() if k != "per_anak"} or None,
        "peta": peta,
        "indikator": INDIKATOR,
        "terbaru": terbaru(user, w, sejak=seq_sejak),
        "inkremental": seq_sejak is not None,
    }
