"""Pages of the population registry. Every view starts from the user's scope (`restrict`);
an object outside it is a 404. Each view names the `model` its URL's pk refers to."""
from .keluarga import KeluargaDetail, KeluargaList, KeluargaTambah, KeluargaUbah
from .penduduk import PendudukDetail, PendudukList, PendudukTambah, PendudukUbah

__all__ = [
    "KeluargaDetail", "KeluargaList", "KeluargaTambah", "KeluargaUbah",
    "PendudukDetail", "PendudukList", "PendudukTambah", "PendudukUbah",
]
