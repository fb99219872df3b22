"""Writes of the wilayah app: importing official codes, loading Seruyan, local units
(dusun/RW/RT), units of government, positions and officials. Views and the API call these;
they validate, write (journaled) and check the user's scope inside the transaction."""
from .impor import ImportResult, ImportWilayahError, KesalahanBaris, import_wilayah
from .lingkungan import (
    create_lingkungan,
    delete_lingkungan,
    generate_demo_lingkungan,
    nomor_berikut,
    tingkat_anak,
    update_lingkungan,
)
from .organisasi import (
    check_nip,
    create_jabatan,
    create_pejabat,
    create_unit_kerja,
    update_jabatan,
    update_pejabat,
    update_unit_kerja,
)
from .seruyan import LoadSeruyanResult, load_seruyan

__all__ = [
    "ImportResult", "ImportWilayahError", "KesalahanBaris", "LoadSeruyanResult", "check_nip", "create_jabatan",
    "create_lingkungan", "create_pejabat", "create_unit_kerja", "delete_lingkungan", "generate_demo_lingkungan",
    "import_wilayah", "load_seruyan", "nomor_berikut", "tingkat_anak", "update_jabatan", "update_lingkungan",
    "update_pejabat", "update_unit_kerja",
]
