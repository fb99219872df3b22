"""Who may manage the certificate authority and signing certificates, and who sees the
register of issued documents (the public verification page needs no grant)."""
from apps.akun.roles import PERAN_DESA_STAF, PERAN_KABUPATEN, PERAN_KECAMATAN, VIEW, daftarkan, izin

daftarkan(
    "dokumen.dokumenterbit",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, VIEW),
)
