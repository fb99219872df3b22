"""Numbers of the e-office (decision 0012): a unit's outgoing series
`[kode klasifikasi]/[nomor]/[kode unit]` and its incoming agenda numbers, gapless per unit and
year. Like the village letters (decision 0011), the counter row is bumped with one
`UPDATE ... SET terakhir = terakhir + 1` inside the caller's transaction: concurrent issuers of
the same unit queue on that row, and a rollback gives the number back."""
from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import SeriNomor

FORMAT_KELUAR = "[kode]/[nomor]/[kode_unit]"
DIGIT = 3


def _naikkan(unit_id, seri: str, tahun: int, *, jumlah: int = 1) -> int:
    """Reserve `jumlah` numbers of the series; returns the last one reserved."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Nomor hanya boleh diambil di dalam transaksi yang memakainya.")
    qs = SeriNomor.objects.filter(unit_id=unit_id, seri=seri, tahun=tahun)
    if not qs.update(terakhir=F("terakhir") + jumlah):
        from apps.wilayah.models import UnitKerja

        owner = UnitKerja.objects.filter(pk=unit_id).values_list("wilayah_id", flat=True).get()
        try:
            with transaction.atomic():
                SeriNomor.objects.create(unit_id=unit_id, seri=seri, tahun=tahun, terakhir=jumlah, owner_id=owner)
            return jumlah
        except IntegrityError:
            qs.update(terakhir=F("terakhir") + jumlah)  # created by a concurrent issuer meanwhile
    return qs.values_list("terakhir", flat=True).get()


def kode_unit(unit) -> str:
    """The unit's short code in a number: its abbreviation when it is one word ("BAPPEDA"),
    else the first word and the initials of the rest ("Kec. Seruyan Hilir" -> "Kec.SH",
    "Pemdes Pematang Limau" -> "Pemdes.PL"), else the unit code."""
    kata = (unit.singkatan or "").split()
    if not kata:
        return unit.kode
    if len(kata) == 1:
        return kata[0]
    # A word already in capitals ("SH" in "Kec. SH") is kept whole; others give their initial.
    return kata[0].rstrip(".") + "." + "".join(k if k.isupper() else k[0].upper() for k in kata[1:] if k[:1].isalnum())


def nomor_keluar(*, unit, kode_klasifikasi: str, tanggal: datetime.date) -> tuple[str, str, int, int]:
    """The unit's next outgoing number: (text, seri, tahun, nomor urut), e.g. 005/007/KEC-SH."""
    urut = _naikkan(unit.pk, SeriNomor.KELUAR, tanggal.year)
    teks = FORMAT_KELUAR.replace("[kode]", kode_klasifikasi).replace("[nomor]", str(urut).zfill(DIGIT)).replace(
        "[kode_unit]", kode_unit(unit))
    return teks, SeriNomor.KELUAR, tanggal.year, urut


def nomor_agenda(*, unit_id, tahun: int, jumlah: int = 1) -> int:
    """The first of `jumlah` consecutive incoming agenda numbers of a unit for the year."""
    return _naikkan(unit_id, SeriNomor.MASUK, tahun, jumlah=jumlah) - jumlah + 1


def nomor_agenda_banyak(*, unit_ids, tahun: int) -> dict:
    """One agenda number for each of many units (sending to every village): one UPDATE for the
    existing counters, one SELECT, and one INSERT for units receiving their first letter of
    the year, instead of a round trip per unit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Nomor hanya boleh diambil di dalam transaksi yang memakainya.")
    ids = list(dict.fromkeys(unit_ids))
    qs = SeriNomor.objects.filter(seri=SeriNomor.MASUK, tahun=tahun, unit_id__in=ids)
    qs.update(terakhir=F("terakhir") + 1)
    hasil = dict(qs.values_list("unit_id", "terakhir"))
    baru = [u for u in ids if u not in hasil]
    if baru:
        from apps.wilayah.models import UnitKerja

        owners = dict(UnitKerja.objects.filter(pk__in=baru).values_list("pk", "wilayah_id"))
        try:
            with transaction.atomic():
                SeriNomor.objects.bulk_create([SeriNomor(unit_id=u, seri=SeriNomor.MASUK, tahun=tahun, terakhir=1,
                                                         owner_id=owners[u]) for u in baru])
            hasil.update(dict.fromkeys(baru, 1))
        except IntegrityError:  # a concurrent first letter: fall back to one unit at a time
            for u in baru:
                hasil[u] = nomor_agenda(unit_id=u, tahun=tahun)
    return hasil
