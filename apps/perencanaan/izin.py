"""Who may do what in planning and Musrenbang.

- A village's plans and proposals: its government writes them; the kecamatan and the regency
  read them (subtree); BPD members read them. Residents read their village's proposals, submit
  ideas and support (the service checks the stage and that the resident is registered).
- The cycle, its stages, criteria and ceilings belong to the kabupaten: Bappeda and the regency
  admin write them; every office reads them through `selectors.siklus_kabupaten`.
- A stage's record of a proposal (`RevisiUsulan`) is written by the acting office only (its own
  wilayah; an agency only with its own unit) and read by everyone whose scope holds the
  proposal's village, so a village sees what each stage decided.
- A deliberation belongs to the office holding it; invited participants from other offices
  reach it through `selectors.musyawarah_untuk` (the service checks the invitation)."""
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
PERENCANA_KAB = ("admin_kabupaten", "bappeda")


def _kantor_sendiri(field: str = "owner_id"):
    return lambda m: Q(**{field: m.wilayah_id})


def _unit_sendiri(m):
    return Q(unit_id=m.unit_id) if m.unit_id else Q(pk__in=[])


def _akun_sendiri(field: str):
    return lambda m: Q(**{field: m.pengguna_id})


for model in ("rpjmdes", "kegiatanrpjmdes", "rkpdes", "kegiatanrkpdes"):
    daftarkan(f"perencanaan.{model}", izin(STAF, VIEW), izin(PERAN_DESA_PENGELOLA, CRUD))

for model in ("siklusmusrenbang", "tahapmusrenbang", "kriteriapenilaian", "paguindikatif"):
    daftarkan(f"perencanaan.{model}", izin(STAF, VIEW), izin(PERENCANA_KAB, CRUD))

daftarkan(
    "perencanaan.usulan",
    izin(STAF + ("warga",), VIEW),
    izin(PERAN_DESA_PENGELOLA, CRUD),
    # A resident submits an idea and may edit or withdraw their own while it is still an idea.
    izin(("warga",), ("add", "change"), _akun_sendiri("pengusul_akun_id")),
)
daftarkan("perencanaan.fotousulan", izin(STAF + ("warga",), VIEW), izin(PERAN_DESA_PENGELOLA, CRUD),
          izin(("warga",), ("add", "delete"), _akun_sendiri("usulan__pengusul_akun_id")))
daftarkan(
    "perencanaan.dukunganusulan",
    izin(STAF, VIEW),
    izin(("warga",), ("view", "add", "delete"), _akun_sendiri("penduduk__akun_id")),
)
daftarkan(
    "perencanaan.revisiusulan",
    izin(STAF + ("warga",), VIEW),
    izin(PERAN_DESA_PENGELOLA + PERAN_KECAMATAN + PERENCANA_KAB, ("add", "change"), _kantor_sendiri()),
    izin(("staf_pd",), ("add", "change"), _unit_sendiri),
)
daftarkan(
    "perencanaan.daftarusulan",
    izin(STAF + ("warga",), VIEW),
    izin(PERAN_DESA_PENGELOLA + PERAN_KECAMATAN + PERENCANA_KAB, ("add", "change"), _kantor_sendiri()),
)
for model, field in (("musyawarah", "owner_id"), ("pesertamusyawarah", "owner_id"), ("berkasmusyawarah", "owner_id")):
    daftarkan(
        f"perencanaan.{model}",
        izin(STAF, VIEW),
        izin(PERAN_DESA_PENGELOLA + PERAN_KECAMATAN + PERENCANA_KAB, CRUD, _kantor_sendiri(field)),
    )
