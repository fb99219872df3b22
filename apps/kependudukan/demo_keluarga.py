"""Shapes of demo households: who lives together, their sex, birth date, relationship to the
head (SHDK) and marital status. Parents always come before their children in the list, so a
family cut short at the end of a village's quota still has each child's parents."""
from __future__ import annotations

import datetime
import random

from . import demo_data as D

L, P = 1, 2
# SHDK
KEPALA, SUAMI, ISTRI, ANAK, MENANTU, CUCU, ORANG_TUA, MERTUA, FAMILI, PEMBANTU, LAINNYA = range(1, 12)
# Status perkawinan
BELUM, KAWIN, CERAI_HIDUP, CERAI_MATI = 1, 2, 3, 4


class Orang:
    __slots__ = ("jk", "lahir", "shdk", "kawin", "ayah", "ibu", "id", "nik", "nama", "agama")

    def __init__(self, jk: int, lahir: datetime.date, shdk: int, kawin: int, ayah=None, ibu=None):
        self.jk, self.lahir, self.shdk, self.kawin, self.ayah, self.ibu = jk, lahir, shdk, kawin, ayah, ibu
        self.id = self.nik = self.nama = None
        self.agama = 1


def _lahir(acuan: datetime.date, umur: float) -> datetime.date:
    """A birth date `umur` years (fractional) before the reference date."""
    return acuan - datetime.timedelta(days=int(umur * 365.25))


def _jk_anak(rng: random.Random) -> int:
    return L if rng.random() < 0.515 else P


def _anak(rng, acuan, umur_ibu: float, ayah, ibu, *, maks: int | None = None) -> list[Orang]:
    """Children of a mother aged `umur_ibu`: first born at 18-27, then every 1.5-4.5 years until
    about 43. Grown children have mostly left home; a few unmarried ones stay."""
    n = maks if maks is not None else D.JUMLAH_ANAK.pilih(rng)
    usia_lahir = rng.uniform(18, 27)
    out = []
    for _ in range(n):
        if usia_lahir > 43 or usia_lahir >= umur_ibu:
            break
        umur = umur_ibu - usia_lahir
        if umur < 21 or (umur < 35 and rng.random() < 0.3):
            out.append(Orang(_jk_anak(rng), _lahir(acuan, umur), ANAK, BELUM, ayah, ibu))
        usia_lahir += rng.uniform(1.5, 4.5)
    out.sort(key=lambda o: o.lahir)
    return out


def _pasangan(rng, acuan, umur_kepala: float) -> tuple[Orang, Orang]:
    """Head and spouse. Most heads are the husband; a few wives head the card (SHDK 2 suami)."""
    selisih = max(-4.0, rng.gauss(3.5, 3.0))
    umur_istri = max(18.0, umur_kepala - selisih)
    if rng.random() < 0.03:
        istri = Orang(P, _lahir(acuan, umur_istri), KEPALA, KAWIN)
        suami = Orang(L, _lahir(acuan, umur_kepala), SUAMI, KAWIN)
        return istri, suami
    return (Orang(L, _lahir(acuan, umur_kepala), KEPALA, KAWIN),
            Orang(P, _lahir(acuan, umur_istri), ISTRI, KAWIN))


def _suami_istri(a: Orang, b: Orang) -> tuple[Orang, Orang]:
    return (a, b) if a.jk == L else (b, a)


def susun_keluarga(rng: random.Random, acuan: datetime.date) -> list[Orang]:
    """One household, head first."""
    jenis = D.RUMAH_TANGGA.pilih(rng)
    if jenis == "lajang":  # young single adults, many of them plantation workers (men)
        jk = L if rng.random() < 0.92 else P
        return [Orang(jk, _lahir(acuan, rng.uniform(19, 40)), KEPALA, BELUM)]
    if jenis == "lansia":  # an elderly person living alone, mostly a widow
        jk = P if rng.random() < 0.62 else L
        return [Orang(jk, _lahir(acuan, rng.uniform(58, 90)), KEPALA,
                      CERAI_MATI if rng.random() < 0.85 else CERAI_HIDUP)]
    if jenis == "tunggal":  # a single parent with children
        jk = P if rng.random() < 0.72 else L
        umur = rng.triangular(26, 62, 40)
        kepala = Orang(jk, _lahir(acuan, umur), KEPALA, CERAI_MATI if rng.random() < 0.55 else CERAI_HIDUP)
        ayah, ibu = (kepala, None) if jk == L else (None, kepala)
        umur_ibu = umur if jk == P else umur - rng.uniform(0, 6)
        return [kepala, *_anak(rng, acuan, umur_ibu, ayah, ibu)]
    if jenis == "pasangan":  # newly-weds or an older couple whose children have left
        umur = rng.uniform(20, 29) if rng.random() < 0.45 else rng.uniform(55, 82)
        return list(_pasangan(rng, acuan, umur))
    if jenis == "inti":
        umur = rng.triangular(22, 66, 34)
        kepala, pasangan = _pasangan(rng, acuan, umur)
        ayah, ibu = _suami_istri(kepala, pasangan)
        umur_ibu = (acuan - ibu.lahir).days / 365.25
        keluarga = [kepala, pasangan, *_anak(rng, acuan, umur_ibu, ayah, ibu)]
        if rng.random() < 0.17:  # a nephew or cousin, most often a young man working nearby
            jk = L if rng.random() < 0.9 else P
            keluarga.append(Orang(jk, _lahir(acuan, rng.uniform(12, 30)), FAMILI, BELUM))
        if rng.random() < 0.004:
            keluarga.append(Orang(P, _lahir(acuan, rng.uniform(20, 50)), PEMBANTU, BELUM))
        return keluarga
    return _besar(rng, acuan)


def _besar(rng, acuan) -> list[Orang]:
    """Three generations: a couple with a parent or in-law, or with a married child and
    grandchildren."""
    if rng.random() < 0.45:
        umur = rng.triangular(26, 55, 36)
        kepala, pasangan = _pasangan(rng, acuan, umur)
        ayah, ibu = _suami_istri(kepala, pasangan)
        umur_ibu = (acuan - ibu.lahir).days / 365.25
        anak = _anak(rng, acuan, umur_ibu, ayah, ibu)
        umur_tua = min(umur + rng.uniform(22, 32), 95)
        shdk_tua = ORANG_TUA if rng.random() < 0.55 else MERTUA
        tua = Orang(P if rng.random() < 0.7 else L, _lahir(acuan, umur_tua), shdk_tua, CERAI_MATI)
        return [kepala, pasangan, *anak, tua]
    umur = rng.triangular(46, 75, 55)
    kepala, pasangan = _pasangan(rng, acuan, umur)
    ayah, ibu = _suami_istri(kepala, pasangan)
    umur_ibu = (acuan - ibu.lahir).days / 365.25
    umur_nikah = rng.uniform(21, max(22.0, min(36.0, umur_ibu - 18)))
    anak_nikah = Orang(_jk_anak(rng), _lahir(acuan, umur_nikah), ANAK, KAWIN, ayah, ibu)
    menantu_jk = P if anak_nikah.jk == L else L
    menantu = Orang(menantu_jk, _lahir(acuan, max(18.0, umur_nikah + rng.uniform(-4, 4))), MENANTU, KAWIN)
    adik = [a for a in _anak(rng, acuan, umur_ibu, ayah, ibu, maks=3) if a.lahir > anak_nikah.lahir]
    ortu_cucu = _suami_istri(anak_nikah, menantu)
    umur_ibu_cucu = (acuan - ortu_cucu[1].lahir).days / 365.25
    cucu = _anak(rng, acuan, umur_ibu_cucu, *ortu_cucu, maks=rng.randint(1, 3))
    for c in cucu:
        c.shdk = CUCU
    return [kepala, pasangan, anak_nikah, menantu, *adik, *cucu]
