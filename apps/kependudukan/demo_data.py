"""Weights for the demo population of a rural Central Kalimantan kabupaten (Seruyan).

Sources for the shapes (rounded; the generator only needs plausible proportions): Dukcapil
Seruyan Dec 2024 (83,322 male / 76,527 female), BPS Kalimantan Tengah (religion: mostly
Islam, then Kristen, Hindu Kaharingan and Katolik; a young age pyramid; agriculture and oil
palm plantations as the main work). Codes are the Dukcapil codes of kode.py.
"""
from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Bobot(Generic[T]):
    """A weighted choice with precomputed cumulative weights (one bisect per draw)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]):
        self.items = [p[0] for p in pairs]
        self.cum = list(itertools.accumulate(p[1] for p in pairs))
        self.total = self.cum[-1]

    def pilih(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# Ethnic groups of the area and the religion mix within each (family-level draws).
SUKU = Bobot([("Banjar", 34), ("Dayak Ngaju", 22), ("Jawa", 20), ("Dayak Seruyan", 9), ("Madura", 5),
              ("Bugis", 3), ("Dayak Sampit", 3), ("Sunda", 2), ("Batak", 1), ("Flores", 1)])
ISLAM, KRISTEN, KATOLIK, HINDU = 1, 2, 3, 4  # HINDU (4) is how Kaharingan is recorded
AGAMA_SUKU = {
    "Banjar": Bobot([(ISLAM, 99.5), (KRISTEN, 0.5)]),
    "Dayak Ngaju": Bobot([(ISLAM, 40), (KRISTEN, 33), (HINDU, 20), (KATOLIK, 7)]),
    "Dayak Seruyan": Bobot([(ISLAM, 35), (KRISTEN, 30), (HINDU, 27), (KATOLIK, 8)]),
    "Dayak Sampit": Bobot([(ISLAM, 45), (KRISTEN, 30), (HINDU, 18), (KATOLIK, 7)]),
    "Jawa": Bobot([(ISLAM, 93), (KRISTEN, 4), (KATOLIK, 3)]),
    "Madura": Bobot([(ISLAM, 100)]),
    "Bugis": Bobot([(ISLAM, 100)]),
    "Sunda": Bobot([(ISLAM, 97), (KRISTEN, 3)]),
    "Batak": Bobot([(KRISTEN, 70), (KATOLIK, 20), (ISLAM, 10)]),
    "Flores": Bobot([(KATOLIK, 90), (KRISTEN, 10)]),
}
# Provinces of first registration for those not born here (transmigrants, plantation workers).
ASAL_LUAR = {"Jawa": ["3301", "3302", "3315", "3501", "3507", "3522"], "Madura": ["3526", "3527", "3528"],
             "Sunda": ["3201", "3205"], "Bugis": ["7311", "7313"], "Batak": ["1212", "1207"], "Flores": ["5310", "5308"],
             "Banjar": ["6303", "6306", "6311"]}
KOTA_KALTENG = ["6202", "6201", "6271", "6205"]  # Kotawaringin Timur, Kotawaringin Barat, Palangka Raya, Katingan
TEMPAT_LUAR = {"Jawa": ["Kebumen", "Cilacap", "Banyumas", "Blitar", "Ponorogo", "Ngawi"],
               "Madura": ["Sampang", "Pamekasan", "Bangkalan"], "Sunda": ["Garut", "Tasikmalaya"],
               "Bugis": ["Bone", "Wajo"], "Batak": ["Tapanuli", "Medan"], "Flores": ["Ende", "Maumere"],
               "Banjar": ["Banjarmasin", "Martapura", "Amuntai"]}
TEMPAT_KALTENG = ["Sampit", "Pangkalan Bun", "Palangka Raya", "Kasongan"]

# Extra given names by religion, mixed with Faker's Indonesian pools.
AWALAN_ISLAM_L = ["Muhammad", "Ahmad", "Abdul", "M.", "Muhamad", "Rahmat", "Syahrul", "Fajar"]
AWALAN_ISLAM_P = ["Siti", "Nur", "Nurul", "Sri", "Fatimah", "Rahmawati", "Aisyah", "Dewi"]
AWALAN_KRISTEN_L = ["Yohanes", "Petrus", "Markus", "Paulus", "Stefanus", "Yosef", "Daniel", "Yakobus"]
AWALAN_KRISTEN_P = ["Maria", "Yuliana", "Elisabeth", "Theresia", "Agustina", "Natalia", "Debora", "Ruth"]

# Household types (share of families): shapes the age pyramid and the sex ratio.
RUMAH_TANGGA = Bobot([("inti", 67), ("pasangan", 6), ("lajang", 8), ("lansia", 4.5), ("tunggal", 5.5), ("besar", 12)])
JUMLAH_ANAK = Bobot([(1, 20), (2, 30), (3, 25), (4, 13), (5, 7), (6, 5)])

# Work of adults (Dukcapil pekerjaan codes), by sex; coastal kecamatan add fishing.
PEKERJAAN_L = Bobot([(9, 34), (20, 15), (15, 13), (88, 9), (19, 7), (8, 3), (84, 2), (5, 3), (11, 3), (81, 2),
                     (27, 1.5), (26, 1.5), (65, 1), (85, 1.5), (6, 0.5), (7, 0.5), (1, 2), (18, 1), (35, 0.5)])
PEKERJAAN_P = Bobot([(2, 44), (9, 22), (20, 6), (88, 7), (8, 4), (84, 2), (15, 5), (65, 3), (5, 2), (18, 1.5),
                     (73, 0.7), (74, 0.8), (30, 1), (1, 1)])
PEKERJAAN_LANSIA_L = Bobot([(9, 50), (1, 30), (4, 8), (88, 7), (11, 5)])
PEKERJAAN_LANSIA_P = Bobot([(2, 50), (1, 30), (9, 16), (4, 4)])
PEKERJAAN_PESISIR_L = Bobot([(11, 30), (21, 15), (9, 20), (20, 10), (88, 8), (19, 7), (15, 5), (8, 3), (5, 2)])
KECAMATAN_PESISIR = {"62.07.01", "62.07.06"}  # Seruyan Hilir, Seruyan Hilir Timur
BUTUH_SARJANA = {5: 7, 65: 8, 73: 6, 74: 6, 6: 5, 7: 5, 18: 5}  # work -> minimum pendidikan_kk

# Last completed schooling (pendidikan_kk) of adults, by birth cohort.
PENDIDIKAN_MUDA = Bobot([(1, 2), (2, 6), (3, 24), (4, 26), (5, 33), (6, 2), (7, 2), (8, 5)])
PENDIDIKAN_MADYA = Bobot([(1, 6), (2, 13), (3, 36), (4, 19), (5, 19), (6, 1), (7, 2), (8, 4)])
PENDIDIKAN_TUA = Bobot([(1, 24), (2, 30), (3, 31), (4, 7), (5, 6), (8, 2)])

GOLONGAN_DARAH = Bobot([(13, 70), (4, 12), (2, 9), (1, 7), (3, 2)])
CACAT = Bobot([(7, 97.5), (1, 1), (2, 0.4), (3, 0.4), (4, 0.4), (6, 0.3)])
SAKIT_LANSIA = Bobot([(14, 80), (1, 5), (6, 5), (5, 4), (12, 2), (13, 2), (7, 2)])
