"""Who may do what with regions, units, positions and officials."""
from django.db.models import Q

from apps.akun.roles import (
    CRUD,
    PERAN_DESA_PENGELOLA,
    PERAN_DESA_STAF,
    PERAN_KABUPATEN,
    PERAN_KECAMATAN,
    VIEW,
    daftarkan,
    izin,
)

STAF = PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF
WRITE = ("add", "change", "delete")


def _lingkungan(m):
    # Villages manage their own dusun/RW/RT; official codes come only from Kepmendagri imports.
    return Q(level__gte=5)


def _own_unit_office(m):
    return Q(wilayah_id=m.wilayah_id)


def _own_unit(m):
    return Q(pk=m.unit_id) if m.unit_id else Q(pk__in=[])


def _own_office_positions(m):
    return Q(owner_id=m.wilayah_id)


def _own_unit_positions(m):
    return Q(unit_id=m.unit_id) if m.unit_id else Q(pk__in=[])


def _own_unit_officials(m):
    return Q(jabatan__unit_id=m.unit_id) if m.unit_id else Q(pk__in=[])


daftarkan(
    "wilayah.wilayah",
    izin(STAF, VIEW),
    izin(["admin_kabupaten"], CRUD),
    izin(PERAN_DESA_PENGELOLA, WRITE, _lingkungan),
)
daftarkan(
    "wilayah.unitkerja",
    izin(STAF, VIEW),
    izin(["admin_kabupaten"], CRUD),
    izin(PERAN_DESA_PENGELOLA + ("camat",), ["change"], _own_unit_office),
    izin(["staf_pd"], ["change"], _own_unit),
)
def _own_unit_delegations(m):
    return Q(jabatan__unit_id=m.unit_id) if m.unit_id else Q(pk__in=[])


for label, own_unit in (("wilayah.jabatan", _own_unit_positions), ("wilayah.pejabat", _own_unit_officials),
                        ("wilayah.delegasi", _own_unit_delegations)):
    daftarkan(
        label,
        izin(STAF, VIEW),
        izin(["admin_kabupaten"], CRUD),
        izin(PERAN_DESA_PENGELOLA, WRITE),
        izin(["camat", "staf_kecamatan"], WRITE, _own_office_positions),
        izin(["staf_pd"], WRITE, own_unit),
    )
# The holiday calendar is the kabupaten's; everyone reads it through `kalender.libur`.
daftarkan("wilayah.harilibur", izin(STAF, VIEW), izin(["admin_kabupaten"], CRUD))
