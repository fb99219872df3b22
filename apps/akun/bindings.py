"""Where a role may be bound: the wilayah level its membership must sit at and the kinds of
unit kerja it may act through. `services.grant_peran` enforces these; the pickers use them to
offer only valid choices."""
from __future__ import annotations

from apps.wilayah.models import JenisUnit, Tingkat

from .roles import PERAN_BY_KODE

# Role tingkat -> wilayah tingkat a membership of that role is bound to.
WILAYAH_TINGKAT: dict[str, tuple[str, ...]] = {
    "kabupaten": (Tingkat.KABUPATEN, Tingkat.KOTA),
    "kecamatan": (Tingkat.KECAMATAN,),
    "desa": (Tingkat.DESA, Tingkat.DESA_ADAT, Tingkat.KELURAHAN),
}
TINGKAT_LABEL = {"kabupaten": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}

_KANTOR_DESA = (JenisUnit.PEMDES, JenisUnit.KELURAHAN)

# Role -> unit kinds it may act through.
UNIT_JENIS: dict[str, tuple[str, ...]] = {
    "admin_kabupaten": (JenisUnit.SETDA, JenisUnit.PERANGKAT_DAERAH),
    "bupati": (JenisUnit.SETDA,),
    "wakil_bupati": (JenisUnit.SETDA,),
    "bappeda": (JenisUnit.PERANGKAT_DAERAH,),
    "staf_pd": (JenisUnit.PERANGKAT_DAERAH, JenisUnit.SETDA),  # Setda staff too (its mail desk)
    "camat": (JenisUnit.KECAMATAN,),
    "staf_kecamatan": (JenisUnit.KECAMATAN,),
    "kepala_desa": _KANTOR_DESA,
    "sekdes": _KANTOR_DESA,
    "operator_desa": _KANTOR_DESA,
    "bpd": (JenisUnit.BPD,),
    "warga": _KANTOR_DESA,
}

# An agency role without its agency would see nothing (its grants are "own unit" only).
UNIT_WAJIB = frozenset({"bappeda", "staf_pd"})


def wilayah_tingkat(peran: str) -> tuple[str, ...]:
    return WILAYAH_TINGKAT[PERAN_BY_KODE[peran].tingkat]


def tingkat_label(peran: str) -> str:
    return TINGKAT_LABEL[PERAN_BY_KODE[peran].tingkat]


def unit_jenis(peran: str) -> tuple[str, ...]:
    return UNIT_JENIS.get(peran, ())


def unit_jenis_label(peran: str) -> str:
    labels = dict(JenisUnit.choices)
    return " atau ".join(labels[j] for j in unit_jenis(peran))
