"""Personal data protection (UU 27/2022 PDP, DESIGN.md invariant 5): masking identity numbers
for roles without `view_nik`, and logging every read of a full, unmasked record."""
from __future__ import annotations

from django.db import models

from apps.akun.models import LogAkses
from apps.akun.scope import allows, covers

MASK_CHAR = "x"


def samarkan(nilai: str | None) -> str:
    """"6207015501900001" -> "6207••••••••••••": only the province and kabupaten stay.

    Anything more can be rebuilt: the hidden middle of a NIK is the kecamatan code and the
    birth date (DD+40 for women), both visible next to it, so showing the serial too would
    give the whole number away (security review, finding 3). The same holds for a No KK and
    its registration date."""
    nilai = (nilai or "").strip()
    if not nilai:
        return ""
    if "@" in nilai:
        nama, _, domain = nilai.partition("@")
        return f"{nama[:1]}{MASK_CHAR * 3}@{domain}"
    if len(nilai) >= 10:
        return nilai[:4] + MASK_CHAR * (len(nilai) - 4)
    return MASK_CHAR * max(len(nilai) - 2, 1) + nilai[-2:]


def boleh_lihat_nik(user, obj: models.Model) -> bool:
    """Per record, with one query (detail pages)."""
    return allows(user, "view_nik", obj)


def boleh_lihat_nik_cepat(user, obj: models.Model) -> bool:
    """Per row of a list, in memory: only unconstrained grants count, so a citizen sees his own
    NIK on his detail page but masked in lists (the safe side)."""
    return covers(user, "view_nik", type(obj), obj.owner_id)


def nilai_tampil(obj: models.Model, field: str, *, penuh: bool) -> str:
    value = getattr(obj, field, "") or ""
    if penuh or field not in getattr(type(obj), "sensitive_fields", ()):
        return value
    return samarkan(value)


def catat_akses(*, user, obj: models.Model, path: str = "") -> None:
    """One row per read of a full record: who, which record, whose record, from which page."""
    LogAkses.objects.create(
        pengguna=user, model=obj._meta.label_lower, object_id=str(obj.pk), owner=obj.owner_id or "", path=path[:255]
    )


def catat_akses_banyak(*, user, objs, path: str = "") -> None:
    """The same, for a page of full records (API lists return whole records, not a summary)."""
    LogAkses.objects.bulk_create([
        LogAkses(pengguna=user, model=o._meta.label_lower, object_id=str(o.pk), owner=o.owner_id or "", path=path[:255])
        for o in objs
    ])
