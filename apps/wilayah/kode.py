"""Rules of region codes in one place: the Kemendagri formats per level, who owns a row, and
how villages number their own dusun, RW and RT.

Official codes (Kepmendagri 300.2.2-2138/2025): provinsi `62`, kabupaten/kota `62.07`,
kecamatan `62.07.01`, desa/kelurahan `62.07.01.2005` (last segment 1xxx kelurahan, 2xxx desa,
3xxx desa adat). Local codes extend the desa code: dusun `.NN`, RW `.NNN`, RT `.NNN`.
A code never changes once created: the journal, residents and letters refer to it.
"""
from __future__ import annotations

import re

from .models import LEVEL, LEVEL_DESA, Tingkat

_NN = r"[0-9]{2}"
_DESA = rf"{_NN}\.{_NN}\.{_NN}\.[0-9]{{4}}"
POLA: dict[str, re.Pattern] = {
    Tingkat.PROVINSI: re.compile(rf"^{_NN}$"),
    Tingkat.KABUPATEN: re.compile(rf"^{_NN}\.{_NN}$"),
    Tingkat.KOTA: re.compile(rf"^{_NN}\.{_NN}$"),
    Tingkat.KECAMATAN: re.compile(rf"^{_NN}\.{_NN}\.{_NN}$"),
    Tingkat.DESA: re.compile(rf"^{_DESA}$"),
    Tingkat.DESA_ADAT: re.compile(rf"^{_DESA}$"),
    Tingkat.KELURAHAN: re.compile(rf"^{_DESA}$"),
    Tingkat.DUSUN: re.compile(rf"^{_DESA}\.{_NN}$"),
    Tingkat.RW: re.compile(rf"^{_DESA}\.{_NN}\.[0-9]{{3}}$"),
    Tingkat.RT: re.compile(rf"^{_DESA}\.{_NN}\.[0-9]{{3}}\.[0-9]{{3}}$"),
}
CONTOH = {
    Tingkat.PROVINSI: "NN, mis. 62", Tingkat.KABUPATEN: "NN.NN, mis. 62.07", Tingkat.KOTA: "NN.NN, mis. 62.71",
    Tingkat.KECAMATAN: "NN.NN.NN, mis. 62.07.01", Tingkat.DESA: "NN.NN.NN.NNNN, mis. 62.07.01.2005",
    Tingkat.DESA_ADAT: "NN.NN.NN.NNNN, mis. 62.07.01.3001", Tingkat.KELURAHAN: "NN.NN.NN.NNNN, mis. 62.07.01.1001",
}
# First digit of a village's last segment tells desa, kelurahan and desa adat apart.
AWALAN_DESA = {Tingkat.KELURAHAN: "1", Tingkat.DESA: "2", Tingkat.DESA_ADAT: "3"}

# Which local level sits under which depth, and how far its number may go.
ANAK_LOKAL = {LEVEL_DESA: Tingkat.DUSUN, LEVEL_DESA + 1: Tingkat.RW, LEVEL_DESA + 2: Tingkat.RT}
NOMOR_MAKS = {Tingkat.DUSUN: 99, Tingkat.RW: 999, Tingkat.RT: 999}
_LEBAR = {Tingkat.DUSUN: 2, Tingkat.RW: 3, Tingkat.RT: 3}


def level_of(tingkat: str) -> int:
    return LEVEL[Tingkat(tingkat)]


def induk_of(kode: str) -> str:
    """The parent's code is the code minus its last segment ("" for a province)."""
    return kode.rpartition(".")[0]


def owner_of(kode: str, tingkat: str) -> str:
    """Who writes a region row: provinsi and kabupaten/kota own themselves; kecamatan and
    desa/kelurahan belong to their kabupaten (Kemendagri codes come from the regency's import);
    dusun, RW and RT belong to their desa, which creates and names them."""
    level = level_of(tingkat)
    parts = kode.split(".")
    if level <= 2:
        return kode
    if level <= LEVEL_DESA:
        return ".".join(parts[:2])
    return ".".join(parts[:4])


def kode_lingkungan(induk_kode: str, tingkat: str, nomor: int) -> str:
    return f"{induk_kode}.{nomor:0{_LEBAR[Tingkat(tingkat)]}d}"


_ROMAWI = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def romawi(n: int) -> str:
    out = []
    for value, numeral in _ROMAWI:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def nama_bawaan(tingkat: str, nomor: int) -> str:
    """The name villages usually give: "Dusun II", "RW 001", "RT 003"."""
    if tingkat == Tingkat.DUSUN:
        return f"Dusun {romawi(nomor)}"
    return f"{Tingkat(tingkat).label} {nomor:03d}"


def kode_kabupaten(kode: str) -> str:
    """"62.07.01.2005" -> "62.07": the regency a code belongs to."""
    return ".".join(kode.split(".")[:2])
