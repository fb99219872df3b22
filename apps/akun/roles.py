"""Roles and what each may do, as data.

A role (peran) is held through a membership (`Keanggotaan`) bound to a wilayah subtree and
optionally a unit. What a role may do with a model is declared by the model's own app in its
`izin.py` with `daftarkan(...)`; `akun.scope.restrict` turns those grants into queryset filters.
A grant is `True` (anything in the membership's subtree) or a function of the membership that
returns an extra `Q` (NetBox's constrained permissions), e.g. "only RT/RW/dusun rows" or
"only my own unit".
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Union

from django.db.models import Q


@dataclass(frozen=True)
class Peran:
    kode: str
    nama: str
    tingkat: str  # the wilayah level a membership of this role is bound to
    admin: bool = False  # admin roles may be required to use two-factor login


PERAN: list[Peran] = [
    Peran("admin_kabupaten", "Admin Kabupaten", "kabupaten", admin=True),
    Peran("bupati", "Bupati", "kabupaten"),
    Peran("wakil_bupati", "Wakil Bupati", "kabupaten"),
    Peran("bappeda", "Bappeda", "kabupaten"),
    Peran("staf_pd", "Staf Perangkat Daerah", "kabupaten"),
    Peran("camat", "Camat", "kecamatan"),
    Peran("staf_kecamatan", "Staf Kecamatan", "kecamatan"),
    Peran("kepala_desa", "Kepala Desa/Lurah", "desa"),
    Peran("sekdes", "Sekretaris Desa/Kelurahan", "desa", admin=True),
    Peran("operator_desa", "Operator Desa/Kelurahan", "desa", admin=True),
    Peran("bpd", "BPD", "desa"),
    Peran("warga", "Warga", "desa"),
]
PERAN_BY_KODE = {p.kode: p for p in PERAN}
PERAN_CHOICES = [(p.kode, p.nama) for p in PERAN]

KABUPATEN_PIMPINAN = ("bupati", "wakil_bupati")
PERAN_KABUPATEN = tuple(p.kode for p in PERAN if p.tingkat == "kabupaten")
PERAN_KECAMATAN = tuple(p.kode for p in PERAN if p.tingkat == "kecamatan")
PERAN_DESA_STAF = ("kepala_desa", "sekdes", "operator_desa", "bpd")
PERAN_DESA_PENGELOLA = ("kepala_desa", "sekdes", "operator_desa")

Constraint = Union[bool, Callable[..., Q]]

# model label -> role code -> action -> constraint
_IZIN: dict[str, dict[str, dict[str, Constraint]]] = {}


def daftarkan(model_label: str, *grants: dict[str, dict[str, Constraint]]) -> None:
    """Register grants for one model; several dicts are merged (later ones add actions)."""
    table = _IZIN.setdefault(model_label, {})
    for grant in grants:
        for peran, actions in grant.items():
            if peran not in PERAN_BY_KODE:
                raise ValueError(f"Peran tidak dikenal: {peran}")
            table.setdefault(peran, {}).update(actions)


def izin(peran: Iterable[str], actions: Iterable[str], constraint: Constraint = True) -> dict:
    """Shorthand: the same actions and constraint for several roles."""
    return {p: dict.fromkeys(actions, constraint) for p in peran}


def grant_for(model_label: str, peran: str, action: str) -> Constraint | None:
    return _IZIN.get(model_label, {}).get(peran, {}).get(action)


def registered_models() -> list[str]:
    return sorted(_IZIN)


VIEW = ("view",)
CRUD = ("view", "add", "change", "delete")
