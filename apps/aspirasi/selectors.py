"""Reads of the aspiration area: the kabupaten's reference data, the staff inbox, the public
history by tracking code, and the ONE place the reporter's identity is rendered for staff."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.akun.scope import memberships, restrict
from apps.wilayah.kode import kode_kabupaten

from .models import Aspirasi, AturanSla, JenisTindakan, KategoriAspirasi, TindakanAspirasi
from .status import status as status_info

ANONIM = "Anonim (identitas dirahasiakan)"


def kabupaten_pengguna(user) -> list[str]:
    return sorted({kode_kabupaten(m.wilayah_id) for m in memberships(user)})


def unit_pengguna(user) -> list:
    """The units the user works in (their memberships; not as a resident)."""
    seen, hasil = set(), []
    for m in memberships(user):
        if m.unit_id and m.unit_id not in seen and m.peran != "warga":
            seen.add(m.unit_id)
            hasil.append(m.unit)
    return hasil


def kategori_kabupaten(user) -> QuerySet:
    return KategoriAspirasi.objects.filter(owner_id__in=kabupaten_pengguna(user)).select_related("unit_tujuan")


def aturan_kabupaten(user) -> QuerySet:
    return AturanSla.objects.filter(owner_id__in=kabupaten_pengguna(user))


def identitas_pelapor(asp: Aspirasi) -> str:
    """The reporter as staff may see them: never an anonymous reporter's identity."""
    if asp.anonim:
        return ANONIM
    bagian = [asp.pelapor_nama or "(tanpa nama)"]
    if asp.pelapor_kontak:
        bagian.append(asp.pelapor_kontak)
    return " · ".join(bagian)


def kotak(user, *, status: str = "", kategori: str = "", klasifikasi: str = "", terlambat: bool = False,
          q: str = "") -> QuerySet:
    """The aspirations the user sees (scope), filtered, with what the list renders."""
    qs = restrict(Aspirasi.objects.all(), user, "view").select_related("kategori", "lokasi", "unit_saat_ini")
    if status == "terbuka":
        qs = qs.filter(terbuka=True)
    elif status == "tertutup":
        qs = qs.filter(terbuka=False)
    elif status and status != "semua":
        qs = qs.filter(status=status)
    if kategori:
        qs = qs.filter(kategori__kode=kategori)
    if klasifikasi:
        qs = qs.filter(klasifikasi=klasifikasi)
    if terlambat:
        qs = qs.filter(terbuka=True, tenggat__lt=timezone.localdate())
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(kode_lacak__iexact=q.strip().upper()))
    return qs


def sumber_riwayat(asp: Aspirasi) -> Aspirasi:
    """A merged duplicate shows its original's progress."""
    return asp.duplikat_dari if asp.duplikat_dari_id else asp


TEKS_GABUNG = "Digabung dengan laporan serupa; perkembangannya mengikuti laporan tersebut."
# What another reporter wrote on the original (rating comment, reason to reopen): never shown
# to a duplicate's reporter, who may only follow the offices' answers and the status.
_TULISAN_PELAPOR = (JenisTindakan.NILAI, JenisTindakan.BUKA_KEMBALI, JenisTindakan.GABUNG)


def riwayat_publik(asp: Aspirasi) -> list[TindakanAspirasi]:
    """The public history (the reporter's and the portal's): public actions only, without
    the names of staff or reporters. A merged duplicate also gets its original's public answers,
    but not what the original's reporter wrote, and never the original's tracking code (merges
    written before the code was dropped from the text still carry it; their text is replaced)."""
    q = Q(aspirasi_id=asp.pk)
    if asp.duplikat_dari_id:
        q |= Q(aspirasi_id=asp.duplikat_dari_id) & ~Q(jenis__in=_TULISAN_PELAPOR)
    hasil = list(TindakanAspirasi.objects.filter(q, publik=True)
                 .select_related("unit", "ke_unit").order_by("waktu", "pk"))
    for t in hasil:
        if t.jenis == JenisTindakan.GABUNG:
            t.isi = TEKS_GABUNG
    return hasil


def riwayat_staf(asp: Aspirasi) -> list[TindakanAspirasi]:
    return list(asp.tindakan.select_related("unit", "ke_unit", "pengguna").order_by("waktu", "pk"))


def publik_terlihat() -> QuerySet:
    """Aspirations the public may see: not confidential, not hidden."""
    return Aspirasi.objects.filter(rahasia=False, disembunyikan=False)


def status_tampil(asp: Aspirasi):
    return status_info(asp.status)
