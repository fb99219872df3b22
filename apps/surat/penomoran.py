"""Letter numbers: the format of an office (per letter type or its default), and the gapless
counter per office, series and year.

The counter row is bumped with one `UPDATE ... SET terakhir = terakhir + 1` inside the
caller's transaction and read back. On PostgreSQL the row lock that UPDATE takes holds every
other issuer of the same series until the transaction ends; on SQLite the write transaction
does the same. So two letters never share a number, and a failed signing rolls the bump back
with everything else: no gaps."""
from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from .models import FormatNomor, JenisSurat, NomorUrut

FORMAT_BAWAAN = "[kode]/[nomor]/[kode_desa]/[bulan_romawi]/[tahun]"
TOKEN = {
    "kode": "Kode klasifikasi jenis surat, mis. 470",
    "nomor": "Nomor urut dalam seri dan tahun, mis. 007",
    "kode_desa": "Kode wilayah desa/kelurahan, mis. 62.07.01.2005",
    "kode_unit": "Kode atau singkatan unit kerja penerbit",
    "bulan_romawi": "Bulan dalam angka Romawi, mis. XI",
    "bulan": "Bulan dua angka, mis. 11",
    "tahun": "Tahun empat angka, mis. 2026",
}
_POLA = re.compile(r"\[([^\[\]]*)\]")
ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def periksa_format(teks: str) -> str:
    """A number format as stored; an unknown token or one without [nomor] is a ValidationError
    naming the token and the known ones."""
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"format": "Format nomor wajib diisi."})
    asing = [t for t in _POLA.findall(teks) if t not in TOKEN]
    if asing:
        raise ValidationError({"format": f"Token tidak dikenal: {', '.join('[' + t + ']' for t in asing)}. "
                                         f"Token yang bisa dipakai: {' '.join('[' + t + ']' for t in TOKEN)}."})
    if "[nomor]" not in teks:
        raise ValidationError({"format": "Format nomor harus memuat [nomor] (nomor urut)."})
    if teks.count("[") != teks.count("]"):
        raise ValidationError({"format": "Kurung siku tidak berpasangan."})
    return teks


def format_untuk(owner_id: str, jenis: JenisSurat | None) -> FormatNomor:
    """The office's format for this type, else its default, else the village style (unsaved)."""
    q = Q(jenis__isnull=True) | Q(jenis=jenis) if jenis else Q(jenis__isnull=True)
    pilihan = {f.jenis_id: f for f in FormatNomor.objects.filter(q, owner_id=owner_id)}
    return pilihan.get(jenis.pk if jenis else None) or pilihan.get(None) or FormatNomor(
        owner_id=owner_id, format=FORMAT_BAWAAN, seri="umum", digit=3)


def _kode_unit(owner_id: str) -> str:
    from apps.wilayah.models import UnitKerja

    unit = (UnitKerja.objects.filter(wilayah_id=owner_id, jenis__in=("pemdes", "kelurahan", "kecamatan"), aktif=True)
            .order_by("jenis", "kode").values("singkatan", "kode").first())
    return (unit["singkatan"] or unit["kode"]) if unit else owner_id


def susun(fmt: str, *, kode: str, nomor: int, digit: int, owner_id: str, tanggal: datetime.date) -> str:
    """The number text for a format. Tokens are replaced once, left to right."""
    nilai = {
        "kode": kode, "nomor": str(nomor).zfill(digit), "kode_desa": owner_id, "bulan_romawi": ROMAWI[tanggal.month - 1],
        "bulan": f"{tanggal.month:02d}", "tahun": str(tanggal.year),
    }
    if "[kode_unit]" in fmt:
        nilai["kode_unit"] = _kode_unit(owner_id)
    return _POLA.sub(lambda m: nilai.get(m.group(1), m.group(0)), fmt)


def contoh(fmt: str, *, owner_id: str, kode: str = "470", digit: int = 3,
           tanggal: datetime.date | None = None) -> str:
    """A live example for the format editor (never touches a counter)."""
    return susun(periksa_format(fmt), kode=kode, nomor=7, digit=digit, owner_id=owner_id,
                 tanggal=tanggal or datetime.date.today())


def _naikkan(owner_id: str, seri: str, tahun: int) -> int:
    """+1 on the series' counter, creating the row on the year's first letter; the new value."""
    qs = NomorUrut.objects.filter(owner_id=owner_id, seri=seri, tahun=tahun)
    if not qs.update(terakhir=F("terakhir") + 1):
        try:
            with transaction.atomic():
                NomorUrut.objects.create(owner_id=owner_id, seri=seri, tahun=tahun, terakhir=1)
            return 1
        except IntegrityError:
            # Another issuer created it between our UPDATE and INSERT: bump theirs.
            qs.update(terakhir=F("terakhir") + 1)
    return qs.values_list("terakhir", flat=True).get()


def ambil_nomor(*, owner_id: str, jenis: JenisSurat, tanggal: datetime.date) -> tuple[str, str, int, int]:
    """The next number of the office's series for this type: (text, seri, tahun, nomor urut).
    Must run inside the transaction that issues the letter."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ambil_nomor harus dipanggil di dalam transaksi penerbitan surat.")
    fmt = format_untuk(owner_id, jenis)
    urut = _naikkan(owner_id, fmt.seri, tanggal.year)
    teks = susun(fmt.format, kode=jenis.kode_klasifikasi, nomor=urut, digit=fmt.digit, owner_id=owner_id,
                 tanggal=tanggal)
    return teks, fmt.seri, tanggal.year, urut
