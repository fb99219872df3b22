"""Reads for letters: the catalogue a user may use, the template in force for a village, the
archive search and the outgoing-letter books. Every query of letters starts from `restrict`."""
from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from apps.akun.scope import covers, has_action, memberships, restrict

from .models import JenisSurat, StatusSurat, Surat, TemplateSurat

# Letters that have a number: the archive and the books list only these.
TERBIT = (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI, StatusSurat.DIBATALKAN)


def kode_kabupaten(kode: str) -> str:
    """"62.07.01.2005" -> "62.07": the regency that owns the catalogue and default templates."""
    return ".".join(kode.split(".")[:2])


def template_berlaku(jenis: JenisSurat, kode_desa: str) -> TemplateSurat:
    """The latest version owned by the desa (its override), else the latest of its kabupaten.
    One query. A letter type without any template is a ValidationError, not a crash."""
    tpl = (TemplateSurat.objects.filter(jenis=jenis, owner_id__in=(kode_desa, kode_kabupaten(kode_desa)))
           .select_related("jenis").order_by("-owner_id", "-versi").first())
    if tpl is None:
        raise ValidationError({"jenis": f"Belum ada template untuk {jenis.nama}; minta admin kabupaten memuat katalog."})
    return tpl


def versi_template(jenis: JenisSurat, owner_id: str) -> QuerySet:
    return TemplateSurat.objects.filter(jenis=jenis, owner_id=owner_id).select_related("dibuat_oleh").order_by("-versi")


def kabupaten_pengguna(user) -> list[str]:
    """The regencies whose catalogue the user reads (one per membership's wilayah)."""
    if getattr(user, "is_superuser", False):
        return list(JenisSurat.objects.values_list("owner_id", flat=True).distinct())
    return sorted({kode_kabupaten(m.wilayah_id) for m in memberships(user)})


def jenis_tersedia(user, *, mandiri: bool = False) -> QuerySet:
    """Active letter types of the user's regency. The catalogue is the kabupaten's and sits
    above a village in the tree, so it is matched by regency code rather than by subtree."""
    if not has_action(user, JenisSurat, "view"):
        return JenisSurat.objects.none()
    qs = JenisSurat.objects.filter(aktif=True, owner_id__in=kabupaten_pengguna(user))
    return qs.filter(bisa_mandiri=True) if mandiri else qs


def unit_template(user) -> list[str]:
    """Offices whose templates the user may write: their own desa, or (admin kabupaten) the
    regency default. Codes of the user's memberships, in the order they hold them."""
    hasil = []
    for m in memberships(user):
        level = len(m.wilayah_id.split("."))
        if level in (2, 4) and covers(user, "add", TemplateSurat, m.wilayah_id) and m.wilayah_id not in hasil:
            hasil.append(m.wilayah_id)
    return hasil


def template_terlihat(user, pk) -> TemplateSurat | None:
    """A template version the user may read: owned in scope, or the regency default above it."""
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    tpl = TemplateSurat.objects.select_related("jenis").filter(pk=pk).first()
    if tpl is None:
        return None
    if tpl.owner_id in kabupaten_pengguna(user) and has_action(user, TemplateSurat, "view"):
        return tpl
    return restrict(TemplateSurat.objects.filter(pk=pk), user, "view").select_related("jenis").first()


def daftar_template(user, kode: str) -> list[tuple[JenisSurat, TemplateSurat | None, TemplateSurat | None]]:
    """Each active type of the regency with the regency default and the office's own override
    (None when it has none): two queries however long the catalogue is."""
    kab = kode_kabupaten(kode)
    jenis = list(JenisSurat.objects.filter(aktif=True, owner_id=kab))
    terbaru: dict[tuple[str, str], TemplateSurat] = {}
    pemilik = {kab, kode}
    for t in (TemplateSurat.objects.filter(jenis__in=jenis, owner_id__in=pemilik)
              .only("id", "jenis_id", "owner_id", "versi", "created_at", "catatan_versi").order_by("-versi")):
        terbaru.setdefault((t.jenis_id, t.owner_id), t)
    return [(j, terbaru.get((j.pk, kab)), terbaru.get((j.pk, kode)) if kode != kab else None) for j in jenis]


# ---------------------------------------------------------------- archive

def arsip(user, *, q: str = "", jenis=None, status: str = "", dari: datetime.date | None = None,
          sampai: datetime.date | None = None, desa: str = "") -> QuerySet:
    """Issued letters in scope, narrowed by number (exact or prefix), name (contains), type,
    status and date range. Newest first (ordered by the keyset key by the caller)."""
    qs = restrict(Surat.objects.filter(status__in=TERBIT), user, "view").select_related("jenis")
    q = " ".join((q or "").split())
    if q:
        if any(c.isdigit() for c in q) and "/" in q:
            qs = qs.filter(nomor__startswith=q)
        else:
            qs = qs.filter(Q(nama_cari__contains=q.lower()) | Q(nomor__startswith=q))
    if jenis:
        qs = qs.filter(jenis=jenis)
    if status:
        qs = qs.filter(status=status)
    if dari:
        qs = qs.filter(tanggal_surat__gte=dari)
    if sampai:
        qs = qs.filter(tanggal_surat__lte=sampai)
    if desa:
        qs = qs.filter(owner_id=desa)
    return qs


def agenda(user, kode_desa: str, *, tahun: int, bulan: int | None = None) -> QuerySet:
    """Outgoing letters of a village for the Buku Agenda Surat Keluar, in number order."""
    qs = restrict(Surat.objects.filter(owner_id=kode_desa, status__in=TERBIT, tanggal_surat__year=tahun), user, "view")
    if bulan:
        qs = qs.filter(tanggal_surat__month=bulan)
    return qs.select_related("jenis").order_by("tanggal_surat", "seri", "nomor_urut")


def ekspedisi(user, kode_desa: str, *, tahun: int, bulan: int | None = None) -> QuerySet:
    """Letters handed over (downloaded or collected) in the period, for the Buku Ekspedisi."""
    qs = restrict(Surat.objects.filter(owner_id=kode_desa, selesai_pada__isnull=False,
                                       selesai_pada__year=tahun), user, "view")
    if bulan:
        qs = qs.filter(selesai_pada__month=bulan)
    return qs.select_related("jenis").order_by("selesai_pada", "nomor")


def antrean_ringkas(user) -> dict[str, int]:
    """Letters waiting for this user's office, by status, in one grouped COUNT (home page:
    requests to check, letters to sign)."""
    qs = restrict(Surat.objects.filter(status__in=(StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA)), user, "view")
    return dict(qs.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
