"""Who may see and grant role memberships."""
from django.db.models import Q

from apps.akun.roles import CRUD, PERAN, VIEW, daftarkan, izin


def _own(m):
    return Q(pengguna_id=m.pengguna_id)


daftarkan(
    "akun.keanggotaan",
    izin([p.kode for p in PERAN], VIEW, _own),
    izin(["admin_kabupaten"], CRUD),
)
