"""Who may do what with letters. The village office issues (operator and sekdes prepare and
check; the kepala desa and the sekdes sign); the kecamatan and the regency read for oversight;
a resident sees only their own family's letters and requests, through layanan mandiri."""
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

PENGAWAS = ("admin_kabupaten", "bupati", "wakil_bupati", "camat", "staf_kecamatan")
PENYIAP = ("sekdes", "operator_desa")
PENANDATANGAN = ("kepala_desa", "sekdes")


def _keluarga_sendiri(field: str):
    def q(m):
        from apps.kependudukan.models import Penduduk

        kk = Penduduk.objects.filter(akun_id=m.pengguna_id).values("keluarga_id")
        return Q(**{f"{field}__akun_id": m.pengguna_id}) | Q(**{f"{field}__keluarga_id__in": kk})

    return q


# The catalogue and regency defaults are the kabupaten's; every office reads them.
daftarkan(
    "surat.jenissurat",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF + ("warga",), VIEW),
    izin(("admin_kabupaten",), CRUD),
)
daftarkan(
    "surat.templatesurat",
    izin(PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF, VIEW),
    izin(("admin_kabupaten",) + PENYIAP, ("view", "add")),
)
daftarkan(
    "surat.formatnomor",
    izin(PENGAWAS + PERAN_DESA_PENGELOLA, VIEW),
    izin(("admin_kabupaten",) + PENYIAP, CRUD),
)
daftarkan(
    "surat.nomorurut",
    izin(PENGAWAS + PERAN_DESA_PENGELOLA, VIEW),
)
daftarkan(
    "surat.surat",
    izin(PENGAWAS + PERAN_DESA_STAF, VIEW),
    izin(PENYIAP, ("add", "change", "periksa", "batal")),
    izin(PENANDATANGAN, ("tandatangani",)),
    izin(("warga",), VIEW + ("add",), _keluarga_sendiri("penduduk")),
)
daftarkan(
    "surat.riwayatsurat",
    izin(PENGAWAS + PERAN_DESA_STAF, VIEW),
    izin(("warga",), VIEW, _keluarga_sendiri("surat__penduduk")),
)
daftarkan(
    "surat.lampiransurat",
    izin(PENGAWAS + PERAN_DESA_PENGELOLA, VIEW),
    izin(PENYIAP, ("add", "delete")),
    izin(("warga",), VIEW + ("add",), _keluarga_sendiri("surat__penduduk")),
)
daftarkan(
    "surat.permohonanperbaikan",
    izin(PENGAWAS + PERAN_DESA_PENGELOLA, VIEW),
    izin(PENYIAP, ("change",)),
    izin(("warga",), VIEW + ("add",), lambda m: Q(pemohon_id=m.pengguna_id)),
)
daftarkan(
    "surat.batchsurat",
    izin(PERAN_DESA_PENGELOLA, VIEW),
    izin(PENANDATANGAN, ("add",)),
)
