"""Import of residents and families from a spreadsheet: OpenSID's format (sheet "Data
Penduduk", 43 columns, codes) and the SIAK layout (labels instead of codes).

1. The file is checked before it is read: size, signature (zip: xlsx/xlsm; OLE2: xls), then a
   sheet with known headers. Anything else is one clear message and nothing changes.
2. Every row is validated without the database (NIK and No KK structure, dates, codes,
   required fields); a bad row is reported with its row number (header = row 1), column and
   reason, and left out. Good rows go on.
3. Rows are written in batches cut at family boundaries (a family is never split across
   transactions), each batch one transaction through the journaled bulk paths. Inside a batch
   the rows meet the database: a NIK of another village is a row error (that does not say
   which village), an existing NIK of this village is updated except status dasar,
   family/SHDK and address (events change those: the report says so), missing dusun/RW/RT
   are created. Values are compared before writing, so importing the same file again writes
   nothing and journals nothing; a killed import leaves whole batches only and re-running it
   finishes the job.
"""
from __future__ import annotations

import datetime
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.base import ModelState
from django.utils import timezone

from apps.akun.scope import covers, ensure_allowed
from apps.sinkron import journal
from apps.wilayah.models import LEVEL_DESA, Tingkat, Wilayah, subtree_q
from apps.wilayah.services.lingkungan import create_lingkungan, nomor_berikut

from .cetak import aman_csv, aman_xlsx
from .models import Keluarga, Penduduk
from .validasi import normalisasi_nama, periksa_nik, periksa_nik_sementara, periksa_no_kk

BATAS_UKURAN = 20 * 1024 * 1024  # bytes
UKURAN_BATCH = 2000  # rows per transaction (at least; a family is never split)
CHUNK = 900  # ids per IN (...) query
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAKS_PRESISI = 2**53  # a 16-digit number stored as a spreadsheet number beyond this lost digits

OPENSID, SIAK = "opensid", "siak"
NAMA_FORMAT = {OPENSID: "OpenSID", SIAK: "SIAK"}


class BerkasDitolak(Exception):
    """The whole file is refused (not a spreadsheet, empty, unknown headers, too big)."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


# ---------------------------------------------------------------- column layouts

# (header, model field or role, kind). Kinds: teks, nama, nik, nik_ortu, no_kk, tanggal, kode,
# label, desimal, dusun, rw, rt, abaikan.
KOLOM_OPENSID: list[tuple[str, str, str]] = [
    ("alamat", "alamat", "teks"), ("dusun", "dusun", "dusun"), ("rw", "rw", "rw"), ("rt", "rt", "rt"),
    ("nama", "nama", "nama"), ("no_kk", "no_kk", "no_kk"), ("nik", "nik", "nik"), ("sex", "jenis_kelamin", "kode"),
    ("tempatlahir", "tempat_lahir", "teks"), ("tanggallahir", "tanggal_lahir", "tanggal"),
    ("agama_id", "agama", "kode"), ("pendidikan_kk_id", "pendidikan_kk", "kode"),
    ("pendidikan_sedang_id", "pendidikan_sedang", "kode"), ("pekerjaan_id", "pekerjaan", "kode"),
    ("status_kawin", "status_perkawinan", "kode"), ("kk_level", "shdk", "kode"),
    ("warganegara_id", "warganegara", "kode"), ("ayah_nik", "nik_ayah", "nik_ortu"), ("nama_ayah", "nama_ayah", "teks"),
    ("ibu_nik", "nik_ibu", "nik_ortu"), ("nama_ibu", "nama_ibu", "teks"),
    ("golongan_darah_id", "golongan_darah", "kode"), ("akta_lahir", "no_akta_lahir", "teks"),
    ("dokumen_pasport", "no_paspor", "teks"), ("tanggal_akhir_paspor", "tanggal_akhir_paspor", "tanggal"),
    ("dokumen_kitas", "no_kitas", "teks"), ("akta_perkawinan", "akta_perkawinan", "teks"),
    ("tanggalperkawinan", "tanggal_perkawinan", "tanggal"), ("akta_perceraian", "akta_perceraian", "teks"),
    ("tanggalperceraian", "tanggal_perceraian", "tanggal"), ("cacat_id", "cacat", "kode"),
    ("cara_kb_id", "cara_kb", "kode"), ("hamil", "hamil", "kode"), ("ktp_el", "ktp_el", "kode"),
    ("status_rekam", "status_rekam", "kode"), ("alamat_sekarang", "alamat_sekarang", "teks"),
    ("status_dasar", "status_dasar", "kode"), ("suku", "suku", "teks"), ("tag_id_card", "tag_id_card", "teks"),
    ("id_asuransi", "asuransi", "kode"), ("no_asuransi", "no_asuransi", "teks"), ("lat", "lat", "desimal"),
    ("lng", "lng", "desimal"),
]
WAJIB_OPENSID = ("nama", "nik", "sex", "tanggallahir", "agama_id", "status_kawin", "no_kk", "kk_level", "dusun", "rw", "rt")

KOLOM_SIAK: list[tuple[str, str, str]] = [
    ("Nomor KK", "no_kk", "no_kk"), ("NIK", "nik", "nik"), ("Nama Penduduk", "nama", "nama"),
    ("Status", "status_dasar", "label"), ("Tempat Lahir", "tempat_lahir", "teks"),
    ("Tanggal Lahir", "tanggal_lahir", "tanggal"), ("Kelamin", "jenis_kelamin", "label"),
    ("NIK Ayah", "nik_ayah", "nik_ortu"), ("Ayah", "nama_ayah", "teks"), ("NIK Ibu", "nik_ibu", "nik_ortu"),
    ("Ibu", "nama_ibu", "teks"), ("Status Kawin", "status_perkawinan", "label"), ("SHDK", "shdk", "label"),
    ("Agama", "agama", "label"), ("Kecamatan", "", "abaikan"), ("Desa/Kel", "", "abaikan"),
    ("Alamat", "alamat", "teks"), ("RW", "rw", "rw"), ("RT", "rt", "rt"), ("Pendidikan", "pendidikan_kk", "label"),
    ("Pekerjaan", "pekerjaan", "label"), ("Deskripsi Pekerjaan", "", "abaikan"),
    ("Gol. Darah", "golongan_darah", "label"), ("Cacat", "cacat", "label"), ("Cetak KTP", "", "abaikan"),
    ("Ganti KTP", "", "abaikan"), ("KTP Berakhir", "", "abaikan"), ("Nomor Paspor", "no_paspor", "teks"),
    ("Nomor Akta Lahir", "no_akta_lahir", "teks"), ("Nomor Akta Kawin", "akta_perkawinan", "teks"),
    ("Tanggal Kwn", "tanggal_perkawinan", "tanggal"), ("Nomor Akta Cerai", "akta_perceraian", "teks"),
    ("Tgl Cerai", "tanggal_perceraian", "tanggal"), ("Petugas Registrasi", "", "abaikan"),
    ("Tgl Ubah", "", "abaikan"), ("Petugas Entri", "", "abaikan"), ("Tgl Entri", "", "abaikan"),
]
WAJIB_SIAK = ("Nomor KK", "NIK", "Nama Penduduk", "Tanggal Lahir", "Kelamin", "Status Kawin", "SHDK", "Agama",
              "Alamat", "RW", "RT")

TATA_LETAK = {OPENSID: (KOLOM_OPENSID, WAJIB_OPENSID), SIAK: (KOLOM_SIAK, WAJIB_SIAK)}
WAJIB_ISI = {"nama": "Nama", "nik": "NIK", "jenis_kelamin": "Jenis kelamin", "tanggal_lahir": "Tanggal lahir",
             "agama": "Agama", "status_perkawinan": "Status perkawinan"}
# Only events change these of an existing resident (OpenSID refuses them through import too).
DILINDUNGI = ("status_dasar", "keluarga", "shdk", "alamat", "wilayah")
KEPALA_KELUARGA = 1


def _kunci_label(teks: str) -> str:
    return re.sub(r"[\s.]+", "", str(teks)).casefold()


def _kunci_header(teks: Any) -> str:
    return " ".join(str(teks if teks is not None else "").split()).casefold()


_FIELD = {f.name: f for f in Penduduk._meta.concrete_fields}
KODE_SAH: dict[str, dict[int, str]] = {
    name: dict(f.choices) for name, f in _FIELD.items() if f.choices and f.get_internal_type() != "BooleanField"
}
# SIAK writes labels; a few differ from the code lists beyond case and spaces.
_ALIAS_LABEL: dict[str, dict[str, int]] = {
    "golongan_darah": {"tdkth": 13, "tidaktahu": 13, "-": 13},
    "status_dasar": {"pindahdalamnegeri": 3, "pindahluarnegeri": 3, "meninggal": 2, "tidakvalid": 9},
    "agama": {"katolik": 3, "buddha": 5, "budha": 5, "konghucu": 6, "khonghucu": 6, "kepercayaan": 7,
              "kepercayaanterhadaptuhanyme": 7, "lainnya": 7},
    "jenis_kelamin": {"laki-laki": 1, "lakilaki": 1, "l": 1, "perempuan": 2, "p": 2},
    "shdk": {"orangtua": 7, "famililain": 9},
    "status_perkawinan": {"belumkawin": 1, "kawin": 2, "ceraihidup": 3, "ceraimati": 4},
    "cacat": {"tidakcacat": 7, "tidakada": 7},
}
LABEL_KE_KODE: dict[str, dict[str, int]] = {
    name: {**{_kunci_label(label): k for k, label in pilihan.items()}, **_ALIAS_LABEL.get(name, {})}
    for name, pilihan in KODE_SAH.items()
}
_PANJANG = {name: f.max_length for name, f in _FIELD.items() if getattr(f, "max_length", None)}


# ---------------------------------------------------------------- reading the file

@dataclass
class Lembar:
    format: str
    header: list[str]
    baris: list[tuple[int, list]]  # (row number as in the spreadsheet, cells)
    kolom: list[tuple[int, str, str, str]]  # (cell index, header as written, field, kind)

    def __post_init__(self):
        self.judul = {name: judul for _, judul, name, _ in self.kolom}
        self.pengubah = [(idx, judul, name, _pengubah(kind, name, judul)) for idx, judul, name, kind in self.kolom]


def periksa_ukuran(ukuran: int | None) -> None:
    """Checked before the file is read."""
    if ukuran is not None and ukuran > BATAS_UKURAN:
        raise BerkasDitolak(f"Berkas terlalu besar ({ukuran / 1024 / 1024:.1f} MB); batasnya "
                            f"{BATAS_UKURAN // 1024 // 1024} MB. Pecah menjadi beberapa berkas, mis. per dusun.")
    if ukuran == 0:
        raise BerkasDitolak("Berkas kosong (0 bita). Pilih berkas Excel berisi data penduduk.")


def periksa_berkas(data: bytes | None) -> None:
    """The checks that need no parsing: size, then the signature (zip or OLE2)."""
    periksa_ukuran(len(data or b""))
    if not (data.startswith(_ZIP) or data.startswith(_OLE2)):
        raise BerkasDitolak("Berkas ini bukan lembar kerja Excel (.xlsx, .xlsm atau .xls). Simpan data dari "
                            "Excel/LibreOffice dalam salah satu format itu, lalu unggah lagi.")


# A sheet is read into a dense grid, so its extent (not its file size) decides the memory:
# a few bytes with cells at A1 and XFD1048576 would ask for billions of cells.
BARIS_MAKS, KOLOM_MAKS, XML_MAKS = 300_000, 250, 400 * 1024 * 1024
_DIMENSI = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)"')


def _kolom_ke_angka(huruf: bytes) -> int:
    n = 0
    for b in huruf:
        n = n * 26 + (b - 64)
    return n


def periksa_luas(data: bytes) -> None:
    """Refuse, before parsing, a workbook whose sheets would not fit in memory: too much XML
    once unpacked (a zip bomb), or a sheet whose declared extent is too large. Excel and
    LibreOffice write each sheet's extent (<dimension>) at its start; only that is read."""
    import zipfile

    if not data.startswith(_ZIP):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > XML_MAKS:
                raise BerkasDitolak("Isi berkas terlalu besar setelah dibuka. Pisahkan data per dusun, lalu unggah "
                                    "satu per satu.")
            for info in infos:
                if not info.filename.startswith("xl/worksheets/"):
                    continue
                with z.open(info) as f:
                    kepala = f.read(4096)
                m = _DIMENSI.search(kepala)
                if m and (int(m.group(2)) > BARIS_MAKS or _kolom_ke_angka(m.group(1)) > KOLOM_MAKS):
                    raise BerkasDitolak(
                        f"Lembar kerja terlalu luas (sampai sel {m.group(1).decode()}{int(m.group(2))}). Satu berkas "
                        f"paling banyak {BARIS_MAKS:,} baris dan {KOLOM_MAKS} kolom; hapus sel kosong yang terisi "
                        "format di luar data, atau pisahkan berkasnya.".replace(",", "."))
    except zipfile.BadZipFile:
        raise BerkasDitolak("Berkas Excel tidak dapat dibaca (rusak). Buka di Excel/LibreOffice, simpan ulang, lalu "
                            "unggah lagi.") from None


def baca_berkas(data: bytes, *, format: str | None = None) -> Lembar:
    """The sheet with the import headers, its format and its non-empty rows."""
    periksa_berkas(data)
    periksa_luas(data)
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
    except Exception:  # noqa: BLE001 (a damaged or password-protected file raises anything)
        raise BerkasDitolak("Berkas Excel tidak dapat dibaca (rusak atau dilindungi kata sandi). "
                            "Buka di Excel/LibreOffice, simpan ulang, lalu unggah lagi.") from None
    if not names:
        raise BerkasDitolak("Berkas tidak berisi lembar kerja.")
    # OpenSID's template: sheet "Data Penduduk"; SIAK's export: the first sheet.
    urutan = sorted(names, key=lambda n: (_kunci_header(n) != "data penduduk", names.index(n)))
    calon = []  # (missing, -hits, order, fmt, rows, header row index)
    for urut, name in enumerate(urutan):
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001, S112 (an unreadable extra sheet is skipped, the data sheet decides)
            continue
        idx = next((i for i, r in enumerate(rows) if any(_isi(c) for c in r)), None)
        if idx is None:
            continue
        header = {_kunci_header(c) for c in rows[idx]}
        for fmt in (OPENSID, SIAK) if format is None else (format,):
            kolom, wajib = TATA_LETAK[fmt]
            hits = sum(1 for h, _, _ in kolom if _kunci_header(h) in header)
            missing = [w for w in wajib if _kunci_header(w) not in header]
            calon.append((len(missing), -hits, urut, fmt, rows, idx, missing))
    if not calon:
        raise BerkasDitolak("Berkas kosong: tidak ada baris judul kolom maupun data penduduk.")
    _n, neg_hits, _u, fmt, rows, idx, missing = min(calon, key=lambda c: c[:3])
    if missing:
        if -neg_hits <= 2:
            raise BerkasDitolak(
                "Judul kolom tidak dikenali. Baris pertama harus berisi judul kolom format OpenSID (mis. nama, nik, "
                "no_kk, sex, tanggallahir, ...) atau SIAK (mis. Nomor KK, NIK, Nama Penduduk, ...). Gunakan "
                "templat impor OpenSID atau ekspor SIAK apa adanya.")
        raise BerkasDitolak(f"Baris {idx + 1}: kolom wajib format {NAMA_FORMAT[fmt]} tidak ada: {', '.join(missing)}. "
                            "Tidak ada data yang diubah.")
    header_asli = [str(c).strip() if c is not None else "" for c in rows[idx]]
    header = [_kunci_header(c) for c in rows[idx]]
    posisi = {h: i for i, h in reversed(list(enumerate(header))) if h}
    kolom = [(posisi[_kunci_header(h)], header_asli[posisi[_kunci_header(h)]], f, kind)
             for h, f, kind in TATA_LETAK[fmt][0] if _kunci_header(h) in posisi and kind != "abaikan"]
    baris = []
    for i, r in enumerate(rows[idx + 1:], start=idx + 1):
        if "###" in r[:3]:  # OpenSID's template: the guidance below this marker is not data
            break
        if any(_isi(c) for c in r):
            baris.append((i + 1, r))
    if not baris:
        raise BerkasDitolak("Berkas kosong: ada judul kolom tetapi tidak ada satu pun baris data penduduk.")
    return Lembar(format=fmt, header=header_asli, baris=baris, kolom=kolom)


def _isi(c) -> bool:
    return c is not None and c != "" and not (isinstance(c, str) and not c.strip())


# ---------------------------------------------------------------- cell values

class _Salah(Exception):
    """A cell value that cannot be read; its message is the reason shown in the report."""


_KOSONG = {"", "-", "--", "0000-00-00"}
_FORMAT_TANGGAL = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y", "%d/%m/%y")
_EPOCH_EXCEL = datetime.date(1899, 12, 30)


def _teks(v) -> str:
    if type(v) is str:
        s = v.strip()
        return "" if s in _KOSONG else s
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else str(v)
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    s = str(v).strip()
    return "" if s in _KOSONG else s


def _nomor(v, label: str) -> str:
    """A 16-digit identity number: text, or a spreadsheet number that kept all its digits."""
    if isinstance(v, float):
        if not v.is_integer() or abs(v) >= _MAKS_PRESISI:
            raise _Salah(f"{label} tersimpan sebagai angka dan sebagian digitnya hilang; format kolom ini sebagai "
                         "Teks di Excel lalu ketik ulang.")
        return str(int(v))
    s = _teks(v).lstrip("'").replace(" ", "")
    return s


def _tanggal(v) -> datetime.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 1 <= v < 2958466:  # an Excel serial day number
            return _EPOCH_EXCEL + datetime.timedelta(days=int(v))
        raise _Salah(f"{_teks(v)} bukan tanggal.")
    s = _teks(v)
    if not s:
        return None
    s = s.split(" ")[0].split("T")[0]
    for fmt in _FORMAT_TANGGAL:
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise _Salah(f"\"{s}\" bukan tanggal; tulis HH-BB-TTTT (mis. 28-03-1978) atau gunakan sel bertipe tanggal.")


def _pilihan(pilihan: dict[int, str]) -> str:
    keys = sorted(pilihan)
    if len(keys) > 8 and keys == list(range(keys[0], keys[0] + len(keys))):
        return f"{keys[0]}–{keys[-1]}"
    return ", ".join(str(k) for k in keys)


def _kode(v, name: str) -> int | None:
    if isinstance(v, bool):
        raise _Salah("harus berupa kode angka.")
    if isinstance(v, float) and v.is_integer():
        n = int(v)
    elif isinstance(v, int):
        n = v
    else:
        s = _teks(v)
        if not s:
            return None
        if not (s.isascii() and s.isdigit()):
            raise _Salah(f"\"{s}\" bukan kode angka; format OpenSID memakai kode (lihat lembar \"Kode Data\").")
        n = int(s)
    if n not in KODE_SAH[name]:
        raise _Salah(f"kode {n} tidak dikenal (kode yang berlaku: {_pilihan(KODE_SAH[name])}).")
    return n


def _label(v, name: str) -> int | None:
    s = _teks(v)
    if not s:
        return None
    if s.isascii() and s.isdigit() and int(s) in KODE_SAH[name]:
        return int(s)
    n = LABEL_KE_KODE[name].get(_kunci_label(s))
    if n is None:
        raise _Salah(f"\"{s}\" tidak dikenal sebagai {_FIELD[name].verbose_name}.")
    return n


def _desimal(v, name: str) -> Decimal | None:
    s = _teks(v).replace(",", ".")
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise _Salah(f"\"{s}\" bukan angka desimal.") from None
    batas = 90 if name == "lat" else 180
    if not d.is_finite() or abs(d) > batas:
        raise _Salah(f"{s} di luar rentang -{batas} s.d. {batas}.")
    return d.quantize(Decimal("0.000001"))


def _nomor_wilayah(v, label: str) -> int | None:
    s = _teks(v)
    if not s or s.strip("0") == "":
        return None
    if not (s.isascii() and s.isdigit()):
        raise _Salah(f"{label} harus angka (mis. 001), bukan \"{s}\".")
    n = int(s)
    if n > 999:
        raise _Salah(f"{label} {n} terlalu besar (paling banyak 999).")
    return n


def _pengubah(kind: str, name: str, judul: str) -> Callable[[Any], Any]:
    """The converter of one column: cell value -> model value (raises _Salah)."""
    if kind in ("teks", "nama", "dusun"):
        maks = _PANJANG.get(name, 120)
        rapikan = kind != "teks"

        def teks(v):
            if v is None or v == "":
                return ""
            s = _teks(v)
            if rapikan:
                s = " ".join(s.split())
            if len(s) > maks:
                raise _Salah(f"terlalu panjang ({len(s)} karakter; paling banyak {maks}).")
            return s
        return teks
    if kind == "kode":
        sah = KODE_SAH[name]

        def kode_(v):
            if v == "" or v is None:
                return None
            if type(v) is float and v in sah:
                return int(v)
            return _kode(v, name)
        return kode_
    if kind == "label":
        return lambda v: _label(v, name)
    if kind == "tanggal":
        return _tanggal
    if kind in ("nik", "no_kk"):
        label = "NIK" if kind == "nik" else "No. KK"
        return lambda v: _nomor(v, label)
    if kind == "nik_ortu":
        def nik_ortu(v):
            s = _nomor(v, judul)
            if s and not (len(s) == 16 and s.isascii() and s.isdigit()):
                raise _Salah("harus 16 angka, atau dikosongkan bila tidak diketahui.")
            return s
        return nik_ortu
    if kind == "desimal":
        return lambda v: _desimal(v, name)
    if kind in ("rw", "rt"):
        label = kind.upper()
        return lambda v: _nomor_wilayah(v, label)
    raise ValueError(kind)


# ---------------------------------------------------------------- one row

@dataclass
class Baris:
    nomor: int
    nilai: dict[str, Any]
    no_kk: str
    dusun: str
    rw: int | None
    rt: int | None
    catatan: list[tuple[str, str]] = field(default_factory=list)


_DUSUN_DI_ALAMAT = re.compile(r"^\s*(?:dusun|dsn|ds)\b\.?\s*(.+)$", re.IGNORECASE)


def periksa_baris(nomor: int, cells: list, lembar: Lembar, *, desa: str,
                  hari_ini: datetime.date | None = None) -> tuple[Baris | None, list[tuple[str, str]]]:
    """Convert and check one row without the database: (row, []) or (None, [(column, reason)])."""
    galat: list[tuple[str, str]] = []
    nilai: dict[str, Any] = {}
    catatan: list[tuple[str, str]] = []
    header = lembar.judul
    n_cells = len(cells)
    for idx, judul, name, ubah in lembar.pengubah:
        v = cells[idx] if idx < n_cells else None
        try:
            nilai[name] = ubah(v)
        except _Salah as exc:
            pesan = str(exc)
            galat.append((judul, pesan[:1].upper() + pesan[1:]))
    no_kk = nilai.pop("no_kk", "")
    dusun = nilai.pop("dusun", "")
    rw = nilai.pop("rw", None)
    rt = nilai.pop("rt", None)
    salah = {h for h, _ in galat}
    for name, label in WAJIB_ISI.items():
        judul = header.get(name, name)
        if judul not in salah and nilai.get(name) in (None, ""):
            galat.append((judul, f"{label} wajib diisi."))
    tgl = nilai.get("tanggal_lahir")
    if tgl is not None:
        if tgl > (hari_ini or timezone.localdate()):
            galat.append((header["tanggal_lahir"], "Tanggal lahir tidak boleh di masa depan."))
        elif tgl.year < 1880:
            galat.append((header["tanggal_lahir"], "Tanggal lahir terlalu lampau; periksa tahunnya."))
    nik = nilai.get("nik") or ""
    if nik and header["nik"] not in salah:
        try:
            if nik.startswith("0"):
                periksa_nik_sementara(nik, desa)
                nilai["nik_sementara"] = True
            else:
                nilai["nik_sementara"] = False
                for w in periksa_nik(nik, tanggal_lahir=tgl, jenis_kelamin=nilai.get("jenis_kelamin"),
                                     kode_wilayah=desa):
                    catatan.append((header["nik"], f"Peringatan: {w}"))
        except ValidationError as exc:
            galat += [(header["nik"], m) for m in exc.messages]
    if no_kk:
        try:
            periksa_no_kk(no_kk)
        except ValidationError as exc:
            galat += [(header.get("no_kk", "no_kk"), m) for m in exc.messages]
    if not no_kk and nilai.get("shdk") is not None:
        catatan.append((header.get("shdk", "shdk"), "No. KK kosong: penduduk dicatat tanpa keluarga; "
                                                      "hubungan dalam keluarga diabaikan."))
        nilai["shdk"] = None
    if rt is not None and rw is None:
        galat.append((header.get("rt", "rt"), "RT diisi tetapi RW kosong."))
    if lembar.format == SIAK:
        m = _DUSUN_DI_ALAMAT.match(nilai.get("alamat", ""))
        dusun = " ".join(m.group(1).split()) if m else ""
    if galat:
        return None, galat
    if not no_kk:
        nilai["shdk"] = None
    nilai["nama_cari"] = normalisasi_nama(nilai["nama"])
    return Baris(nomor, nilai, no_kk, dusun, rw, rt, catatan), []


# ---------------------------------------------------------------- dusun / RW / RT

def _kunci_dusun(nama: str) -> str:
    k = normalisasi_nama(nama)
    return re.sub(r"^(dusun|dsn|ds)\s+", "", k)


class Lingkungan:
    """The desa's dusun/RW/RT, found by name or number, created when missing."""

    def __init__(self, desa: Wilayah, user):
        self.desa, self.user = desa, user
        rows = list(Wilayah.objects.filter(kode__startswith=desa.kode + ".").values_list("kode", "nama", "tingkat"))
        self.kode = {k for k, _, _ in rows}
        self.dusun = {}
        self.rw_desa: dict[int, str] = {}
        for k, nama, tingkat in rows:
            if tingkat == Tingkat.DUSUN:
                self.dusun.setdefault(_kunci_dusun(nama), k)
                self.dusun.setdefault("#" + str(int(k.rsplit(".", 1)[1])), k)
            elif tingkat == Tingkat.RW:
                self.rw_desa[int(k.rsplit(".", 1)[1])] = k
        self.dibuat = 0
        self._sudah: dict[tuple, str] = {}

    def _buat(self, induk_kode: str, tingkat: str, nomor: int, nama: str) -> str:
        induk = Wilayah.objects.get(kode=induk_kode)
        try:
            w = create_lingkungan(user=self.user, induk=induk, tingkat=tingkat, nomor=nomor, nama=nama)
        except ValidationError as exc:
            raise _Salah(" ".join(exc.messages)) from None
        self.kode.add(w.kode)
        self.dibuat += 1
        return w.kode

    def cari(self, dusun: str, rw: int | None, rt: int | None) -> str:
        kunci = (dusun, rw, rt)
        kode = self._sudah.get(kunci)
        if kode is None:
            kode = self._sudah[kunci] = self._cari(dusun, rw, rt)
        return kode

    def _cari(self, dusun: str, rw: int | None, rt: int | None) -> str:
        if not dusun and rw is None:
            return self.desa.kode
        if dusun:
            kunci = "#" + str(int(dusun)) if dusun.isdigit() else _kunci_dusun(dusun)
            dusun_kode = self.dusun.get(kunci)
            if dusun_kode is None:
                if dusun.isdigit():
                    raise _Salah(f"Dusun nomor {int(dusun)} belum ada di desa ini; tulis nama dusunnya.")
                nama = dusun if _kunci_dusun(dusun) != normalisasi_nama(dusun) else f"Dusun {dusun}"
                dusun_kode = self._buat(self.desa.kode, Tingkat.DUSUN, nomor_berikut(self.desa), nama[:120])
                self.dusun[_kunci_dusun(dusun)] = dusun_kode
                self.dusun["#" + str(int(dusun_kode.rsplit(".", 1)[1]))] = dusun_kode
            if rw is None:
                return dusun_kode
            rw_kode = f"{dusun_kode}.{rw:03d}"
            if rw_kode not in self.kode:
                lain = self.rw_desa.get(rw)
                if lain is not None:
                    raise _Salah(f"RW {rw:03d} sudah ada di dusun lain desa ini; nomor RW berlaku untuk seluruh "
                                 "desa. Perbaiki kolom dusun atau RW.")
                rw_kode = self._buat(dusun_kode, Tingkat.RW, rw, f"RW {rw:03d}")
                self.rw_desa[rw] = rw_kode
        else:
            rw_kode = self.rw_desa.get(rw)
            if rw_kode is None:
                raise _Salah(f"RW {rw:03d} belum ada di desa ini dan dusunnya tidak diketahui; isi kolom dusun "
                             "(atau buat RW ini dulu di menu Wilayah).")
        if rt is None:
            return rw_kode
        rt_kode = f"{rw_kode}.{rt:03d}"
        if rt_kode not in self.kode:
            rt_kode = self._buat(rw_kode, Tingkat.RT, rt, f"RT {rt:03d}")
        return rt_kode


# ---------------------------------------------------------------- the import

@dataclass
class Hasil:
    format: str = ""
    total: int = 0
    diproses: int = 0
    ditambah: int = 0
    diperbarui: int = 0
    tetap: int = 0
    keluarga_baru: int = 0
    wilayah_baru: int = 0
    galat: list[dict] = field(default_factory=list)
    catatan: list[dict] = field(default_factory=list)
    durasi_s: float = 0.0

    def salah(self, nomor: int, kolom: str, pesan: str) -> None:
        self.galat.append({"baris": nomor, "kolom": kolom, "pesan": pesan})

    def catat(self, nomor: int, kolom: str, pesan: str) -> None:
        self.catatan.append({"baris": nomor, "kolom": kolom, "pesan": pesan})

    @property
    def jumlah_galat(self) -> int:
        return len({g["baris"] for g in self.galat})


# Fields the file may set on an existing resident (the rest of what it carries is DILINDUNGI).
def _kolom_ubah(lembar: Lembar) -> list[str]:
    names = {name for _, _, name, kind in lembar.kolom if kind not in ("dusun", "rw", "rt", "no_kk")}
    return [n for n in _FIELD if n in names and n not in DILINDUNGI and n != "nik"] + ["nama_cari"]


def _unit_keluarga(baris: list[Baris]) -> list[list[Baris]]:
    """Rows grouped by No KK in order of first appearance; rows without one stand alone."""
    units: dict[str, list[Baris]] = {}
    out: list[list[Baris]] = []
    for b in baris:
        if not b.no_kk:
            out.append([b])
            continue
        u = units.get(b.no_kk)
        if u is None:
            u = units[b.no_kk] = []
            out.append(u)
        u.append(b)
    return out


def _batches(units: list[list[Baris]], ukuran: int) -> list[list[list[Baris]]]:
    out, cur, n = [], [], 0
    for u in units:
        cur.append(u)
        n += len(u)
        if n >= ukuran:
            out.append(cur)
            cur, n = [], 0
    if cur:
        out.append(cur)
    return out


def _ambil(model, field_name: str, values: list, kolom: list[str] | None = None) -> list:
    out = []
    for i in range(0, len(values), CHUNK):
        qs = model.objects.filter(**{f"{field_name}__in": values[i:i + CHUNK]})
        out += list(qs.values(*kolom) if kolom else qs)
    return out


def _desa(kode_desa: str) -> Wilayah:
    w = Wilayah.objects.filter(kode=(kode_desa or "").strip()).first()
    if w is None or w.level != LEVEL_DESA:
        raise BerkasDitolak(f"Desa/kelurahan dengan kode \"{kode_desa}\" tidak ditemukan.")
    return w


def impor_berkas(
    data: bytes, *, desa: str, user=None, format: str | None = None, ukuran_batch: int = UKURAN_BATCH,
    progress: Callable[[Hasil], None] | None = None,
) -> Hasil:
    """Import a spreadsheet into the registry of `desa` (a desa/kelurahan code). Raises
    BerkasDitolak when the whole file is refused; bad rows are in the result's `galat`."""
    mulai = time.perf_counter()
    w_desa = _desa(desa)
    if user is not None and not covers(user, "add", Penduduk, w_desa.kode) and not getattr(user, "is_superuser", False):
        raise BerkasDitolak("Anda tidak berwenang mengimpor penduduk ke desa ini.")
    lembar = baca_berkas(data, format=format)
    hasil = Hasil(format=lembar.format, total=len(lembar.baris))
    baik: list[Baris] = []
    nik_pertama: dict[str, int] = {}
    judul_nik = next((j for _, j, n, _ in lembar.kolom if n == "nik"), "nik")
    hari_ini = timezone.localdate()
    for nomor, cells in lembar.baris:
        b, galat = periksa_baris(nomor, cells, lembar, desa=w_desa.kode, hari_ini=hari_ini)
        if b is not None and b.nilai["nik"] in nik_pertama:
            galat = [(judul_nik, f"NIK ini sudah muncul di baris {nik_pertama[b.nilai['nik']]} berkas ini.")]
            b = None
        if b is None:
            for kolom, pesan in galat:
                hasil.salah(nomor, kolom, pesan)
            continue
        nik_pertama[b.nilai["nik"]] = nomor
        baik.append(b)
        for kolom, pesan in b.catatan:
            hasil.catat(nomor, kolom, pesan)
    hasil.diproses = hasil.total - len(baik)
    if progress:
        progress(hasil)
    ubah = _kolom_ubah(lembar)
    header = {name: judul for _, judul, name, _ in lembar.kolom}
    lingkungan = Lingkungan(w_desa, user)
    for batch in _batches(_unit_keluarga(baik), ukuran_batch):
        _tulis_batch(batch, hasil=hasil, desa=w_desa.kode, user=user, ubah=ubah, header=header, lingkungan=lingkungan)
        hasil.diproses += sum(len(u) for u in batch)
        if progress:
            progress(hasil)
    hasil.wilayah_baru = lingkungan.dibuat
    hasil.galat.sort(key=lambda g: g["baris"])
    hasil.catatan.sort(key=lambda g: g["baris"])
    hasil.durasi_s = time.perf_counter() - mulai
    return hasil


def _tulis_batch(units: list[list[Baris]], *, hasil: Hasil, desa: str, user, ubah: list[str], header: dict,
                 lingkungan: Lingkungan) -> None:
    """One transaction: every family of the batch is written whole, or nothing is."""
    h_nik, h_kk, h_shdk = header.get("nik", "nik"), header.get("no_kk", "no_kk"), header.get("shdk", "shdk")
    h_wil = header.get("rt") or header.get("rw") or header.get("dusun") or "rt"
    galat: list[tuple[int, str, str]] = []
    catatan: list[tuple[int, str, str]] = []
    with transaction.atomic():
        journal.begin()  # lock order: journal head, then rows; concurrent imports queue here
        rows = [b for u in units for b in u]
        # Plain values, not model instances: a re-import reads every row and usually writes none.
        kolom_lama = ["id", "nik", "owner_id", "keluarga_id", "shdk", "status_dasar", "alamat", "wilayah_id", *ubah]
        lama = {p["nik"]: p for p in _ambil(Penduduk, "nik", [b.nilai["nik"] for b in rows], kolom=kolom_lama)}
        kks = {k.no_kk: k for k in _ambil(Keluarga, "no_kk", list({b.no_kk for b in rows if b.no_kk}))}
        baru_p: list[Penduduk] = []
        ubah_p: dict = {}  # id -> changed fields
        baru_k: list[Keluarga] = []
        ubah_k: list[Keluarga] = []
        tetap = 0
        for unit in units:
            no_kk = unit[0].no_kk
            kk = kks.get(no_kk) if no_kk else None
            if kk is not None and kk.owner_id != desa:
                for b in unit:  # says only that it exists elsewhere, not where
                    galat.append((b.nomor, h_kk, "No. KK ini sudah terdaftar di desa lain. Keluarga yang pindah ke "
                                                 "desa ini dicatat lewat peristiwa pindah datang."))
                continue
            kepala_baris: Baris | None = None
            kk_baru: Keluarga | None = None
            for b in unit:
                v = b.nilai
                p = lama.get(v["nik"])
                if p is not None:
                    if p["owner_id"] != desa:
                        galat.append((b.nomor, h_nik, "NIK ini sudah terdaftar di desa lain. Penduduk yang pindah ke "
                                                      "desa ini dicatat lewat peristiwa pindah datang."))
                        continue
                    _catat_dilindungi(b, p, kk, catatan, header, lingkungan)
                    beda = {f: _nilai_model(f, v[f]) for f in ubah if f in v and p[f] != _nilai_model(f, v[f])}
                    if beda:
                        ubah_p[p["id"]] = beda
                    else:
                        tetap += 1
                    continue
                try:
                    wilayah_kode = lingkungan.cari(b.dusun, b.rw, b.rt)
                except _Salah as exc:
                    galat.append((b.nomor, h_wil, str(exc)))
                    continue
                p = _baru(Penduduk, v, owner_id=desa, wilayah_id=wilayah_kode)
                if no_kk:
                    if kk is None:
                        kk = kk_baru = _baru(Keluarga, {"no_kk": no_kk, "alamat": v.get("alamat", "")},
                                             owner_id=desa, wilayah_id=wilayah_kode)
                        baru_k.append(kk)
                    p.keluarga_id = kk.pk
                    if p.shdk is None:
                        galat.append((b.nomor, h_shdk, "Hubungan dalam keluarga (SHDK) wajib diisi bila No. KK diisi."))
                        continue
                    if p.shdk == KEPALA_KELUARGA:
                        if kepala_baris is not None:
                            galat.append((b.nomor, h_shdk, f"Keluarga ini sudah punya kepala keluarga di baris "
                                                           f"{kepala_baris.nomor}."))
                            continue
                        if kk.kepala_id is not None and kk is not kk_baru:
                            galat.append((b.nomor, h_shdk, "Keluarga ini sudah memiliki kepala keluarga terdaftar."))
                            continue
                        kepala_baris = b
                        kk.kepala_id = p.pk
                        if kk is kk_baru:  # a new family lives where its head lives
                            kk.wilayah_id, kk.alamat = wilayah_kode, v.get("alamat", "")
                        else:  # an existing family keeps its address: events change that
                            ubah_k.append(kk)
                baru_p.append(p)
            if kk_baru is not None and not any(p.keluarga_id == kk_baru.pk for p in baru_p[-len(unit):]):
                baru_k.remove(kk_baru)  # every member refused: no empty family
        if baru_k:
            Keluarga.objects.bulk_insert(baru_k)
        if baru_p:
            Penduduk.objects.bulk_insert(baru_p)
        if ubah_p:
            objs = _ambil(Penduduk, "pk", list(ubah_p))
            for obj in objs:
                for f, x in ubah_p[obj.pk].items():
                    setattr(obj, f, x)
            fields = sorted({f for beda in ubah_p.values() for f in beda})
            Penduduk.objects.bulk_update(objs, fields, batch_size=200)
            ubah_p = objs
        if ubah_k:
            Keluarga.objects.bulk_update(ubah_k, ["kepala"], batch_size=500)
        for objs, action in ((baru_p, "add"), (baru_k, "add"), (ubah_p, "change")):
            if objs:  # every row of a batch has the same owner: one check stands for all
                ensure_allowed(user, action, objs[0])
    hasil.ditambah += len(baru_p)
    hasil.diperbarui += len(ubah_p)
    hasil.tetap += tetap
    hasil.keluarga_baru += len(baru_k)
    for nomor, kolom, pesan in galat:
        hasil.salah(nomor, kolom, pesan)
    for nomor, kolom, pesan in catatan:
        hasil.catat(nomor, kolom, pesan)


_BAWAAN: dict = {}


def _baru(model, nilai: dict, **lain):
    """A new, unsaved instance from field values: what Model(**kwargs) builds (defaults for
    the rest, a fresh UUIDv7 id), without its per-keyword dispatch, which costs as much as
    the rest of the import for 20,000 rows. These models have no init signals to skip."""
    bawaan = _BAWAAN.get(model)
    if bawaan is None:
        tetap_, panggil = {}, {}
        for f in model._meta.concrete_fields:
            if f.has_default() and callable(f.default):
                panggil[f.attname] = f.default
            else:
                tetap_[f.attname] = f.get_default()
        bukan_null = {f.attname: f.get_default() for f in model._meta.concrete_fields
                      if not f.null and f.has_default() and not callable(f.default)}
        bawaan = _BAWAAN[model] = (tetap_, panggil, bukan_null)
    obj = model.__new__(model)
    obj._state = ModelState()
    d = obj.__dict__
    d.update(bawaan[0])
    for att, fn in bawaan[1].items():
        d[att] = fn()
    d.update(nilai)
    d.update(lain)
    for att, x in bawaan[2].items():  # an empty cell of a column with a default (status, citizenship)
        if d[att] is None:
            d[att] = x
    return obj


def _nilai_model(name: str, value):
    """The value as the model stores it: text columns hold "" (never NULL)."""
    if value is None and name in _PANJANG and name not in ("nik",):
        return ""
    if name in ("warganegara", "status_dasar") and value is None:
        return 1
    return value


def _catat_dilindungi(b: Baris, p: dict, kk: Keluarga | None, catatan: list, header: dict,
                      lingkungan: Lingkungan) -> None:
    """Say which of status, family/SHDK and address the file would change: events do that."""
    v = b.nilai
    beda = []
    if "status_dasar" in v and (v["status_dasar"] or 1) != p["status_dasar"]:
        beda.append("status dasar")
    if (kk.pk if kk else None) != p["keluarga_id"] or ("shdk" in v and v["shdk"] != p["shdk"]):
        beda.append("keluarga (KK)/SHDK")
    if "alamat" in v and (v["alamat"] or "") != p["alamat"]:
        beda.append("alamat")
    elif not _wilayah_sama(b, p["wilayah_id"], lingkungan):
        beda.append("dusun/RW/RT")
    if beda:
        catatan.append((b.nomor, header.get("nik", "nik"),
                        f"Penduduk sudah terdaftar; {', '.join(beda)} tidak diubah oleh impor. Perubahan itu dicatat "
                        "lewat peristiwa (pindah, mati, perubahan KK)."))


def _wilayah_sama(b: Baris, kode_wil: str, lingkungan: Lingkungan) -> bool:
    parts = kode_wil.split(".")[4:]
    rw = int(parts[1]) if len(parts) > 1 else None
    rt = int(parts[2]) if len(parts) > 2 else None
    if (rw, rt) != (b.rw, b.rt):
        return False
    if b.dusun and parts:
        kode_dusun = ".".join(kode_wil.split(".")[:5])
        kunci = "#" + str(int(b.dusun)) if b.dusun.isdigit() else _kunci_dusun(b.dusun)
        return lingkungan.dusun.get(kunci) == kode_dusun
    return True


# ---------------------------------------------------------------- jobs (ImporPenduduk)

def pilihan_desa_impor(user) -> list[tuple[str, str]]:
    """The desa/kelurahan a user may import into: under a membership whose role may add
    import jobs (operator, sekdes), as (code, name)."""
    from apps.akun.roles import grant_for
    from apps.akun.scope import memberships

    from .models import ImporPenduduk

    if not getattr(user, "is_authenticated", False):
        return []
    qs = Wilayah.objects.filter(level=LEVEL_DESA)
    if not user.is_superuser:
        label = ImporPenduduk._meta.label_lower
        akar = [m.wilayah_id for m in memberships(user) if grant_for(label, m.peran, "add") is True]
        if not akar:
            return []
        cond = Q(pk__in=[])
        for a in akar:
            cond |= Q(kode=".".join(a.split(".")[:4])) if a.count(".") > 3 else subtree_q("kode", a)
        qs = qs.filter(cond)
    return list(qs.order_by("kode").values_list("kode", "nama"))


def buat_impor(*, user, desa: str, berkas, nama_berkas: str, format: str = ""):
    """Record an upload as a job of `desa` and queue it (after commit). `berkas` is a file
    object with `.size` and `.read()`; it is checked before anything is stored."""
    from django.core.files.base import ContentFile

    from .models import ImporPenduduk

    periksa_ukuran(getattr(berkas, "size", None))  # before reading
    data = berkas.read(BATAS_UKURAN + 1)
    periksa_berkas(data)
    w = _desa(desa)
    if format not in ("", OPENSID, SIAK):
        raise BerkasDitolak("Format harus opensid atau siak (atau kosong untuk dikenali otomatis).")
    with transaction.atomic():
        job = ImporPenduduk(owner_id=w.kode, pengguna=user if getattr(user, "pk", None) else None,
                            nama_berkas=(nama_berkas or "berkas")[:200], format=format)
        job.berkas.save(f"{job.pk}.bin", ContentFile(data), save=False)
        job.save()
        try:
            ensure_allowed(user, "add", job)
        except PermissionDenied:
            job.berkas.delete(save=False)
            raise
        transaction.on_commit(lambda: antrekan(job.pk))
    return job


def antrekan(job_id) -> None:
    from .tasks import jalankan_impor

    jalankan_impor.enqueue(str(job_id))


def jalankan(job_id, *, progress: Callable[[Hasil], None] | None = None, ukuran_batch: int = UKURAN_BATCH):
    """Run a job: read its file, import, keep its counts current after each batch."""
    from apps.sinkron.context import acting_as, user_label

    from .models import ImporPenduduk

    job = ImporPenduduk.objects.select_related("pengguna").get(pk=job_id)
    ImporPenduduk.objects.filter(pk=job.pk).update(status=ImporPenduduk.BERJALAN, mulai=timezone.now(), pesan="",
                                                   selesai=None)

    terakhir: list[Hasil] = []

    def simpan(h: Hasil, **extra) -> None:
        terakhir[:] = [h]
        ImporPenduduk.objects.filter(pk=job.pk).update(
            format=h.format or job.format, total=h.total, diproses=h.diproses, ditambah=h.ditambah,
            diperbarui=h.diperbarui, tetap=h.tetap, keluarga_baru=h.keluarga_baru, jumlah_galat=h.jumlah_galat,
            **extra,
        )
        if progress:
            progress(h)

    label = user_label(job.pengguna) if job.pengguna_id else "sistem:import_penduduk"
    try:
        with job.berkas.open("rb") as fh:
            data = fh.read(BATAS_UKURAN + 1)
        with acting_as(label):
            hasil = impor_berkas(data, desa=job.owner_id, user=job.pengguna, format=job.format or None,
                                 ukuran_batch=ukuran_batch, progress=simpan)
    except BerkasDitolak as exc:
        ImporPenduduk.objects.filter(pk=job.pk).update(status=ImporPenduduk.GAGAL, pesan=exc.pesan,
                                                       selesai=timezone.now())
        raise
    except PermissionDenied:
        ImporPenduduk.objects.filter(pk=job.pk).update(
            status=ImporPenduduk.GAGAL, selesai=timezone.now(),
            pesan="Anda tidak berwenang menulis data di desa ini (atau di dusun/RW/RT yang disebut berkas).")
        raise
    except Exception as exc:
        sebagian = terakhir[0] if terakhir else Hasil()
        ImporPenduduk.objects.filter(pk=job.pk).update(
            status=ImporPenduduk.GAGAL, selesai=timezone.now(), galat=sorted(sebagian.galat, key=_urut),
            catatan=sorted(sebagian.catatan, key=_urut),
            pesan=f"Impor terhenti karena kesalahan sistem ({type(exc).__name__}). Batch yang sudah selesai "
                  "tersimpan utuh; jalankan ulang impor ini untuk menyelesaikannya.")
        raise
    simpan(hasil, status=ImporPenduduk.SELESAI, selesai=timezone.now(), galat=hasil.galat, catatan=hasil.catatan)
    # The uploaded sheet holds every resident's data; once imported, the registry and the report
    # are what counts, so the copy is not kept (a failed job keeps it to be run again).
    if job.berkas.name:
        job.berkas.storage.delete(job.berkas.name)
        ImporPenduduk.objects.filter(pk=job.pk).update(berkas="")
    return hasil


def _urut(g: dict) -> int:
    return g["baris"]


# ---------------------------------------------------------------- the report

KOLOM_LAPORAN = ("Baris", "Kolom", "Jenis", "Keterangan")


def baris_laporan(job) -> list[tuple]:
    rows = [(g["baris"], g["kolom"], "Ditolak", g["pesan"]) for g in job.galat or []]
    rows += [(c["baris"], c["kolom"], "Catatan", c["pesan"]) for c in job.catatan or []]
    rows.sort(key=lambda r: (r[0], r[2] != "Ditolak"))
    return rows


def laporan_csv(job) -> bytes:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(KOLOM_LAPORAN)
    for r in baris_laporan(job):
        w.writerow([aman_csv(x) for x in r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def laporan_xlsx(job) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Laporan impor")
    ws.append([f"Laporan impor {job.nama_berkas}"])
    ws.append([f"Desa {job.owner_id}; {job.ditambah} baru, {job.diperbarui} diperbarui, {job.tetap} tetap, "
               f"{job.jumlah_galat} baris ditolak dari {job.total}."])
    ws.append(list(KOLOM_LAPORAN))
    for r in baris_laporan(job):
        ws.append([aman_xlsx(ws, x) for x in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
