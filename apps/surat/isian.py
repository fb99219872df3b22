"""The fields an operator or a resident fills in for a letter (isian): what a spec may say,
and cleaning the values typed against it.

A spec is a list of dicts: {"kode": "keperluan", "label": "Keperluan", "jenis": "teks",
"wajib": true, "pilihan": [...]}. `jenis` is one of JENIS below. Values are kept as JSON
(a date as "YYYY-MM-DD", a number as an int) so the letter's frozen data stays portable and
the printed text is made from it by `tampil_nilai`."""
from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

JENIS = {
    "teks": "Teks pendek",
    "paragraf": "Paragraf",
    "tanggal": "Tanggal",
    "angka": "Angka",
    "pilihan": "Pilihan",
}
KODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
PANJANG = {"teks": 200, "paragraf": 2000, "pilihan": 200}
_ANGKA = re.compile(r"^-?\d{1,3}(\.\d{3})+$|^-?\d{1,15}$")
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def periksa_spesifikasi(spesifikasi) -> list[dict]:
    """A spec as stored, normalised (wajib a bool, pilihan a list of text); a bad entry is a
    ValidationError naming its line and why, so the template editor can say what to fix."""
    if not isinstance(spesifikasi, list):
        raise ValidationError({"isian": "Isian harus berupa daftar kolom."})
    hasil, galat, dipakai = [], [], set()
    for i, f in enumerate(spesifikasi, start=1):
        if not isinstance(f, dict):
            galat.append(f"Baris {i}: bukan kolom isian.")
            continue
        kode = str(f.get("kode", "")).strip()
        label = str(f.get("label", "")).strip()
        jenis = str(f.get("jenis", "teks")).strip() or "teks"
        pilihan = [str(p).strip() for p in (f.get("pilihan") or []) if str(p).strip()]
        if not KODE.match(kode):
            galat.append(f"Baris {i}: kode \"{kode}\" harus huruf kecil, angka atau garis bawah, diawali huruf.")
        elif kode in dipakai:
            galat.append(f"Baris {i}: kode \"{kode}\" dipakai dua kali.")
        if not label:
            galat.append(f"Baris {i}: label wajib diisi.")
        if jenis not in JENIS:
            galat.append(f"Baris {i}: jenis \"{jenis}\" tidak dikenal; pilih salah satu: {', '.join(JENIS)}.")
        elif jenis == "pilihan" and not pilihan:
            galat.append(f"Baris {i}: jenis pilihan memerlukan daftar pilihan.")
        dipakai.add(kode)
        item = {"kode": kode, "label": label[:120], "jenis": jenis, "wajib": bool(f.get("wajib", False))}
        if jenis == "pilihan":
            item["pilihan"] = pilihan
        hasil.append(item)
    if galat:
        raise ValidationError({"isian": galat})
    return hasil


def _tanggal(teks: str) -> str:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(teks, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError


def _satu(f: dict, mentah) -> object:
    """One value cleaned for its field; ValueError carries the Indonesian reason."""
    jenis = f.get("jenis", "teks")
    teks = _KONTROL.sub("", "" if mentah is None else str(mentah)).strip()
    if jenis != "paragraf":
        teks = " ".join(teks.split())
    if jenis == "tanggal":
        try:
            return _tanggal(teks)
        except ValueError:
            raise ValueError("tanggal tidak valid; tulis seperti 17-08-2026.") from None
    if jenis == "angka":
        if not _ANGKA.match(teks):
            raise ValueError("harus berupa angka bulat, mis. 1500000 atau 1.500.000.")
        return int(teks.replace(".", ""))
    if jenis == "pilihan" and teks not in f.get("pilihan", []):
        raise ValueError(f"pilih salah satu: {', '.join(f.get('pilihan', []))}.")
    batas = PANJANG.get(jenis, 200)
    if len(teks) > batas:
        raise ValueError(f"terlalu panjang ({len(teks)} huruf; paling banyak {batas}).")
    return teks


def bersihkan_isian(spesifikasi: list[dict], data: dict) -> dict:
    """The values of `data` for the fields of `spesifikasi`, cleaned; keys outside the spec are
    dropped (a tampered form cannot slip extra text into the letter). Every problem at once, as
    a ValidationError keyed by field code: "Keperluan wajib diisi.", "Tanggal lahir: ..."."""
    data = data or {}
    hasil, galat = {}, {}
    for f in spesifikasi or []:
        kode, label = f["kode"], f.get("label") or f["kode"]
        mentah = data.get(kode)
        if mentah is None or str(mentah).strip() == "":
            if f.get("wajib"):
                galat[kode] = f"{label} wajib diisi."
            continue
        try:
            hasil[kode] = _satu(f, mentah)
        except ValueError as exc:
            galat[kode] = f"{label}: {exc}"
    if galat:
        raise ValidationError(galat)
    return hasil


def tampil_nilai(f: dict, nilai) -> str:
    """How a cleaned value is printed: a date as "17 Agustus 2026", a number as "1.500.000"."""
    if nilai is None or nilai == "":
        return ""
    jenis = f.get("jenis", "teks")
    if jenis == "tanggal":
        try:
            return date_format(datetime.date.fromisoformat(str(nilai)), "j F Y")
        except ValueError:
            return str(nilai)
    if jenis == "angka" and isinstance(nilai, int):
        return f"{nilai:,}".replace(",", ".")
    return str(nilai)


def spesifikasi_gabungan(jenis, template) -> list[dict]:
    """The fields a letter asks for: the letter type's, then any extra fields the template adds
    (a village may ask for more than the regency default, never for less)."""
    kode = {f["kode"] for f in jenis.isian or []}
    return list(jenis.isian or []) + [f for f in (template.isian if template else []) or [] if f["kode"] not in kode]
