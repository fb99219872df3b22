"""Whether a stage is open: by its dates (WIB), unless the admin forced it open or closed."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import ModeTahap, TahapMusrenbang


@dataclass(frozen=True)
class StatusTahap:
    kode: str  # "belum", "buka", "tutup"
    label: str
    warna: str  # Bootstrap colour for the badge
    terbuka: bool


BELUM = StatusTahap("belum", "Belum dibuka", "secondary", False)
BUKA = StatusTahap("buka", "Sedang berlangsung", "success", True)
TUTUP = StatusTahap("tutup", "Ditutup", "dark", False)


def status_tahap(tahap: TahapMusrenbang, hari_ini: datetime.date | None = None) -> StatusTahap:
    if tahap.mode == ModeTahap.BUKA:
        return BUKA
    if tahap.mode == ModeTahap.TUTUP:
        return TUTUP
    hari_ini = hari_ini or timezone.localdate()
    if hari_ini < tahap.mulai:
        return BELUM
    return BUKA if hari_ini <= tahap.selesai else TUTUP


def wajib_terbuka(tahap: TahapMusrenbang) -> None:
    """Raise the Bahasa Indonesia error every write at a stage gives when the stage is not open."""
    from django.core.exceptions import ValidationError

    st = status_tahap(tahap)
    if not st.terbuka:
        raise ValidationError(
            f"Tahap {tahap.get_jenis_display()} {st.label.lower()} ({tahap.mulai:%d-%m-%Y} s.d. "
            f"{tahap.selesai:%d-%m-%Y}): perubahan tidak dapat disimpan."
        )
