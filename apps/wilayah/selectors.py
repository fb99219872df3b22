"""Reads of the wilayah app: the scoped region tree with counts, a region's page data, the
map's GeoJSON, and the officials serving now. Every read starts from `restrict`."""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from apps.akun.roles import grant_for
from apps.akun.scope import has_action, memberships, restrict, roots

from .kode import ANAK_LOKAL, POLA
from .models import LEVEL, LEVEL_DESA, Jabatan, Pejabat, Tingkat, UnitKerja, Wilayah, subtree_q

# Length of a code at each depth: "62", "62.07", "62.07.01", "62.07.01.2005", ".NN", ".NNN", ".NNN".
KODE_LEN = {1: 2, 2: 5, 3: 8, 4: 13, 5: 16, 6: 20, 7: 24}
LIST_FIELDS = ("id", "kode", "nama", "tingkat", "level", "induk_id", "owner_id")


def deeper_than(level: int) -> Q:
    """Rows below a depth, written on `tingkat` rather than the indexed `level`: combined with
    a code range, SQLite would otherwise walk the level index over the whole country (34 ms
    instead of under 1 ms for a camat's tree with all of Indonesia loaded)."""
    return Q(tingkat__in=[t for t, lvl in LEVEL.items() if lvl > level])


def at_levels(*levels: int) -> Q:
    return Q(tingkat__in=[t for t, lvl in LEVEL.items() if lvl in levels])


def wilayah_terlihat(user):
    return restrict(Wilayah.objects.all(), user, "view")


def kabupaten_pilihan(user, diminta: str | None) -> str:
    """Which regency the tree shows: the one asked for if the user may see into it, else the
    regency of the user's first scope (or this installation's regency)."""
    bawaan = settings.EDESA_KABUPATEN
    if user.is_superuser:
        return diminta if diminta and POLA[Tingkat.KABUPATEN].match(diminta) else bawaan
    milik = sorted({".".join(r.split(".")[:2]) for r in roots(user) if "." in r})
    if diminta in milik:
        return diminta
    return bawaan if bawaan in milik or not milik else milik[0]


@dataclass
class Simpul:
    obj: Wilayah
    jumlah: dict[str, int] = field(default_factory=dict)
    anak: list[Simpul] = field(default_factory=list)
    nilai: list[int] = field(default_factory=list)  # counts in the order of a table's columns

    @property
    def desa_kelurahan(self) -> int:
        return sum(self.jumlah.get(t, 0) for t in (Tingkat.DESA, Tingkat.DESA_ADAT, Tingkat.KELURAHAN))


def counts_by_child(qs, induk_level: int) -> dict[str, dict[str, int]]:
    """For every child (depth `induk_level` + 1) of the rows in `qs`'s subtree: how many
    descendants of each kind it has. One grouped query on the code prefix."""
    child_len = KODE_LEN[induk_level + 1]
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (qs.filter(deeper_than(induk_level + 1)).annotate(kode_anak=Substr("kode", 1, child_len))
            .values("kode_anak", "tingkat").annotate(n=Count("id")).order_by())
    for r in rows:
        out[r["kode_anak"]][r["tingkat"]] = r["n"]
    return out


def wilayah_tree(user, kabupaten: str) -> list[Simpul]:
    """Kecamatan > desa/kelurahan of one regency within the user's scope, each desa with its
    counts of dusun, RW and RT. Desa whose kecamatan is outside the scope appear at the top."""
    scoped = wilayah_terlihat(user).filter(subtree_q("kode", kabupaten))
    nodes = list(scoped.filter(at_levels(3, LEVEL_DESA)).only(*LIST_FIELDS).order_by("kode"))
    counts = counts_by_child(scoped.filter(deeper_than(LEVEL_DESA)), 3)
    kecamatan: dict[str, Simpul] = {}
    top: list[Simpul] = []
    for w in nodes:
        node = Simpul(w, dict(counts.get(w.kode, {})))
        if w.level == 3:
            kecamatan[w.kode] = node
            top.append(node)
        elif w.induk_id in kecamatan:
            parent = kecamatan[w.induk_id]
            parent.anak.append(node)
            parent.jumlah[w.tingkat] = parent.jumlah.get(w.tingkat, 0) + 1
            for t, n in node.jumlah.items():
                parent.jumlah[t] = parent.jumlah.get(t, 0) + n
        else:
            top.append(node)
    return top


def search_wilayah(qs, *, q: str = "", tingkat: str = ""):
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__startswith=q))
    if tingkat in Tingkat.values:
        qs = qs.filter(tingkat=tingkat)
    return qs.only(*LIST_FIELDS)


def breadcrumb(user, obj: Wilayah) -> list[Wilayah]:
    """Ancestors of `obj` that the user may see (out-of-scope ancestors are not shown)."""
    codes = obj.ancestor_codes()
    if not codes:
        return []
    return list(wilayah_terlihat(user).filter(kode__in=codes).only(*LIST_FIELDS).order_by("level"))


def children_with_counts(user, obj: Wilayah) -> list[Simpul]:
    scoped = wilayah_terlihat(user)
    children = list(scoped.filter(induk_id=obj.kode).order_by("kode"))
    if not children or obj.level + 1 >= 7:
        return [Simpul(c) for c in children]
    counts = counts_by_child(scoped.filter(subtree_q("kode", obj.kode)), obj.level)
    return [Simpul(c, dict(counts.get(c.kode, {}))) for c in children]


def _feature(w: Wilayah, url: str = "") -> dict | None:
    if not w.batas and (w.lat is None or w.lng is None):
        return None
    props = {"kode": w.kode, "nama": w.nama, "tingkat": w.get_tingkat_display(), "url": url}
    if w.batas:
        return {"type": "Feature", "geometry": w.batas, "properties": props}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [w.lng, w.lat]}, "properties": props}


def peta_data(obj: Wilayah, children: list[Simpul]) -> dict | None:
    """GeoJSON for static/js/peta.js: this region and its children, or None if nothing to draw."""
    utama = _feature(obj)
    anak = [f for c in children if (f := _feature(c.obj, reverse("wilayah:detail", args=[c.obj.pk])))]
    if utama is None and not anak:
        return None
    return {"wilayah": utama, "anak": {"type": "FeatureCollection", "features": anak}}


# --- Dusun/RW/RT of one village ---------------------------------------------------------------

@dataclass
class PanelLingkungan:
    akar: Wilayah  # the desa (or dusun/RW) whose local units are shown
    pohon: list[Simpul]
    tingkat_anak: str | None
    boleh_tambah: bool
    boleh_ubah: set
    boleh_hapus: set
    total: dict[str, int]

    @property
    def label_anak(self) -> str:
        return Tingkat(self.tingkat_anak).label if self.tingkat_anak else ""


def can_add_lingkungan(user, akar: Wilayah) -> bool:
    """Whether add buttons are shown under `akar`: a role with the "add" grant on regions
    whose scope holds it. A hint for the page only; the service checks the real write."""
    if ANAK_LOKAL.get(akar.level) is None or not has_action(user, Wilayah, "add"):
        return False
    if user.is_superuser:
        return True
    for m in memberships(user):
        root = m.wilayah_id
        if grant_for("wilayah.wilayah", m.peran, "add") and (akar.kode == root or akar.kode.startswith(root + ".")):
            return True
    return False


def lingkungan_panel(user, akar: Wilayah) -> PanelLingkungan:
    """The dusun > RW > RT tree under a village (or under one of its dusun/RW), with which
    rows the user may rename or delete (one query per action, not one per row)."""
    below = Wilayah.objects.filter(subtree_q("kode", akar.kode)).filter(deeper_than(akar.level))
    rows = list(restrict(below, user, "view").only(*LIST_FIELDS).order_by("kode"))
    by_kode: dict[str, Simpul] = {}
    pohon: list[Simpul] = []
    total: dict[str, int] = defaultdict(int)
    for w in rows:
        node = Simpul(w)
        by_kode[w.kode] = node
        total[w.tingkat] += 1
        parent = by_kode.get(w.induk_id)
        (parent.anak if parent else pohon).append(node)

    def allowed(action: str) -> set:
        if not rows or not has_action(user, Wilayah, action):
            return set()
        return set(restrict(below, user, action).values_list("pk", flat=True))

    return PanelLingkungan(akar, pohon, ANAK_LOKAL.get(akar.level), can_add_lingkungan(user, akar),
                           allowed("change"), allowed("delete"), dict(total))


# --- Units and officials ----------------------------------------------------------------------

def pejabat_aktif_q(prefix: str = "", hari: datetime.date | None = None) -> Q:
    """Officials serving on `hari` (today by default): started (or no start recorded) and not ended."""
    hari = hari or timezone.localdate()
    return (Q(**{f"{prefix}mulai__isnull": True}) | Q(**{f"{prefix}mulai__lte": hari})) & (
        Q(**{f"{prefix}selesai__isnull": True}) | Q(**{f"{prefix}selesai__gte": hari})
    )


def jabatan_unit(user, unit: UnitKerja, hari: datetime.date | None = None) -> list[Jabatan]:
    """Positions of a unit with the officials serving now (`pejabat_aktif`), in two queries."""
    serving = restrict(Pejabat.objects.filter(pejabat_aktif_q(hari=hari)), user, "view").order_by("status", "nama")
    qs = restrict(Jabatan.objects.filter(unit=unit), user, "view").select_related("atasan")
    return list(qs.prefetch_related(Prefetch("pejabat", queryset=serving, to_attr="pejabat_aktif"))
                .order_by("urutan", "nama"))


def jabatan_untuk_pejabat(user, unit_id=None):
    """Positions the user may appoint officials to (the same grants cover both)."""
    qs = restrict(Jabatan.objects.select_related("unit"), user, "change")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("unit__kode", "urutan", "nama")


# --- Who acts for a position (e-office: dispositions, review, signing) -----------------------

def delegasi_aktif_q(prefix: str = "", hari: datetime.date | None = None) -> Q:
    hari = hari or timezone.localdate()
    return Q(**{f"{prefix}mulai__lte": hari, f"{prefix}selesai__gte": hari, f"{prefix}dicabut__isnull": True})


def jabatan_dipegang(pengguna, hari: datetime.date | None = None) -> set:
    """Ids of the positions a user acts for on `hari`: held (definitif, Plt or Plh, by the
    official's dates) or delegated to them. Two small queries; no scope (it is about the user)."""
    from .models import Delegasi

    if not getattr(pengguna, "is_authenticated", False):
        return set()
    held = Pejabat.objects.filter(pejabat_aktif_q(hari=hari), pengguna=pengguna).values_list("jabatan_id", flat=True)
    delegated = Delegasi.objects.filter(delegasi_aktif_q(hari=hari), kepada=pengguna).values_list("jabatan_id", flat=True)
    return set(held) | set(delegated)


def pemegang_jabatan(jabatan_ids, hari: datetime.date | None = None) -> dict:
    """jabatan id -> the user who acts for it on `hari` (a delegate first, then a definitif
    holder, then a Plt, then a Plh), or no key if nobody with an account does."""
    from .models import Delegasi, StatusPejabat

    ids = list(jabatan_ids)
    if not ids:
        return {}
    hasil: dict = {}
    urutan = {StatusPejabat.DEFINITIF: 0, StatusPejabat.PLT: 1, StatusPejabat.PLH: 2}
    pejabat = sorted(Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan_id__in=ids, pengguna__isnull=False)
                     .select_related("pengguna"), key=lambda p: urutan.get(p.status, 9))
    for p in pejabat:
        hasil.setdefault(p.jabatan_id, p.pengguna)
    for d in Delegasi.objects.filter(delegasi_aktif_q(hari=hari), jabatan_id__in=ids).select_related("kepada"):
        hasil[d.jabatan_id] = d.kepada  # a delegate acts while the holder is away
    return hasil


# --- Org chart (bagan organisasi) and delegations of a unit -----------------------------------

@dataclass
class SimpulBagan:
    """One position in a unit's org chart: who serves in it now, its delegation in force, and
    the positions under it (by `atasan`)."""

    jabatan: Jabatan
    pejabat: list = field(default_factory=list)
    delegasi: object = None
    anak: list[SimpulBagan] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return not self.pejabat


def kandidat_delegasi(jabatan: Jabatan, hari: datetime.date | None = None):
    """Users a position may be delegated to: active accounts working in its unit (an active
    membership there, or an official serving in one of its positions)."""
    from apps.akun.models import Pengguna

    hari = hari or timezone.localdate()
    pejabat = Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan__unit_id=jabatan.unit_id,
                                     pengguna__isnull=False).values("pengguna_id")
    anggota = Q(keanggotaan__unit_id=jabatan.unit_id, keanggotaan__aktif=True)
    return (Pengguna.objects.filter(anggota | Q(pk__in=pejabat), is_active=True).distinct()
            .order_by("nama", "username"))


def bagan_unit(user, unit: UnitKerja, hari: datetime.date | None = None) -> list[SimpulBagan]:
    """The unit's positions as a tree by `atasan` (roots first, in `urutan` order), each with
    its officials serving now and its delegation in force. Three queries: positions,
    officials, delegations. A position whose superior is not shown (another unit, or out of
    scope) is a root; a cycle cannot hide a position."""
    from .models import Delegasi

    hari = hari or timezone.localdate()
    jabatan = jabatan_unit(user, unit, hari)
    ids = [j.pk for j in jabatan]
    delegasi = {}
    if ids:
        qs = restrict(Delegasi.objects.filter(delegasi_aktif_q(hari=hari), jabatan_id__in=ids), user, "view")
        delegasi = {d.jabatan_id: d for d in qs.select_related("kepada")}
    simpul = {j.pk: SimpulBagan(j, list(getattr(j, "pejabat_aktif", [])), delegasi.get(j.pk)) for j in jabatan}
    akar: list[SimpulBagan] = []
    for j in jabatan:
        induk = simpul.get(j.atasan_id) if j.atasan_id != j.pk else None
        (induk.anak if induk else akar).append(simpul[j.pk])
    # Positions caught in a cycle of superiors are reachable from no root: cut each cycle at
    # its first position, which then shows at the top.
    terlihat: set = set()

    def jelajahi(mulai: SimpulBagan) -> None:
        tumpukan = [mulai]
        while tumpukan:
            s = tumpukan.pop()
            terlihat.add(s.jabatan.pk)
            tumpukan.extend(a for a in s.anak if a.jabatan.pk not in terlihat)

    for s in akar:
        jelajahi(s)
    for j in jabatan:
        if j.pk not in terlihat:
            s = simpul[j.pk]
            simpul[j.atasan_id].anak.remove(s)
            akar.append(s)
            jelajahi(s)
    return akar


def delegasi_jabatan(user, jabatan: Jabatan, n: int = 10) -> list:
    """The latest delegations of a position (in force, future, ended or cancelled)."""
    from .models import Delegasi

    qs = restrict(Delegasi.objects.filter(jabatan=jabatan), user, "view").select_related("kepada", "dibuat_oleh")
    return list(qs.order_by("-mulai", "-created_at")[:n])


def jabatan_dipegang_di_bagan(user, bagan: list[SimpulBagan]) -> set:
    """Ids of the chart's positions the user serves in now (from the loaded officials; no query)."""
    hasil, tumpukan = set(), list(bagan)
    while tumpukan:
        s = tumpukan.pop()
        if any(p.pengguna_id is not None and p.pengguna_id == getattr(user, "pk", None) for p in s.pejabat):
            hasil.add(s.jabatan.pk)
        tumpukan.extend(s.anak)
    return hasil
