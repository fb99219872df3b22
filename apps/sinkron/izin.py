"""The regency audit log (the journal) is for the regency administrators; each object's own
history is shown to whoever may see the object (see views.Riwayat)."""
from apps.akun.roles import PERAN_DESA_STAF, PERAN_KABUPATEN, PERAN_KECAMATAN, VIEW, daftarkan, izin

daftarkan(
    "sinkron.jurnal",
    izin(["admin_kabupaten"], VIEW),
    # The home page lists recent changes in the user's area: metadata only, no snapshots.
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, ["view_ringkas"]),
)
