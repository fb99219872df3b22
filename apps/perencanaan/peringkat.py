"""The ranking of proposals at a stage: one pure function, no database (tests and benches call
it directly; the services feed it rows and store what it returns in `RevisiUsulan`).

Score = sum(bobot_k * nilai_k) / sum(bobot_k) over the stage's criteria, so a score is on the
same 1-5 scale whatever the weights. Ties are broken by more supports, then lower cost, then
earlier submission (the stable input order). Manual overrides put an item at a fixed rank with
a written reason; the others fill the remaining places in computed order. Walking the ranked
list, an item fits the ceiling (pagu indikatif) while the running total of costs stays within
it; an item that does not fit is skipped (the next, cheaper ones may still fit) and says why.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Kriteria:
    kode: str
    bobot: Decimal


@dataclass(frozen=True)
class Butir:
    id: object
    biaya: Decimal
    nilai: dict = field(default_factory=dict)  # kode kriteria -> 1..5
    dukungan: int = 0
    peringkat_manual: int | None = None
    alasan_manual: str = ""


@dataclass(frozen=True)
class Hasil:
    id: object
    skor: Decimal
    peringkat: int
    masuk_pagu: bool
    kumulatif: Decimal  # running total of the costs of items that fit, up to and including this one
    alasan: str  # why it fits or not, in Bahasa Indonesia
    manual: bool


SERATUS = Decimal("0.01")


def skor(nilai: dict, kriteria: list[Kriteria]) -> Decimal:
    total_bobot = sum((k.bobot for k in kriteria), Decimal(0))
    if not kriteria or total_bobot <= 0:
        return Decimal(0)
    jumlah = sum((k.bobot * Decimal(int(nilai.get(k.kode) or 0)) for k in kriteria), Decimal(0))
    return (jumlah / total_bobot).quantize(SERATUS, rounding=ROUND_HALF_UP)


def rupiah(n: Decimal) -> str:
    return "Rp" + f"{int(n):,}".replace(",", ".")


def hitung(butir: list[Butir], kriteria: list[Kriteria], pagu: Decimal | None) -> list[Hasil]:
    """Rank `butir`; `pagu` None or 0 means no ceiling. Returns results in rank order."""
    skor_per = {b.id: skor(b.nilai, kriteria) for b in butir}
    urutan_masuk = {b.id: i for i, b in enumerate(butir)}
    otomatis = sorted(
        (b for b in butir if not b.peringkat_manual),
        key=lambda b: (-skor_per[b.id], -b.dukungan, b.biaya, urutan_masuk[b.id]),
    )
    manual = sorted((b for b in butir if b.peringkat_manual), key=lambda b: (b.peringkat_manual, urutan_masuk[b.id]))
    n = len(butir)
    tempat: list = [None] * n
    # Overrides in (rank, input) order: each at its rank, below the previous override when two
    # ask for one rank (the later one goes below), never so low that the overrides after it
    # would run out of places (they never wrap round to the top).
    sebelum = -1
    for j, b in enumerate(manual):
        i = min(max(b.peringkat_manual - 1, sebelum + 1), n - len(manual) + j)
        tempat[i] = b
        sebelum = i
    sisa = iter(otomatis)
    for i in range(n):
        if tempat[i] is None:
            tempat[i] = next(sisa)

    batas = pagu if pagu and pagu > 0 else None
    kumulatif = Decimal(0)
    hasil = []
    for i, b in enumerate(tempat, start=1):
        if batas is None:
            kumulatif += b.biaya
            masuk, alasan = True, "Tidak ada pagu indikatif: semua usulan diteruskan menurut peringkat."
        elif kumulatif + b.biaya <= batas:
            kumulatif += b.biaya
            masuk = True
            alasan = f"Masuk pagu: jumlah s.d. usulan ini {rupiah(kumulatif)} dari pagu {rupiah(batas)}."
        else:
            masuk = False
            alasan = (f"Melebihi pagu: biaya {rupiah(b.biaya)} ditambah {rupiah(kumulatif)} usulan di atasnya "
                      f"melampaui pagu {rupiah(batas)} (sisa {rupiah(batas - kumulatif)}).")
        if b.peringkat_manual:
            alasan += f" Peringkat ditetapkan manual: {b.alasan_manual}"
        hasil.append(Hasil(id=b.id, skor=skor_per[b.id], peringkat=i, masuk_pagu=masuk, kumulatif=kumulatif,
                           alasan=alasan, manual=bool(b.peringkat_manual)))
    return hasil
