"""Reads shared by every area of the e-office: which units a user works in, which positions
they act for, and the regency's reference data (classification codes, templates, units to
write to). Area reads live beside their services (keluar.py, masuk.py, arsip.py)."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.akun.scope import has_action, memberships
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Jabatan, UnitKerja
from apps.wilayah.selectors import jabatan_dipegang, pemegang_jabatan

from .models import KlasifikasiArsip, TemplateNaskah

__all__ = ["jabatan_dipegang", "pemegang_jabatan"]


def unit_pengguna(user) -> list[UnitKerja]:
    """The units the user works in, from their memberships (no query after the first per
    request). A superuser works in none: they administer, they do not correspond."""
    seen, hasil = set(), []
    for m in memberships(user):
        if m.unit_id and m.unit_id not in seen and m.peran != "warga":
            seen.add(m.unit_id)
            hasil.append(m.unit)
    return hasil


def unit_aktif(user, diminta=None) -> UnitKerja | None:
    """The unit a page works for: the one asked for (`?unit=<id>`) if the user works in it,
    else their first. None if the user works in no unit."""
    units = unit_pengguna(user)
    if diminta:
        for u in units:
            if str(u.pk) == str(diminta):
                return u
    return units[0] if units else None


def kabupaten_pengguna(user) -> list[str]:
    return sorted({kode_kabupaten(m.wilayah_id) for m in memberships(user)})


def klasifikasi_tersedia(user) -> QuerySet:
    """The regency's active classification codes (reference data: matched by regency code,
    since the kabupaten sits above a village's subtree)."""
    if not has_action(user, KlasifikasiArsip, "view"):
        return KlasifikasiArsip.objects.none()
    return KlasifikasiArsip.objects.filter(aktif=True, owner_id__in=kabupaten_pengguna(user)).order_by("kode")


def template_tersedia(user, unit: UnitKerja | None, jenis: str = "") -> QuerySet:
    """Regency templates and the unit's own."""
    if not has_action(user, TemplateNaskah, "view"):
        return TemplateNaskah.objects.none()
    q = Q(unit__isnull=True, owner_id__in=kabupaten_pengguna(user))
    if unit is not None:
        q |= Q(unit=unit)
    qs = TemplateNaskah.objects.filter(q, aktif=True)
    return qs.filter(jenis=jenis) if jenis else qs


def unit_tujuan(user) -> QuerySet:
    """Units of the user's regency a letter may be addressed to (the whole network of the
    kabupaten: every office, agency and village)."""
    kab = kabupaten_pengguna(user)
    if not kab:
        return UnitKerja.objects.none()
    q = Q()
    for k in kab:
        q |= Q(wilayah_id=k) | Q(wilayah__kode__startswith=k + ".")
    return UnitKerja.objects.filter(q, aktif=True).order_by("jenis", "kode")


def kepala_unit(unit_ids) -> dict:
    """unit id -> its head position (is_kepala), for addressing a letter or disposition."""
    return {j.unit_id: j for j in Jabatan.objects.filter(unit_id__in=list(unit_ids), is_kepala=True)}


def bertindak_untuk(user, jabatan_id, hari=None) -> bool:
    """Whether the user holds, acts for (Plt/Plh) or was delegated this position today."""
    return getattr(user, "is_authenticated", False) and jabatan_id in jabatan_dipegang(user, hari)
