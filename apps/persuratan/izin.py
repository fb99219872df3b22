"""Who may do what in the e-office. Every grant on correspondence is bound to the member's own
unit: a unit sees the naskah it drafted or sent, the letters addressed to it and the
dispositions addressed to it, never another unit's, even in the same village or regency.
Finer rights (initialling, signing, disposing, closing) follow the org chart: the service
checks that the user holds, acts for (Plt/Plh) or was delegated the position concerned.

The classification codes and regency templates are reference data: every office reads them
through `selectors.kabupaten_pengguna`; only the regency admin changes them."""
from django.db.models import Q

from apps.akun.roles import CRUD, PERAN_DESA_STAF, PERAN_KABUPATEN, PERAN_KECAMATAN, VIEW, daftarkan, izin

STAF = PERAN_KABUPATEN + PERAN_KECAMATAN + PERAN_DESA_STAF
# Everyone in a unit drafts, registers and reads its correspondence; the service decides who
# initials, signs and disposes from the org chart.
KERJA = ("view", "add", "change")


def _unit(field: str):
    def q(m):
        return Q(**{field: m.unit_id}) if m.unit_id else Q(pk__in=[])

    return q


daftarkan("persuratan.klasifikasiarsip", izin(STAF, VIEW), izin(("admin_kabupaten",), CRUD))
daftarkan(
    "persuratan.templatenaskah",
    izin(STAF, VIEW),
    izin(("admin_kabupaten",), CRUD),
    izin(STAF, ("add", "change", "delete"), _unit("unit_id")),
)
daftarkan("persuratan.naskah", izin(STAF, KERJA, _unit("unit_id")))
daftarkan("persuratan.penerimanaskah", izin(STAF, KERJA + ("delete",), _unit("naskah__unit_id")))
daftarkan("persuratan.parafnaskah", izin(STAF, KERJA + ("delete",), _unit("naskah__unit_id")))
daftarkan("persuratan.serinomor", izin(STAF, VIEW, _unit("unit_id")))
daftarkan("persuratan.suratmasuk", izin(STAF, KERJA, _unit("unit_id")))
daftarkan("persuratan.disposisi", izin(STAF, VIEW + ("add",), _unit("unit_id")))
daftarkan("persuratan.penerimadisposisi", izin(STAF, KERJA, _unit("unit_id")))
daftarkan("persuratan.tindaklanjut", izin(STAF, VIEW + ("add",), _unit("penerima__unit_id")))
# Attachments: visible with their parent; the view fetches the parent through its own scope.
daftarkan(
    "persuratan.berkaspersuratan",
    izin(STAF, VIEW + ("add", "delete"),
         lambda m: (Q(naskah__unit_id=m.unit_id) | Q(surat_masuk__unit_id=m.unit_id)
                    | Q(tindak_lanjut__penerima__unit_id=m.unit_id)) if m.unit_id else Q(pk__in=[])),
)
