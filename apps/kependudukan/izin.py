"""Who may see and change the population registry. Writes belong to the village that owns
the record (DESIGN.md invariant 3); full NIK only for roles that need it (invariant 5)."""
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

# Aggregates (counts by sex, age, village) for every official; rows only for those who work with them.
AGREGAT = ("view_agregat",)
BACA_BARIS = ("admin_kabupaten", "bupati", "wakil_bupati", "camat", "staf_kecamatan") + PERAN_DESA_PENGELOLA
NIK_PENUH = ("admin_kabupaten",) + PERAN_DESA_PENGELOLA


def _own_family_members(m):
    from .models import Penduduk

    own = Penduduk.objects.filter(akun_id=m.pengguna_id).values("keluarga_id")
    return Q(akun_id=m.pengguna_id) | Q(keluarga_id__in=own)


def _own_family(m):
    from .models import Penduduk

    return Q(pk__in=Penduduk.objects.filter(akun_id=m.pengguna_id).values("keluarga_id"))


def _own_record(m):
    return Q(akun_id=m.pengguna_id)


daftarkan(
    "kependudukan.penduduk",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, AGREGAT),
    izin(BACA_BARIS, VIEW),
    izin(NIK_PENUH, ["view_nik"]),
    izin(PERAN_DESA_PENGELOLA[1:], CRUD),  # sekdes and operator write; the kepala desa reads
    izin(["warga"], VIEW, _own_family_members),
    izin(["warga"], ["view_nik"], _own_record),
)
daftarkan(
    "kependudukan.keluarga",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, AGREGAT),
    izin(BACA_BARIS, VIEW),
    izin(NIK_PENUH, ["view_nik"]),
    izin(PERAN_DESA_PENGELOLA[1:], CRUD),
    izin(["warga"], VIEW + ("view_nik",), _own_family),
)
daftarkan(
    "kependudukan.peristiwa",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, AGREGAT),
    izin(BACA_BARIS, VIEW),
    # Append-only: a wrong event is answered by a new one, never edited or deleted.
    izin(PERAN_DESA_PENGELOLA[1:], ("view", "add")),
    izin(["warga"], VIEW, lambda m: Q(penduduk__akun_id=m.pengguna_id)),
)
daftarkan(
    "kependudukan.penduduksementara",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, AGREGAT),
    izin(BACA_BARIS, VIEW),
    izin(NIK_PENUH, ["view_nik"]),
    izin(PERAN_DESA_PENGELOLA[1:], CRUD),
)
daftarkan(
    "kependudukan.imporpenduduk",
    izin(("admin_kabupaten",) + PERAN_DESA_PENGELOLA[1:], VIEW),
    izin(PERAN_DESA_PENGELOLA[1:], ("add",)),
)
