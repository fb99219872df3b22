"""Pages of the wilayah app. Every view starts from the user's scope (`restrict`); an object
outside it is a 404. Each view names the `model` its URL's pk refers to."""
from .delegasi import DelegasiCabut, DelegasiTambah
from .lingkungan import LingkunganHapus, LingkunganPanel, LingkunganTambah, LingkunganUbah
from .pejabat import PejabatDetail, PejabatList, PejabatTambah, PejabatUbah
from .unit import JabatanTambah, JabatanUbah, UnitDetail, UnitList, UnitTambah, UnitUbah
from .wilayah import WilayahDetail, WilayahList

__all__ = [
    "DelegasiCabut", "DelegasiTambah", "JabatanTambah", "JabatanUbah", "LingkunganHapus", "LingkunganPanel",
    "LingkunganTambah", "LingkunganUbah",
    "PejabatDetail", "PejabatList", "PejabatTambah", "PejabatUbah", "UnitDetail", "UnitList", "UnitTambah",
    "UnitUbah", "WilayahDetail", "WilayahList",
]
