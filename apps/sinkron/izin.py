"""The regency audit log (the journal) is for the regency administrators; each object's own
history is shown to whoever may see the object (see views.Riwayat)."""
from apps.akun.roles import VIEW, daftarkan, izin

daftarkan("sinkron.jurnal", izin(["admin_kabupaten"], VIEW))
