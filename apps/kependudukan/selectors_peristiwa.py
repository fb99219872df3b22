"""Reads over life events and temporary residents: scoped lists in keyset pages (newest
first, no COUNT/OFFSET), a person's and a family's timeline, and how an event reads."""
from __future__ import annotations

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from apps.akun.scope import restrict

from . import kode
from .models import Keluarga, Penduduk, PendudukSementara, Peristiwa
from .peristiwa import LABEL_RINCIAN, OPERASI, PENOLONG, TEMPAT_DILAHIRKAN
from .selectors import Halaman

_SEP = "|"
SHDK = dict(kode.SHDK)
_PILIHAN = {"tempat_dilahirkan": dict(TEMPAT_DILAHIRKAN), "penolong": dict(PENOLONG), "operasi": OPERASI}


def cari_peristiwa(qs: QuerySet, *, jenis: int | None = None, bulan: tuple[int, int] | None = None,
                   desa: str = "") -> QuerySet:
    if jenis:
        qs = qs.filter(jenis=jenis)
    if bulan:
        tahun, b = bulan
        awal = datetime.date(tahun, b, 1)
        akhir = datetime.date(tahun + (b == 12), b % 12 + 1, 1)
        qs = qs.filter(tanggal__gte=awal, tanggal__lt=akhir)
    if desa:
        qs = qs.filter(owner_id=desa)
    return qs


def halaman_terbaru(qs: QuerySet, *, after: str | None, size: int = 50) -> Halaman:
    """Newest first by (tanggal, id): `tanggal <= d AND (tanggal < d OR id < p)` keeps the
    (owner, tanggal) index usable. A tampered cursor restarts from the first page."""
    if after and _SEP in after:
        value, _, pk = after.partition(_SEP)
        with contextlib.suppress(ValidationError, ValueError):
            d = datetime.date.fromisoformat(value)
            qs = qs.filter(tanggal__lte=d).filter(Q(tanggal__lt=d) | Q(pk__lt=pk))
    rows = list(qs.order_by("-tanggal", "-pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    nxt = f"{rows[-1].tanggal.isoformat()}{_SEP}{rows[-1].pk}" if more and rows else None
    return Halaman(items=rows, next_after=nxt, size=size)


def peristiwa_penduduk(user, penduduk: Penduduk, batas: int = 100) -> list[Peristiwa]:
    """A resident's timeline, newest first: his events the user may see (those recorded by
    his former village included, where the user's scope reaches)."""
    qs = restrict(Peristiwa.objects.filter(penduduk=penduduk), user, "view")
    return list(qs.order_by("-tanggal", "-created_at")[:batas])


def peristiwa_keluarga(user, keluarga: Keluarga, batas: int = 100) -> list[Peristiwa]:
    """Who joined and left a family, newest first."""
    qs = restrict(Peristiwa.objects.filter(Q(keluarga_sebelum=keluarga) | Q(keluarga_sesudah=keluarga)), user, "view")
    return list(qs.select_related("penduduk").order_by("-tanggal", "-created_at")[:batas])


def uraian(ev: Peristiwa) -> str:
    """One line saying what happened, in the operator's words."""
    j, r = ev.jenis, ev.rincian or {}
    if j == Peristiwa.LAHIR:
        return f"Lahir{' di ' + ev.tempat if ev.tempat else ''}" + (f", {r['berat_gram']} gram" if r.get("berat_gram") else "")
    if j == Peristiwa.MATI:
        return "Meninggal" + (f" di {ev.tempat}" if ev.tempat else "") + (f"; sebab: {ev.alasan}" if ev.alasan else "")
    if j == Peristiwa.PINDAH_KELUAR:
        return f"Pindah keluar{' sekeluarga' if r.get('sekeluarga') else ''} ke {ev.alamat_lain}"
    if j == Peristiwa.DATANG:
        return f"Datang dari {ev.alamat_lain}"
    if j == Peristiwa.PERGI:
        return "Pergi" + (f" ke {ev.alamat_lain}" if ev.alamat_lain else "")
    if j == Peristiwa.HILANG:
        return "Dilaporkan hilang"
    if j == Peristiwa.KEMBALI:
        return "Kembali"
    if r.get("operasi") not in OPERASI:  # recorded elsewhere (an import, older data): its own words
        return ev.keterangan or "Perubahan KK"
    operasi = OPERASI[r["operasi"]]
    sebelum, sesudah = SHDK.get(r.get("shdk_sebelum")), SHDK.get(r.get("shdk_sesudah"))
    if sebelum and sesudah and sebelum != sesudah:
        return f"{operasi}: {sebelum.lower()} → {sesudah.lower()}"
    if sesudah:
        return f"{operasi} ({sesudah.lower()})"
    return operasi


def rincian_tampil(ev: Peristiwa) -> list[tuple[str, str]]:
    out = []
    for key, value in (ev.rincian or {}).items():
        if key in ("shdk_sebelum", "shdk_sesudah"):
            value = SHDK.get(value, value)
            value = value.lower() if isinstance(value, str) else value
        elif key in _PILIHAN:
            value = _PILIHAN[key].get(value, value)
        elif isinstance(value, bool):
            value = "Ya" if value else "Tidak"
        out.append((LABEL_RINCIAN.get(key, key.replace("_", " ").capitalize()), str(value)))
    return out


def cari_sementara(qs: QuerySet, *, q: str = "", status: str = "", desa: str = "") -> QuerySet:
    q = " ".join((q or "").split())
    if q:
        qs = qs.filter(nama__icontains=q)
    if status == "pergi":
        qs = qs.filter(tanggal_pergi__isnull=False)
    elif status != "semua":
        qs = qs.filter(tanggal_pergi__isnull=True)
    if desa:
        qs = qs.filter(owner_id=desa)
    return qs


def sementara_terlihat(user) -> QuerySet:
    return restrict(PendudukSementara.objects.all(), user, "view")
