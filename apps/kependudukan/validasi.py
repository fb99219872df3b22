"""Checks on identity numbers and names that need no database: the structure of a NIK and a
No KK (Dukcapil), and the search form of a name. Used by the services, the forms, the API
and the demo generator, so one rule decides everywhere."""
from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError

# Province codes of Kepmendagri 300.2.2-2138/2025. A NIK keeps the code of the place of first
# registration for life, so every province is plausible, including the pre-2022 Papua codes
# (91, 92), which are still in the list.
KODE_PROVINSI = frozenset({
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52", "53",
    "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96",
})
PEREMPUAN = 2
_DIGITS16 = re.compile(r"^[0-9]{16}$")
_APOSTROPHES = str.maketrans("", "", "'`’‘")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalisasi_nama(nama: str) -> str:
    """Lowercase, accents stripped, punctuation as spaces, spaces collapsed: the form stored in
    `Penduduk.nama_cari` and applied to search input, so "MA'RUF  Amin" finds "Ma’ruf Amin"
    on SQLite and PostgreSQL alike without database-specific collations."""
    decomposed = unicodedata.normalize("NFKD", nama or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain.translate(_APOSTROPHES)).strip()


def desa_dari_kode(kode: str) -> str:
    """The desa/kelurahan (the owner) of a dusun/RW/RT code: its first four segments."""
    return ".".join(kode.split(".")[:4])


def kode_wilayah_nomor(nomor: str) -> str:
    """The region prefix of a NIK or No KK as a Kemendagri code: "620701..." -> "62.07.01"."""
    return f"{nomor[0:2]}.{nomor[2:4]}.{nomor[4:6]}"


def _periksa_awalan(nomor: str, field: str, label: str) -> None:
    if not _DIGITS16.match(nomor or ""):
        raise ValidationError({field: f"{label} harus terdiri dari 16 angka (sekarang {len(nomor or '')} karakter)."})
    if nomor[0:2] not in KODE_PROVINSI:
        raise ValidationError({field: f"{label} diawali kode provinsi {nomor[0:2]} yang tidak ada."})
    if nomor[2:4] == "00" or nomor[4:6] == "00":
        raise ValidationError({field: f"{label}: kode kabupaten/kota dan kecamatan (angka ke-3 s.d. 6) tidak boleh 00."})


def _tanggal_dari_nomor(dd: int, mm: int, yy: int) -> list[datetime.date]:
    """Every real date the DDMMYY part can stand for (the century is not encoded)."""
    out = []
    for century in (1900, 2000):
        try:
            out.append(datetime.date(century + yy, mm, dd))
        except ValueError:
            continue
    return out


def _label_kelamin(kode: int) -> str:
    return "perempuan" if kode == PEREMPUAN else "laki-laki"


def periksa_nik(
    nik: str, *, tanggal_lahir: datetime.date | None, jenis_kelamin: int | None, kode_wilayah: str | None = None
) -> list[str]:
    """Raise ValidationError for a NIK that cannot exist; return warnings for one that exists
    but disagrees with the record (Dukcapil does not reissue those, so they are accepted).

    Structure: province(2) kabupaten(2) kecamatan(2) of first registration, birth date DDMMYY
    with DD+40 for women, serial(4) from 0001."""
    nik = (nik or "").strip()
    _periksa_awalan(nik, "nik", "NIK")
    dd_raw, mm, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    perempuan = dd_raw > 40
    dd = dd_raw - 40 if perempuan else dd_raw
    if not (1 <= mm <= 12) or not _tanggal_dari_nomor(dd, mm, yy):
        raise ValidationError({"nik": f"NIK: bagian tanggal lahir {nik[6:12]} (angka ke-7 s.d. 12) bukan tanggal yang ada. "
                                      "Untuk perempuan tanggal ditambah 40."})
    if nik[12:16] == "0000":
        raise ValidationError({"nik": "NIK: nomor urut (4 angka terakhir) dimulai dari 0001, tidak boleh 0000."})

    peringatan = []
    if tanggal_lahir and (dd, mm, yy) != (tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100):
        peringatan.append(
            f"Tanggal pada NIK ({dd:02d}-{mm:02d}-{yy:02d}) berbeda dengan tanggal lahir "
            f"({tanggal_lahir:%d-%m-%y}). Periksa kembali; bila memang demikian di KTP/KK, lanjutkan."
        )
    if jenis_kelamin in (1, 2) and perempuan != (jenis_kelamin == PEREMPUAN):
        peringatan.append(
            f"NIK menandakan {_label_kelamin(2 if perempuan else 1)} (tanggal {'lebih' if perempuan else 'kurang'} "
            f"dari 40), tetapi jenis kelamin diisi {_label_kelamin(jenis_kelamin)}."
        )
    if kode_wilayah and not kode_wilayah.startswith(nik[0:2] + "." + nik[2:4]):
        peringatan.append(
            f"NIK terdaftar pertama di wilayah {kode_wilayah_nomor(nik)}, di luar kabupaten ini. "
            "Wajar untuk pendatang; periksa bila penduduk lahir di sini."
        )
    return peringatan


def periksa_no_kk(no_kk: str) -> None:
    """No KK: 16 digits led by the region (province, kabupaten, kecamatan) that issued it."""
    _periksa_awalan((no_kk or "").strip(), "no_kk", "No. KK")


def periksa_nik_sementara(nik: str, kode_desa: str | None = None) -> None:
    """A number the village assigns to a resident without a NIK yet. It starts with 0, which no
    real NIK does (no province code begins with 0), so the two can never collide. With
    `kode_desa`, the number must carry that village's code (0 + 10 digits + serial): a village
    only writes numbers from its own series, so no one can use up another village's series."""
    if not _DIGITS16.match(nik or "") or not nik.startswith("0"):
        raise ValidationError({"nik": "NIK sementara harus 16 angka dan diawali 0 agar tidak tertukar dengan NIK asli."})
    if kode_desa:
        awalan = "0" + kode_desa.replace(".", "")[:10].ljust(10, "0")
        if not nik.startswith(awalan):
            raise ValidationError({"nik": f"NIK sementara desa ini diawali {awalan} (0 dan kode desa), lalu 5 angka "
                                          "urut. Kosongkan NIK agar sistem membuatkan nomor berikutnya."})


def nik_rentang(awalan: str) -> tuple[str, str] | None:
    """The [low, high] range of 16-digit numbers starting with `awalan`: a prefix search both
    databases answer from the plain unique index, whatever their text collation."""
    if not (awalan.isascii() and awalan.isdigit()) or not 1 <= len(awalan) <= 16:
        return None
    return awalan.ljust(16, "0"), awalan.ljust(16, "9")
