"""Dusun, RW and RT: the local units a village creates, names and removes itself.

Official codes stop at the desa; below it the village numbers its own units (dusun `.NN`,
RW `.NNN`, RT `.NNN`). A code, once made, never changes: residents and letters refer to it.
"""
from __future__ import annotations

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from apps.akun.scope import ensure_allowed

from ..kode import ANAK_LOKAL, NOMOR_MAKS, kode_lingkungan, level_of, nama_bawaan, owner_of
from ..models import LEVEL_DESA, Tingkat, Wilayah
from ._simpan import insert, update

_NAMA_MAKS = Wilayah._meta.get_field("nama").max_length
_DI_BAWAH = {Tingkat.DUSUN: "desa/kelurahan", Tingkat.RW: "dusun", Tingkat.RT: "RW"}


def tingkat_anak(induk: Wilayah) -> str | None:
    """Which local unit may be created under `induk` (None: none may)."""
    return ANAK_LOKAL.get(induk.level)


def _siblings(induk: Wilayah, tingkat: str):
    # RW are numbered across the whole village (RW 001, 002 ... over all dusun); dusun and RT
    # under their own parent.
    if tingkat == Tingkat.RW:
        return Wilayah.objects.filter(owner_id=owner_of(induk.kode, induk.tingkat), tingkat=Tingkat.RW)
    return Wilayah.objects.filter(induk_id=induk.kode)


def nomor_berikut(induk: Wilayah) -> int:
    """The next free number under `induk` (for prefilling forms)."""
    tingkat = tingkat_anak(induk)
    if tingkat is None:
        return 1
    used = {int(k.rsplit(".", 1)[1]) for k in _siblings(induk, tingkat).values_list("kode", flat=True)}
    return next(n for n in range(1, len(used) + 2) if n not in used)


def _clean_nama(nama: str) -> str:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError({"nama": "Nama tidak boleh kosong."})
    if len(nama) > _NAMA_MAKS:
        raise ValidationError({"nama": f"Nama terlalu panjang (paling banyak {_NAMA_MAKS} karakter)."})
    return nama


def create_lingkungan(*, user, induk: Wilayah, tingkat: str, nomor: int, nama: str) -> Wilayah:
    """Create a dusun under a desa/kelurahan, an RW under a dusun or an RT under an RW."""
    if tingkat not in _DI_BAWAH:
        raise ValidationError({"tingkat": "Tingkat harus dusun, RW atau RT."})
    expected = tingkat_anak(induk)
    if expected != tingkat:
        label = Tingkat(tingkat).label
        raise ValidationError({"tingkat": f"{label} hanya dapat dibuat di bawah {_DI_BAWAH[tingkat]}, "
                                          f"bukan di bawah {induk.get_tingkat_display().lower()} {induk.nama}."})
    maks = NOMOR_MAKS[tingkat]
    if not isinstance(nomor, int) or isinstance(nomor, bool) or not 1 <= nomor <= maks:
        raise ValidationError({"nomor": f"Nomor {Tingkat(tingkat).label} harus antara 1 dan {maks}."})
    nama = _clean_nama(nama)
    kode = kode_lingkungan(induk.kode, tingkat, nomor)
    duplikat = ValidationError({"nomor": f"Nomor {nomor} sudah dipakai di {induk.nama} (kode {kode})."})
    if Wilayah.objects.filter(kode=kode).exists():
        raise duplikat
    if tingkat == Tingkat.RW:
        other = _siblings(induk, tingkat).filter(kode__endswith=kode[-4:]).select_related("induk").first()
        if other is not None:
            raise ValidationError({"nomor": f"RW {nomor:03d} sudah ada di desa ini ({other.induk.nama}); "
                                            "nomor RW berlaku untuk seluruh desa."})
    obj = Wilayah(kode=kode, nama=nama, tingkat=tingkat, level=level_of(tingkat), induk_id=induk.kode,
                  owner_id=owner_of(kode, tingkat))
    try:
        return insert(obj, user)
    except IntegrityError:  # another operator took the number a moment ago
        raise duplikat from None


def update_lingkungan(*, user, wilayah: Wilayah, nama: str) -> Wilayah:
    """Rename a dusun/RW/RT. Its code stays: residents and letters refer to it."""
    if not wilayah.is_local:
        raise ValidationError("Nama wilayah resmi (desa ke atas) hanya berubah melalui impor kode Kemendagri.")
    nama = _clean_nama(nama)
    if nama == wilayah.nama:
        return wilayah
    wilayah.nama = nama
    return update(wilayah, user, ["nama"])


def delete_lingkungan(*, user, wilayah: Wilayah) -> None:
    """Remove a dusun/RW/RT that nothing refers to any more."""
    if not wilayah.is_local:
        raise ValidationError("Wilayah resmi (desa ke atas) tidak dapat dihapus dari aplikasi.")
    label = str(wilayah)
    with transaction.atomic():
        ensure_allowed(user, "delete", wilayah)  # before: afterwards there is nothing to check
        anak = Wilayah.objects.filter(induk_id=wilayah.kode).count()
        if anak:
            turunan = Tingkat(ANAK_LOKAL[wilayah.level]).label
            raise ValidationError(f"{label} tidak dapat dihapus: masih ada {anak} {turunan} di bawahnya. "
                                  f"Hapus atau pindahkan dulu {turunan} tersebut.")
        try:
            with transaction.atomic():
                wilayah.delete()
        except ProtectedError as exc:
            jenis = sorted({o._meta.verbose_name for o in exc.protected_objects})
            raise ValidationError(
                f"{label} tidak dapat dihapus: masih dipakai oleh {len(exc.protected_objects)} data "
                f"({', '.join(str(j) for j in jenis)}). Pindahkan data tersebut ke wilayah lain lebih dulu."
            ) from None
        except IntegrityError:  # a reference guarded only by the database constraint
            raise ValidationError(f"{label} tidak dapat dihapus: masih dirujuk oleh data lain.") from None


def generate_demo_lingkungan(*, desa_kode: str, rng: random.Random) -> list[Wilayah]:
    """A plausible set of dusun, RW and RT for a demo village: 1-2 dusun, one RW per dusun,
    3-4 RT per RW (Seruyan has about 118 RW and 543 RT over 100 villages). Deterministic for
    a given `rng`; a village that already has dusun is left as it is (returns [])."""
    desa = Wilayah.objects.get(kode=desa_kode)
    if desa.level != LEVEL_DESA:
        raise ValidationError(f"{desa_kode} bukan desa/kelurahan.")
    if Wilayah.objects.filter(induk_id=desa.kode).exists():
        return []
    rows: list[Wilayah] = []

    def add(induk_kode: str, tingkat: str, nomor: int) -> str:
        kode = kode_lingkungan(induk_kode, tingkat, nomor)
        rows.append(Wilayah(kode=kode, nama=nama_bawaan(tingkat, nomor), tingkat=tingkat, level=level_of(tingkat),
                            induk_id=induk_kode, owner_id=owner_of(kode, tingkat)))
        return kode

    for d in range(1, rng.randint(1, 2) + 1):
        dusun = add(desa.kode, Tingkat.DUSUN, d)
        rw = add(dusun, Tingkat.RW, d)  # one RW per dusun, numbered across the village
        for t in range(1, rng.randint(3, 4) + 1):
            add(rw, Tingkat.RT, t)
    return Wilayah.objects.bulk_create(rows)
