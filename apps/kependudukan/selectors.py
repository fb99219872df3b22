"""Reads over the population registry: scoped searches, keyset pages, and the aggregate counts
the dashboards show. Every query starts from the user's scope (akun.scope)."""
from __future__ import annotations

import contextlib
import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from apps.akun.roles import grant_for
from apps.akun.scope import memberships, restrict, scope_q
from apps.wilayah.models import LEVEL_DESA, Wilayah, subtree_q

from .models import Keluarga, Penduduk
from .validasi import desa_dari_kode, nik_rentang, normalisasi_nama

HIDUP = 1
KELOMPOK_UMUR = [(lo, lo + 4) for lo in range(0, 75, 5)] + [(75, None)]
_CURSOR_SEP = "|"


def kurangi_tahun(d: datetime.date, tahun: int) -> datetime.date:
    try:
        return d.replace(year=d.year - tahun)
    except ValueError:  # 29 February in a non-leap year
        return d.replace(year=d.year - tahun, day=28)


def umur(tanggal_lahir: datetime.date, acuan: datetime.date | None = None) -> int:
    acuan = acuan or datetime.date.today()
    return acuan.year - tanggal_lahir.year - ((acuan.month, acuan.day) < (tanggal_lahir.month, tanggal_lahir.day))


def rentang_lahir(umur_min: int | None, umur_max: int | None, acuan: datetime.date) -> Q:
    """Birth-date bounds for an age range in whole years, so the filter uses plain comparisons."""
    q = Q()
    if umur_min is not None:
        q &= Q(tanggal_lahir__lte=kurangi_tahun(acuan, umur_min))
    if umur_max is not None:
        q &= Q(tanggal_lahir__gt=kurangi_tahun(acuan, umur_max + 1))
    return q


# ---------------------------------------------------------------- keyset pages over (key, pk)

@dataclass
class Halaman:
    items: list
    next_after: str | None
    size: int


def keyset_setelah(kunci: tuple[str, ...], nilai: tuple) -> Q:
    """Rows after `nilai` in the order (*kunci, pk): `a >= x AND (a > x OR (b >= y AND (b > y
    OR pk > p)))`, nested so that the leading column's index stays usable."""
    *awal, pk = nilai
    cond = Q(pk__gt=pk)
    for k, v in reversed(list(zip(kunci, awal, strict=True))):
        cond = Q(**{f"{k}__gte": v}) & (Q(**{f"{k}__gt": v}) | cond)
    return cond


def halaman(qs: QuerySet, *, key: str | tuple[str, ...], after: str | None, size: int = 50) -> Halaman:
    """One page ordered by a non-unique `key` (or several columns) with the primary key as
    tie-breaker; the cursor holds the last row's values. No COUNT, no OFFSET."""
    kunci = (key,) if isinstance(key, str) else tuple(key)
    nilai = tuple(after.rsplit(_CURSOR_SEP, len(kunci))) if after else ()
    if len(nilai) == len(kunci) + 1:  # only the first value may itself hold the separator
        # A tampered cursor (not a UUID) restarts from the first page.
        with contextlib.suppress(ValidationError):
            qs = qs.filter(keyset_setelah(kunci, nilai))
    rows = list(qs.order_by(*kunci, "pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    nxt = None
    if more and rows:
        last = rows[-1]
        nxt = _CURSOR_SEP.join([*(str(_attr(last, k)) for k in kunci), str(last.pk)])
    return Halaman(items=rows, next_after=nxt, size=size)


def _attr(obj, key: str):
    for part in key.split("__"):
        obj = getattr(obj, part)
    return obj


def total_tersimpan(qs: QuerySet, *, kunci: str, detik: int = 120) -> int:
    """A count cached briefly per scope and filter: the list shows "± N" without counting the
    whole table on every page."""
    key = "kependudukan:total:" + hashlib.sha256(kunci.encode()).hexdigest()[:32]
    value = cache.get(key)
    if value is None:
        value = qs.count()
        cache.set(key, value, detik)
    return value


# ---------------------------------------------------------------- scoped searches

def penduduk_terlihat(user) -> QuerySet:
    return restrict(Penduduk.objects.select_related("keluarga"), user, "view")


def keluarga_terlihat(user) -> QuerySet:
    return restrict(Keluarga.objects.select_related("kepala"), user, "view")


def _cari_nomor(qs: QuerySet, user, q: str, *, nik: str = "nik", no_kk: str = "") -> QuerySet:
    """Digits: a whole 16-digit number is an exact lookup wherever the user may see the rows
    (he already holds the number); a shorter one is a prefix search, only over rows whose full
    number the user may see: otherwise a masked NIK could be read digit by digit."""
    if len(q) == 16:
        cond = Q(**{nik: q}) if nik else Q()
        if no_kk:
            cond = (cond | Q(**{no_kk: q})) if nik else Q(**{no_kk: q})
        return qs.filter(cond)
    rentang = nik_rentang(q)
    if rentang is None:
        return qs.none()
    cond = Q(**{f"{nik}__range": rentang}) if nik else Q()
    if no_kk:
        cond = (cond | Q(**{f"{no_kk}__range": rentang})) if nik else Q(**{f"{no_kk}__range": rentang})
    return restrict(qs.filter(cond), user, "view_nik")


def _angka(q: str) -> bool:
    return bool(q) and q.isascii() and q.isdigit()


def cari_penduduk(
    qs: QuerySet, *, user, q: str = "", nik: str = "", desa: str = "", wilayah: str = "",
    jenis_kelamin: int | None = None, status_dasar: int | None = HIDUP, umur_min: int | None = None,
    umur_max: int | None = None, nik_sementara: bool = False, alamat: str = "", pendidikan: int | None = None,
    pekerjaan: int | None = None, agama: int | None = None, status_perkawinan: int | None = None,
    acuan: datetime.date | None = None,
) -> QuerySet:
    """`q` of digits searches NIK or No KK, `nik` the NIK only (whole number exact, or a prefix
    where the user may see full numbers); other text searches part of the name, case- and
    accent-insensitively (`nama_cari`). `wilayah` is a dusun/RW/RT code (its whole subtree);
    `desa` and `wilayah` only narrow the scoped queryset, never widen it."""
    q, nik = (q or "").strip(), (nik or "").strip()
    if nik:
        qs = _cari_nomor(qs, user, nik) if _angka(nik) else qs.none()
    if _angka(q):
        # The matches are found by the NIK and No KK indexes first (`pk IN (...)`), so the
        # database reads those few rows instead of walking the name order of the whole scope.
        # A short prefix (a region code) matches most rows: filtered as the scope is walked.
        if len(q) == 16:
            # Two index seeks joined by UNION, resolved first: an OR of the two inside one
            # subquery made PostgreSQL scan the whole scope (600 ms for a kabupaten at 200,000).
            cocok = (Penduduk.objects.filter(nik=q).values_list("pk", flat=True).order_by()
                     .union(Penduduk.objects.filter(keluarga__no_kk=q).values_list("pk", flat=True).order_by()))
            qs = qs.filter(pk__in=list(cocok))
        else:
            rentang = nik_rentang(q)
            if rentang is None:
                return qs.none()
            kk_ids = Keluarga.objects.filter(no_kk__range=rentang).values("pk")
            cond = Q(nik__range=rentang) | Q(keluarga_id__in=kk_ids)
            qs = qs.filter(pk__in=Penduduk.objects.filter(cond).values("pk")) if len(q) >= 8 else qs.filter(cond)
            qs = restrict(qs, user, "view_nik")
    elif q:
        nama = normalisasi_nama(q)
        if nama:
            qs = qs.filter(nama_cari__contains=nama)
    if wilayah:
        desa = desa or desa_dari_kode(wilayah)
        qs = qs.filter(subtree_q("wilayah_id", wilayah))
    if desa:
        qs = qs.filter(owner_id=desa)
    if jenis_kelamin:
        qs = qs.filter(jenis_kelamin=jenis_kelamin)
    if status_dasar:
        qs = qs.filter(status_dasar=status_dasar)
    if umur_min is not None or umur_max is not None:
        qs = qs.filter(rentang_lahir(umur_min, umur_max, acuan or datetime.date.today()))
    if nik_sementara:
        qs = qs.filter(nik_sementara=True)
    alamat = (alamat or "").strip()
    if alamat:
        qs = qs.filter(Q(alamat__icontains=alamat) | Q(alamat_sekarang__icontains=alamat))
    for field, nilai in (("pendidikan_kk", pendidikan), ("pekerjaan", pekerjaan), ("agama", agama),
                         ("status_perkawinan", status_perkawinan)):
        if nilai:
            qs = qs.filter(**{field: nilai})
    return qs


def cari_keluarga(qs: QuerySet, *, user, q: str = "", desa: str = "", wilayah: str = "", alamat: str = "") -> QuerySet:
    """Digits search the No KK (whole number exact; a prefix only where the user may see full
    numbers); text searches the head of family's name. `wilayah`: a dusun/RW/RT subtree."""
    q = (q or "").strip()
    if _angka(q):
        qs = _cari_nomor(qs, user, q, nik="", no_kk="no_kk")
    elif q:
        nama = normalisasi_nama(q)
        if nama:
            qs = qs.filter(kepala__nama_cari__contains=nama)
    if wilayah:
        desa = desa or desa_dari_kode(wilayah)
        qs = qs.filter(subtree_q("wilayah_id", wilayah))
    if desa:
        qs = qs.filter(owner_id=desa)
    alamat = (alamat or "").strip()
    if alamat:
        qs = qs.filter(alamat__icontains=alamat)
    return qs


def anggota_keluarga(user, keluarga: Keluarga) -> list[Penduduk]:
    """Members the user may see, head first, then by SHDK and age."""
    qs = restrict(Penduduk.objects.filter(keluarga=keluarga), user, "view")
    return list(qs.order_by("shdk", "tanggal_lahir", "pk"))


def _akar(user, model, action: str) -> list[str] | None:
    """Roots of the user's unconstrained grants for `action`; None means everything (superuser)."""
    if user.is_superuser:
        return None
    label = model._meta.label_lower
    return [m.wilayah_id for m in memberships(user) if grant_for(label, m.peran, action) is True]


def _di_bawah(field: str, roots: list[str]) -> Q:
    cond = Q(pk__in=[])
    for root in roots:
        cond |= subtree_q(field, root)
    return cond


def pilihan_desa(user, model=Penduduk, action: str = "view") -> list[tuple[str, str]]:
    """The desa/kelurahan a user may pick in a list filter: those in his unconstrained scopes."""
    if not getattr(user, "is_authenticated", False):
        return []
    roots = _akar(user, model, action)
    qs = Wilayah.objects.filter(level=LEVEL_DESA)
    if roots is not None:
        # A membership bound below a desa (a dusun) still filters by its desa.
        qs = qs.filter(_di_bawah("kode", roots) | Q(kode__in=[desa_dari_kode(r) for r in roots]))
    return list(qs.order_by("kode").values_list("kode", "nama"))


def pilihan_wilayah(user, action: str = "add") -> list[tuple[str, str]]:
    """The smallest local units (RT, or RW/dusun/desa where nothing lies below) a user may
    register residents in, labelled "RT 001 · RW 001 · Dusun I · Pematang Limau"."""
    if not getattr(user, "is_authenticated", False):
        return []
    roots = _akar(user, Penduduk, action)
    qs = Wilayah.objects.filter(level__gte=LEVEL_DESA)
    if roots is not None:
        if not roots:
            return []
        qs = qs.filter(_di_bawah("kode", roots))
    rows = list(qs.order_by("kode").values_list("kode", "nama", "induk_id"))
    names = {k: n for k, n, _ in rows}
    parents = {induk for _, _, induk in rows}
    out = []
    for k, _, _ in rows:
        if k in parents:
            continue
        parts = k.split(".")
        chain = [".".join(parts[:i]) for i in range(len(parts), LEVEL_DESA - 1, -1)]
        out.append((k, " · ".join(names.get(c, c) for c in chain)))
    return out


def pilihan_lingkungan(user, desa: str, model=Penduduk, *, pilihan: list | None = None) -> list[tuple[str, str]]:
    """The dusun, RW and RT of one desa for a list filter ("RT 001 · RW 001 · Dusun I"), or
    nothing when the desa is not among the user's choices (a tampered ?desa=). `pilihan`: the
    user's desa choices when the caller has them already."""
    if not desa or desa not in dict(pilihan if pilihan is not None else pilihan_desa(user, model)):
        return []
    return _label_lingkungan(list(Wilayah.objects.filter(subtree_q("kode", desa), level__gt=LEVEL_DESA)
                                  .order_by("kode").values_list("kode", "nama")))


def _label_lingkungan(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    names = dict(rows)
    out = []
    for k, _ in rows:
        parts = k.split(".")
        chain = [".".join(parts[:i]) for i in range(len(parts), LEVEL_DESA, -1)]
        out.append((k, " · ".join(names.get(c, c) for c in chain)))
    return out


def pilihan_filter(user, diminta: str = "", model=Penduduk) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A list filter's choices: the desa in the user's scope, and the dusun/RW/RT of the desa
    asked for (or of his only desa). One query for a village official (the desa and what lies
    below it), two for wider scopes once a desa is picked."""
    roots = _akar(user, model, "view") if getattr(user, "is_authenticated", False) else []
    if roots and all(r.count(".") >= LEVEL_DESA - 1 for r in roots):
        desa_kode = sorted({desa_dari_kode(r) for r in roots})
        rows = list(Wilayah.objects.filter(_di_bawah("kode", desa_kode), level__gte=LEVEL_DESA).order_by("kode")
                    .values_list("kode", "nama", "level"))
        desa = [(k, n) for k, n, lvl in rows if lvl == LEVEL_DESA]
        kode = diminta if diminta in dict(desa) else (desa[0][0] if len(desa) == 1 else "")
        if not kode:
            return desa, []
        return desa, _label_lingkungan([(k, n) for k, n, lvl in rows if lvl > LEVEL_DESA and
                                        desa_dari_kode(k) == kode])
    desa = pilihan_desa(user, model)
    kode = diminta if diminta in dict(desa) else (desa[0][0] if len(desa) == 1 else "")
    return desa, pilihan_lingkungan(user, kode, model, pilihan=desa)


def keluarga_dengan_no_kk(user, no_kk: str, action: str = "change") -> Keluarga | None:
    return restrict(Keluarga.objects.filter(no_kk=(no_kk or "").strip()), user, action).first()


def penduduk_dengan_nik(user, nik: str, action: str = "change") -> Penduduk | None:
    return restrict(Penduduk.objects.filter(nik=(nik or "").strip()), user, action).first()


# ---------------------------------------------------------------- dashboard aggregates

def _cakupan(user, action: str, model) -> Q | None:
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return scope_q(user, action, model)


def _kelompok_umur(acuan: datetime.date) -> Case:
    """The index of a resident's age group, computed by the database (first matching bound)."""
    whens = [When(tanggal_lahir__gt=kurangi_tahun(acuan, hi + 1), then=Value(i))
             for i, (_lo, hi) in enumerate(KELOMPOK_UMUR) if hi is not None]
    return Case(*whens, default=Value(len(KELOMPOK_UMUR) - 1), output_field=IntegerField())


def ringkasan(user, *, acuan: datetime.date | None = None) -> dict:
    """Counts of living residents in the user's "view_agregat" scope: total, by sex, by
    5-year age group and sex (a pyramid), per desa, with a temporary NIK, and the number of
    families. One GROUP BY over the covering index `penduduk_agregat_idx`, whatever the
    scope; no resident row leaves the database. Three queries in all."""
    acuan = acuan or datetime.date.today()
    umur_lk = [0] * len(KELOMPOK_UMUR)
    umur_pr = [0] * len(KELOMPOK_UMUR)
    per_desa: dict[str, int] = {}
    total = laki = sementara = keluarga = 0
    q = _cakupan(user, "view_agregat", Penduduk)
    if q is not None:
        rows = (Penduduk.objects.filter(q, status_dasar=HIDUP).order_by()
                .annotate(kelompok=_kelompok_umur(acuan))
                .values_list("owner_id", "jenis_kelamin", "kelompok", "nik_sementara")
                .annotate(n=Count("*")))
        for owner, jk, kelompok, nik_sementara, n in rows:
            total += n
            per_desa[owner] = per_desa.get(owner, 0) + n
            (umur_lk if jk == 1 else umur_pr)[kelompok] += n
            laki += n if jk == 1 else 0
            sementara += n if nik_sementara else 0
        qk = _cakupan(user, "view_agregat", Keluarga)
        keluarga = Keluarga.objects.filter(qk).count() if qk is not None else 0
    names = dict(Wilayah.objects.filter(kode__in=list(per_desa)).values_list("kode", "nama")) if per_desa else {}
    return {
        "total": total, "laki_laki": laki, "perempuan": total - laki, "keluarga": keluarga,
        "nik_sementara": sementara,
        "per_desa": [{"kode": k, "nama": names.get(k, k), "jumlah": n} for k, n in sorted(per_desa.items())],
        "kelompok_umur": [{"label": _label_umur(lo, hi), "laki_laki": lk, "perempuan": pr, "jumlah": lk + pr}
                          for (lo, hi), lk, pr in zip(KELOMPOK_UMUR, umur_lk, umur_pr, strict=True)],
    }


def _label_umur(lo: int, hi: int | None) -> str:
    return f"{lo}+" if hi is None else f"{lo}–{hi}"
