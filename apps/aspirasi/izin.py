"""Who may do what with aspirations.

- Reference data (categories and routing, service levels) belongs to the kabupaten: the regency
  admin writes it; every office reads it through `selectors.kategori_kabupaten`.
- An aspiration is seen by the offices whose area holds its location (village, kecamatan,
  the regency's leaders, admin and Bappeda), by an agency or office once it has been routed to
  that unit (any `Penanganan` of its unit), and by the reporter (their own).
- The handling offices write through the services, which check that the acting unit holds the
  current `Penanganan` (or coordinates the area) and record the action as their own row.
- Identity of an anonymous reporter is never given to staff: that is enforced where it is
  rendered (`selectors.identitas_pelapor`), not by scope."""
from django.db.models import Q

from apps.akun.roles import (
    CRUD,
    KABUPATEN_PIMPINAN,
    PERAN_DESA_PENGELOLA,
    PERAN_KECAMATAN,
    VIEW,
    daftarkan,
    izin,
)
from apps.akun.scope import memberships

KOORDINATOR = ("admin_kabupaten",) + PERAN_KECAMATAN + PERAN_DESA_PENGELOLA
PEMANTAU = KABUPATEN_PIMPINAN + ("bappeda", "bpd")
SEMUA_STAF = KOORDINATOR + PEMANTAU + ("staf_pd",)
KERJA = ("view", "add", "change")


def staf(user) -> bool:
    """Whether the user works in an office (any role but resident). A resident is in the scope
    of their own aspirations, but follows them at /lapor/status/<kode>/, never through the
    staff pages and actions, which show internal notes and the names of staff."""
    return bool(getattr(user, "is_superuser", False) or any(m.peran != "warga" for m in memberships(user)))


def _ditangani_unit(prefix: str):
    """An agency's staff see the aspirations routed to their unit at any time."""

    def q(m):
        if not m.unit_id:
            return Q(pk__in=[])
        from .models import Penanganan

        return Q(**{f"{prefix}pk__in": Penanganan.objects.filter(unit_id=m.unit_id).values("aspirasi_id")})

    return q


def _pelapor(prefix: str, **lagi):
    return lambda m: Q(**{f"{prefix}pelapor_akun_id": m.pengguna_id}, **lagi)


for model in ("kategoriaspirasi", "aturansla"):
    daftarkan(f"aspirasi.{model}", izin(SEMUA_STAF, VIEW), izin(("admin_kabupaten",), CRUD))

for model, prefix in (("aspirasi", ""), ("fotoaspirasi", "aspirasi__"), ("penanganan", "aspirasi__"),
                      ("tindakanaspirasi", "aspirasi__")):
    daftarkan(
        f"aspirasi.{model}",
        izin(KOORDINATOR, KERJA),
        izin(PEMANTAU, VIEW),
        izin(("staf_pd",), KERJA, _ditangani_unit(prefix)),
        # A reporter reaches their own aspiration, but never an internal note on it.
        izin(("warga",), ("view", "add"),
             _pelapor(prefix, **({"publik": True} if model == "tindakanaspirasi" else {}))),
    )
