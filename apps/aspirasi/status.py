"""The states of an aspiration as data (FixMyStreet style): each has a label, a Bootstrap
colour and a type, open or closed. Dashboards count by type, never by a list of codes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    kode: str
    label: str
    warna: str
    terbuka: bool


DAFTAR = (
    Status("diterima", "Diterima", "secondary", True),
    Status("diverifikasi", "Diverifikasi", "info", True),
    Status("diteruskan", "Diteruskan ke unit", "primary", True),
    Status("diproses", "Sedang ditindaklanjuti", "primary", True),
    Status("ditunda", "Ditunda", "warning", True),
    Status("dibuka_kembali", "Dibuka kembali", "warning", True),
    Status("selesai", "Selesai", "success", False),
    Status("ditolak", "Ditolak", "danger", False),
    Status("bukan_kewenangan", "Bukan kewenangan", "dark", False),
    Status("digabung", "Digabung (duplikat)", "secondary", False),
)
STATUS = {s.kode: s for s in DAFTAR}
KODE_TERBUKA = tuple(s.kode for s in DAFTAR if s.terbuka)
KODE_TERTUTUP = tuple(s.kode for s in DAFTAR if not s.terbuka)
PILIHAN = [(s.kode, s.label) for s in DAFTAR]


def status(kode: str) -> Status:
    return STATUS.get(kode) or Status(kode, kode, "secondary", True)


def terbuka(kode: str) -> bool:
    return status(kode).terbuka
