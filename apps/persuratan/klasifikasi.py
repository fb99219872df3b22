"""Writes of the archive classification codes (KKA) and their retention (JRA): the regency's
reference data, changed only by the admin kabupaten of that regency.

- `impor_csv`: the full list from a CSV file, all or nothing, every bad row reported;
- `buat`, `ubah`, `nonaktifkan`: one code at a time.

A code's parent is found from its prefix (000.1.2 -> 000.1 -> 000); a code never changes once
created (outgoing numbers carry it), only its name, retention and final action do."""
from __future__ import annotations

import csv
import io
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from apps.akun.scope import covers, ensure_allowed, memberships
from apps.sinkron import journal
from apps.wilayah.models import Wilayah

from .models import KlasifikasiArsip, TindakanAkhir

POLA_KODE = re.compile(r"^\d{3}(\.\d{1,3}){0,4}$")
CONTOH_KODE = "tiga angka, lalu bagian bertitik, mis. 000, 000.1 atau 000.1.2"
KOLOM_CSV = ["kode", "nama", "retensi_aktif", "retensi_inaktif", "tindakan_akhir", "keterangan"]
WAJIB_CSV = KOLOM_CSV[:5]
MAKS_CSV = 2 * 1024 * 1024
MAKS_RETENSI = 99
CONTOH_CSV = (
    "kode;nama;retensi_aktif;retensi_inaktif;tindakan_akhir;keterangan\n"
    "000;Umum;2;3;musnah;\n"
    "000.1;Ketatausahaan dan Kerumahtanggaan;2;3;musnah;\n"
    "000.1.5;Undangan;1;1;musnah;Undangan rapat dan acara\n"
    "900;Keuangan;2;3;musnah;\n"
    "900.1;Anggaran Pendapatan dan Belanja;2;8;permanen;\n"
    "900.1.3;Pertanggungjawaban dan Laporan Keuangan;2;8;dinilai kembali;Dinilai oleh arsiparis\n"
)
_TINDAKAN = {"musnah": TindakanAkhir.MUSNAH, "permanen": TindakanAkhir.PERMANEN,
             "dinilai_kembali": TindakanAkhir.DINILAI_KEMBALI, "dinilai kembali": TindakanAkhir.DINILAI_KEMBALI}


def kode_induk(kode: str) -> str | None:
    return kode.rsplit(".", 1)[0] if "." in kode else None


def kabupaten_admin(user) -> list[str]:
    """The regencies whose classification the user may change (admin kabupaten there)."""
    if getattr(user, "is_superuser", False):
        return list(Wilayah.objects.filter(level=2).order_by("kode").values_list("kode", flat=True))
    return sorted({m.wilayah_id for m in memberships(user)
                   if m.wilayah_id.count(".") == 1 and covers(user, "add", KlasifikasiArsip, m.wilayah_id)})


def _periksa_hak(pengguna, kode_kabupaten: str) -> None:
    if kode_kabupaten not in kabupaten_admin(pengguna):
        raise PermissionDenied("Hanya admin kabupaten ini yang dapat mengubah klasifikasi arsip.")


def _retensi(nilai, nama: str) -> tuple[int | None, str]:
    teks = str(nilai if nilai is not None else "").strip()
    label = "Retensi aktif" if nama == "retensi_aktif" else "Retensi inaktif"
    if not teks:
        return None, f"{label} wajib diisi (jumlah tahun, mis. 2)."
    if not (teks.isascii() and teks.isdigit()):
        return None, f"{label} \"{teks[:20]}\" bukan angka tahun: tulis bilangan bulat 0–{MAKS_RETENSI}, mis. 2."
    if int(teks) > MAKS_RETENSI:
        return None, f"{label} {teks} tahun terlalu besar: paling lama {MAKS_RETENSI} tahun."
    return int(teks), ""


def _tindakan(nilai) -> tuple[str | None, str]:
    teks = re.sub(r"\s+", " ", str(nilai or "").strip().lower())
    if not teks:
        return None, "Tindakan akhir wajib diisi: musnah, permanen atau dinilai kembali."
    if teks not in _TINDAKAN:
        return None, f"Tindakan akhir \"{teks[:30]}\" tidak dikenal: pilih musnah, permanen atau dinilai kembali."
    return _TINDAKAN[teks], ""


def _periksa_isian(*, kode: str | None, nama, retensi_aktif, retensi_inaktif, tindakan_akhir, keterangan) -> tuple[dict, dict]:
    """(clean values, {field: message}) of one code's fields."""
    galat, bersih = {}, {}
    if kode is not None:
        kode = (kode or "").strip()
        if not kode:
            galat["kode"] = "Kode klasifikasi wajib diisi."
        elif not POLA_KODE.match(kode):
            galat["kode"] = f"Kode \"{kode[:25]}\" tidak sesuai format: {CONTOH_KODE}."
        bersih["kode"] = kode
    nama = re.sub(r"\s+", " ", str(nama or "")).strip()
    if not nama:
        galat["nama"] = "Nama klasifikasi wajib diisi."
    elif len(nama) > 255:
        galat["nama"] = "Nama klasifikasi paling panjang 255 karakter."
    bersih["nama"] = nama
    for f, v in (("retensi_aktif", retensi_aktif), ("retensi_inaktif", retensi_inaktif)):
        bersih[f], pesan = _retensi(v, f)
        if pesan:
            galat[f] = pesan
    bersih["tindakan_akhir"], pesan = _tindakan(tindakan_akhir)
    if pesan:
        galat["tindakan_akhir"] = pesan
    keterangan = re.sub(r"\s+", " ", str(keterangan or "")).strip()
    if len(keterangan) > 255:
        galat["keterangan"] = "Keterangan paling panjang 255 karakter."
    bersih["keterangan"] = keterangan
    return bersih, galat


# ---------------------------------------------------------------- one code

def buat(*, pengguna, kode_kabupaten: str, kode: str, nama: str, retensi_aktif, retensi_inaktif, tindakan_akhir,
         keterangan: str = "") -> KlasifikasiArsip:
    """A new code of the regency; its parent (by prefix) must exist there already."""
    _periksa_hak(pengguna, kode_kabupaten)
    bersih, galat = _periksa_isian(kode=kode, nama=nama, retensi_aktif=retensi_aktif, retensi_inaktif=retensi_inaktif,
                                   tindakan_akhir=tindakan_akhir, keterangan=keterangan)
    if galat:
        raise ValidationError(galat)
    kode = bersih.pop("kode")
    with transaction.atomic():
        journal.begin()
        if KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten, kode=kode).exists():
            raise ValidationError({"kode": f"Kode {kode} sudah ada di kabupaten ini; ubah kode yang ada."})
        induk = None
        if kode_induk(kode):
            induk = KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten, kode=kode_induk(kode)).first()
            if induk is None:
                raise ValidationError({"kode": f"Kode induk {kode_induk(kode)} belum ada; buat induknya lebih dulu."})
        k = KlasifikasiArsip.objects.create(owner_id=kode_kabupaten, kode=kode, induk=induk, **bersih)
        ensure_allowed(pengguna, "add", k)
    return k


def ubah(k: KlasifikasiArsip, *, pengguna, nama: str, retensi_aktif, retensi_inaktif, tindakan_akhir,
         keterangan: str = "", aktif: bool = True) -> KlasifikasiArsip:
    """Change a code's name, retention, final action and whether it is offered for new letters.
    The code itself never changes."""
    _periksa_hak(pengguna, k.owner_id)
    bersih, galat = _periksa_isian(kode=None, nama=nama, retensi_aktif=retensi_aktif, retensi_inaktif=retensi_inaktif,
                                   tindakan_akhir=tindakan_akhir, keterangan=keterangan)
    if galat:
        raise ValidationError(galat)
    with transaction.atomic():
        journal.begin()
        k = KlasifikasiArsip.objects.select_for_update().get(pk=k.pk)
        ensure_allowed(pengguna, "change", k)
        for f, v in bersih.items():
            setattr(k, f, v)
        k.aktif = bool(aktif)
        k.save()
    return k


def nonaktifkan(k: KlasifikasiArsip, *, pengguna) -> KlasifikasiArsip:
    """No longer offered for new letters; letters already filed under it keep it."""
    _periksa_hak(pengguna, k.owner_id)
    with transaction.atomic():
        journal.begin()
        k = KlasifikasiArsip.objects.select_for_update().get(pk=k.pk)
        ensure_allowed(pengguna, "change", k)
        if k.aktif:
            k.aktif = False
            k.save(update_fields=["aktif", "updated_at"])
    return k


# ---------------------------------------------------------------- CSV import

def _baca_berkas(berkas) -> str:
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas CSV yang akan diimpor."})
    if isinstance(berkas, (bytes, bytearray)):
        data = bytes(berkas)
    else:
        ukuran = getattr(berkas, "size", None)
        if ukuran is not None and ukuran > MAKS_CSV:
            raise ValidationError({"berkas": f"Berkas terlalu besar ({ukuran / 1048576:.1f} MB); paling besar 2 MB."})
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        data = berkas.read(MAKS_CSV + 1)
    if len(data) > MAKS_CSV:
        raise ValidationError({"berkas": "Berkas terlalu besar; paling besar 2 MB."})
    if not data.strip():
        raise ValidationError({"berkas": "Berkas CSV kosong."})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"berkas": "Berkas bukan teks UTF-8. Simpan ulang dari Excel/LibreOffice sebagai "
                                         "\"CSV UTF-8\"."}) from None


def _baris_csv(teks: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """(header, [(row number in the file, {column: value})]); the delimiter is ; or , as the
    header line uses it."""
    kepala_teks = teks.splitlines()[0] if teks.splitlines() else ""
    pemisah = ";" if kepala_teks.count(";") > kepala_teks.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    try:
        kepala = [h.strip().lower() for h in next(pembaca)]
    except StopIteration:
        raise ValidationError({"berkas": "Berkas CSV kosong."}) from None
    except csv.Error as exc:
        raise ValidationError({"berkas": f"Baris judul CSV tidak terbaca: {exc}."}) from None
    kurang = [k for k in WAJIB_CSV if k not in kepala]
    if kurang:
        raise ValidationError({"berkas": "Baris judul CSV harus: " + ",".join(KOLOM_CSV)
                                         + f". Kolom yang tidak ada: {', '.join(kurang)}."})
    baris = []
    try:
        for r in pembaca:
            if not any(v.strip() for v in r):
                continue
            baris.append((pembaca.line_num, {k: (r[i].strip() if i < len(r) else "") for i, k in enumerate(kepala)}))
    except csv.Error as exc:
        raise ValidationError({"berkas": f"CSV rusak di baris {pembaca.line_num}: {exc}."}) from None
    if not baris:
        raise ValidationError({"berkas": "Berkas CSV tidak berisi baris data di bawah baris judul."})
    return kepala, baris


def impor_csv(*, pengguna, kode_kabupaten: str, berkas) -> dict:
    """Import a regency's classification codes from CSV (header
    `kode,nama,retensi_aktif,retensi_inaktif,tindakan_akhir,keterangan`, separated by ; or ,,
    UTF-8 with or without BOM, at most 2 MB). All or nothing: when any row is bad, nothing is
    written and every problem is returned as {"baris", "kolom", "pesan"}; otherwise codes are
    upserted by (kabupaten, kode) and linked to their parents by prefix.

    Returns {"galat": [...], "baru": n, "diubah": n, "tetap": n, "total": n}. A problem with the
    file itself (size, encoding, header) is a ValidationError on "berkas"; a user who is not
    the regency's admin gets PermissionDenied."""
    _periksa_hak(pengguna, kode_kabupaten)
    _kepala, baris = _baris_csv(_baca_berkas(berkas))
    galat: list[dict] = []
    bersih: dict[str, dict] = {}
    baris_kode: dict[str, int] = {}
    for no, r in baris:
        nilai, salah = _periksa_isian(kode=r.get("kode"), nama=r.get("nama"), retensi_aktif=r.get("retensi_aktif"),
                                      retensi_inaktif=r.get("retensi_inaktif"), tindakan_akhir=r.get("tindakan_akhir"),
                                      keterangan=r.get("keterangan", ""))
        for kolom, pesan in salah.items():
            galat.append({"baris": no, "kolom": kolom, "pesan": pesan})
        kode = nilai["kode"]
        if "kode" in salah:
            continue
        if kode in baris_kode:
            galat.append({"baris": no, "kolom": "kode",
                          "pesan": f"Kode {kode} ganda: sudah ada di baris {baris_kode[kode]} berkas ini."})
            continue
        baris_kode[kode] = no
        if not salah:
            bersih[kode] = nilai
    ada = {k.kode: k for k in KlasifikasiArsip.objects.filter(owner_id=kode_kabupaten)}
    for kode, no in baris_kode.items():
        induk = kode_induk(kode)
        if induk and induk not in baris_kode and induk not in ada:
            galat.append({"baris": no, "kolom": "kode",
                          "pesan": f"Kode induk {induk} tidak ada di berkas maupun di data kabupaten; tambahkan baris "
                                   f"{induk} lebih dulu."})
    galat.sort(key=lambda g: (g["baris"], KOLOM_CSV.index(g["kolom"]) if g["kolom"] in KOLOM_CSV else 99))
    hasil = {"galat": galat, "baru": 0, "diubah": 0, "tetap": 0, "total": len(baris)}
    if galat:
        return hasil
    with transaction.atomic():
        journal.begin()
        ada = {k.kode: k for k in KlasifikasiArsip.objects.select_for_update().filter(owner_id=kode_kabupaten)}
        baru, diubah = [], []
        for kode in sorted(bersih, key=lambda c: (c.count("."), c)):
            nilai = dict(bersih[kode])
            nilai.pop("kode")
            induk = ada.get(kode_induk(kode)) if kode_induk(kode) else None
            nilai["induk_id"] = induk.pk if induk else None
            nilai["aktif"] = True
            k = ada.get(kode)
            if k is None:
                k = KlasifikasiArsip(owner_id=kode_kabupaten, kode=kode, **nilai)
                ada[kode] = k
                baru.append(k)
            elif any(getattr(k, f) != v for f, v in nilai.items()):
                for f, v in nilai.items():
                    setattr(k, f, v)
                diubah.append(k)
            else:
                hasil["tetap"] += 1
        if baru:
            KlasifikasiArsip.objects.bulk_create(baru, batch_size=500)
        if diubah:
            KlasifikasiArsip.objects.bulk_update(diubah, ["nama", "retensi_aktif", "retensi_inaktif", "tindakan_akhir",
                                                          "keterangan", "induk", "aktif"], batch_size=500)
    hasil.update(baru=len(baru), diubah=len(diubah))
    return hasil
